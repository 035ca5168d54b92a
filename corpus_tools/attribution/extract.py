"""``attributions``: one row per attribution of every article of the table."""
from __future__ import annotations

import re
import unicodedata
import warnings

import pandas as pd
from tqdm.auto import tqdm

from .resolve import resolve_speakers
from .rules import find_candidates
from .text import quotations, sentences

__all__ = ["attributions", "text_attributions", "ATTRIBUTION_COLUMNS", "SPEAKER_TYPES"]

#: Columns of the table ``attributions`` returns, in order.
ATTRIBUTION_COLUMNS = ["doc_id", "speaker_text", "speaker", "speaker_id", "speaker_type", "cue",
                       "quote", "direct", "speaker_start", "speaker_end", "cue_start", "cue_end",
                       "quote_start", "quote_end"]
SPEAKER_TYPES = ("person", "organisation", "anonymous", "document")


def text_attributions(text: str, context: str = "") -> list[dict]:
    """The attributions of one text, as dicts with the columns of ``attributions``
    (without ``doc_id`` and ``speaker_id``). ``context`` (title, standfirst) lends
    full names to names the text gives short ("Xi" -> "Xi Jinping").

    Examples
    --------
    >>> rows = text_attributions('"It is a first step," Chief James Craig said. He said more would follow.')
    >>> [(r["speaker_text"], r["speaker"], r["cue"], r["quote"], r["direct"]) for r in rows]
    [('Chief James Craig', 'James Craig', 'said', 'It is a first step', True), ('He', 'James Craig', 'said', 'more would follow', False)]
    """
    text = str(text or "")
    if not text.strip():
        return []
    quotes = quotations(text)
    spans = sentences(text, quotes)
    candidates = find_candidates(text, spans, quotes)
    if not candidates:
        return []
    speakers = resolve_speakers(text, [(c.speaker_start, c.speaker_end) for c in candidates],
                                [s.start for s in spans], quotes, context)
    rows = []
    for candidate, speaker in zip(candidates, speakers):
        quote = text[candidate.quote_start:candidate.quote_end]
        rows.append({
            "speaker_text": text[candidate.speaker_start:candidate.speaker_end],
            "speaker": speaker.name, "speaker_type": speaker.kind, "cue": candidate.cue,
            "quote": quote, "direct": _is_direct(candidate, quotes),
            "speaker_start": candidate.speaker_start, "speaker_end": candidate.speaker_end,
            "cue_start": candidate.cue_start, "cue_end": candidate.cue_end,
            "quote_start": candidate.quote_start, "quote_end": candidate.quote_end,
        })
    return rows


def _is_direct(candidate, quotes) -> bool:
    """Is the content quoted words only (one quote, or a quote split around its cue)?"""
    covered = [q for q in quotes if q.end > candidate.quote_start and q.start < candidate.quote_end]
    if not covered:
        return False
    first, last = covered[0], covered[-1]
    return first.start <= candidate.quote_start + 1 and last.end >= candidate.quote_end - 1


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9 ]+", " ", ascii_name.lower().replace("'s ", " ")).split()
    words = [w for w in words if w not in {"the", "mr", "mrs", "ms", "dr", "jr", "sr"}]
    return "-".join(words)


def speaker_ids(table: pd.DataFrame) -> pd.Series:
    """One id per person or organisation across the corpus.

    Within an article ``speaker`` already holds the fullest name the article gives. Across
    articles, a one-word name ("Lavrov", "Trump") takes the id of the full name that ends
    (for people) or starts (for organisations) with it, when one full name accounts for
    at least 80% of the corpus's full names with that word; and spellings that differ
    only by accents, case, "the" or an honorific share an id ("sergei-lavrov").
    """
    names = table["speaker"].fillna("")
    slugs = names.map(_slug)
    full = table[(names.str.contains(" ")) & table["speaker_type"].isin(["person", "organisation"])]
    counts = pd.DataFrame({"slug": slugs[full.index], "type": full["speaker_type"]}).value_counts()
    by_word: dict[tuple[str, str], pd.Series] = {}
    for (slug, kind), count in counts.items():
        parts = slug.split("-")
        key = parts[-1] if kind == "person" else parts[0]
        by_word.setdefault((key, kind), {})[slug] = count
    chosen = {}
    for key, options in by_word.items():
        best = max(options, key=lambda s: (options[s], s))
        if options[best] >= 0.8 * sum(options.values()):
            chosen[key] = best
    ids = []
    for slug, kind in zip(slugs, table["speaker_type"]):
        if slug and "-" not in slug and (slug, kind) in chosen:
            slug = chosen[(slug, kind)]
        ids.append(slug)
    return pd.Series(ids, index=table.index, dtype="string")


def attributions(corpus: pd.DataFrame, *, progress: bool = False) -> pd.DataFrame:
    """Who is quoted in each article: one row per attribution (speaker, cue, content).

    Rules over quotation marks and sentences, a lexicon of reporting verbs ("said",
    "told", "according to", "warned", "acknowledged" ...), and name handling: titles
    are cut from names, pronouns and descriptions ("he", "the spokesman", "the
    ministry") are resolved to the nearest compatible named speaker of the article.
    Measured on a hand-annotated gold (``bench/sources.py``; see docs/sources.md).

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table (``doc_id`` and ``body`` are read; teaser rows are skipped).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per attribution, in table and reading order:

        * ``doc_id``;
        * ``speaker_text``: the source as written ("he", "the spokesman", "Lavrov");
        * ``speaker``: the named person or organisation it refers to ("" when the text
          never names it);
        * ``speaker_id``: the same person or organisation across the corpus
          ("sergei-lavrov" for "Sergei Lavrov" and "Lavrov"; "" when unnamed);
        * ``speaker_type``: "person", "organisation", "anonymous" (a source the text
          does not identify: "a senior official", "sources familiar with") or
          "document" ("a statement", "court documents");
        * ``cue``: the reporting word as written ("said", "according to", "warned");
        * ``quote``: what was said, without quotation marks;
        * ``direct``: True when ``quote`` is quoted words only;
        * ``speaker_start``, ``speaker_end``, ``cue_start``, ``cue_end``,
          ``quote_start``, ``quote_end``: character offsets into ``body``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"doc_id": ["a", "b", "c"], "body": [
    ...     'Russian Foreign Minister Sergei Lavrov said talks went well. "We agreed," he said.',
    ...     "The talks were useful, Lavrov told reporters.", "Rain fell in Paris."]})
    >>> attributions(table)[["doc_id", "speaker_text", "speaker_id", "direct"]].values.tolist()
    [['a', 'Russian Foreign Minister Sergei Lavrov', 'sergei-lavrov', False], ['a', 'he', 'sergei-lavrov', True], ['b', 'Lavrov', 'sergei-lavrov', False]]
    """
    missing = [c for c in ("doc_id", "body") if c not in corpus]
    if missing:
        raise KeyError(f"attributions needs the article table's columns doc_id and body; "
                       f"missing {missing}. Build the table with corpus_tools.load_corpus().")
    rows = corpus
    if "kind" in rows:
        rows = rows[rows["kind"].fillna("article") != "teaser"]
    records = []
    titles = rows["title"].fillna("").astype(str) if "title" in rows else pd.Series("", index=rows.index)
    for doc_id, body, title in tqdm(zip(rows["doc_id"], rows["body"], titles), total=len(rows),
                                    desc="Attributions", unit="article", disable=not progress):
        for record in text_attributions(body if isinstance(body, str) else "", title):
            record["doc_id"] = doc_id
            records.append(record)
    table = pd.DataFrame.from_records(records, columns=[c for c in ATTRIBUTION_COLUMNS if c != "speaker_id"])
    table.insert(3, "speaker_id", speaker_ids(table) if len(table) else pd.Series(dtype="string"))
    table = table.astype({"doc_id": "string", "speaker_text": "string", "speaker": "string",
                          "speaker_type": "string", "cue": "string", "quote": "string",
                          "direct": bool})
    if len(rows) and table.empty:
        warnings.warn(
            f"No attribution found in {len(rows):,} articles: the texts hold no reporting "
            "verb ('said', 'told', 'according to') next to a source. Check that the body "
            "column holds article text (not headlines only) in English.", stacklevel=2)
    return table[ATTRIBUTION_COLUMNS]
