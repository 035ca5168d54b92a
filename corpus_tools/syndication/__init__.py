"""Syndication: wire copies, abridged copies, stories across outlets, and who cut what.

The front door (all take an article table from ``corpus_tools.load_corpus`` and skip
teaser rows by default):

* :func:`find_duplicates` - pairs of copies (exact, near, abridged);
* :func:`mark_copies` - the table with ``copy_group``, ``is_original`` and the likely
  wire agency;
* :func:`cluster_stories` - the table with ``story_id``: one event across outlets;
* :func:`align_copies` - sentence by sentence, what one version kept, dropped, added
  or changed;
* :func:`coverage_table` - per story who covered it and how late; per outlet how much is
  wire copy, by agency.

Modules: ``api`` (these entry points, above everything else), ``shingles`` (text to
hashed word shingles), ``minhash`` (signatures, LSH), ``winnowing`` (fingerprints for
contained copies), ``duplicates`` (the two passes, run here or on Dask by the executor),
``copies``, ``stories``, ``alignment``, ``coverage``.
"""
from .alignment import align_copies, split_sentences
from .api import cluster_stories, coverage_table, find_duplicates, mark_copies
from .coverage import Coverage

__all__ = ["Coverage", "align_copies", "cluster_stories", "coverage_table", "find_duplicates",
           "mark_copies", "split_sentences"]
