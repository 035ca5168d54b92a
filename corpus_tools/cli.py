"""The ``corpus-tools`` command: the package's helpers for scripts and make targets."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _ingest(args: argparse.Namespace) -> int:
    from . import load_corpus

    table = load_corpus(args.paths, reference_date=args.reference_date, strict=args.strict,
                        progress=not args.quiet)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        table.to_csv(out, index=False)
    else:
        table.to_parquet(out, index=False)
    if not args.quiet:
        print(f"{len(table):,} rows written to {out}", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .reports import ReportError, build_reports

    parameters = {}
    for item in args.parameter or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"-p expects NAME=VALUE, got {item!r}")
        parameters[name] = value
    corpus = args.paths[0] if len(args.paths) == 1 else None
    if len(args.paths) > 1:
        raise SystemExit("report takes one corpus path (a file, folder or glob)")
    try:
        written = build_reports(corpus=corpus, out=args.out, formats=args.format.split(","),
                                parameters=parameters, progress=not args.quiet)
    except ReportError as exc:
        print(f"corpus-tools report: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for path in written:
            print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``corpus-tools`` (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(prog="corpus-tools", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="read raw files into an article table")
    ingest.add_argument("paths", nargs="+", help="files, folders or globs")
    ingest.add_argument("--out", required=True, help="output .parquet or .csv")
    ingest.add_argument("--reference-date", help="capture date for '5 hours ago' (YYYY-MM-DD)")
    ingest.add_argument("--strict", action="store_true", help="stop at the first problem")
    ingest.add_argument("--quiet", action="store_true", help="no progress output")
    ingest.set_defaults(func=_ingest)

    report = commands.add_parser("report", help="execute the notebooks and export reports")
    report.add_argument("paths", nargs="*", help="corpus (default: data/raw)")
    report.add_argument("--out", default=None, help="output folder (default reports/)")
    report.add_argument("--format", default="html", help="comma-separated formats: html")
    report.add_argument("-p", "--parameter", action="append", metavar="NAME=VALUE",
                        help="notebook parameter (repeatable)")
    report.add_argument("--quiet", action="store_true", help="no progress output")
    report.set_defaults(func=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``corpus-tools`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"corpus-tools {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
