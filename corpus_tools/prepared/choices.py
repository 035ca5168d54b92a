"""What a report chooses when the parameters leave it open, and the checks of what
they give: the pair of outlets, the attention query, the numbers of topics to compare.

Every default is taken from the corpus at hand (its two largest outlets, a topic it
holds), never from a corpus the package was developed on.
"""
from __future__ import annotations

import pandas as pd

from ..schema import article_mask
from .parameters import ParameterError

__all__ = ["AUTO_CANDIDATES", "AUTO_DOCS_PER_TOPIC", "AUTO_SEEDS", "DOCS_PER_TOPIC",
           "auto_candidates", "check_query", "derived_query", "outlet_pair", "outlet_sizes",
           "query_topic", "too_many_topics"]

#: Candidate numbers of topics compared with ``n_topics="auto"`` (those the corpus
#: has enough articles for), and the refits per candidate that measure stability.
AUTO_CANDIDATES = range(5, 31, 5)
AUTO_SEEDS = 2
#: Articles a topic needs at least (as :func:`corpus_tools.fit_topics` asks).
DOCS_PER_TOPIC = 3
#: Articles per topic a candidate of the automatic search needs: a "topic" of fewer
#: articles is an anecdote, and the many-topic fits of a small corpus are the slowest
#: (they converge late) while never being recommended.
AUTO_DOCS_PER_TOPIC = 10


def outlet_sizes(rows: pd.DataFrame) -> pd.Series:
    """Articles per outlet, largest first (ties by name)."""
    counts = rows.loc[article_mask(rows), "outlet"].value_counts()
    frame = counts.rename_axis("outlet").reset_index(name="articles")
    frame = frame.sort_values(["articles", "outlet"], ascending=[False, True])
    return frame.set_index("outlet")["articles"]


def _checked(name: str, given: str | None, sizes: pd.Series) -> str | None:
    if given is not None and given not in sizes.index:
        raise ParameterError(name, f"{name}={given!r} has no article in this corpus; its "
                                   f"outlets are: {', '.join(map(str, sizes.index[:30]))}"
                                   f"{' ...' if len(sizes) > 30 else ''}.")
    return given


def outlet_pair(sizes: pd.Series, a: str | None, b: str | None) -> tuple[str | None, str | None]:
    """The pair compared side by side: those given, the largest outlets for the others.

    Examples
    --------
    >>> sizes = pd.Series({"TASS": 485, "BBC": 355, "CNN": 276})
    >>> outlet_pair(sizes, None, None), outlet_pair(sizes, None, "TASS")
    (('TASS', 'BBC'), ('BBC', 'TASS'))
    """
    a, b = _checked("outlet_a", a, sizes), _checked("outlet_b", b, sizes)
    if a is not None and a == b:
        raise ParameterError("outlet_b", f"outlet_a and outlet_b are both {a!r}: choose two outlets.")
    if a is None:
        a = next((o for o in sizes.index if o != b), None)
    if b is None:
        b = next((o for o in sizes.index if o != a), None)
    return a, b


def check_query(query: str) -> str:
    """The query, if its syntax is valid (:mod:`corpus_tools.compare.query`)."""
    from ..compare.query import parse_query

    try:
        parse_query(query)
    except ValueError as exc:
        raise ParameterError("query", f"query={query!r}: {exc}") from None
    return query


def query_topic(model) -> int:
    """The topic a derived query comes from: the largest among the topics whose
    coherence and exclusivity are both at least the median (a theme, not the leftover
    general vocabulary that is often the largest topic)."""
    d = model.diagnostics
    themes = d[(d["coherence"] >= d["coherence"].median())
               & (d["exclusivity"] >= d["exclusivity"].median())]
    return int((themes if len(themes) else d).sort_values(["share", "topic"],
                                                          ascending=[False, True])["topic"].iloc[0])


def derived_query(model, dtm) -> str | None:
    """The three heaviest terms of :func:`query_topic` (without topics, the three terms
    in most articles), joined by OR; phrases quoted, lower case (so that no term reads as
    an operator)."""
    if model is not None:
        terms = model.top_terms(3)[query_topic(model)]
    else:
        terms = list(dtm.frequent_terms(3).index) if dtm is not None else []
    terms = [str(t).replace("_", " ").lower() for t in terms]
    return " OR ".join(f'"{t}"' if " " in t else t for t in terms) or None


def auto_candidates(n_fit: int) -> list[int]:
    """The numbers of topics ``n_topics="auto"`` compares for ``n_fit`` articles with words.

    Examples
    --------
    >>> auto_candidates(3800), auto_candidates(158), auto_candidates(9), auto_candidates(4)
    ([5, 10, 15, 20, 25, 30], [5, 10, 15], [2, 3], [])
    """
    candidates = [k for k in AUTO_CANDIDATES if k * AUTO_DOCS_PER_TOPIC <= n_fit]
    if not candidates:  # a small corpus: the few numbers it supports
        candidates = list(range(2, min(5, n_fit // DOCS_PER_TOPIC + 1)))
    return candidates


def too_many_topics(k: int, n_fit: int) -> None:
    """Raise :class:`ParameterError` when ``k`` topics need more articles than ``n_fit``."""
    if k * DOCS_PER_TOPIC <= n_fit:
        return
    raise ParameterError("n_topics", (
        f"n_topics={k} asks for more topics than the {n_fit:,} articles with words support "
        f"({DOCS_PER_TOPIC} per topic): use at most {n_fit // DOCS_PER_TOPIC}, or 'auto'."
        if n_fit >= 2 * DOCS_PER_TOPIC else
        f"n_topics={k}: the {n_fit} articles with words are too few for topics "
        f"({2 * DOCS_PER_TOPIC} are needed for two)."))
