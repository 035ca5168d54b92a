"""The ``corpus-tools`` command: the package's helpers for scripts and make targets.

Every subcommand reads a corpus (raw files, folders, globs) or an article table that
``corpus-tools ingest`` wrote (.parquet or .csv), writes Parquet or CSV that pandas
reads back, shows progress on stderr unless ``--quiet``, and exits non-zero with a
one-line reason on bad input (2) or a failed analysis or report (1).
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import pandas as pd

#: Output formats, by file suffix.
TABLE_SUFFIXES = (".parquet", ".csv")


class CliError(ValueError):
    """Bad input on the command line; main() prints it and exits with code 2."""


def _check_out(path: str) -> Path:
    out = Path(path)
    if out.suffix.lower() not in TABLE_SUFFIXES:
        raise CliError(f"--out must end in .parquet or .csv (what pandas reads back), got {path!r}")
    return out


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as Parquet or CSV by suffix, with string column names and a plain index."""
    out = _check_out(str(path))
    frame = frame.copy()
    # A named index (doc_id) is data; a plain one left over from filtering is not.
    named = frame.index.name is not None or isinstance(frame.index, pd.MultiIndex)
    frame = frame.reset_index(drop=not named)
    frame.columns = [str(c) for c in frame.columns]  # Parquet wants string names (topic 0 → "0")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        frame.to_csv(out, index=False)
    else:
        frame.to_parquet(out, index=False)
    return out


def read_articles(paths: list[str], *, reference_date: str | None = None,
                  progress: bool | None = None) -> pd.DataFrame:
    """An article table from ``corpus-tools ingest`` output, or else raw inputs ingested
    (:func:`corpus_tools.prepared.read_articles`)."""
    from .prepared import read_articles as read

    return read(paths, reference_date=reference_date, progress=progress)


def _say(args: argparse.Namespace, message: str) -> None:
    if not args.quiet:
        print(message, file=sys.stderr)


def column_map(items: list[str] | None) -> dict[str, str] | None:
    """``--columns their=ours`` (repeatable, or comma-separated) as a ``columns=`` mapping."""
    if not items:
        return None
    mapping = {}
    for item in (part for value in items for part in value.split(",") if part.strip()):
        theirs, sep, ours = item.partition("=")
        if not sep or not theirs.strip() or not ours.strip():
            raise CliError(f"--columns expects THEIR=OURS (e.g. texts=body), got {item!r}")
        mapping[theirs.strip()] = ours.strip()
    return mapping


def _ingest(args: argparse.Namespace) -> int:
    import warnings

    out = _check_out(args.out)
    from . import load_corpus

    # The loud checks (most rows without outlet, date or text) are printed unless
    # --quiet; a load that read nothing is always said, and fails.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = load_corpus(args.paths, reference_date=args.reference_date, strict=args.strict,
                            progress=not args.quiet, columns=column_map(args.columns),
                            metadata=args.metadata, filename_fields=args.filename_fields)
    for warning in caught:
        if table.empty or not args.quiet:
            print(f"corpus-tools ingest: warning: {warning.message}", file=sys.stderr)
    if table.empty:
        print(f"corpus-tools ingest: no rows read from {', '.join(args.paths)}; nothing written "
              f"to {out}.", file=sys.stderr)
        return 1
    write_table(table, out)
    _say(args, f"{len(table):,} rows written to {out}")
    return 0


def _duplicates(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    marked = _check_out(args.marked) if args.marked else None
    from .syndication import find_duplicates, mark_copies

    corpus = read_articles(args.paths, reference_date=args.reference_date, progress=not args.quiet)
    pairs = find_duplicates(corpus, threshold=args.threshold, containment=args.containment,
                            include_teasers=args.include_teasers, progress=not args.quiet)
    write_table(pairs, out)
    _say(args, f"{len(pairs):,} pairs of copies among {len(corpus):,} rows written to {out}")
    if marked:
        table = mark_copies(corpus, duplicates=pairs, include_teasers=args.include_teasers,
                            progress=not args.quiet)
        write_table(table, marked)
        _say(args, f"article table with copy_group, is_original, likely_agency written to {marked}")
    return 0


def _topics(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    terms_out = _check_out(args.terms) if args.terms else None
    if args.n_topics < 2:
        raise CliError(f"-k must be 2 or more topics, got {args.n_topics}.")
    from .topics import fit_topics

    corpus = read_articles(args.paths, reference_date=args.reference_date, progress=not args.quiet)
    try:
        model = fit_topics(corpus, args.n_topics, method=args.method, random_state=args.seed,
                           progress=not args.quiet)
    except ValueError as exc:  # too few articles: say which option to change
        raise CliError(f"-k {args.n_topics}: {exc}") from None
    shares = model.doc_topics.copy()
    shares.columns = [f"topic_{k}" for k in shares.columns]
    write_table(shares, out)
    if terms_out:
        write_table(model.topic_terms, terms_out)
    if args.diagnostics:
        write_table(model.diagnostics, args.diagnostics)
    _say(args, f"{args.n_topics} topics ({args.method}) for {len(shares):,} articles written to {out}")
    if not args.quiet:
        for topic, label in model.labels.items():
            print(f"  topic {topic}: {label}", file=sys.stderr)
    return 0


def _compare(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    from .compare import distinctive_terms, keyness

    corpus = read_articles(args.paths, reference_date=args.reference_date, progress=not args.quiet)
    if args.by not in corpus.columns:
        raise CliError(f"--by {args.by!r} is not a column of the article table; "
                       f"columns: {', '.join(map(str, corpus.columns))}")
    groups = set(corpus[args.by].astype(str))
    for name in (args.target or []) + ([args.reference] if args.reference else []):
        if name not in groups:
            raise CliError(f"{name!r} is not a value of {args.by!r}; values: {', '.join(sorted(groups)[:20])}")
    target = args.target[0] if args.target and len(args.target) == 1 else args.target
    measure = distinctive_terms if args.method == "distinctive" else keyness
    if not args.quiet:
        print(f"Comparing {len(groups)} groups of {args.by!r} ({args.method})", file=sys.stderr)
    terms = measure(corpus, by=args.by, target=target, reference=args.reference)
    if args.top:
        terms = terms.groupby("group", sort=False, group_keys=False).head(args.top).reset_index(drop=True)
    write_table(terms, out)
    _say(args, f"{len(terms):,} rows written to {out}")
    return 0


def _parameter(item: str) -> tuple[str, object]:
    """``NAME=VALUE``; the value read as a Python literal (10, 0.5, None, [..]) or else a string."""
    name, sep, value = item.partition("=")
    if not sep or not name.isidentifier():
        raise CliError(f"-p expects NAME=VALUE with NAME a Python name, got {item!r}")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value


def _option(name: str) -> str:
    """The command-line option that sets a report parameter."""
    return {"corpus_path": "PATH", "columns": "--columns"}.get(name, f"-p {name}")


def _report(args: argparse.Namespace) -> int:
    from .prepared import ParameterError
    from .reports import ReportError, build_reports, notebook_sources

    parameters = dict(_parameter(item) for item in args.parameter or [])
    if len(args.paths) > 1:
        raise CliError("report takes one corpus path (a file, folder or glob)")
    if args.paths and "corpus_path" in parameters:
        raise CliError("give the corpus once: as PATH or as -p corpus_path=..., not both")
    columns = column_map(args.columns)
    if columns:
        parameters["columns"] = columns
    corpus = args.paths[0] if args.paths else None
    notebooks = notebook_sources(Path(args.notebooks)) if args.notebooks else None
    if args.notebooks and not notebooks:
        raise CliError(f"--notebooks {args.notebooks}: no notebooks named NN_name.py there")
    if args.jobs is not None and args.jobs < 1:
        raise CliError(f"--jobs must be 1 or more, got {args.jobs}")
    try:
        written = build_reports(corpus=corpus, out=args.out, formats=args.format,
                                parameters=parameters, notebooks=notebooks,
                                progress=not args.quiet, jobs=args.jobs)
    except ParameterError as exc:
        raise CliError(f"{_option(exc.name)}: {exc}") from None
    except ReportError as exc:
        print(f"corpus-tools report: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for path in written:
            print(path)
    return 0


def _report_epilog() -> str:
    from .reports import describe_parameters, notebook_sources

    try:
        return describe_parameters(notebook_sources())
    except OSError:  # no notebooks beside this installation: the options still work
        return ""


def _common(parser: argparse.ArgumentParser, *, table_input: bool = True) -> None:
    if table_input:
        parser.add_argument("paths", nargs="+", metavar="PATH",
                            help="corpus files, folders or globs, or one article table "
                                 "(.parquet/.csv) from `corpus-tools ingest`")
        parser.add_argument("--reference-date", help="capture date for '5 hours ago' (YYYY-MM-DD)")
    parser.add_argument("--quiet", action="store_true", help="no progress output")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``corpus-tools`` (exposed for tests and docs)."""
    from . import __version__

    parser = argparse.ArgumentParser(prog="corpus-tools", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"corpus-tools {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="read raw files into an article table",
                                 description="Read page dumps, HTML and exports into one article table.")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    ingest.add_argument("--out", required=True, help="output .parquet or .csv")
    ingest.add_argument("--reference-date", help="capture date for '5 hours ago' (YYYY-MM-DD)")
    ingest.add_argument("--strict", action="store_true", help="stop at the first problem")
    ingest.add_argument("--columns", action="append", metavar="THEIR=OURS",
                        help="map an input column to an article-table column (repeatable), "
                             "e.g. --columns texts=body --columns paper=outlet")
    ingest.add_argument("--metadata", help="metadata table (CSV/TSV/Parquet) whose one column "
                                           "names the article files")
    ingest.add_argument("--filename-fields", metavar="PATTERN",
                        help="fields in file names, e.g. '{outlet}_{published}_{slug}'")
    ingest.add_argument("--quiet", action="store_true", help="no progress output")
    ingest.set_defaults(func=_ingest)

    dup = commands.add_parser("duplicates", help="find wire copies and near-duplicates",
                              description="Pairs of copies (exact, near, abridged), and optionally "
                                          "the article table with copy groups.")
    _common(dup)
    dup.add_argument("--out", required=True, help="pairs: .parquet or .csv")
    dup.add_argument("--marked", help="also write the article table with copy_group, is_original, "
                                      "likely_agency (.parquet or .csv)")
    dup.add_argument("--threshold", type=float, default=0.5, help="Jaccard for near-duplicates (0.5)")
    dup.add_argument("--containment", type=float, default=0.8,
                     help="share of a text found in the other for an abridged copy (0.8)")
    dup.add_argument("--include-teasers", action="store_true", help="compare teaser rows too")
    dup.set_defaults(func=_duplicates)

    topics = commands.add_parser("topics", help="fit a topic model",
                                 description="Topic shares per article (doc_id, topic_0 ...), and "
                                             "optionally the top terms and diagnostics per topic.")
    _common(topics)
    topics.add_argument("-k", "--n-topics", type=int, required=True, help="number of topics")
    topics.add_argument("--out", required=True, help="topic shares per article: .parquet or .csv")
    topics.add_argument("--terms", help="top terms per topic: .parquet or .csv")
    topics.add_argument("--diagnostics", help="label, size, coherence per topic: .parquet or .csv")
    topics.add_argument("--method", choices=("nmf", "lda"), default="nmf", help="model (nmf)")
    topics.add_argument("--seed", type=int, default=0, help="random seed (0)")
    topics.set_defaults(func=_topics)

    compare = commands.add_parser("compare", help="terms that set outlets (or other groups) apart",
                                  description="Distinctive terms (log-odds z with an informative "
                                              "prior) or keyness (G2) per group.")
    _common(compare)
    compare.add_argument("--out", required=True, help="output .parquet or .csv")
    compare.add_argument("--by", default="outlet", help="column defining the groups (outlet)")
    compare.add_argument("--target", action="append", help="group to describe (repeatable; default all)")
    compare.add_argument("--reference", help="compare against this group (default: all the others)")
    compare.add_argument("--method", choices=("distinctive", "keyness"), default="distinctive",
                         help="measure (distinctive)")
    compare.add_argument("--top", type=int, help="keep the top N terms per group")
    compare.set_defaults(func=_compare)

    report = commands.add_parser("report", help="execute the notebooks and export reports",
                                 description="Prepare the corpus once (copies, stories, matrix, "
                                             "topics), then execute notebooks/NN_*.py and write "
                                             "HTML and PDF reports and index.html.",
                                 epilog=_report_epilog(),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("paths", nargs="*", metavar="PATH",
                        help="corpus: files, folders or a glob, or an article table from "
                             "`corpus-tools ingest` (default: the project's data/raw)")
    report.add_argument("--out", default=None, help="output folder (default: the project's reports/)")
    report.add_argument("--format", default="html,pdf", help="comma-separated: html,pdf (default both)")
    report.add_argument("-p", "--parameter", action="append", metavar="NAME=VALUE",
                        help="notebook parameter (repeatable), e.g. -p reference_date=2025-07-21; "
                             "the parameters are listed below")
    report.add_argument("--columns", action="append", metavar="THEIR=OURS",
                        help="map an input column to an article-table column (repeatable or "
                             "comma-separated), e.g. --columns headline=title,paper=outlet")
    report.add_argument("--notebooks", metavar="DIR",
                        help="run the NN_name.py notebooks of this folder (default: the notebooks "
                             "shipped with corpus_tools, or CORPUS_TOOLS_NOTEBOOKS_DIR)")
    report.add_argument("--jobs", type=int, metavar="N",
                        help="notebooks run at the same time (default: 2 on two or more cores, "
                             "1 above 200,000 articles)")
    report.add_argument("--quiet", action="store_true", help="no progress output")
    report.set_defaults(func=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``corpus-tools`` console script."""
    from .ingest import IngestError
    from .reports import PdfError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError, IngestError, PdfError) as exc:
        print(f"corpus-tools {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"corpus-tools {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
