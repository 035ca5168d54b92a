"""Stories across outlets: the kernel of ``cluster_stories`` (:mod:`.api`), which links
articles about the same event.

Copies share sentences; independent reports of one event share *names and key words*,
mostly in the headline and the first paragraph. So a story is found from TF-IDF vectors
of the title and lead (first ``LEAD_WORDS`` words), compared by cosine similarity only
between articles published within ``window_days`` of each other: the same words a month
apart are usually a different event ("Fed raises rates").

Articles are grouped by average linkage: two groups merge only when the mean similarity
of their members reaches ``threshold`` (single links chain unrelated events through one
broad article; measured on allsides-roundups, average linkage raises pairwise F1 from
0.66 to about 0.73). Copy groups (``copy_group`` from
:func:`mark_copies`) are always kept in one story.

Scaling: only pairs inside the time window are ever compared, in blocks of
``BLOCK`` articles against their window, so memory grows with the number of articles
per window, not with the square of the corpus.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from tqdm.auto import tqdm

__all__ = ["story_columns", "story_texts", "similar_pairs", "LEAD_WORDS", "THRESHOLD",
           "STORY_COLUMNS"]

#: The columns :func:`story_texts` and :func:`story_columns` read.
STORY_COLUMNS = ["doc_id", "kind", "title", "standfirst", "body", "published", "copy_group"]
#: Words of standfirst + body used with the title: the lead carries the event.
LEAD_WORDS = 60
#: Mean cosine similarity of title+lead TF-IDF vectors at which groups merge; chosen on
#: the earlier half of allsides-roundups (bench/stories.py prints the sweep): F1 0.770
#: there (0.773 at 0.15, with lower precision), 0.692 on the held-out later half.
THRESHOLD = 0.2
BLOCK = 2000
#: Candidate links are gathered at ``threshold * LINK_FLOOR``; average linkage then
#: decides inside each connected component of those links.
LINK_FLOOR = 0.6
#: Components larger than this are split by single links at ``threshold`` instead of
#: average linkage (a dense matrix of 4,000 x 4,000 is 64 MB).
MAX_COMPONENT = 4000


def story_texts(corpus: pd.DataFrame, lead_words: int = LEAD_WORDS) -> pd.Series:
    """Title plus the first ``lead_words`` words of standfirst and body."""
    title = corpus["title"].fillna("").astype(str) if "title" in corpus else ""
    standfirst = corpus["standfirst"].fillna("").astype(str) if "standfirst" in corpus else ""
    lead = (standfirst + " " + corpus["body"].fillna("").astype(str)).str.split().str[:lead_words]
    return (title + ". " + lead.str.join(" ")).astype(object)


def _days(published: pd.Series) -> np.ndarray:
    times = pd.to_datetime(published, utc=True)
    return ((times - pd.Timestamp("1970-01-01", tz="UTC")) / pd.Timedelta(days=1)).to_numpy(float)


def similar_pairs(matrix: sp.csr_matrix, published: pd.Series, *, threshold: float,
                  window_days: float, progress: bool = False) -> pd.DataFrame:
    """Pairs (i, j), i < j, of rows with cosine similarity >= threshold, published at
    most ``window_days`` apart (undated rows are compared with every row)."""
    n = matrix.shape[0]
    days = _days(published)
    dated = np.flatnonzero(~np.isnan(days))
    undated = np.flatnonzero(np.isnan(days))
    order = dated[np.argsort(days[dated], kind="stable")]
    sorted_days = days[order]
    rows, cols, sims = [], [], []

    def compare(left: np.ndarray, right: np.ndarray) -> None:
        if len(left) == 0 or len(right) == 0:
            return
        block = (matrix[left] @ matrix[right].T).tocoo()
        keep = block.data >= threshold
        i, j = left[block.row[keep]], right[block.col[keep]]
        upper = i < j
        rows.append(i[upper])
        cols.append(j[upper])
        sims.append(block.data[keep][upper])

    starts = range(0, len(order), BLOCK)
    for start in tqdm(starts, desc="Comparing stories", disable=not progress):
        left = order[start:start + BLOCK]
        lo = np.searchsorted(sorted_days, sorted_days[start] - window_days, side="left")
        hi = np.searchsorted(sorted_days, sorted_days[min(start + BLOCK, len(order)) - 1]
                             + window_days, side="right")
        compare(left, order[lo:hi])
    compare(undated, np.arange(n))
    compare(dated, undated)
    if rows:
        i, j, s = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    else:
        i = j = np.zeros(0, int)
        s = np.zeros(0)
    pairs = pd.DataFrame({"i": np.minimum(i, j), "j": np.maximum(i, j), "similarity": s})
    pairs = pairs.drop_duplicates(["i", "j"])
    # Within-window check for pairs found through block bounds.
    gap = np.abs(days[pairs["i"].to_numpy()] - days[pairs["j"].to_numpy()])
    return pairs[~(gap > window_days)].reset_index(drop=True)


def story_columns(rows: pd.DataFrame, texts, *, window_days: float, threshold: float,
                  progress: bool) -> tuple[np.ndarray, np.ndarray]:
    """The story of each compared row (the kernel of :func:`corpus_tools.cluster_stories`).

    Parameters
    ----------
    rows : pandas.DataFrame
        The compared rows' ``doc_id``, ``published`` and, when known, ``copy_group``.
    texts : sequence of str
        Their :func:`story_texts`, in the same order.
    window_days, threshold, progress
        As for :func:`corpus_tools.cluster_stories`.

    Returns
    -------
    (story_id, story_size) : (numpy.ndarray of str, numpy.ndarray of int)
        The ``doc_id`` of each row's story's earliest article, and the story's size.
    """
    n = len(rows)
    if n == 0:
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64)
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w[\w'-]*\w\b|\b\w\b",
                                 dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # only stop words: nothing links
        matrix = sp.csr_matrix((n, 1), dtype=np.float32)
    published = rows["published"] if "published" in rows else pd.Series(pd.NaT, index=rows.index)
    pairs = similar_pairs(matrix.tocsr(), published, threshold=threshold * LINK_FLOOR,
                          window_days=window_days, progress=progress)
    days = _days(published)
    label = _link(pairs, n, threshold, matrix, days, window_days)
    if "copy_group" in rows:
        label = _merge_copies(label, rows["copy_group"])
    order = pd.DataFrame({
        "label": label,
        "undated": pd.to_datetime(published, utc=True).isna().to_numpy(),
        "published": pd.to_datetime(published, utc=True).to_numpy(),
        "doc_id": rows["doc_id"].astype(str).to_numpy(),
    }).sort_values(["label", "undated", "published", "doc_id"])
    first = order.drop_duplicates("label").set_index("label")["doc_id"]
    return first.reindex(label).to_numpy(), np.bincount(label)[label]


def _link(pairs: pd.DataFrame, n: int, threshold: float, matrix: sp.csr_matrix,
          days: np.ndarray, window_days: float) -> np.ndarray:
    """Average-linkage clusters inside each connected component of the candidate links.

    Single links chain: one broad article ("Biden's week in review") joins two events.
    Average linkage merges two groups only when their *mean* similarity reaches the
    threshold; articles further apart than the window never count as similar. It is run
    per connected component of the loose links, so each dense matrix stays small.
    """
    if len(pairs) == 0:
        return np.arange(n)
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    graph = sp.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    component = connected_components(graph, directed=False)[1]
    label = np.arange(n)
    # Members of each component of two or more articles (singletons need no work).
    order = np.argsort(component, kind="stable")
    sizes = np.bincount(component)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    for c in np.flatnonzero(sizes >= 2):
        members = order[bounds[c]:bounds[c + 1]]
        if len(members) > MAX_COMPONENT:  # too big for a dense matrix: single links
            strong = (pairs["similarity"].to_numpy() >= threshold) & np.isin(i, members)
            sub = sp.coo_matrix((np.ones(strong.sum()), (i[strong], j[strong])), shape=(n, n))
            sub_label = connected_components(sub, directed=False)[1]
            label[members] = sub_label[members] + n
            continue
        similarity = (matrix[members] @ matrix[members].T).toarray()
        distance = 1.0 - np.clip(similarity, 0.0, 1.0)
        d = days[members]
        gap = np.abs(d[:, None] - d[None, :])
        distance[gap > window_days] = 1.0  # NaN gaps (undated) compare false: kept
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        sub_label = fcluster(tree, t=1.0 - threshold, criterion="distance")
        label[members] = members[_first_of_label(sub_label)]
    return pd.factorize(label)[0]


def _first_of_label(labels: np.ndarray) -> np.ndarray:
    """For each element, the position of the first element with the same label."""
    first = {}
    return np.array([first.setdefault(x, k) for k, x in enumerate(labels.tolist())])


def _merge_copies(label: np.ndarray, copy_group: pd.Series) -> np.ndarray:
    """Put every copy group inside one story."""
    groups = copy_group.astype("string").to_numpy()
    has = ~pd.isna(groups)
    if not has.any():
        return label
    codes = pd.factorize(groups[has])[0] + label.max() + 1
    n = len(label)
    node = np.arange(n)
    edges_a = np.concatenate([node, node[has]])
    edges_b = np.concatenate([label, codes])
    size = codes.max() + 1
    graph = sp.coo_matrix((np.ones(len(edges_a)), (edges_a, edges_b + n)),
                          shape=(n + size, n + size))
    return connected_components(graph, directed=False)[1][:n]
