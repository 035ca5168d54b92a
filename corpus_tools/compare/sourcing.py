"""Who an outlet relies on: the wire agencies it prints and the sources it quotes.

Built on :func:`corpus_tools.attributions` (speaker, cue and content of every
attribution; measured against a hand-annotated gold in ``bench/sources.py``). Counts
are articles, not attributions: an outlet that quotes one minister twenty times in
one interview quotes him in one article. Syndicated copies count once per outlet, as
in every comparison.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._common import collapse_copies
from .terms import DEFAULT_PRIOR_STRENGTH, _pairs, log_odds_z

__all__ = ["cited_sources", "sourcing", "source_profile", "distinctive_sources"]

# The pattern sourcing used before attributions; kept (public) for comparison: bench/sources.py
# scores both. A name: capitalised words, optionally joined by "of", "the", "for", "and".
_NAME = r"(?:[A-Z][\w'.\-]+|[A-Z]{2,})(?: (?:(?:of|the|for|and|de|al) )?(?:[A-Z][\w'.\-]+|[A-Z]{2,})){0,5}"
_CITATION = re.compile(
    rf"[Aa]ccording to (?:the )?(?:[a-z\-]+ )*?(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME}),? (?:said|told|says|reported|stated|announced|added)\b"
    rf"|\b(?:said|told|says) (?P<c>(?:{_NAME} )?(?:[a-z]+ ){{0,2}}{_NAME})(?=[,.])"
)
_NOT_SOURCES = {
    "He", "She", "It", "They", "We", "I", "You", "This", "That", "There", "The", "A", "An",
    "But", "And", "In", "On", "At", "As", "If", "When", "While", "Officials", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms",
    "President", "Minister",
}
_ROLES = re.compile(
    r"^.*\b(?i:President|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|Chancellor|"
    r"Premier|Governor|Senator|Sen\.|Rep\.|Ambassador|Envoy|Director|Chairman|Chairwoman|"
    r"Chief|Commissioner|Mayor|Leader|Adviser|Advisor|Prosecutor|Judge|General|Officer|"
    r"Representative|Deputy)\s+(?=[A-Z][\w'.\-]+\s+[A-Z])"
)


def cited_sources(text: str) -> list[str]:
    """Names cited in ``text`` by one regular expression ("according to X", "X said").

    The pattern ``sourcing`` used before :func:`corpus_tools.attributions`, kept for
    comparison (it finds about half the named sources an article cites; see
    docs/sources.md). Use ``attributions`` for analysis.

    Examples
    --------
    >>> cited_sources("Xi said the two should unite, according to state news agency Xinhua.")
    ['Xi', 'Xinhua']
    """
    names = []
    for m in _CITATION.finditer(text):
        name = (m.group("a") or m.group("b") or m.group("c") or "").strip(" .,")
        name = re.sub(r"^(?:The|Mr|Mrs|Ms|Dr)\.?\s+", "", _ROLES.sub("", name))
        if name and name.split()[0] not in _NOT_SOURCES:
            names.append(name)
    return names


def _attributed(corpus: pd.DataFrame, by: str, collapse: bool, attributions):
    """The rows counted (copies collapsed) and their attributions, with the group."""
    from ..attribution import attributions as find_attributions

    rows = collapse_copies(corpus, by, collapse)
    if attributions is None:
        attributions = find_attributions(rows)
    else:
        missing = [c for c in ("doc_id", "speaker", "speaker_id", "speaker_type", "direct")
                   if c not in attributions]
        if missing:
            raise KeyError(f"attributions= lacks {missing}: pass the table that "
                           "corpus_tools.attributions(corpus) returns.")
        attributions = attributions[attributions["doc_id"].isin(rows["doc_id"])]
    group = rows[by].astype("string").fillna("(none)")
    groups = pd.Series(group.to_numpy(), index=rows["doc_id"].to_numpy())
    # One row per (group, article) even where an article is counted in two groups.
    found = attributions.merge(pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(),
                                             "group": group.to_numpy()}), on="doc_id")
    return rows, groups, found


def sourcing(corpus: pd.DataFrame, by: str = "outlet", *, top: int = 15,
             collapse: bool = True, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per group, the wire agencies it credits, the speakers it quotes and their types.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table.
    by : str
        Grouping column.
    top : int
        Most-quoted speakers kept per group (agencies and speaker types are all kept).
    collapse : bool
        One vote per syndicated story per group (default), or count every copy.
    attributions : pandas.DataFrame, optional
        ``corpus_tools.attributions(corpus)``, to reuse it (computed when not given).

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``kind``, ``source``, ``articles`` (articles of the group
        crediting or quoting it), ``share`` (of the group's articles), and, for quoted
        sources, ``speaker_id``, ``attributions`` (how many times) and ``direct_share``
        (of those, the share in quoted words). ``kind`` is "agency" (the wire service
        credited; "none" for articles crediting none), "cited" (a named person or
        organisation quoted; ``source`` is its fullest name) or "speaker_type"
        (``source`` is person / organisation / anonymous / document: e.g. the share of
        the group's articles that quote an anonymous source).

    Examples
    --------
    >>> src = sourcing(corpus)  # doctest: +SKIP
    >>> src.query("kind == 'speaker_type' and source == 'anonymous'")  # doctest: +SKIP
    """
    rows, groups, found = _attributed(corpus, by, collapse, attributions)
    size = groups.value_counts()
    agency = rows["agency"].astype("string").replace("", "none").fillna("none")
    agencies = (pd.DataFrame({"group": groups.to_numpy(), "source": agency.to_numpy()})
                .value_counts().rename("articles").reset_index())
    agencies["kind"] = "agency"
    named = found[found["speaker"].fillna("") != ""]
    cited = _per_article(named, "speaker_id")
    display = _display_names(named)
    cited["source"] = cited["speaker_id"].map(display)
    cited = cited.sort_values(["group", "articles", "source"], ascending=[True, False, True])
    cited = cited.groupby("group", sort=False).head(top)
    cited["kind"] = "cited"
    types = _per_article(found, "speaker_type").rename(columns={"speaker_type": "source"})
    types["kind"] = "speaker_type"
    out = pd.concat([agencies, cited, types], ignore_index=True)
    out["share"] = out["articles"] / out["group"].map(size).astype(float)
    columns = ["group", "kind", "source", "articles", "share", "speaker_id", "attributions",
               "direct_share"]
    out = out.reindex(columns=columns)
    return (out.astype({"articles": "int64"})
            .sort_values(["group", "kind", "articles", "source"], ascending=[True, True, False, True])
            .reset_index(drop=True))


def _display_names(found: pd.DataFrame) -> pd.Series:
    """Each ``speaker_id``'s most frequent spelling (ties: the last in alphabetical order).

    From one count of (speaker, spelling) pairs: a ``value_counts`` per speaker took 2 s
    on the default corpus's 7,700 speakers, this 0.02 s."""
    spellings = found.groupby(["speaker_id", "speaker"]).size().rename("n").reset_index()
    return (spellings.sort_values(["speaker_id", "n", "speaker"], ascending=[True, False, False])
            .drop_duplicates("speaker_id").set_index("speaker_id")["speaker"])


def _per_article(found: pd.DataFrame, key: str) -> pd.DataFrame:
    """Articles, attributions and direct share per (group, key)."""
    if found.empty:
        return pd.DataFrame(columns=["group", key, "articles", "attributions", "direct_share"])
    return (found.groupby(["group", key], sort=True)
            .agg(articles=("doc_id", "nunique"), attributions=("doc_id", "size"),
                 direct_share=("direct", "mean"))
            .reset_index())


def source_profile(corpus: pd.DataFrame, by: str = "outlet", *, collapse: bool = True,
                   attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per group: how much it quotes, whom, anonymously or not, in whose words.

    Parameters
    ----------
    corpus, by, collapse, attributions
        As in :func:`sourcing`.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``articles``, ``quoting_share`` (articles with at least one
        attribution), ``attributions_per_article``, ``speakers_per_article`` (named
        speakers, distinct), ``anonymous_share`` (articles quoting an anonymous source,
        of the articles that quote), ``direct_share`` (attributions in quoted words), and
        the share of attributions per speaker type (``person``, ``organisation``,
        ``anonymous``, ``document``).
    """
    rows, groups, found = _attributed(corpus, by, collapse, attributions)
    size = groups.value_counts().rename("articles")
    per = found.groupby("group")
    quoting = per["doc_id"].nunique()
    anonymous = found[found["speaker_type"] == "anonymous"].groupby("group")["doc_id"].nunique()
    named = found[found["speaker_id"].fillna("") != ""]
    distinct = named.groupby(["group", "doc_id"])["speaker_id"].nunique().groupby("group").sum()
    types = (pd.crosstab(found["group"], found["speaker_type"], normalize="index")
             if len(found) else pd.DataFrame())
    table = pd.DataFrame({"articles": size})
    table["quoting_share"] = quoting.reindex(table.index).fillna(0) / table["articles"]
    table["attributions_per_article"] = per.size().reindex(table.index).fillna(0) / table["articles"]
    table["speakers_per_article"] = distinct.reindex(table.index).fillna(0) / table["articles"]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["anonymous_share"] = anonymous.reindex(table.index).fillna(0) / quoting.reindex(table.index)
    table["direct_share"] = per["direct"].mean()
    for kind in ("person", "organisation", "anonymous", "document"):
        table[kind] = types[kind] if kind in types else 0.0
    table.index.name = "group"
    return table.sort_values("articles", ascending=False)


def distinctive_sources(corpus: pd.DataFrame, by: str = "outlet", *, target=None, reference=None,
                        level: str = "speaker", prior_strength: float = DEFAULT_PRIOR_STRENGTH,
                        collapse: bool = True, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Speakers one group quotes more than another: log-odds z with an informative prior.

    The statistic of :func:`corpus_tools.distinctive_terms` (Monroe, Colaresi and Quinn
    2008), with articles quoting a speaker in place of term counts: the corpus's own
    speaker frequencies are the Dirichlet prior, so that a speaker quoted in two
    articles is not "the most distinctive".

    Parameters
    ----------
    corpus, by, collapse, attributions
        As in :func:`sourcing`.
    target : str or list of str, optional
        Group(s) to describe; default every group.
    reference : str, optional
        Compare against this one group; default against all the others together.
    level : "speaker" or "speaker_type"
        Compare named speakers (by ``speaker_id``) or speaker types.
    prior_strength : float
        alpha_0, the total pseudo-count of the prior.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``reference``, ``source``, ``speaker_id`` (empty for speaker
        types), ``z``, ``log_odds``, ``count`` and ``count_reference`` (articles quoting
        it), sorted by group and z; ``z`` above 1.96 marks a source the group quotes
        more at the 5% level.
    """
    if level not in {"speaker", "speaker_type"}:
        raise ValueError(f"level must be 'speaker' or 'speaker_type'; got {level!r}.")
    rows, groups, found = _attributed(corpus, by, collapse, attributions)
    if level == "speaker":
        found = found[found["speaker_id"].fillna("") != ""]
        key = "speaker_id"
    else:
        key = "speaker_type"
    counts = (found.drop_duplicates(["group", "doc_id", key])
              .pivot_table(index="group", columns=key, values="doc_id", aggfunc="size", fill_value=0))
    counts = counts.reindex(sorted(set(groups)), fill_value=0)
    columns = ["group", "reference", "source", "speaker_id", "z", "log_odds", "count",
               "count_reference"]
    if counts.shape[1] == 0:
        return pd.DataFrame(columns=columns)
    names = counts.columns.to_numpy()
    labels = names
    if level == "speaker":
        display = _display_names(found)
        labels = display.reindex(names).to_numpy()
    totals = counts.to_numpy().sum(axis=0).astype(float)
    alpha = prior_strength * (totals + 0.01) / (totals + 0.01).sum()
    frames = []
    for name, other in _pairs(counts.index, target, reference):
        y_i = counts.loc[name].to_numpy(dtype=float)
        y_j = counts.loc[other].to_numpy(dtype=float) if other else totals - y_i
        delta, z = log_odds_z(y_i, y_j, alpha)
        used = (y_i + y_j) > 0
        frames.append(pd.DataFrame({
            "group": name, "reference": other or "(rest)", "source": labels[used],
            "speaker_id": names[used] if level == "speaker" else "",
            "z": z[used], "log_odds": delta[used],
            "count": y_i[used].astype("int64"), "count_reference": y_j[used].astype("int64")}))
    if not frames:
        return pd.DataFrame(columns=columns)
    return (pd.concat(frames, ignore_index=True)
            .sort_values(["group", "z", "source"], ascending=[True, False, True], kind="stable")
            .reset_index(drop=True)[columns])
