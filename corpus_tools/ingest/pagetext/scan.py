"""Whole-page scans for the line features: a page's lines as one string, counted per line.

Looking at each line on its own costs a Python call per line and per pattern; here the
page's lines are joined once (``"\\n"`` between them), their code points read into one
NumPy array, and every count is taken over the whole page and then split by line.

A regular expression without a literal start (``\\b...``, an alternation, ``re.I``) is
tried by Python's ``re`` at every character of the text. Each pattern therefore comes
with a *hint*: a cheap test that every line holding a match passes (a character it must
contain, a word it must contain in lower case, a digit), and the pattern itself runs
only over the lines that pass; and a pattern with ``re.I`` runs without it over the
lower-cased page, which lets ``re`` skip to its first letters. The counts are the same
as a scan of the whole page (no pattern matches across a line break, so a line's
matches do not depend on the lines around it). Measured on the Readability and Dragnet
pages: the ten pattern features took 2.4 ms a page with a whole-page scan each, 0.8 ms
this way.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

#: Every code point that ``re``'s ``\\d`` matches outside ASCII is at or above U+0660
#: (checked over all code points with Python 3.11's ``re``).
_FIRST_NON_ASCII_DIGIT = 0x660
# Characters that match an ASCII letter under re.IGNORECASE but do not lower-case to it
# (checked over all code points): "İ" (U+0130, which lower-cases to two characters),
# dotless "ı" and long "ſ". A page holding one is scanned whole.
_CASE_FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


@dataclass(frozen=True)
class Hint:
    """A test that every line with a match of a pattern passes: the line meets one of
    the conditions given (those left empty or False are not tested).

    Attributes
    ----------
    chars : str
        The line holds one of these characters.
    words : tuple of str
        The line holds one of these strings, compared in lower case (as ``re.I``
        compares letters).
    digit : bool
        The line holds a digit (``\\d``).
    first_chars : str
        The line starts with one of these characters.
    first_digit : bool
        The line starts with a digit.
    """

    chars: str = ""
    words: tuple[str, ...] = ()
    digit: bool = False
    first_chars: str = ""
    first_digit: bool = False


class JoinedLines:
    """The (non-empty) lines of a page as one string, with per-character arrays.

    Parameters
    ----------
    lines : list of str
        The lines, none empty and none holding ``"\\n"``.
    """

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.text = "\n".join(lines)
        self.lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
        self.starts = np.concatenate([[0], np.cumsum(self.lengths + 1)[:-1]]).astype(np.int64)
        #: The code point of each character of :attr:`text`.
        self.codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)

    @cached_property
    def line_of(self) -> np.ndarray:
        """The line of each character (a ``"\\n"`` counts with the line before it)."""
        return np.repeat(np.arange(len(self.lines)), self.lengths + 1)[: len(self.codes)]

    @cached_property
    def lower(self) -> str | None:
        """:attr:`text` in lower case, character for character; None when a character
        would not keep its place or would not compare as ``re.I`` does."""
        lower = self.text.lower()
        if len(lower) != len(self.text) or any(c in self.text for c in _CASE_FOLD_EXCEPTIONS):
            return None
        return lower

    def per_line(self, mask: np.ndarray) -> np.ndarray:
        """Per line, how many of its characters are ``True`` in ``mask`` (one per character)."""
        return np.bincount(self.line_of[mask], minlength=len(self.lines))

    def has_any(self, chars: str) -> np.ndarray:
        """Per line, whether it holds one of ``chars``."""
        mask = np.zeros(len(self.codes), dtype=bool)
        for char in chars:  # faster than numpy.isin for a few characters (its sort)
            mask |= self.codes == ord(char)
        return self.per_line(mask) > 0

    @cached_property
    def has_digit(self) -> np.ndarray:
        """Per line, whether it may hold a ``\\d`` digit (every line with a non-ASCII
        digit is among them, with some lines of other scripts)."""
        codes = self.codes
        return self.per_line(((codes >= 48) & (codes <= 57)) | (codes >= _FIRST_NON_ASCII_DIGIT)) > 0

    def contains(self, words: tuple[str, ...]) -> np.ndarray:
        """Per line, whether it holds one of ``words`` (lower case) ignoring case."""
        lower = self.lower
        if lower is None:
            return np.ones(len(self.lines), dtype=bool)
        found = np.zeros(len(self.lines), dtype=bool)
        starts = self.starts.tolist()
        for word in words:
            at = lower.find(word)
            while at >= 0:
                line = bisect_right(starts, at) - 1
                found[line] = True
                # on to the next line: one find per line that holds the word
                at = lower.find(word, starts[line + 1]) if line + 1 < len(starts) else -1
        return found

    def passes(self, hint: Hint) -> np.ndarray:
        """Per line, whether it passes ``hint`` (see :class:`Hint`)."""
        found = np.zeros(len(self.lines), dtype=bool)
        if hint.chars:
            found |= self.has_any(hint.chars)
        if hint.words:
            found |= self.contains(hint.words)
        if hint.digit:
            found |= self.has_digit
        if hint.first_chars or hint.first_digit:
            first = self.codes[self.starts]
            if hint.first_chars:
                found |= np.isin(first, np.fromiter(map(ord, hint.first_chars), dtype=np.uint32))
            if hint.first_digit:
                found |= ((first >= 48) & (first <= 57)) | (first >= _FIRST_NON_ASCII_DIGIT)
        return found

    @cached_property
    def lower_lines(self) -> list[str]:
        """The lines of :attr:`lower`."""
        return self.lower.split("\n")

    def count(self, regex: re.Pattern, hint: Hint | None = None) -> np.ndarray:
        """Per line, the matches of ``regex`` that start in it.

        ``regex`` must not match across a line break (nor match the break itself); with
        ``hint``, only the lines that pass it are scanned. A pattern with ``re.I`` must
        spell its letters in lower case: it is run without ``re.I`` over :attr:`lower`
        when there is one (the same matches, two to five times faster).
        """
        n = len(self.lines)
        text, lines = self.text, self.lines
        if regex.flags & re.IGNORECASE and self.lower is not None:
            regex, text, lines = _case_sensitive(regex), self.lower, self.lower_lines
        if hint is None:
            starts, where = self.starts, None
        else:
            where = np.flatnonzero(self.passes(hint))
            if len(where) == 0:
                return np.zeros(n, dtype=np.int64)
            if len(where) == n:
                starts, where = self.starts, None
            else:
                text = "\n".join([lines[i] for i in where])
                starts = np.concatenate([[0], np.cumsum(self.lengths[where] + 1)[:-1]])
        found = [m.start() for m in regex.finditer(text)]
        line_of = np.searchsorted(starts, found, side="right") - 1
        counts = np.bincount(line_of, minlength=len(starts))
        if where is None:
            return counts
        out = np.zeros(n, dtype=np.int64)
        out[where] = counts
        return out


@lru_cache(maxsize=None)
def _case_sensitive(regex: re.Pattern) -> re.Pattern:
    """``regex`` without ``re.I``, for lower-cased text.

    Checked over every code point (Python 3.11's ``re``): for the pieces these patterns
    are made of (lower-case ASCII letters and classes of them, ASCII punctuation, "©",
    ``\\d``, ``\\s``, ``\\w``, line breaks), a character matches a piece under ``re.I``
    exactly when its lower case matches it without, but for the characters of
    :data:`_CASE_FOLD_EXCEPTIONS` (pages holding one are not lower-cased).
    """
    letters = re.sub(r"\\.", "", regex.pattern)  # escapes such as \S are not letters
    if letters != letters.lower():
        raise ValueError(f"a pattern with re.I must spell its letters in lower case: {regex.pattern!r}")
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)
