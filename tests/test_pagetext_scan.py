"""Whole-page pattern scans (pagetext/scan.py): the same counts as a scan of each line,
whichever lines a hint skips and whether the page is read lower-cased."""
from __future__ import annotations

import re

import numpy as np
import pytest

from corpus_tools.ingest.normalise import normalise_text
from corpus_tools.ingest.pagetext.features import _PAGE_HINTS, _PAGE_REGEX
from corpus_tools.ingest.pagetext.scan import JoinedLines, _case_sensitive
from tests.conftest import SEED_FILES


def _seed_lines() -> list[str]:
    lines = []
    for path in SEED_FILES:
        text = normalise_text(path.read_text(encoding="utf-8"))
        lines += [line.strip() for line in text.split("\n") if line.strip()]
    return lines


# Letters that re.I matches to an ASCII letter without lower-casing to it (dotted and
# dotless i, long s) and the Kelvin sign, which lower-cases to "k".
_CASE_TRAPS = ["\u0130mage: Reuters/Jane Doe", "Photo \u0131mage", "\u017fhutter\u017ftock", "WWW.EXAMPLE.COM",
               "\u212aelvin PHOTO: AP Photo/Jane Doe", "Posted 5 hours AGO", "MAY 3, 2012 AT 8:03 AM"]


@pytest.mark.parametrize("extra", [[], _CASE_TRAPS], ids=["seeds", "seeds and case traps"])
def test_page_scans_count_what_a_scan_of_each_line_counts(extra):
    lines = _seed_lines() + extra
    page = JoinedLines(lines)
    assert (page.lower is None) == bool(extra)  # the traps make the page read as written
    for name, (regex, _) in _PAGE_REGEX.items():
        expected = [sum(1 for _ in regex.finditer(line)) for line in lines]
        assert page.count(regex, _PAGE_HINTS.get(name)).tolist() == expected, name
        assert page.count(regex).tolist() == expected, name
    # the features find something on the seeds: the comparison is not between zeros
    assert page.count(*_PAGE_REGEX["month_date"][:1], _PAGE_HINTS["month_date"]).sum() > 5


def test_lower_cased_scan_gives_the_re_i_matches():
    lines = ["Photo: AP Photo/Jane Doe", "REUTERS/Staff", "Visit WWW.Example.ORG today", "caption"]
    page = JoinedLines(lines)
    assert page.lower is not None
    regex = _PAGE_REGEX["caption"][0]
    assert page.count(regex, _PAGE_HINTS["caption"]).tolist() == [2, 1, 0, 1]  # "Photo:", "AP Photo"
    assert np.array_equal(page.count(_PAGE_REGEX["web"][0]), [0, 0, 2, 0])  # "WWW.", ".ORG"


def test_a_re_i_pattern_with_capitals_is_refused():
    with pytest.raises(ValueError, match="must spell its letters in lower case"):
        _case_sensitive(re.compile(r"\bPhoto\b", re.I))
