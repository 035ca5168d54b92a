"""The same quote in several outlets: who printed it first and how each cut it.

As MemeTracker (Leskovec, Backstrom and Kleinberg 2009) did for phrases: the direct
quotes of the corpus are linked when one is the same words as another or a shortened
version of it, and linked quotes form one quote's family, whose longest version is
its root. The linking is the syndication stage's own copy detection
(:func:`corpus_tools.find_duplicates`) run on the quotes instead of the articles:
word shingles and winnowing fingerprints find the candidates, and a quote is a
version of another when at least ``containment`` of its words lie in word pairs of
the other (so "we will never accept this" is a cut of "we will never, ever accept
this decision").
"""
from __future__ import annotations

import difflib
import hashlib
import re

import pandas as pd

__all__ = ["track_quotes", "QUOTE_PATH_COLUMNS"]

#: Columns of the table ``track_quotes`` returns.
QUOTE_PATH_COLUMNS = ["quote_id", "doc_id", "outlet", "published", "speaker", "speaker_id",
                      "quote", "n_words", "version", "cut", "words_cut", "rank",
                      "hours_after_first", "first", "n_articles", "n_outlets", "root"]
_WORD = re.compile(r"[0-9a-z\u00c0-\u024f]+(?:'[a-z]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class _Groups:
    """Union-find over quote numbers."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _how_cut(root: list[str], version: list[str]) -> tuple[str, str]:
    """Where ``version`` differs from ``root`` ("start", "end", "middle", "words
    changed") and the words of the root it left out."""
    if version == root:
        return "", ""
    matcher = difflib.SequenceMatcher(a=root, b=version, autojunk=False)
    places, removed = [], []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op in {"delete", "replace"}:
            removed.append(" ".join(root[a0:a1]))
        if op == "replace" or op == "insert":
            places.append("words changed")
        elif a0 == 0:
            places.append("start")
        elif a1 == len(root):
            places.append("end")
        else:
            places.append("middle")
    return ", ".join(dict.fromkeys(places)), " | ".join(removed)


def _quoted_segments(corpus: pd.DataFrame, attributions: pd.DataFrame, min_words: int) -> pd.DataFrame:
    """The words inside quotation marks of every attribution, one row per quotation:
    a content made of two quotes around its cue gives two rows."""
    from .text import quotations

    quoted = attributions[attributions["quote"].str.contains(r"\w", regex=True)]
    bodies = corpus.drop_duplicates("doc_id").set_index("doc_id")["body"]
    # Plain lists, one article at a time in order of first appearance: pandas' groupby
    # and itertuples cost about 2 ms an article here (6 of 8 s on 3,800 articles).
    columns = [quoted[c].tolist() for c in ("doc_id", "quote_start", "quote_end", "speaker",
                                             "speaker_id")]
    by_article: dict[str, list[int]] = {}
    for i, doc_id in enumerate(columns[0]):
        by_article.setdefault(doc_id, []).append(i)
    doc_ids, starts, ends, speakers, speaker_ids = columns
    rows = []
    for doc_id, members in by_article.items():
        body = bodies.get(doc_id)
        if not isinstance(body, str):
            continue
        spans = quotations(body)
        for i in members:
            for quote in spans:
                if quote.start >= ends[i] or quote.end <= starts[i]:
                    continue
                text = body[quote.start:quote.end].strip(" ,.;:")
                if len(_words(text)) >= min_words:
                    rows.append((doc_id, speakers[i], speaker_ids[i], text))
    return pd.DataFrame(rows, columns=["doc_id", "speaker", "speaker_id", "quote"]).drop_duplicates(
        ["doc_id", "quote"]).reset_index(drop=True)


def track_quotes(corpus: pd.DataFrame, attributions: pd.DataFrame | None = None, *,
                 min_words: int = 8, containment: float = 0.8,
                 min_outlets: int = 2) -> pd.DataFrame:
    """Direct quotes printed by several outlets, each version with its date and its cuts.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table (``doc_id``, ``outlet``, ``published`` and ``body`` are read).
    attributions : pandas.DataFrame, optional
        The output of :func:`corpus_tools.attributions` for this table (computed when
        not given).
    min_words : int
        Shorter quotes are not tracked ("we will see" is everyone's).
    containment : float
        Share of a quote's words, inside word pairs of a longer quote, at or above which
        it is a version of that quote (as in :func:`corpus_tools.find_duplicates`).
    min_outlets : int
        Quote families printed by fewer outlets are left out.

    Returns
    -------
    pandas.DataFrame
        One row per article printing a version of a tracked quote, grouped by
        ``quote_id`` (a hash of the root's words) and ordered by date:
        ``doc_id``, ``outlet``, ``published``, ``speaker``, ``speaker_id``, ``quote``
        (as printed), ``n_words``, ``version`` ("full": the root's words; "shortened":
        contained in the root; "edited": other changed words), ``cut`` (where words
        were left out: "start", "end", "middle", "words changed"), ``words_cut`` (the
        root's words this version left out, " | " between places), ``rank`` (1 for the
        first to print it; missing when undated), ``hours_after_first``, ``first``,
        ``n_articles``, ``n_outlets`` and ``root`` (the longest version).

    Examples
    --------
    >>> quotes = track_quotes(corpus)  # doctest: +SKIP
    >>> quotes[quotes["first"]][["quote_id", "outlet", "speaker", "quote"]]  # doctest: +SKIP
    """
    from ..syndication import find_duplicates

    if not 0 < containment <= 1:
        raise ValueError(f"containment must be in (0, 1]; got {containment}.")
    missing = [c for c in ("doc_id", "outlet", "body") if c not in corpus]
    if missing:
        raise KeyError(f"track_quotes needs the article table's columns doc_id, outlet and "
                       f"body; missing {missing}.")
    if attributions is None:
        from .extract import attributions as find_attributions

        attributions = find_attributions(corpus)
    quotes = _quoted_segments(corpus, attributions, min_words)
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_PATH_COLUMNS)
    table = pd.DataFrame({"doc_id": [f"q{i}" for i in range(len(quotes))],
                          "body": quotes["quote"].to_numpy(), "standfirst": "", "kind": "article"})
    pairs = find_duplicates(table, containment=containment, progress=False)
    groups = _Groups(len(quotes))
    article = quotes["doc_id"].to_numpy()
    lengths = quotes["quote"].map(lambda q: len(_words(q))).to_numpy()
    parent: dict[int, int] = {}
    for a, b, relation in zip(pairs["doc_id_a"], pairs["doc_id_b"], pairs["relation"]):
        i, j = int(a[1:]), int(b[1:])
        if article[i] == article[j]:
            continue
        if relation == "abridged":
            # A cut version joins one family only, its longest source's: a short quote
            # inside two different long ones must not merge them (as in MemeTracker).
            if i not in parent or (lengths[j], -j) > (lengths[parent[i]], -parent[i]):
                parent[i] = j
        else:
            groups.union(i, j)
    for i, j in parent.items():
        groups.union(i, j)
    quotes["family"] = [groups.find(i) for i in range(len(quotes))]
    meta = corpus.drop_duplicates("doc_id").set_index("doc_id")
    quotes["outlet"] = quotes["doc_id"].map(meta["outlet"])
    published = meta["published"] if "published" in meta else pd.Series(pd.NaT, index=meta.index)
    quotes["published"] = quotes["doc_id"].map(published)
    # One version per article and family: the longest it printed.
    quotes["n_words"] = quotes["quote"].map(lambda q: len(_words(q)))
    quotes = (quotes.sort_values(["family", "doc_id", "n_words"], ascending=[True, True, False])
              .drop_duplicates(["family", "doc_id"]))
    sizes = quotes.groupby("family")["outlet"].agg(["nunique", "size"])
    keep = sizes.index[sizes["nunique"] >= min_outlets]
    quotes = quotes[quotes["family"].isin(keep)]
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_PATH_COLUMNS)
    return _describe(quotes, sizes)


def _describe(quotes: pd.DataFrame, sizes: pd.DataFrame) -> pd.DataFrame:
    """Each family's versions: root, cuts, rank and lag, one family after another.

    Computed on the whole table at once (sorts and group-wise transforms) rather than
    one small frame a family: the same rows, in a fifth of the time."""
    # Within a family: the root (longest, then earliest, then by doc_id) first.
    members = quotes.sort_values(["family", "n_words", "published", "doc_id"],
                                 ascending=[True, False, True, True], na_position="last")
    family = members.groupby("family", sort=False)
    root_text = family["quote"].transform("first")
    roots = {text: _words(text) for text in root_text.unique()}
    cuts, versions = [], []
    for quote, text in zip(members["quote"].tolist(), root_text.tolist()):
        root, words = roots[text], _words(quote)
        cut = _how_cut(root, words)
        inside = set(words) <= set(root)
        cuts.append(cut)
        versions.append("full" if not cut[0] else "shortened"
                        if inside and "words changed" not in cut[0] else "edited")
    first_date = family["published"].transform("min")
    out = members.assign(
        quote_id=root_text.map({t: hashlib.sha1(" ".join(w).encode()).hexdigest()[:12]
                                for t, w in roots.items()}),
        version=versions, cut=[c[0] for c in cuts], words_cut=[c[1] for c in cuts],
        root=root_text, n_articles=family["doc_id"].transform("size"),
        n_outlets=family["outlet"].transform("nunique"),
        rank=family["published"].rank(method="min").astype("Int64"),
        hours_after_first=(members["published"] - first_date) / pd.Timedelta(hours=1))
    out["first"] = (out["rank"] == 1).fillna(False).astype(bool)
    # Families in turn, each in order of publication.
    result = out.sort_values(["family", "published", "doc_id"], na_position="last").reset_index(drop=True)
    order = result.groupby("quote_id")["n_outlets"].transform("max")
    result = result.assign(_order=order).sort_values(["_order", "quote_id"], ascending=[False, True],
                                                     kind="stable")
    return result[QUOTE_PATH_COLUMNS].reset_index(drop=True)
