"""Articles → document-term matrix: a news tokenizer and a scikit-learn vectorizer.

``make_dtm`` (:mod:`.api`) is the entry point; below it, the estimator
``NewsVectorizer`` (:mod:`.estimator`), the numpy counter (:mod:`.counting`) and the
``DocumentTermMatrix`` (:mod:`.matrix`). Those never import the entry point.
"""
from ..news_words import AGENCY_NAMES, NEWS_STOP_WORDS, outlet_terms
from ..schema import article_texts
from .api import make_dtm
from .estimator import NewsVectorizer
from .matrix import DocumentTermMatrix, one_copy_per_story

__all__ = ["NEWS_STOP_WORDS", "AGENCY_NAMES", "NewsVectorizer", "DocumentTermMatrix",
           "make_dtm", "outlet_terms", "article_texts", "one_copy_per_story"]
