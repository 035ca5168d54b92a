"""``NewsVectorizer``: news texts → term counts, a scikit-learn estimator.

Fitting has two steps, so that :func:`corpus_tools.make_dtm` can run it on batches of
any size: :meth:`~NewsVectorizer.fit_phrases` learns phrases and the names to leave out
from texts in memory (a sample of a large corpus); every batch is counted
(:meth:`~NewsVectorizer.count`: numpy over term ids, :mod:`.counting`); then
:meth:`~NewsVectorizer.fit_vocabulary` prunes the corpus's document frequencies with
``CountVectorizer``'s rule. ``fit`` is both steps on one list of texts.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..news_words import NEWS_STOP_WORDS, excluded_vocabulary
from ..phrases import DOC_END, Terms, encode, learn_phrases, merge_phrases
from .counting import BatchCounts, Merger, count_ids

__all__ = ["NewsVectorizer", "auto_min_df", "auto_max_df"]


def auto_min_df(n_docs: int) -> int:
    """``min_df="auto"``: 1 in 2,000 documents, at least 2 (1 below 20 documents).

    Rare terms only add noise and time to topic models, and a 3-article example must
    still keep its words.
    """
    return 1 if n_docs < 20 else max(2, int(round(n_docs / 2000)))


def auto_max_df(n_docs: int) -> float:
    """``max_df="auto"``: 0.5 (1.0 below 20 documents: in a small corpus a content
    word may well occur in most documents)."""
    return 1.0 if n_docs < 20 else 0.5


def _phrase_min_count(n_docs: int) -> int:
    # Pairs seen a handful of times get a high PMI by chance; 5 sightings (more in
    # large corpora) keep phrases to real names. Tiny examples get 2.
    return 2 if n_docs < 100 else max(5, int(round(n_docs / 2000)))


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
    excluded_terms_ : frozenset of str
        Terms seen in the phrase texts that spell an excluded name.
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

    # -- validation (in fit, as scikit-learn does) ----------------------------------
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

    def _check_params(self) -> None:
        for name in ("min_df", "max_df"):
            value = getattr(self, name)
            if value == "auto":
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float, np.integer,
                                                                 np.floating)) or value < 0:
                raise ValueError(f"{name} must be 'auto', a count of documents or a share "
                                 f"in [0, 1]; got {value!r}.")
        if not -1.0 <= float(self.phrase_threshold) <= 1.0:
            raise ValueError(f"phrase_threshold is a normalised PMI in [-1, 1]; got "
                             f"{self.phrase_threshold!r}.")
        if self.max_features is not None and (not isinstance(self.max_features, (int, np.integer))
                                              or self.max_features < 1):
            raise ValueError(f"max_features must be a whole number of at least 1 or None; "
                             f"got {self.max_features!r}.")

    # -- fitting, in two steps ------------------------------------------------------
    def fit_phrases(self, raw_documents, progress=False):
        """Learn the phrases and the names to leave out from ``raw_documents``.

        The first step of a fit; :meth:`fit_vocabulary` is the second. Out of core,
        the texts are a sample of the corpus (:func:`corpus_tools.make_dtm`).
        """
        self._fit_phrases(_as_texts(raw_documents), progress)
        return self

    def _fit_phrases(self, docs: list[str], progress: bool) -> np.ndarray:
        """:meth:`fit_phrases`; returns the texts' term ids as :meth:`term_ids` would."""
        self._check_params()
        self.terms_ = Terms(self._stop_set())
        ids = encode(docs, self.terms_, progress)
        self.phrases_, ids = (learn_phrases(ids, self.terms_, self.phrase_threshold,
                                            min_count=_phrase_min_count(len(docs)))
                              if self.phrases else ([], ids))
        # every term of these texts that spells a name, not only the frequent ones
        # (rare ones are pruned with the whole corpus's counts in fit_vocabulary)
        self.excluded_terms_ = frozenset(excluded_vocabulary(self.terms_.names,
                                                             self.exclude_terms or ()))
        return self._drop_excluded(ids, self.terms_)

    def term_ids(self, raw_documents, progress=False) -> tuple[np.ndarray, np.ndarray]:
        """Texts → one array of term ids, each text closed by ``DOC_END``, with the
        fitted phrases merged and stop words and excluded names dropped; and the term
        of each id (an object array). Words the phrase texts never had get new ids."""
        check_is_fitted(self, "phrases_")
        terms = self.terms_.copy()
        ids = encode(_as_texts(raw_documents), terms, progress)
        for pairs in self.phrases_:
            ids = merge_phrases(ids, terms, pairs)
        return self._drop_excluded(ids, terms), np.asarray(terms.names, dtype=object)

    def _drop_excluded(self, ids: np.ndarray, terms: Terms) -> np.ndarray:
        if self.excluded_terms_:
            drop = np.zeros(len(terms.names) + 2, dtype=bool)
            drop[[terms.ids[t] for t in self.excluded_terms_]] = True
            ids = np.where(drop[ids], -1, ids)
        return ids[ids != -1]  # stop words and breaks out, document ends stay

    def count(self, raw_documents, progress=False) -> BatchCounts:
        """The term counts of a batch of texts, over the terms it uses (by name)."""
        docs = _as_texts(raw_documents)
        ids, names = self.term_ids(docs, progress)
        return count_ids(ids, names, len(docs))

    def fit_vocabulary(self, document_frequency, term_counts, names, n_docs: int) -> np.ndarray:
        """Prune the corpus's terms into the vocabulary: the second step of a fit.

        Parameters
        ----------
        document_frequency, term_counts : numpy.ndarray
            Per term of ``names``: documents holding it, and occurrences, among the
            ``n_docs`` documents the vocabulary is fitted on.
        names : numpy.ndarray of str
        n_docs : int

        Returns
        -------
        numpy.ndarray of int
            The column of each of ``names`` in the vocabulary (-1 when pruned).
        """
        check_is_fitted(self, "phrases_")
        self.min_df_ = auto_min_df(n_docs) if self.min_df == "auto" else self.min_df
        self.max_df_ = auto_max_df(n_docs) if self.max_df == "auto" else self.max_df
        low = self.min_df_ if isinstance(self.min_df_, (int, np.integer)) else self.min_df_ * n_docs
        high = self.max_df_ if isinstance(self.max_df_, (int, np.integer)) else self.max_df_ * n_docs
        keep = (document_frequency >= low) & (document_frequency <= high)
        # names spelled by words the phrase texts never had are left out too
        candidates = np.flatnonzero(keep)
        excluded = excluded_vocabulary(names[candidates].tolist(), self.exclude_terms or ())
        if excluded:
            keep[candidates[np.isin(names[candidates], list(excluded))]] = False
        if self.max_features is not None and keep.sum() > self.max_features:
            order = np.argsort(-np.where(keep, term_counts, -1), kind="stable")
            keep = np.zeros_like(keep)
            keep[order[:self.max_features]] = True
        if not keep.any():
            raise ValueError(
                f"No terms remain after pruning {n_docs} documents (min_df={self.min_df_}, "
                f"max_df={self.max_df_}). Try a lower min_df or a higher max_df, or check "
                f"that the texts are not empty.")
        kept = np.flatnonzero(keep)
        kept = kept[np.argsort(names[kept].astype(str), kind="stable")]  # alphabetical
        column_of = np.full(len(names), -1, np.int64)
        column_of[kept] = np.arange(len(kept))
        self.vocabulary_ = dict(zip(names[kept].tolist(), range(len(kept))))
        return column_of

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
                "article table with at least one article row."
            )
        ids = self._fit_phrases(docs, progress)  # counted as they are: no second pass
        merger = Merger()  # the same counting as make_dtm's batches, with one batch
        merger.add(count_ids(ids, np.asarray(self.terms_.names, dtype=object), len(docs)))
        df, totals = merger.document_frequency(np.ones(len(docs), dtype=bool))
        column_of = self.fit_vocabulary(df, totals, merger.names(), len(docs))
        return merger.finish(column_of, len(self.vocabulary_), self.dtype)

    def transform(self, raw_documents, progress=False):
        """Count the learned vocabulary in new texts (same phrases, same pruning)."""
        return self.columns_of(self.count(raw_documents, progress))

    def columns_of(self, counts: BatchCounts) -> sp.csr_matrix:
        """A batch's counts (:meth:`count`) in the vocabulary's columns."""
        check_is_fitted(self, "vocabulary_")
        vocab = self.vocabulary_
        column_of = np.fromiter((vocab.get(n, -1) for n in counts.names.tolist()),
                                dtype=np.int64, count=len(counts.names))
        return counts.matrix(column_of, len(vocab), self.dtype)

    def build_analyzer(self):
        """A callable text → list of terms, like ``CountVectorizer.build_analyzer``."""
        check_is_fitted(self, "vocabulary_")
        vocab = self.vocabulary_

        def analyse(text):
            ids, names = self.term_ids([text])
            return [t for t in names[ids[ids != DOC_END]].tolist() if t in vocab]
        return analyse

    def get_feature_names_out(self, input_features=None):
        """The vocabulary as an array of str, in column order."""
        check_is_fitted(self, "vocabulary_")
        names = np.empty(len(self.vocabulary_), dtype=object)
        names[list(self.vocabulary_.values())] = list(self.vocabulary_.keys())
        return names

    @property
    def phrase_list_(self) -> list[str]:
        """The learned phrases in the vocabulary, e.g. ``["white_house", "xi_jinping"]``."""
        check_is_fitted(self, "vocabulary_")
        return sorted(m for pairs in self.phrases_ for m in pairs.values()
                      if m in self.vocabulary_)


def _as_texts(raw_documents) -> list[str]:
    if isinstance(raw_documents, str):
        raise ValueError(
            "Expected a list of texts, got a single string. Wrap it in a list: [text]."
        )
    return ["" if t is None or t is pd.NA else str(t) for t in raw_documents]

