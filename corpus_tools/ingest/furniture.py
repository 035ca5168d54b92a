"""Export furniture learned from repetition: what one outlet repeats in every record.

Database exports wrap each article in the database's and the publisher's furniture:
"Copyright 2019 The Financial Times Limited. All rights reserved.", "Please don't copy
and paste FT articles ...", section and edition lines, a paper's standard notice. No
list of such strings can be complete, and every outlet has its own; what they share is
that they *repeat*: the same line, or the same leading or trailing sentence, in many
records of one outlet, around text that differs from record to record.

So, per outlet, a unit (a paragraph, the first sentence of the first paragraph or one
of the last sentences of the last paragraph) found in at least :data:`MIN_RECORDS`
records is furniture, unless those records are copies of one story (updated versions
of a wire story share most paragraphs; furniture sits around text that differs): the
other paragraphs of the records holding it must be mostly their own. Furniture is
moved out of ``body`` into ``credit`` (joined with " | "), never dropped.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

#: A unit repeated in this many records of one outlet is furniture (the count at which
#: bench/layouts.py calls a line left in a body furniture).
MIN_RECORDS = 5
# Of the other paragraphs of the records that hold a repeated unit, at least this
# share must occur in only one of them: the records are different stories.
_MIN_OWN_SHARE = 0.5
_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(])")
_MAX_EDGE_SENTENCES = 3


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def _units(body: str) -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, leading sentences and trailing sentences of one body."""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if not paragraphs:
        return [], [], []
    first, last = _sentences(paragraphs[0]), _sentences(paragraphs[-1])
    leading = [" ".join(first[: i + 1]) for i in range(min(_MAX_EDGE_SENTENCES, len(first) - 1))]
    trailing = [" ".join(last[-i - 1:]) for i in range(min(_MAX_EDGE_SENTENCES, len(last) - 1))]
    return paragraphs, leading, trailing


def learn_furniture(bodies: list[str], min_records: int = MIN_RECORDS) -> set[str]:
    """The furniture units (lower-cased, spaces collapsed) of one outlet's bodies.

    Parameters
    ----------
    bodies : list of str
        The bodies of one outlet's records.
    min_records : int
        Records a unit must appear in.

    Returns
    -------
    set of str

    Examples
    --------
    >>> bodies = [f"Story {i} is about topic {i}.\\nCopyright 2019 Daily Planet. All rights reserved."
    ...           for i in range(6)]
    >>> sorted(learn_furniture(bodies))
    ['all rights reserved.', 'copyright 2019 daily planet. all rights reserved.']
    """
    if len(bodies) < min_records:
        return set()
    holders: dict[str, set[int]] = defaultdict(set)
    paragraphs_of: list[list[str]] = []
    for index, body in enumerate(bodies):
        paragraphs, leading, trailing = _units(body)
        keys = [_key(p) for p in paragraphs]
        paragraphs_of.append(keys)
        for unit in set(keys) | {_key(u) for u in leading + trailing}:
            holders[unit].add(index)
    candidates = {u for u, records in holders.items() if len(records) >= min_records and u}
    if not candidates:
        return set()
    counts = Counter(p for keys in paragraphs_of for p in set(keys))
    furniture = set()
    for unit in candidates:
        records = holders[unit]
        others = [p for r in records for p in set(paragraphs_of[r])
                  if p not in candidates and not _contains_candidate(p, candidates)]
        if not others:
            furniture.add(unit)  # nothing else in them: the records are all furniture
            continue
        local = Counter(others)
        own = sum(1 for p in others if local[p] == 1 or counts[p] == 1)
        if own / len(others) >= _MIN_OWN_SHARE:
            furniture.add(unit)
    return furniture


def _contains_candidate(paragraph: str, candidates: set[str]) -> bool:
    # A first or last paragraph that holds a repeated sentence is not "shared text".
    return any(paragraph.startswith(c) or paragraph.endswith(c) for c in candidates if len(c) < len(paragraph))


def strip_furniture(body: str, furniture: set[str]) -> tuple[str, list[str]]:
    """``body`` without its furniture units, and the units taken out (as written)."""
    if not furniture or not body:
        return body, []
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    removed: list[str] = []
    kept = []
    for paragraph in paragraphs:
        if _key(paragraph) in furniture:
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    if kept:
        kept[0] = _strip_edge(kept[0], furniture, removed, leading=True)
    if kept:
        kept[-1] = _strip_edge(kept[-1], furniture, removed, leading=False)
    return "\n".join(p for p in kept if p), removed


def _strip_edge(paragraph: str, furniture: set[str], removed: list[str], leading: bool) -> str:
    sentences = _sentences(paragraph)
    for n in range(min(_MAX_EDGE_SENTENCES, len(sentences) - 1), 0, -1):
        part = sentences[:n] if leading else sentences[-n:]
        if _key(" ".join(part)) in furniture:
            removed.append(" ".join(part))
            rest = sentences[n:] if leading else sentences[:-n]
            return " ".join(rest)
    return paragraph


def remove_furniture(rows: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Move each outlet's furniture out of ``body`` into ``credit``.

    Parameters
    ----------
    rows : pandas.DataFrame
        Article rows with ``body`` (and ``credit``, ``by`` when present).
    by : str
        The column whose groups are learned apart (an outlet's own notices).

    Returns
    -------
    pandas.DataFrame
        A copy with furniture moved; the same rows when there is none.
    """
    if "body" not in rows or len(rows) < MIN_RECORDS:
        return rows
    groups = rows[by].astype("string").fillna("") if by in rows else pd.Series("", index=rows.index)
    out = None
    for _, index in groups.groupby(groups, sort=False).groups.items():
        bodies = rows.loc[index, "body"].astype("string").fillna("").tolist()
        furniture = learn_furniture(bodies)
        if not furniture:
            continue
        if out is None:
            out = rows.copy()
            if "credit" not in out:
                out["credit"] = ""
            out["credit"] = out["credit"].astype("string").fillna("")
        for row, body in zip(index, bodies):
            stripped, removed = strip_furniture(body, furniture)
            if removed:
                out.at[row, "body"] = stripped
                old = out.at[row, "credit"]
                out.at[row, "credit"] = " | ".join(([old] if old else []) + removed)
    return rows if out is None else out
