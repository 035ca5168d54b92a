"""Copy groups: which articles are copies of one text, which one is the original, and
which wire agency it probably came from (the kernel of ``mark_copies``, :mod:`.api`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..ingest.metadata import agency_name
from ..schema import article_mask

__all__ = ["copy_columns", "agency_of_outlet", "META_COLUMNS", "COPY_COLUMNS"]


def agency_of_outlet(outlet: str) -> str:
    """The agency an outlet *is* ("Reuters" for the outlet "Reuters"), else ""."""
    name = str(outlet or "").strip()
    for candidate in (name, name.split(" (")[0], name.split(" - ")[0]):
        agency = agency_name(candidate)
        if agency:
            return agency
    return ""


#: The columns :func:`copy_columns` reads, and those it gives.
META_COLUMNS = ["doc_id", "kind", "published", "n_words", "agency", "outlet"]
COPY_COLUMNS = ["copy_group", "is_original", "likely_agency", "agency_inferred"]


def copy_columns(meta: pd.DataFrame, duplicates: pd.DataFrame,
                 include_teasers: bool = False) -> pd.DataFrame:
    """The copy columns of every row of ``meta`` (see :func:`corpus_tools.mark_copies`).

    Parameters
    ----------
    meta : pandas.DataFrame
        The table's :data:`META_COLUMNS` (or the whole table): no text is needed.
    duplicates : pandas.DataFrame
        Pairs from :func:`corpus_tools.find_duplicates` on the same rows.
    include_teasers : bool
        Whether teaser rows were compared.

    Returns
    -------
    pandas.DataFrame
        ``copy_group``, ``is_original``, ``likely_agency``, ``agency_inferred``,
        indexed like ``meta``.
    """
    corpus = meta
    out = pd.DataFrame(index=meta.index)
    compared = article_mask(corpus) | include_teasers
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

    published = pd.to_datetime(corpus["published"], utc=True) if "published" in corpus else \
        pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
    n_words = corpus["n_words"] if "n_words" in corpus else \
        corpus["body"].fillna("").str.split().str.len()
    frame = pd.DataFrame({
        "label": label,
        "published": published.to_numpy(),
        "words": np.asarray(n_words, dtype=float),
        "doc_id": corpus["doc_id"].astype(str).to_numpy(),
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
    doc_ids = corpus["doc_id"].astype(str).to_numpy()
    out["copy_group"] = pd.array(np.where(grouped, doc_ids[original_of], None), dtype="string")
    is_original = np.where(grouped, original_of == np.arange(n), True)
    out["is_original"] = pd.array(np.where(compared, is_original, None), dtype="boolean")

    credited = corpus["agency"].fillna("").astype(str) if "agency" in corpus else \
        pd.Series("", index=out.index)
    self_agency = corpus["outlet"].fillna("").astype(str).map(agency_of_outlet) \
        if "outlet" in corpus else pd.Series("", index=out.index)
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
