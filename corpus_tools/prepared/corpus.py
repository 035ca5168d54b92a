"""A prepared corpus: loaded, its copies and stories found, its matrix built and its
topics fitted once, kept on disk, and served to scripts, JupyterLab and every notebook.

A report build prepares the corpus once and every notebook reads the stored stages;
in JupyterLab the first notebook that needs a stage computes it and the others read
it. Stages are computed when first asked for (the overview never fits topics) and
kept under ``<processed>/prepared/`` (see :mod:`.store`), keyed by the inputs and
the parameters each one depends on:

==========  =============================================  ================================
stage       what                                           depends on
==========  =============================================  ================================
load        the article table and its ingest log           input files, reference_date,
                                                           columns
copies      pairs of copies; copy groups, originals,       load, outlets, date_from,
            likely agency                                  date_to, threshold, containment
stories     story ids                                      copies, window_days
dtm         the document-term matrix                       copies
choice      the comparison of numbers of topics            dtm, method (only with
                                                           n_topics="auto")
topics      the topic model                                dtm, n_topics (or choice), method
attribu-    who is quoted in each article                  load, outlets, date_from, date_to
tions
==========  =============================================  ================================
"""
from __future__ import annotations

import sys
from functools import cached_property

import numpy as np
import pandas as pd

from .. import config
from ..schema import article_mask
from ..settings import resolve
from . import choices, stages
from .checks import Checks
from .parameters import ParameterError, Parameters
from .store import StageRun, Store

__all__ = ["PreparedCorpus"]

#: The seed of every model: the same inputs give the same topics.
RANDOM_STATE = 0


class PreparedCorpus:
    """A corpus with its stages, each computed (or read back) when first used.

    Build it with :func:`prepare`. The attributes are computed on first access:

    Attributes
    ----------
    table : DataFrame
        The whole article table as loaded (every row, before the selection).
    selected : DataFrame
        The rows of the chosen outlets and dates (``outlets``, ``date_from``,
        ``date_to``), without the columns of later stages.
    ingest_log : DataFrame
        The files that are not in the table, and why (``file``, ``problem``, ``detail``).
    corpus : DataFrame
        The selected rows (``outlets``, ``date_from``, ``date_to``) with the copy
        columns (``copy_group``, ``is_original``, ``likely_agency``, ``agency_inferred``)
        and the story columns (``story_id``, ``story_size``).
    articles : DataFrame
        ``corpus`` rows that are articles (:func:`corpus_tools.schema.article_mask`).
    pairs : DataFrame
        Pairs of copies (:func:`corpus_tools.find_duplicates`).
    attributions : DataFrame
        Who is quoted in each article (:func:`corpus_tools.attributions`).
    coverage : Coverage
        Stories per outlet and wire-copy shares (:func:`corpus_tools.coverage_table`).
    dtm : DocumentTermMatrix or None
        None when no term is left (``why_not("topics")`` says why).
    topic_choice : TopicNumberChoice or None
        The comparison of candidate numbers of topics, with ``n_topics="auto"``.
    model : TopicModel or None
        None when the corpus is too small for topics.
    n_topics : int or None
        The number of topics fitted.
    outlet_a, outlet_b : str or None
        The pair compared side by side (by default the two largest outlets).
    query : str or None
        The attention query (by default the top terms of the largest topic).
    runs : list of StageRun
        How each stage was obtained so far (computed, or read back, and in how long).
    """

    def __init__(self, parameters: Parameters, store: Store, *, progress: bool | None = None):
        self.parameters = parameters
        self.store = store
        self.progress = resolve(progress=progress).progress  # the run settings, read once
        self.runs: list[StageRun] = []
        path = parameters.corpus_path
        if path is None:
            self.paths = config.raw_dir()
        elif isinstance(path, tuple):
            self.paths = [config.resolve_input(p) for p in path]
        else:
            self.paths = config.resolve_input(path)

    def __repr__(self) -> str:
        done = ", ".join(r.stage for r in self.runs) or "nothing yet"
        return f"PreparedCorpus({str(self.paths)!r}; stages ready: {done})"

    # --- running stages -----------------------------------------------------------

    def _run(self, stage: str, spec: dict, compute, write, read):
        def announced():
            from threadpoolctl import threadpool_limits

            if self.progress:
                print(f"Preparing the corpus: {_STAGE_WORDS[stage]} ...", file=sys.stderr, flush=True)
            # One BLAS thread: the topic fits multiply small matrices many times, and
            # OpenBLAS's threads spin while they wait. Measured on the default corpus
            # (2 cores): the k search took 66 s of CPU with two BLAS threads and 8.8 s
            # with one (bench/reports.py prints the stage times).
            with threadpool_limits(limits=1, user_api="blas"):
                return compute()

        value, run = self.store.run(stage, spec, announced, write, read)
        self.runs.append(run)
        return value

    def compute(self, until: str | None = None) -> "PreparedCorpus":
        """Compute (or read back) every stage, or those up to ``until`` ("dtm": the
        table, copies, stories and matrix, not the topics); what a report build does."""
        _ = self.corpus, self.dtm
        if until != "dtm":
            _ = self.model, self.query, self.attributions
        return self

    def check(self) -> "PreparedCorpus":
        """Raise :class:`ParameterError` now for a parameter that does not fit this corpus
        (an outlet it lacks, a malformed query, more topics than its articles support),
        rather than in the middle of a build."""
        _ = self.outlet_a, self.outlet_b
        if self.parameters.query:
            _ = self.query
        k = self.parameters.n_topics
        if k != "auto" and self.dtm is not None:
            choices.too_many_topics(int(k), self._fit_rows())
        return self

    @property
    def timings(self) -> pd.DataFrame:
        """One row per stage run: ``stage``, ``seconds`` (to compute), ``reused``,
        ``load_seconds`` (to read back when reused)."""
        return pd.DataFrame([{"stage": r.stage, "seconds": r.seconds, "reused": r.reused,
                              "load_seconds": r.load_seconds} for r in self.runs],
                            columns=["stage", "seconds", "reused", "load_seconds"])

    # --- load ---------------------------------------------------------------------

    @cached_property
    def _loaded(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        p = self.parameters
        spec = {"inputs": stages.input_fingerprint(self.paths), "reference_date": p.reference_date,
                "columns": p.columns}
        self._load_key = self.store.key("load", spec)

        def compute():
            log_path = config.ingest_log_path(self.paths)
            try:
                table = stages.read_articles(self.paths, reference_date=p.reference_date,
                                             columns=p.columns, progress=self.progress,
                                             log_path=log_path)
            except ValueError as exc:  # a column map that ingest cannot use
                if p.columns and "columns=" in str(exc):
                    raise ParameterError("columns", str(exc)) from None
                raise
            log = pd.read_csv(log_path, dtype="string") if log_path.exists() else stages.empty_log()
            return table, log

        def write(value, folder):
            stages.write_frames({"table": value[0]}, folder)
            value[1].to_csv(folder / "ingest_log.csv", index=False)

        def read(folder):
            return (stages.read_frame(folder, "table"),
                    pd.read_csv(folder / "ingest_log.csv", dtype="string"))

        table, log = self._run("load", spec, compute, write, read)
        if not article_mask(table).any():
            problems = (f"; {len(log):,} problem(s) in its ingest log, e.g. {log.iloc[0].to_dict()}"
                        if len(log) else "")
            raise ValueError(f"No article was read from {self.paths}{problems}. Check the path; "
                             f"the ingest log is {config.ingest_log_path(self.paths)}.")
        return table, log

    @property
    def table(self) -> pd.DataFrame:
        return self._loaded[0]

    @property
    def ingest_log(self) -> pd.DataFrame:
        return self._loaded[1]

    @cached_property
    def selected(self) -> pd.DataFrame:
        """The rows of the chosen outlets and dates (all rows when none are chosen)."""
        from ..overview import filter_corpus

        p, table = self.parameters, self.table
        try:
            rows = filter_corpus(table, outlets=p.outlets, date_from=p.date_from, date_to=p.date_to)
        except ValueError as exc:
            raise ParameterError("outlets", str(exc)) from None
        if not article_mask(rows).any():
            raise ParameterError(
                "date_from" if p.date_from or p.date_to else "outlets",
                f"The selection (outlets={p.outlets}, date_from={p.date_from}, date_to="
                f"{p.date_to}) leaves no article. {stages.date_span(table)}")
        return rows.reset_index(drop=True)

    # --- copies and stories ---------------------------------------------------------

    def _selection_spec(self) -> dict:
        p = self.parameters
        _ = self._loaded
        return {"load": self._load_key, "outlets": p.outlets, "date_from": p.date_from,
                "date_to": p.date_to}

    @cached_property
    def _copies(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        from ..syndication import find_duplicates, mark_copies

        p, rows = self.parameters, self.selected
        spec = {**self._selection_spec(), "threshold": p.threshold, "containment": p.containment}
        self._copies_key = self.store.key("copies", spec)

        def compute():
            pairs = find_duplicates(rows, threshold=p.threshold, containment=p.containment,
                                    progress=self.progress)
            marked = mark_copies(rows, duplicates=pairs, progress=self.progress)
            return pairs, stages.added_columns(rows, marked)

        def write(value, folder):
            stages.write_frames({"pairs": value[0], "marks": value[1]}, folder)

        def read(folder):
            return stages.read_frame(folder, "pairs"), stages.read_frame(folder, "marks")

        return self._run("copies", spec, compute, write, read)

    @property
    def pairs(self) -> pd.DataFrame:
        return self._copies[0]

    @cached_property
    def _stories(self) -> pd.DataFrame:
        from ..syndication import cluster_stories

        p = self.parameters
        marked = stages.joined(self.selected, self._copies[1])
        spec = {"copies": self._copies_key, "window_days": p.window_days}
        return self._run(
            "stories", spec,
            lambda: stages.added_columns(marked, cluster_stories(marked, window_days=p.window_days,
                                                           progress=self.progress)),
            lambda value, folder: stages.write_frames({"stories": value}, folder),
            lambda folder: stages.read_frame(folder, "stories"))

    @cached_property
    def corpus(self) -> pd.DataFrame:
        return stages.joined(stages.joined(self.selected, self._copies[1]), self._stories)

    @cached_property
    def articles(self) -> pd.DataFrame:
        return self.corpus[article_mask(self.corpus)]

    @cached_property
    def attributions(self) -> pd.DataFrame:
        """Who is quoted in each selected article (:func:`corpus_tools.attributions`)."""
        from ..attribution import attributions

        rows = self.selected[article_mask(self.selected)]
        return self._run(
            "attributions", self._selection_spec(),
            lambda: attributions(rows, progress=self.progress),
            lambda value, folder: stages.write_frames({"attributions": value}, folder),
            lambda folder: stages.read_frame(folder, "attributions"))

    @cached_property
    def coverage(self):
        from ..syndication import coverage_table

        return coverage_table(self.corpus, window_days=self.parameters.window_days, progress=False)

    # --- matrix and topics ------------------------------------------------------------

    @cached_property
    def _dtm(self):
        from ..vectorize import make_dtm

        marked = stages.joined(self.selected, self._copies[1])
        spec = {"copies": self._copies_key}
        self._dtm_key = self.store.key("dtm", spec)

        def compute():
            try:
                return make_dtm(marked, progress=self.progress)
            except ValueError as exc:  # no terms left: too few or too short articles
                return stages.Unavailable(f"No document-term matrix could be built: {exc}")

        return self._run("dtm", spec, compute, stages.write_dtm, stages.read_dtm)

    @property
    def dtm(self):
        return None if isinstance(self._dtm, stages.Unavailable) else self._dtm

    def _fit_rows(self) -> int:
        dtm = self.dtm
        if dtm is None:
            return 0
        return int((np.diff(dtm.matrix.indptr) > 0)[dtm.fit_rows].sum())

    @cached_property
    def _choice(self):
        from ..topics import choose_n_topics

        p = self.parameters
        if p.n_topics != "auto":
            return None
        if self.dtm is None:
            return stages.Unavailable(self._dtm.reason)
        n_fit = self._fit_rows()
        candidates = choices.auto_candidates(n_fit)
        if not candidates:
            need = 2 * choices.DOCS_PER_TOPIC
            return stages.Unavailable(
                f"Topics need at least {need} articles with words to fit even two topics "
                f"({choices.DOCS_PER_TOPIC} per topic); this selection has {n_fit}.")
        spec = {"dtm": self._dtm_key, "method": p.method, "candidates": candidates,
                "n_seeds": choices.AUTO_SEEDS, "random_state": RANDOM_STATE}
        return self._run(
            "choice", spec,
            lambda: choose_n_topics(self.dtm, candidates=candidates, method=p.method,
                                    n_seeds=choices.AUTO_SEEDS, random_state=RANDOM_STATE,
                                    progress=self.progress),
            stages.write_choice, stages.read_choice)

    @property
    def topic_choice(self):
        return None if isinstance(self._choice, stages.Unavailable) else self._choice

    @property
    def n_topics(self) -> int | None:
        if self.parameters.n_topics != "auto":
            return int(self.parameters.n_topics)
        return self.topic_choice.k if self.topic_choice is not None else None

    @cached_property
    def _model(self):
        from ..topics import fit_topics

        p, k = self.parameters, self.n_topics
        if self.dtm is None:
            return stages.Unavailable(self._dtm.reason)
        if k is None:  # "auto" on a corpus too small to compare candidates
            return self._choice
        choices.too_many_topics(k, self._fit_rows())
        spec = {"dtm": self._dtm_key, "n_topics": k, "method": p.method,
                "random_state": RANDOM_STATE}
        return self._run(
            "topics", spec,
            lambda: fit_topics(self.dtm, k, method=p.method, random_state=RANDOM_STATE,
                               progress=self.progress),
            stages.write_model, lambda folder: stages.read_model(folder, self.dtm))

    @property
    def model(self):
        return None if isinstance(self._model, stages.Unavailable) else self._model

    # --- the pair and the query -----------------------------------------------------------

    @cached_property
    def outlet_sizes(self) -> pd.Series:
        """Articles per outlet of the selection, largest first (ties by name)."""
        return choices.outlet_sizes(self.selected)

    def largest_outlets(self, n: int = 20) -> list[str]:
        """The ``n`` outlets with the most articles: what a figure of one row per
        outlet can show (tables beside it list every outlet)."""
        return list(self.outlet_sizes.index[:n])

    @cached_property
    def _pair(self) -> tuple[str | None, str | None]:
        p = self.parameters
        return choices.outlet_pair(self.outlet_sizes, p.outlet_a, p.outlet_b)

    @property
    def outlet_a(self) -> str | None:
        return self._pair[0]

    @property
    def outlet_b(self) -> str | None:
        return self._pair[1]

    @cached_property
    def query(self) -> str | None:
        """The query given, or one derived from this corpus's topics
        (:func:`~corpus_tools.prepared.choices.derived_query`)."""
        if self.parameters.query:
            return choices.check_query(self.parameters.query)
        return choices.derived_query(self.model, self.dtm)

    @property
    def query_topic(self) -> int | None:
        """The topic a derived query comes from (:func:`~corpus_tools.prepared.choices.query_topic`)."""
        return None if self.model is None else choices.query_topic(self.model)

    @property
    def query_is_derived(self) -> bool:
        """True when no query was given and :attr:`query` was derived from the corpus."""
        return not self.parameters.query

    # --- what cannot be shown, and why -------------------------------------------------------

    @cached_property
    def checks(self) -> Checks:
        return Checks(self)

    def why_not(self, *needs: str) -> str | None:
        """None when every need is met, else one sentence saying why a section cannot apply.

        Needs (the methods of :class:`~corpus_tools.prepared.checks.Checks`):
        ``"dates"``, ``"months"``, ``"bodies"``, ``"outlets"``, ``"pair"``, ``"copies"``,
        ``"cross-outlet copies"``, ``"credited agencies"``, ``"agencies"`` (credited or
        inferred from a copy group), ``"shared stories"``, ``"topics"``, ``"page sources"``.

        Examples
        --------
        >>> corpus.why_not("dates")  # doctest: +SKIP
        'None of the 223 articles has a publication date, so nothing can be shown over time.'
        """
        return self.checks.why_not(*needs)

    def describe(self) -> str:
        """One sentence: the size of the selection, its outlets and its dates."""
        return self.checks.describe()


_STAGE_WORDS = {
    "load": "reading the corpus", "copies": "finding copies", "stories": "clustering stories",
    "dtm": "building the document-term matrix", "choice": "comparing numbers of topics",
    "topics": "fitting the topic model", "attributions": "finding who is quoted",
}
