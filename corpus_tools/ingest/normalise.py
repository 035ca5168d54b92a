"""Typography and Unicode repair of text read from the corpus.

Mojibake, curly versus straight quotes, dashes and odd spaces are repaired with ftfy
(a well-kept library) rather than hand-written tables. Quotes are made straight so
that the same sentence printed by two outlets compares equal.
"""
from __future__ import annotations

import re

import ftfy

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # corpus text is data: "&lt;script&gt;" stays as written
    uncurl_quotes=True,  # ‘x’ and 'x' are the same quote for comparison
    fix_line_breaks=True,
    normalization="NFC",
    explain=False,
)
# Spaces that ftfy keeps but that are only layout: NBSP, thin spaces, zero-width joiners.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Dashes of every width become an en dash surrounded by spaces only where they were;
# the hyphen-minus inside words ("Russia-Azerbaijan") is left alone.
_DASHES = re.compile("[\u2012\u2013\u2014\u2015\u2212]")
_SPACES = re.compile(r"[ \t]+")


def normalise_text(text: str) -> str:
    """Repair mojibake and normalise typography, keeping line breaks.

    Parameters
    ----------
    text : str
        Text as decoded from the input.

    Returns
    -------
    str
        The same text with mojibake repaired (ftfy), straight quotes, every dash as
        "—" (em dash), ordinary spaces, and no trailing spaces on lines.

    Examples
    --------
    >>> normalise_text("Xi said China will \u2018strengthen mutual support'\u00a0now")
    "Xi said China will 'strengthen mutual support' now"
    """
    if not text:
        return ""
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    fixed = _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", fixed))
    fixed = _DASHES.sub("\u2014", fixed)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in fixed.split("\n"))
