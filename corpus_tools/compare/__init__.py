"""Outlet comparisons: functions that take the article table and return tidy DataFrames.

Every function collapses syndicated copies by default (one vote per story per
outlet; ``collapse=False`` counts every copy), so that wire copy does not decide
the result.
"""
from .attention import attention
from .context import kwic
from .prevalence import prevalence_difference
from .query import match_query, parse_query
from .similarity import outlet_similarity
from .sourcing import cited_sources, distinctive_sources, source_profile, sourcing
from .terms import distinctive_terms, keyness, log_odds_z

__all__ = [
    "attention", "cited_sources", "distinctive_sources", "distinctive_terms", "keyness", "kwic",
    "log_odds_z", "match_query", "outlet_similarity", "parse_query", "prevalence_difference",
    "source_profile", "sourcing",
]
