"""Every notebook builds on every shape of corpus (tests/shapes.py): page dumps, HTML,
exports, an article table from `corpus-tools ingest`, undated, one outlet, two outlets,
no copies, no agencies, ten articles. A section that cannot apply says why; no report
states anything about outlets that are not in its corpus."""
from __future__ import annotations

import html
import re

import pytest

from corpus_tools.reports import ReportError, build_reports, notebook_sources
from tests.shapes import SHAPES

NOTEBOOKS = notebook_sources()
#: Outlets of the default corpus: a report on another corpus must not name them in
#: what it says (its findings and its reasons for not showing a section).
DEFAULT_OUTLETS = ["TASS", "BBC", "CNN", "Al Jazeera", "ABC News", "RTÉ", "HuffPost", "DW",
                   "China Daily", "The Star", "The Straits Times", "Daily8", "Malay Mail"]


def _sentences(page: str) -> list[str]:
    """The report's own sentences: findings and reasons a section is not shown."""
    found = re.findall(r'<p class="(?:ct-finding|ct-not-shown)">(.*?)</p>', page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", f)) for f in found]


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_every_report_builds_on_every_shape_of_corpus(shape, tmp_path):
    from corpus_tools import prepare

    corpus = shape.make(tmp_path)
    out = tmp_path / "reports"
    try:
        build_reports(corpus, out=out, formats="html", notebooks=NOTEBOOKS, progress=False)
    except ReportError as exc:
        pytest.fail(f"{shape.name}: {exc}")
    pages = {source.stem: (out / f"{source.stem}.html").read_text(encoding="utf-8")
             for source in NOTEBOOKS}
    for prefix, phrases in shape.expect.items():
        stem = next(s for s in pages if s.startswith(prefix))
        text = " ".join(_sentences(pages[stem]))
        for phrase in phrases:
            assert phrase in text, f"{shape.name}: {stem} does not say {phrase!r}:\n{text}"
    outlets = set(prepare(corpus, progress=False).articles["outlet"])
    foreign = [o for o in DEFAULT_OUTLETS if o not in outlets]
    for stem, page in pages.items():
        for sentence in _sentences(page):
            named = [o for o in foreign if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", sentence)]
            assert not named, f"{shape.name}: {stem} names {named}, not in its corpus: {sentence!r}"
