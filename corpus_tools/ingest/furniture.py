"""Export furniture learned from repetition: what one outlet repeats in every record.

Database exports wrap each article in the database's and the publisher's furniture:
"Copyright 2019 The Financial Times Limited. All rights reserved.", "Please don't copy
and paste FT articles ...", section and edition lines, a paper's standard notice. No
list of such strings can be complete, and every outlet has its own; what they share is
that they *repeat*: the same line, or the same leading or trailing sentence, in many
records of one outlet, around text that differs from record to record.

So, per outlet, a unit (a paragraph, the first sentences of the first paragraph or the
last sentences of the last paragraph) found in at least :data:`MIN_RECORDS` records is
furniture: always when it is short (a label, "All Rights Reserved"), and when it is
longer only if repeated text is a small part of the records holding it (updated
versions of a wire story share most of their paragraphs: that is text; a notice sits
around text that differs). Furniture is moved out of ``body`` into ``credit`` (joined
with " | "), never dropped.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

#: A unit repeated in this many records of one outlet is furniture (the count at which
#: bench/layouts.py calls a line left in a body furniture).
MIN_RECORDS = 5
# A repeated unit of fewer words is furniture wherever it repeats; a longer one only
# where repeated text is at most this share of the records that hold it (median).
_SHORT_WORDS = 8
_MAX_REPEATED_SHARE = 0.5
_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(])")
_MAX_EDGE_SENTENCES = 3
_EDGE_CHARS = 1000


def _key(text: str) -> str:
    # Bodies are normalised already (single spaces): lower-casing is enough, and this
    # runs for every paragraph of every record.
    return text.strip().lower()


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def _units(body: str) -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, leading sentences and trailing sentences of one body."""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if not paragraphs:
        return [], [], []
    # Edge sentences are short: only the ends of long paragraphs need splitting.
    first = _sentences(paragraphs[0][:_EDGE_CHARS])[:-1] or [paragraphs[0]] if len(paragraphs[0]) > _EDGE_CHARS \
        else _sentences(paragraphs[0])
    last = _sentences(paragraphs[-1][-_EDGE_CHARS:])[1:] or [paragraphs[-1]] if len(paragraphs[-1]) > _EDGE_CHARS \
        else _sentences(paragraphs[-1])
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
    furniture = set()
    shares_of: dict[int, float] = {}  # a record's repeated share does not depend on the unit
    for unit in candidates:
        if len(unit.split()) < _SHORT_WORDS:
            furniture.add(unit)  # a label or notice: "All Rights Reserved", "Blah blah blah."
            continue
        # A long repeated unit is furniture only where it is a small part of the records
        # holding it; where it is most of them, they are versions of one story.
        for r in holders[unit]:
            if r not in shares_of:
                shares_of[r] = _repeated_share(paragraphs_of[r], candidates)
        shares = sorted(shares_of[r] for r in holders[unit])
        if shares[len(shares) // 2] <= _MAX_REPEATED_SHARE:
            furniture.add(unit)
    return furniture


def _repeated_share(paragraphs: list[str], candidates: set[str]) -> float:
    """Share of a record's words in repeated units (whole paragraphs or edge sentences)."""
    total = sum(len(p.split()) for p in paragraphs) or 1
    repeated = 0
    last = len(paragraphs) - 1
    for i, p in enumerate(paragraphs):
        if p in candidates:
            repeated += len(p.split())
        elif 0 < i < last:
            continue  # edge sentences are units of the first and last paragraphs only
        else:
            repeated += max((len(c.split()) for c in candidates
                             if len(c) < len(p) and (p.startswith(c) or p.endswith(c))), default=0)
    return repeated / total


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
    units = tuple(furniture)
    if kept and _key(kept[0]).startswith(units):  # str.startswith(tuple): one C call
        kept[0] = _strip_edge(kept[0], furniture, removed, leading=True)
    if kept and _key(kept[-1]).endswith(units):
        kept[-1] = _strip_edge(kept[-1], furniture, removed, leading=False)
    if not removed:
        return body, []
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
    bodies = rows["body"].astype("string").fillna("").tolist()
    credits = (rows["credit"].astype("string").fillna("").tolist() if "credit" in rows
               else [""] * len(rows))
    changed = False
    # Positions, and whole columns assigned at the end: setting Arrow-backed cells one at
    # a time copies the column each time (21 s for 6,000 AllSides rows, measured).
    for positions in groups.reset_index(drop=True).groupby(groups.to_numpy(), sort=False).groups.values():
        furniture = learn_furniture([bodies[i] for i in positions])
        if not furniture:
            continue
        for i in positions:
            stripped, removed = strip_furniture(bodies[i], furniture)
            if removed:
                bodies[i] = stripped
                credits[i] = " | ".join(([credits[i]] if credits[i] else []) + removed)
                changed = True
    if not changed:
        return rows
    out = rows.copy()
    out["body"] = pd.array(bodies, dtype="string")
    out["credit"] = pd.array(credits, dtype="string")
    return out
