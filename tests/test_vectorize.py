"""The news vectorizer on the default corpus: phrases, stop words, names kept out."""
from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from corpus_tools import load_corpus
from corpus_tools.schema import conform
from corpus_tools.vectorize import (NEWS_STOP_WORDS, NewsVectorizer, article_texts,
                                    make_dtm, outlet_terms)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def articles(default_corpus):
    return default_corpus[default_corpus["kind"] == "article"].reset_index(drop=True)


@pytest.fixture(scope="module")
def openers(tmp_path_factory):
    """Six real AllSides articles: AP photo captions ("FILE - In this ..."), columns
    ("ANALYSIS/OPINION:"), "EXCLUSIVE:", two filed from Washington; they name the
    International Monetary Fund, funds, real estate and Washington."""
    work = tmp_path_factory.mktemp("openers")
    return load_corpus(FIXTURES / "allsides" / "capitalised_openers.jsonl", progress=False,
                       cache_dir=False, log_path=work / "log.csv")


@pytest.fixture(scope="module")
def dtm(default_corpus):
    return make_dtm(default_corpus, progress=False)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(ch for ch in text if ch.isalnum())


def test_rows_follow_the_table_and_teasers_are_left_out(default_corpus, articles, dtm):
    assert (default_corpus["kind"] == "teaser").any()  # the seeds carry teasers
    assert list(dtm.doc_ids) == list(articles["doc_id"])
    assert dtm.matrix.shape == (len(articles), len(dtm.vocabulary))
    everything = make_dtm(default_corpus.head(40), kinds=None, progress=False)
    assert len(everything) == 40


def test_phrases_are_learned_as_one_term(dtm):
    vocab = set(dtm.vocabulary)
    for phrase in ["xi_jinping", "white_house", "north_korea", "european_union"]:
        assert phrase in vocab, phrase
    assert dtm.vectorizer.phrase_list_  # and they are listed


def test_news_stop_words_are_out_and_acronyms_kept_apart(dtm):
    vocab = set(dtm.vocabulary)
    assert not vocab & {"said", "told", "according", "mr", "monday", "us", "the"}
    assert "US" in vocab  # the country, not the pronoun
    assert {"bill", "fire"} <= vocab  # news content words that sklearn's list drops


def test_outlet_and_agency_names_are_not_terms(articles, dtm):
    names = set(articles["outlet"]) | set(articles["agency"]) - {""}
    single_words = {_fold(n) for n in names if len(str(n).split()) == 1}
    assert {"tass", "cnn", "bbc", "dw", "reuters"} <= single_words | {"reuters"}
    for term in dtm.vocabulary:
        parts = [_fold(p) for p in term.split("_")]
        assert not set(parts) & single_words, term
        assert _fold(term) not in {_fold(n) for n in names}, term
    assert "al_jazeera" not in set(dtm.vocabulary)


def test_min_and_max_df_scale_with_the_corpus(dtm):
    assert dtm.vectorizer.min_df_ == 2 and dtm.vectorizer.max_df_ == 0.5
    small = NewsVectorizer().fit(["Xi met Putin.", "Putin met Xi.", "Trade talks."])
    assert small.min_df_ == 1 and small.max_df_ == 1.0


def test_same_input_gives_the_same_matrix(default_corpus, dtm):
    again = make_dtm(default_corpus, progress=False)
    assert list(again.vocabulary) == list(dtm.vocabulary)
    assert (again.matrix != dtm.matrix).nnz == 0


def test_a_fitted_vectorizer_counts_new_articles_the_same_way(articles, dtm):
    part = articles.iloc[100:130]
    reused = make_dtm(part, vectorizer=dtm.vectorizer, progress=False)
    assert list(reused.vocabulary) == list(dtm.vocabulary)
    assert (reused.matrix != dtm.matrix[100:130]).nnz == 0
    restored = pickle.loads(pickle.dumps(dtm.vectorizer))
    texts = article_texts(part)
    assert (restored.transform(texts) != dtm.matrix[100:130]).nnz == 0
    with pytest.raises(ValueError, match="cannot change a fitted vectorizer"):
        make_dtm(part, vectorizer=dtm.vectorizer, min_df=5, progress=False)


def test_it_is_a_scikit_learn_estimator():
    vec = NewsVectorizer(min_df=1, phrase_threshold=0.3)
    assert clone(vec).get_params() == vec.get_params()
    analyse = vec.fit(["Xi Jinping met Vladimir Putin in Moscow.",
                       "Vladimir Putin hosted Xi Jinping.",
                       "Xi Jinping and Vladimir Putin signed a deal."]).build_analyzer()
    assert analyse("Xi Jinping thanked Vladimir Putin.") == ["xi_jinping", "vladimir_putin"]


def test_one_copy_per_story_fits_and_every_row_is_counted(articles):
    part = articles.head(300).copy()
    part["copy_group"] = np.arange(len(part)) // 3  # three copies of each story
    part["is_original"] = np.arange(len(part)) % 3 == 0
    dtm = make_dtm(part, progress=False)
    assert len(dtm) == 300 and dtm.fit_rows.sum() == 100
    assert (dtm.fit_rows == part["is_original"].to_numpy()).all()


def test_a_body_loses_only_its_own_dateline(openers):
    # Two of the real articles still open with their dateline, as an export with a
    # dateline column gives them; a capitalised opener that is not the row's dateline
    # stays text ("FILE -" opens AP photo captions, "ANALYSIS/OPINION:" a column).
    table = openers.copy()
    table["body"] = [b if not d else f"{d} (Reuters) - {b}"
                     for d, b in zip(table["dateline"], table["body"])]
    texts = article_texts(table, title=False)
    assert texts.tolist() == [b if not d else b.split(" - ", 1)[1]
                              for d, b in zip(table["dateline"], table["body"])]
    assert texts.str.startswith("FILE - In this").sum() == 2
    assert texts.str.startswith("ANALYSIS/OPINION:").sum() == 1
def test_outlet_terms_cover_names_domains_and_agencies():
    table = pd.DataFrame({"outlet": ["Fox Online News", "CNN (Web News)"],
                          "outlet_domain": ["www.foxnews.com", "www.cnn.com"],
                          "agency": ["", "AFP"]})
    names = set(outlet_terms(table))
    assert {"Fox News", "Fox", "CNN", "foxnews", "AFP", "Reuters"} <= names


def test_stop_words_are_news_aware():
    assert {"said", "told", "monday", "mr"} <= NEWS_STOP_WORDS
    assert "bill" not in NEWS_STOP_WORDS


def test_bad_input_says_what_to_do(articles):
    with pytest.raises(ValueError, match="No rows to vectorise"):
        make_dtm(articles.iloc[:0], progress=False)
    with pytest.raises(ValueError, match="No terms remain after pruning"):
        make_dtm(articles.head(30), min_df=31, progress=False)
    with pytest.raises(ValueError, match="single string"):
        NewsVectorizer().fit("one text")
    with pytest.raises(TypeError, match="article table"):
        make_dtm(["a list of texts"], progress=False)


def test_capitalised_openers_and_places_stay_in_the_vocabulary(openers):
    """Issue 13: openers in capitals ("FUND managers ...", "REAL estate ...") were read
    as datelines and then removed from the whole vocabulary. A dateline now leaves out
    only itself: "fund", "real_estate", "international_monetary_fund" stay, and
    "Washington" stays a term where it is not a dateline."""
    assert openers["dateline"].tolist() == ["", "", "", "", "WASHINGTON", "WASHINGTON"]
    words = {"fund", "real_estate", "international_monetary_fund", "washington"}
    dtm = make_dtm(openers, progress=False)
    assert words <= set(dtm.vocabulary)
    # A table from an older loader, whose dateline column holds such openers.
    misread = openers.assign(dateline=["FILE", "FUND", "REAL ESTATE", "FUND", "WASHINGTON",
                                       "WASHINGTON"])
    assert words <= set(make_dtm(misread, progress=False).vocabulary)


def test_a_dateline_is_not_counted_unless_asked(default_corpus, dtm):
    vocabulary = list(dtm.vocabulary)
    assert {"moscow", "washington", "beijing"} <= set(vocabulary)  # named in the stories
    kept = make_dtm(default_corpus, exclude_datelines=False, progress=False)
    places = set(default_corpus["dateline"].str.lower())
    assert set(vocabulary) <= set(kept.vocabulary)  # places named only in datelines join
    assert set(kept.vocabulary) - set(vocabulary) <= places
    before = dtm.matrix[:, vocabulary.index("moscow")]
    added = (kept.matrix[:, list(kept.vocabulary).index("moscow")] - before).toarray().ravel()
    datelines = dtm.doc_ids.to_series().map(default_corpus.set_index("doc_id")["dateline"])
    filed = datelines.str.split().map(lambda words: "MOSCOW" in words).to_numpy()
    assert filed.sum() == 274  # TASS files from "MOSCOW" (273) and "MOSCOW REGION"
    assert (added == filed).all()  # ... and each dateline counts once, in its own row
