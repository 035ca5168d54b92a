"""Whether a section of a report can apply to a corpus, and if not, why, in one sentence.

A corpus nobody has seen may be undated, hold one outlet, have no copies or credit no
agency. A report section that cannot apply says so from the numbers of this corpus,
instead of failing or drawing an empty figure.
"""
from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..overview import PAGE_SUFFIXES, page_source_rows, source_suffix
from ..schema import article_mask

__all__ = ["Checks", "NEEDS", "PAGE_SUFFIXES"]

#: A month with fewer dated articles is an anecdote, not a point of a trend (as
#: :func:`corpus_tools.plots.topic_prevalence_over_time` leaves it out).
MIN_PER_MONTH = 5


class Checks:
    """The ``why_not`` sentences of a :class:`~corpus_tools.prepared.PreparedCorpus`."""

    def __init__(self, prepared):
        self.prepared = prepared

    @cached_property
    def _articles(self) -> pd.DataFrame:
        # The selected rows, not ``prepared.articles``: checking dates or outlets must
        # not compute the copies.
        rows = self.prepared.selected
        return rows[article_mask(rows)]

    @cached_property
    def _dated(self) -> pd.Series:
        return self._articles["published"].dropna()

    def why_not(self, *needs: str) -> str | None:
        """The reason for the first need that is not met, or None."""
        for need in needs:
            if need not in NEEDS:
                raise ValueError(f"Unknown need {need!r}; one of: {', '.join(NEEDS)}.")
            reason = getattr(self, NEEDS[need])()
            if reason:
                return reason
        return None

    # --- one method per need -------------------------------------------------------

    def dates(self) -> str | None:
        if len(self._dated):
            return None
        n = len(self._articles)
        reason = (f"None of the {n:,} article{_s(n)} has a publication date, so nothing can be "
                  "shown over time.")
        raw = self._articles.get("published_raw", pd.Series(dtype="string"))
        raw = raw[raw.fillna("") != ""]
        if len(raw):
            reason += (f" {len(raw):,} carry a date that could not be resolved (such as "
                       f"{raw.iloc[0]!r}): if these are relative to the day the pages were "
                       "captured, set reference_date.")
        return reason

    def months(self) -> str | None:
        reason = self.dates()
        if reason:
            return reason
        per_month = self._dated.dt.tz_convert("UTC").dt.strftime("%Y-%m").value_counts()
        if (per_month >= MIN_PER_MONTH).sum() > 1:
            return None
        n = len(self._dated)
        return (f"Fewer than two months have {MIN_PER_MONTH} or more dated articles ({n:,} dated "
                f"article{_s(n)} in {len(per_month):,} month{_s(len(per_month))}), so there is no "
                "change from month to month to show.")

    def bodies(self) -> str | None:
        if (self._articles["n_words"] > 0).any():
            return None
        return (f"None of the {len(self._articles):,} articles has body text (the inputs hold "
                "titles only), so there are no lengths or words to compare.")

    def outlets(self) -> str | None:
        sizes = self.prepared.outlet_sizes
        if len(sizes) > 1:
            return None
        return (f"All articles come from one outlet ({sizes.index[0]}), so there is no other "
                "outlet to compare it with.")

    def pair(self) -> str | None:
        return self.outlets()

    def copies(self) -> str | None:
        if len(self.prepared.pairs):
            return None
        p, n = self.prepared.parameters, len(self._articles)
        return (f"No two of the {n:,} articles are copies of each other (none shares "
                f"{p.threshold:.0%} of its 5-word sequences with another, or lies {p.containment:.0%}"
                " inside a longer one), so there are no copy groups.")

    def cross_outlet_copies(self) -> str | None:
        reason = self.copies() or self.outlets()
        if reason:
            return reason
        outlet = self.prepared.corpus.set_index("doc_id")["outlet"]
        pairs = self.prepared.pairs
        across = (outlet.reindex(pairs["doc_id_a"]).to_numpy()
                  != outlet.reindex(pairs["doc_id_b"]).to_numpy())
        if across.any():
            return None
        return (f"All {len(pairs):,} pairs of copies are within one outlet (an outlet republishing "
                "its own story); no outlet copies another's text.")

    def credited_agencies(self) -> str | None:
        if (self._articles["agency"].fillna("") != "").any():
            return None
        return (f"None of the {len(self._articles):,} articles credits a wire agency (no "
                "dateline such as 'MOSCOW (Reuters)', closing credit or desk slug was found).")

    def agencies(self) -> str | None:
        articles = self.prepared.articles
        if (articles["agency"].fillna("") != "").any() or (
                articles["likely_agency"].fillna("") != "").any():
            return None
        return (f"None of the {len(articles):,} articles credits a wire agency (no dateline "
                "such as 'MOSCOW (Reuters)', closing credit or desk slug was found), and no copy "
                "group has one.")

    def wire_copy(self) -> str | None:
        if self.agencies() is None or self.copies() is None:
            return None
        n = len(self.prepared.articles)
        return (f"None of the {n:,} articles credits a wire agency, and none is a copy of "
                "another, so there is no wire copy to show: all of it reads as the outlets' own "
                "reporting.")

    def shared_stories(self) -> str | None:
        reason = self.outlets()
        if reason:
            return reason
        stories = self.prepared.coverage.stories
        if len(stories) and (stories["n_outlets"] > 1).any():
            return None
        return (f"No story was covered by more than one outlet (no articles of two outlets "
                f"about one event within {self.prepared.parameters.window_days:g} days of each "
                "other were found).")

    def dated_shared_stories(self) -> str | None:
        reason = self.dates() or self.shared_stories()
        if reason:
            return reason
        stories = self.prepared.coverage.stories
        if ((stories["n_outlets"] > 1) & stories["hours_after_first"].notna()).any():
            return None
        return ("None of the stories covered by several outlets has dated articles from two of "
                "them, so there is no order of publication to compare.")

    def topics(self) -> str | None:
        if self.prepared.model is not None:
            return None
        return self.prepared._model.reason

    def page_sources(self) -> str | None:
        if len(page_source_rows(self._articles)):
            return None
        pages = self._articles["source_file"].map(source_suffix).isin(PAGE_SUFFIXES)
        if pages.any():
            example = self._articles.loc[pages, "source_file"].iloc[0]
            return (f"The page files the articles were read from cannot be opened from here "
                    f"(such as {example}), so no raw page can be shown beside its article.")
        kinds = sorted({source_suffix(f) or "(no suffix)" for f in self._articles["source_file"].unique()})
        return ("The articles come from exports or tables (" + ", ".join(kinds[:5]) + "), whose "
                "fields are used as they are: there is no scraped page to show before and after "
                "cleaning.")

    # --- a sentence about the whole selection ---------------------------------------------

    def describe(self) -> str:
        prepared, articles = self.prepared, self._articles
        n, outlets = len(articles), len(prepared.outlet_sizes)
        teasers = len(prepared.selected) - n
        text = f"{n:,} article{_s(n)}"
        if teasers:
            text += f" and {teasers:,} teaser{_s(teasers)}"
        text += f" from {outlets:,} outlet{_s(outlets)}"
        if len(self._dated):
            undated = n - len(self._dated)
            first, last = f"{self._dated.min():%-d %B %Y}", f"{self._dated.max():%-d %B %Y}"
            text += (f", published {'on ' + first if first == last else f'{first} to {last}'}"
                     + (f" ({undated:,} undated)" if undated else ""))
        else:
            text += ", none dated"
        p = prepared.parameters
        chosen = [f"outlets {', '.join(p.outlets)}" if p.outlets else "",
                  f"from {p.date_from}" if p.date_from else "", f"to {p.date_to}" if p.date_to else ""]
        chosen = [c for c in chosen if c]
        if chosen:
            total = int(article_mask(prepared.table).sum())
            text += f"; selected ({'; '.join(chosen)}) from {total:,} articles"
        return text + "."


#: The needs a section can have, and the method that checks each.
NEEDS = {"dates": "dates", "months": "months", "bodies": "bodies", "outlets": "outlets",
         "pair": "pair", "copies": "copies", "cross-outlet copies": "cross_outlet_copies",
         "credited agencies": "credited_agencies", "agencies": "agencies",
         "wire copy": "wire_copy",
         "shared stories": "shared_stories", "dated shared stories": "dated_shared_stories",
         "topics": "topics", "page sources": "page_sources"}


def _s(n: int) -> str:
    return "" if n == 1 else "s"
