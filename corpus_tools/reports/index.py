"""``index.html``: every report of a build, and what it was built from.

A reader who gets a folder of reports should see on one page which corpus they
describe (and how big it is), with which parameters, when, and from which version
of the code, so that a figure can be traced back and rebuilt.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

__all__ = ["BuildInfo", "ReportEntry", "git_commit", "write_index"]


@dataclass
class ReportEntry:
    """One notebook's outcome: its files, or the error that stopped it."""

    name: str
    title: str
    files: list[Path] = field(default_factory=list)
    error: str | None = None
    seconds: float | None = None  # to execute and export it


@dataclass
class BuildInfo:
    """What a build was made from."""

    corpus: str
    articles: int | None
    outlets: int | None
    parameters: Mapping[str, object]
    version: str
    commit: str | None
    built: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))


def git_commit(folder: Path) -> str | None:
    """Short commit hash of the checkout at ``folder``, "+ local changes" when dirty; None outside git."""
    try:
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = head.stdout.strip()
    return f"{commit} + local changes" if dirty.stdout.strip() else commit


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem}td,th{padding:0.3rem 0.8rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f4f4f4}.failed{color:#a00}code{font-size:0.9em;overflow-wrap:anywhere}dl{display:grid;grid-template-columns:max-content 1fr;gap:0.2rem 1rem}dt{font-weight:600}dd{margin:0}
"""


def _row(entry: ReportEntry) -> str:
    title = html.escape(entry.title)
    if entry.error:
        return (f'<tr><td>{title}</td><td class="failed">not written: '
                f"{html.escape(entry.error)}</td></tr>")
    links = " · ".join(f'<a href="{html.escape(p.name)}">{html.escape(p.suffix[1:].upper())}</a>'
                       for p in entry.files)
    return f"<tr><td>{title}</td><td>{links}</td></tr>"


def write_index(out_dir: Path, entries: list[ReportEntry], info: BuildInfo) -> Path:
    """Write ``out_dir/index.html`` linking every report (HTML and PDF) with the build's facts.

    Parameters
    ----------
    out_dir : Path
        The reports folder; links are relative to it.
    entries : list of ReportEntry
        One per notebook, in order; failed ones are listed with their error.
    info : BuildInfo
        Corpus, size, parameters, date, version and commit.

    Returns
    -------
    Path
        The index written.
    """
    size = ("unknown size" if info.articles is None
            else f"{info.articles:,} articles from {info.outlets:,} outlets")
    params = json.dumps(dict(info.parameters), default=str, ensure_ascii=False, sort_keys=True)
    version = html.escape(info.version) + (f" (commit <code>{html.escape(info.commit)}</code>)"
                                           if info.commit else "")
    rows = "\n".join(_row(e) for e in entries)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>corpus_tools reports</title><style>{_STYLE}</style></head>
<body><h1>corpus_tools reports</h1>
<table><thead><tr><th>Report</th><th>Files</th></tr></thead><tbody>
{rows}
</tbody></table>
<h2>Built from</h2>
<dl>
<dt>Corpus</dt><dd><code>{html.escape(info.corpus)}</code></dd>
<dt>Size</dt><dd>{html.escape(size)}</dd>
<dt>Parameters</dt><dd><code>{html.escape(params)}</code></dd>
<dt>Built</dt><dd>{info.built.strftime("%Y-%m-%d %H:%M UTC")}</dd>
<dt>corpus_tools</dt><dd>{version}</dd>
</dl>
</body></html>
"""
    target = Path(out_dir) / "index.html"
    target.write_text(page, encoding="utf-8")
    return target
