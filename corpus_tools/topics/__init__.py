"""Topic models of the article table and their diagnostics.

``fit_topics`` fits NMF (default) or LDA, ``choose_n_topics`` compares numbers of
topics, ``topic_prevalence`` and ``representative_articles`` read a fitted model
against the table. The entry points live in :mod:`.api`, above the kernels
(:mod:`.model`, :mod:`.online`, :mod:`.inputs`, :mod:`.choose`). The measures in
:mod:`.diagnostics` are shared with ``bench/``.
"""
from .api import choose_n_topics, fit_topics
from .diagnostics import exclusivity, npmi_coherence, topic_agreement, topic_diversity
from .model import TopicModel
from .prevalence import representative_articles, topic_prevalence

__all__ = ["TopicModel", "fit_topics", "choose_n_topics", "topic_prevalence",
           "representative_articles", "npmi_coherence", "topic_diversity",
           "exclusivity", "topic_agreement"]
