"""Copy groups: which articles are copies of one text, which one is the original, and
which wire agency it probably came from: ``mark_copies``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from .duplicates import article_mask, find_duplicates

__all__ = ["mark_copies", "agency_of_outlet"]

try:  # the ingest's table of agency spellings, when available
    from ..ingest.metadata import agency_name as _agency_name
except ImportError:  # pragma: no cover - ingest is part of the package
    def _agency_name(spelling: str) -> str:
        return ""


def agency_of_outlet(outlet: str) -> str:
    """The agency an outlet *is* ("Reuters" for the outlet "Reuters"), else ""."""
    name = str(outlet or "").strip()
    for candidate in (name, name.split(" (")[0], name.split(" - ")[0]):
        agency = _agency_name(candidate)
        if agency:
            return agency
    return ""


def mark_copies(corpus: pd.DataFrame, *, duplicates: pd.DataFrame | None = None,
                include_teasers: bool = False, progress: bool = True,
                **options) -> pd.DataFrame:
    """The article table with copy groups, originals and the likely wire agency.

    Articles linked by any copy relation (exact, near, abridged) form one copy group
    (connected components of the pairs of :func:`find_duplicates`).

    Parameters
    ----------
    corpus : pandas.DataFrame
        An article table.
    duplicates : pandas.DataFrame, optional
        Pairs from :func:`find_duplicates` on this table, to avoid computing them again.
    include_teasers : bool
        Group teaser rows too (skipped by default).
    progress : bool
        Show progress bars.
    **options
        Passed to :func:`find_duplicates` (``threshold``, ``containment``, ...).

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` with four more columns:

        * ``copy_group`` (string): the ``doc_id`` of the group's original; missing for an
          article with no copy in the corpus.
        * ``is_original`` (boolean): the earliest member of its group by ``published``.
          Dates decide only between dated members: members at the earliest time and
          undated members (which may be earlier) are all candidates, and the longest
          candidate is the original (then the smallest ``doc_id``). True for articles
          without copies, missing for skipped teaser rows.
        * ``likely_agency`` (string): the agency the article credits (``agency``) if any;
          otherwise the agency most credited in its copy group, or the agency that
          published a member itself (an outlet named "Reuters"); "" if none.
        * ``agency_inferred`` (bool): True where ``likely_agency`` was taken from the
          group rather than from the article's own credit.

        ``agency`` itself is never changed: it stays what the text credits.

    Examples
    --------
    >>> import pandas as pd
    >>> from corpus_tools.schema import conform
    >>> wire = "Beijing and Moscow should work to unite countries of the Global South, Xi said."
    >>> table = conform(pd.DataFrame({"outlet": ["A", "B", "C"], "agency": ["AFP", "", ""],
    ...     "body": [wire + " More on Ukraine follows here today.", wire, "Rain in Paris."]}))
    >>> marked = mark_copies(table, progress=False)
    >>> marked[["outlet", "is_original", "likely_agency", "agency_inferred"]].values.tolist()
    [['A', True, 'AFP', False], ['B', False, 'AFP', True], ['C', True, '', False]]
    """
    if duplicates is None:
        duplicates = find_duplicates(corpus, include_teasers=include_teasers,
                                     progress=progress, **options)
    out = corpus.copy()
    compared = article_mask(corpus, include_teasers)
    position = pd.Series(np.arange(len(corpus)), index=corpus["doc_id"].astype(str).to_numpy())
    position = position[~position.index.duplicated()]
    a = position.reindex(duplicates["doc_id_a"].astype(str)).to_numpy()
    b = position.reindex(duplicates["doc_id_b"].astype(str)).to_numpy()
    ok = ~(np.isnan(a) | np.isnan(b)) if len(a) else np.zeros(0, bool)
    n = len(corpus)
    graph = sp.coo_matrix((np.ones(ok.sum()), (a[ok].astype(int), b[ok].astype(int))),
                          shape=(n, n))
    _, label = connected_components(graph, directed=False)
    size = np.bincount(label, minlength=n)[label]

    published = pd.to_datetime(out["published"], utc=True) if "published" in out else \
        pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
    n_words = out["n_words"] if "n_words" in out else out["body"].fillna("").str.split().str.len()
    frame = pd.DataFrame({
        "label": label,
        "published": published.to_numpy(),
        "words": np.asarray(n_words, dtype=float),
        "doc_id": out["doc_id"].astype(str).to_numpy(),
        "pos": np.arange(n),
    })
    # Dates decide only against dated rivals: a member published at the group's earliest
    # time, or undated (it may be earlier), stays a candidate; the longest candidate wins.
    earliest = frame.groupby("label")["published"].transform("min")
    frame["candidate"] = frame["published"].isna() | (frame["published"] == earliest) | earliest.isna()
    order = frame.sort_values(["label", "candidate", "words", "doc_id"],
                              ascending=[True, False, False, True])
    first = order.drop_duplicates("label")
    original_pos = pd.Series(first["pos"].to_numpy(), index=first["label"].to_numpy())
    original_of = original_pos.reindex(label).to_numpy()

    grouped = (size > 1) & compared
    doc_ids = out["doc_id"].astype(str).to_numpy()
    out["copy_group"] = pd.array(np.where(grouped, doc_ids[original_of], None), dtype="string")
    is_original = np.where(grouped, original_of == np.arange(n), True)
    out["is_original"] = pd.array(np.where(compared, is_original, None), dtype="boolean")

    credited = out["agency"].fillna("").astype(str) if "agency" in out else \
        pd.Series("", index=out.index)
    self_agency = out["outlet"].fillna("").astype(str).map(agency_of_outlet) \
        if "outlet" in out else pd.Series("", index=out.index)
    own = credited.where(credited != "", self_agency).to_numpy()
    group_agency = _group_agency(label[grouped], own[grouped])
    inferred = np.array([group_agency.get(g, "") for g in label], dtype=object)
    uncredited = (credited.to_numpy() == "") & grouped & (inferred != "")
    likely = np.where(credited.to_numpy() != "", credited.to_numpy(),
                      np.where(uncredited, inferred, self_agency.to_numpy()))
    out["likely_agency"] = pd.array(likely, dtype="string")
    out["agency_inferred"] = uncredited & (self_agency.to_numpy() == "")
    return out


def _group_agency(labels: np.ndarray, agencies: np.ndarray) -> dict[int, str]:
    """The agency most often credited in each group (ties: alphabetical)."""
    frame = pd.DataFrame({"label": labels, "agency": agencies})
    frame = frame[frame["agency"] != ""]
    if frame.empty:
        return {}
    counts = frame.groupby(["label", "agency"]).size().reset_index(name="n")
    counts = counts.sort_values(["label", "n", "agency"], ascending=[True, False, True])
    best = counts.drop_duplicates("label")
    return dict(zip(best["label"].tolist(), best["agency"].tolist()))
