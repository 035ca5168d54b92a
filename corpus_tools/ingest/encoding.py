"""Which text encoding a file is in: UTF-8, then the Windows-1252 family, then a guess.

Almost every corpus file is UTF-8; of the rest, nearly all are Windows-1252 or
ISO-8859-1 (files saved by Excel, Word or an old Windows scraper in Western Europe
and the Americas). A statistical detector asked first gets short Western texts wrong:
charset-normalizer reads ``Caf\\xe9 owners \\x93furious\\x94`` as cp1257 and gives
"Cafķ owners ōfuriousö", a silent corruption. So the order is:

1. UTF-8 (with or without BOM): certain when it decodes.
2. Windows-1252 when it decodes *and* the result reads like a Western text: letters
   outside ASCII are a minority of its letters and no symbol such as "³" or "¹" sits
   inside a word (what Polish, Czech or Cyrillic bytes become when read as cp1252).
   ISO-8859-1 text is cp1252 text except for C1 control bytes, which cp1252 maps to
   the quotes and dashes such files mean.
3. Otherwise charset-normalizer's best guess, reported as *uncertain* so that the
   loader logs it ("uncertain encoding"), and ISO-8859-1 when it has none (decodes
   every byte).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import charset_normalizer

# Above this share of non-ASCII letters among all letters, cp1252 is a misreading
# (Cyrillic or Greek read as cp1252 is nearly all accented Latin; Portuguese, the most
# accented Western language here, stays under 10%).
_MAX_ACCENTED_SHARE = 0.3
# A cp1252 symbol between two letters: "Wroc³aw" is cp1250's "Wrocław" misread.
_SYMBOL_IN_WORD = re.compile(r"[^\W\d_][\u00a1-\u00bf\u00d7\u00f7\u0080-\u009f][^\W\d_]")
_SAMPLE = 1 << 20  # the checks look at the first MiB of a large file


@dataclass(frozen=True)
class Encoding:
    """The encoding chosen for some bytes.

    Attributes
    ----------
    name : str
        A Python codec name ("utf-8-sig", "cp1252", "latin-1", "cp1251" ...).
    certain : bool
        False when the name is a statistical guess (logged by the loader).
    """

    name: str
    certain: bool = True


def detect_encoding(data: bytes) -> Encoding:
    """Choose the encoding of ``data`` (see the module's text for the order).

    Examples
    --------
    >>> detect_encoding("Café owners “furious”".encode("cp1252"))
    Encoding(name='cp1252', certain=True)
    >>> detect_encoding("Café".encode("utf-8"))
    Encoding(name='utf-8-sig', certain=True)
    >>> detect_encoding("Привет, как дела? Всё хорошо.".encode("cp1251")).certain
    False
    """
    if data.isascii():
        return Encoding("utf-8-sig")
    try:
        data.decode("utf-8-sig")
        return Encoding("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        text = None
    if text is not None and _reads_as_western(text):
        return Encoding("cp1252")
    best = charset_normalizer.from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return Encoding("latin-1", certain=False)
    try:
        data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return Encoding("latin-1", certain=False)
    return Encoding(best.encoding, certain=False)


def _reads_as_western(text: str) -> bool:
    sample = text[:_SAMPLE]
    letters = sum(1 for c in sample if c.isalpha())
    accented = sum(1 for c in sample if c.isalpha() and not c.isascii())
    if letters and accented / letters > _MAX_ACCENTED_SHARE:
        return False
    return not _SYMBOL_IN_WORD.search(sample)


def decode_bytes(data: bytes) -> tuple[str, Encoding]:
    """``data`` decoded with :func:`detect_encoding`'s choice, and that choice."""
    encoding = detect_encoding(data)
    return data.decode(encoding.name), encoding
