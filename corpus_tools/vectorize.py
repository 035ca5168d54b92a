"""Articles → document-term matrix: a news tokenizer and a scikit-learn vectorizer.

``NewsVectorizer`` turns raw texts into term counts. It tokenises, lower-cases (keeping
acronyms such as "US" or "WHO" apart from the stop words "us" and "who"), learns
multi-word names and phrases from the corpus ("xi_jinping",
"shanghai_cooperation_organisation"), drops news stop words, keeps the corpus's own
outlet and agency names out of the vocabulary, and then hands the terms to a
scikit-learn ``CountVectorizer`` for counting and document-frequency pruning.

``make_dtm`` is the front door from an article table: it picks the rows (articles, not
teasers), builds each text from title, standfirst and body, fits the vectorizer on one
copy per syndicated story when the syndication columns are present, and returns a
:class:`DocumentTermMatrix` whose rows follow the table's order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.utils.validation import check_is_fitted

from .batches import is_table_source
from .news_words import (
    AGENCY_NAMES,
    NEWS_STOP_WORDS,
    excluded_vocabulary,
    outlet_terms,
)
from .phrases import DOC_END, Terms, encode, learn_phrases, merge_phrases


__all__ = ["NEWS_STOP_WORDS", "AGENCY_NAMES", "NewsVectorizer", "DocumentTermMatrix",
           "make_dtm", "outlet_terms", "article_texts"]

# "BEIJING (Reuters) - " or "WASHINGTON — " at the start of a body: where the desk
# filed from, not what the story is about.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'/-]{1,40}(?:\([^)]{0,40}\))?\s*[-–—:]+\s")



def _identity(terms):
    """Analyzer for the inner CountVectorizer: documents arrive already as terms."""
    return terms


def _auto_min_df(n_docs: int) -> int:
    # 1 in 2,000 documents, at least 2: rare terms only add noise and time to topic
    # models, and a 3-article example must still keep its words.
    return 1 if n_docs < 20 else max(2, int(round(n_docs / 2000)))


def _phrase_min_count(n_docs: int) -> int:
    # Pairs seen a handful of times get a high PMI by chance; 5 sightings (more in
    # large corpora) keep phrases to real names. Tiny examples get 2.
    return 2 if n_docs < 100 else max(5, int(round(n_docs / 2000)))


def _auto_max_df(n_docs: int) -> float:
    # In a small corpus a content word may well occur in most documents.
    return 1.0 if n_docs < 20 else 0.5


class NewsVectorizer(TransformerMixin, BaseEstimator):
    """Count the terms of news texts: phrases, news stop words, no outlet names.

    Parameters
    ----------
    phrases : bool, default True
        Learn multi-word names and phrases from the corpus and count them as one term
        joined by "_" ("xi_jinping"). Two passes, so up to four words.
    phrase_threshold : float, default 0.5
        Normalised PMI a word pair needs to become a phrase (0 = independent,
        1 = the words only occur together). Higher gives fewer, surer phrases.
    stop_words : "news", iterable of str or None, default "news"
        Words dropped before counting; "news" is :data:`NEWS_STOP_WORDS`.
    exclude_terms : iterable of str, optional
        Names kept out of the vocabulary, such as outlets and agencies. A term is
        dropped when it, or any run of words in a phrase, spells one of them without
        spaces, case or accents ("Al Jazeera" drops "al_jazeera" and
        "al_jazeera_reported"). :func:`make_dtm` fills this from the corpus.
    min_df, max_df : int, float or "auto", default "auto"
        Document-frequency bounds as in ``CountVectorizer``. "auto" scales with the
        corpus: ``min_df`` is 1 document in 2,000 (at least 2; 1 below 20 documents)
        and ``max_df`` 0.5 (1.0 below 20 documents).
    max_features : int, optional
        Keep only this many terms, the most frequent.
    dtype : numpy dtype, default numpy.float32
        Of the count matrix; float32 halves memory and feeds the models directly.

    Attributes
    ----------
    phrases_ : list of dict
        The learned phrases, one {(word, word): phrase} per pass.
    count_vectorizer_ : sklearn.feature_extraction.text.CountVectorizer
        The fitted counter (vocabulary, pruning).
    vocabulary_ : dict
        Term → column.
    min_df_, max_df_ : int or float
        The bounds used.

    Examples
    --------
    >>> texts = ["Xi Jinping met Vladimir Putin in Moscow, Reuters said.",
    ...          "Xi Jinping and Vladimir Putin signed a deal.",
    ...          "Vladimir Putin thanked Xi Jinping for the visit."]
    >>> vec = NewsVectorizer(exclude_terms=["Reuters"], phrase_threshold=0.3)
    >>> X = vec.fit_transform(texts)
    >>> "xi_jinping" in vec.vocabulary_, "reuters" in vec.vocabulary_
    (True, False)
    """

    def __init__(self, phrases=True, phrase_threshold=0.5, stop_words="news",
                 exclude_terms=None, min_df="auto", max_df="auto", max_features=None,
                 dtype=np.float32):
        self.phrases = phrases
        self.phrase_threshold = phrase_threshold
        self.stop_words = stop_words
        self.exclude_terms = exclude_terms
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.dtype = dtype

    # -- tokens ---------------------------------------------------------------------
    def _stop_set(self) -> frozenset[str]:
        if self.stop_words is None:
            return frozenset()
        if isinstance(self.stop_words, str):
            if self.stop_words != "news":
                raise ValueError(
                    f"stop_words must be 'news', a list of words or None; got "
                    f"{self.stop_words!r}. Pass a list to use your own."
                )
            return NEWS_STOP_WORDS
        return frozenset(w.lower() for w in self.stop_words)

    def _analyse(self, docs: Sequence[str], progress: bool, learn: bool):
        """Texts → generator of term lists (phrases merged, stop words dropped)."""
        ids, names = self._term_ids(docs, progress, learn)
        ends = np.flatnonzero(ids == DOC_END)
        starts = np.r_[0, ends[:-1] + 1]
        return (names[ids[s:e]].tolist() for s, e in zip(starts, ends))

    def _term_ids(self, docs: Sequence[str], progress: bool, learn: bool):
        """Texts → one array of term ids, each text closed by ``DOC_END``, and the
        term of each id (an object array). Without ``learn``, words the fit never saw
        get ids after the fitted ones (out-of-core counting maps them by name)."""
        if learn:
            self.terms_ = Terms(self._stop_set())
        terms = self.terms_ if learn else self.terms_.copy()
        ids = encode(docs, terms, progress)
        if learn:
            self.phrases_, ids = (
                learn_phrases(ids, terms, self.phrase_threshold,
                               min_count=_phrase_min_count(len(docs)))
                if self.phrases else ([], ids)
            )
            rare = np.bincount(ids[ids >= 0], minlength=len(terms.names)) < self.min_df_
            self.excluded_terms_ = frozenset(excluded_vocabulary(
                [t for t, r in zip(terms.names, rare) if not r], self.exclude_terms or ()))
        else:
            for pairs in self.phrases_:
                ids = merge_phrases(ids, terms, pairs)
        if self.excluded_terms_:
            drop = np.zeros(len(terms.names) + 2, dtype=bool)
            drop[[terms.ids[t] for t in self.excluded_terms_]] = True
            ids = np.where(drop[ids], -1, ids)
        ids = ids[ids != -1]  # stop words and breaks out, document ends stay
        return ids, np.asarray(terms.names, dtype=object)

    def fit_phrases(self, raw_documents, progress=False):
        """Learn only the phrases and the excluded names from ``raw_documents``, not a
        vocabulary: the out-of-core fit, whose vocabulary comes from counting the whole
        corpus afterwards (:mod:`corpus_tools.dtm_stream`)."""
        # min_df_ 1: every word of these texts that spells an outlet is found, not only
        # the frequent ones (rare ones are pruned later with the whole corpus's counts).
        self.min_df_ = 1
        self._term_ids(_as_texts(raw_documents), progress, learn=True)
        return self

    # -- scikit-learn API -----------------------------------------------------------
    def fit(self, raw_documents, y=None, progress=False):
        """Learn phrases and the vocabulary from ``raw_documents`` (strings)."""
        self.fit_transform(raw_documents, progress=progress)
        return self

    def fit_transform(self, raw_documents, y=None, progress=False):
        """Learn phrases and the vocabulary; return the document-term count matrix.

        Raises
        ------
        ValueError
            If there are no documents, or no terms are left after pruning.
        """
        docs = _as_texts(raw_documents)
        if not docs:
            raise ValueError(
                "No documents to vectorise. Pass a non-empty list of texts, or an "
                "article table with at least one row of kind 'article'."
            )
        self.min_df_ = _auto_min_df(len(docs)) if self.min_df == "auto" else self.min_df
        self.max_df_ = _auto_max_df(len(docs)) if self.max_df == "auto" else self.max_df
        terms = self._analyse(docs, progress, learn=True)
        counter = CountVectorizer(
            analyzer=_identity, min_df=self.min_df_, max_df=self.max_df_,
            max_features=self.max_features, dtype=self.dtype,
        )
        try:
            matrix = counter.fit_transform(terms)
        except ValueError as err:
            raise ValueError(
                f"No terms remain after pruning {len(docs)} documents (min_df="
                f"{self.min_df_}, max_df={self.max_df_}). Try a lower min_df or a "
                f"higher max_df, or check that the texts are not empty. ({err})"
            ) from None
        self.count_vectorizer_ = counter
        self.vocabulary_ = counter.vocabulary_
        return matrix.tocsr()

    def transform(self, raw_documents, progress=False):
        """Count the learned vocabulary in new texts (same phrases, same pruning)."""
        check_is_fitted(self, "count_vectorizer_")
        docs = _as_texts(raw_documents)
        return self.count_vectorizer_.transform(self._analyse(docs, progress, learn=False))

    def build_analyzer(self):
        """A callable text → list of terms, like ``CountVectorizer.build_analyzer``."""
        check_is_fitted(self, "count_vectorizer_")
        vocab = self.vocabulary_
        return lambda text: [t for t in next(self._analyse([text], False, False))
                             if t in vocab]

    def get_feature_names_out(self, input_features=None):
        """The vocabulary as an array of str, in column order."""
        check_is_fitted(self, "count_vectorizer_")
        return self.count_vectorizer_.get_feature_names_out()

    @property
    def phrase_list_(self) -> list[str]:
        """The learned phrases in the vocabulary, e.g. ``["white_house", "xi_jinping"]``."""
        check_is_fitted(self, "count_vectorizer_")
        return sorted(m for pairs in self.phrases_ for m in pairs.values()
                      if m in self.vocabulary_)


def _as_texts(raw_documents) -> list[str]:
    if isinstance(raw_documents, str):
        raise ValueError(
            "Expected a list of texts, got a single string. Wrap it in a list: [text]."
        )
    return ["" if t is None or t is pd.NA else str(t) for t in raw_documents]


def article_texts(corpus: pd.DataFrame, strip_datelines: bool = True) -> list[str]:
    """Title, standfirst and body of each row joined into one text per article.

    With ``strip_datelines`` the dateline at the start of the body ("BEIJING
    (Reuters) -") is removed: where the desk filed from is not what the story is about.
    """
    parts = [corpus[c].fillna("").astype(str) if c in corpus else pd.Series("", corpus.index)
             for c in ("title", "standfirst", "body")]
    body = parts[2]
    if strip_datelines:
        body = body.str.replace(_DATELINE, "", n=1, regex=True)
    return (parts[0] + "\n" + parts[1] + "\n" + body).tolist()


@dataclass
class DocumentTermMatrix:
    """A document-term matrix with its row and column labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Term counts, one row per article in table order.
    vocabulary : numpy.ndarray of str
        The term of each column.
    doc_ids : pandas.Index
        The ``doc_id`` of each row.
    vectorizer : NewsVectorizer
        The fitted vectorizer; pass it to :func:`make_dtm` to vectorise new articles
        with the same vocabulary.
    fit_rows : numpy.ndarray of bool
        Rows to fit models on: one copy per syndicated story (all rows when the table
        has no syndication columns).
    """

    matrix: sp.csr_matrix
    vocabulary: np.ndarray
    doc_ids: pd.Index
    vectorizer: NewsVectorizer
    fit_rows: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def frequent_terms(self, n: int = 20, phrases_only: bool = False) -> pd.Series:
        """The ``n`` terms in most articles, with their document counts.

        Examples
        --------
        >>> dtm.frequent_terms(5, phrases_only=True)  # doctest: +SKIP
        """
        df = pd.Series(np.bincount(self.matrix.indices, minlength=self.matrix.shape[1]),
                       index=pd.Index(self.vocabulary, name="term"), name="n_docs")
        if phrases_only:
            df = df[df.index.str.contains("_", regex=False)]
        return df.sort_values(ascending=False, kind="stable").head(n)

    def subset(self, rows) -> "DocumentTermMatrix":
        """The matrix restricted to ``rows`` (a boolean mask or positions)."""
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        return DocumentTermMatrix(self.matrix[rows], self.vocabulary, self.doc_ids[rows],
                                  self.vectorizer, self.fit_rows[rows])


def one_copy_per_story(corpus: pd.DataFrame) -> np.ndarray:
    """Boolean mask keeping one row per syndicated copy group (all rows if unknown).

    Uses ``is_original`` when present, else the first row of each ``copy_group``.
    """
    if "is_original" in corpus:
        mask = corpus["is_original"].fillna(True).astype(bool).to_numpy().copy()
        if "copy_group" in corpus:  # groups whose original is not in the table keep one
            groups = corpus["copy_group"]
            covered = set(groups[mask].dropna())
            first = ~groups.duplicated() & groups.notna() & ~groups.isin(covered)
            mask |= first.to_numpy()
        return mask
    if "copy_group" in corpus:
        groups = corpus["copy_group"]
        return (groups.isna() | ~groups.duplicated()).to_numpy()
    return np.ones(len(corpus), dtype=bool)


def corpus_exclusions(rows: pd.DataFrame, exclude_terms, exclude_outlets: bool,
                      exclude_datelines: bool) -> list[str]:
    """The names kept out of a corpus's vocabulary: ``exclude_terms``, its outlets and
    agencies (:func:`outlet_terms`) and its dateline places, as :func:`make_dtm` asks."""
    extra = list(exclude_terms or ())
    if exclude_outlets:
        extra += outlet_terms(rows)
    if exclude_datelines and "dateline" in rows:
        extra += [d for d in pd.unique(rows["dateline"].dropna().astype(str)) if d]
    return extra


def make_dtm(corpus: pd.DataFrame, *, vectorizer: NewsVectorizer | None = None,
             kinds: Sequence[str] | None = ("article",), one_per_story: bool = True,
             exclude_outlets: bool = True, exclude_datelines: bool = True,
             progress: bool = True, batch_size: int | None = None,
             fit_sample: int | None = None, scheduler=None,
             **options) -> DocumentTermMatrix:
    """The document-term matrix of an article table.

    Parameters
    ----------
    corpus : pandas.DataFrame, str, Path or dask.dataframe.DataFrame
        An article table (``corpus_tools.load_corpus``), or, for corpora too large to
        hold as text, the folder that ``load_corpus(..., out=...)`` wrote or a Dask
        DataFrame: these are counted out of core (:mod:`corpus_tools.dtm_stream`).
    vectorizer : NewsVectorizer, optional
        A fitted vectorizer (``dtm.vectorizer`` of an earlier call) to count new
        articles with the same vocabulary; by default a new one is fitted.
    kinds : sequence of str or None, default ("article",)
        Which ``kind`` rows to keep. Teasers are a headline and a line of a story
        printed elsewhere; they would count each story twice, so they are left out.
        None keeps every row.
    one_per_story : bool, default True
        When the table has syndication columns (``is_original``/``copy_group``), fit
        the vectorizer on one copy per story and count every row with it, so that a
        wire story printed by ten outlets does not weigh ten times.
    exclude_outlets : bool, default True
        Keep the corpus's outlet and agency names (:func:`outlet_terms`) out of the
        vocabulary, so that topics are about the news, not about who printed it.
    exclude_datelines : bool, default True
        Keep the places the corpus files from (its ``dateline`` values: "MOSCOW") out
        too: a wire desk's city says where an outlet works, not what a story is about.
        Pass False to keep them when a place is the subject (a corpus about Beijing).
    progress : bool, default True
        Show a progress bar while tokenising.
    batch_size : int, optional
        Count a pandas table out of core, this many articles at a time (a dataset or
        Dask DataFrame always is; default 50,000 articles a batch).
    fit_sample : int, optional
        Out of core, the phrases are learned from at most this many articles (default
        50,000), chosen by a hash of ``doc_id``.
    scheduler : dask.distributed.Client, str, None or False
        Out of core, count the partitions on this Dask cluster (None: the one set by
        :func:`corpus_tools.use_dask`, if any; False: in this process).
    **options
        Passed to :class:`NewsVectorizer` (``min_df``, ``max_df``, ``phrases``,
        ``phrase_threshold``, ``stop_words``, ``exclude_terms``, ``max_features``).

    Returns
    -------
    DocumentTermMatrix

    Examples
    --------
    >>> from corpus_tools.schema import conform
    >>> t = conform(pd.DataFrame({"outlet": ["A", "B", "C"], "title": ["x"] * 3,
    ...     "body": ["Xi Jinping met Vladimir Putin.", "Vladimir Putin hosts Xi Jinping.",
    ...              "Xi Jinping and Vladimir Putin talk trade."]}))
    >>> dtm = make_dtm(t, progress=False, phrase_threshold=0.3)
    >>> dtm.matrix.shape[0], "xi_jinping" in set(dtm.vocabulary)
    (3, True)
    """
    if batch_size is not None or (not isinstance(corpus, pd.DataFrame)
                                  and is_table_source(corpus)):
        from .dtm_stream import DEFAULT_FIT_SAMPLE, stream_dtm

        return stream_dtm(corpus, vectorizer=vectorizer, kinds=kinds,
                          one_per_story=one_per_story, exclude_outlets=exclude_outlets,
                          exclude_datelines=exclude_datelines, batch_size=batch_size,
                          fit_sample=fit_sample or DEFAULT_FIT_SAMPLE,
                          scheduler=scheduler, progress=progress, **options)
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            f"make_dtm expects an article table (pandas.DataFrame), got "
            f"{type(corpus).__name__}. Build one with corpus_tools.load_corpus()."
        )
    if "doc_id" not in corpus:
        raise ValueError("The table has no doc_id column. Pass it through "
                         "corpus_tools.schema.conform() or load it with load_corpus().")
    rows = corpus
    if kinds is not None and "kind" in corpus:
        rows = corpus[corpus["kind"].isin(list(kinds)).to_numpy()]
    if rows.empty:
        raise ValueError(
            f"No rows to vectorise: the table has {len(corpus)} rows, none of kind "
            f"{list(kinds) if kinds else 'any'}. Load more articles, or pass kinds=None "
            f"to include teasers."
        )
    texts = article_texts(rows)
    fit_rows = one_copy_per_story(rows) if one_per_story else np.ones(len(rows), bool)
    if vectorizer is None:
        options["exclude_terms"] = corpus_exclusions(
            rows, options.pop("exclude_terms", None), exclude_outlets, exclude_datelines)
        vectorizer = NewsVectorizer(**options)
        fit_texts = [t for t, keep in zip(texts, fit_rows) if keep]
        matrix = vectorizer.fit_transform(fit_texts, progress=progress)
        if not fit_rows.all():
            matrix = vectorizer.transform(texts, progress=progress)
    else:
        if options:
            raise ValueError(
                f"Options {sorted(options)} cannot change a fitted vectorizer. Drop them, "
                f"or pass vectorizer=None to fit a new one."
            )
        matrix = vectorizer.transform(texts, progress=progress)
    return DocumentTermMatrix(
        matrix=sp.csr_matrix(matrix), vocabulary=vectorizer.get_feature_names_out(),
        doc_ids=pd.Index(rows["doc_id"].astype(str), name="doc_id"),
        vectorizer=vectorizer, fit_rows=np.asarray(fit_rows, bool),
    )
