"""``prepare``, the entry point of the prepared corpus (:class:`.corpus.PreparedCorpus`):
the shared report parameters checked, and the stages' store chosen."""
from __future__ import annotations

from pathlib import Path

from .. import config
from .corpus import PreparedCorpus
from .parameters import Parameters
from .store import Store

__all__ = ["prepare"]


def prepare(corpus_path=None, *, progress: bool | None = None, store: bool | str | Path = True,
            **parameters) -> "PreparedCorpus":
    """The corpus and its stages (copies, stories, matrix, topics), computed once.

    Parameters
    ----------
    corpus_path : str, Path or list of them, optional
        Files, folders or globs (anything :func:`corpus_tools.load_corpus` reads), or
        one article table written by ``corpus-tools ingest``. Default: the project's
        ``data/raw``. A relative path is read from the working folder, or else from
        the project folder (so that it works the same in a JupyterLab kernel, which
        runs in ``notebooks/``).
    progress : bool, optional
        Say which stage is being computed and show the stages' progress bars (stages
        read back from disk say nothing). Default: ``corpus_tools.options`` (on).
    store : bool or path, default True
        Keep the stages under ``<processed>/prepared`` (:func:`corpus_tools.config.
        processed_dir`), or under this folder; False keeps nothing.
    **parameters
        The shared report parameters (:class:`~corpus_tools.prepared.Parameters`):
        ``reference_date``, ``columns``, ``outlets``, ``date_from``, ``date_to``,
        ``outlet_a``, ``outlet_b``, ``n_topics``, ``method``, ``query``,
        ``threshold``, ``containment``, ``window_days``.

    Returns
    -------
    PreparedCorpus

    Raises
    ------
    ParameterError
        For an unknown parameter or a value that cannot be used (names the parameter).
    FileNotFoundError
        When the corpus path matches nothing.

    Examples
    --------
    >>> corpus = prepare("data/raw", n_topics=12)  # doctest: +SKIP
    >>> corpus.articles.groupby("outlet").size()  # doctest: +SKIP
    >>> corpus.model.labels  # doctest: +SKIP
    """
    if corpus_path is not None:
        parameters["corpus_path"] = corpus_path
    params = Parameters.from_mapping(parameters)
    if store is True:
        root = config.processed_dir() / "prepared"
    else:
        root = Path(store) if store else None
    return PreparedCorpus(params, Store(root), progress=progress)
