"""Features of each line of a page, and of its neighbours, for the line model.

Only what carries over to sites never seen: the shape of the line (length, sentence
punctuation, capitals, digits, separators, tabs from table layouts), its vocabulary
class (share of stop words and of interface words, both small closed lists of English
function and interface words written here, not learned from any corpus), where it
stands (position in the page, distance to the longest run of prose, blank lines around
it as innerText writes them between paragraphs), how often the page repeats it, and the
same for the lines around it. The rule kinds of :mod:`.lines` (date, byline, list
header, chrome ...) are features too.

A page is its non-blank lines; blank lines only count as the gaps between them.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter

import numpy as np

from .lines import INTERFACE_WORDS, STOP_WORDS, Kind
from .scan import Hint, JoinedLines

# Possessive (nothing after a word could make it give characters back): the same words
# as r"[^\W_]+(?:['\u2019][^\W_]+)*", found 30% faster (Readability pages, Python 3.11).
_WORD = re.compile(r"[^\W_]++(?:['\u2019][^\W_]++)*+")
# Patterns searched over the whole page at once (one scan instead of one per line), each
# match counted for the line it starts in, up to a cap (1: whether the line has one).
# "_" stands for a space that is not a line break, so that no match spans two lines.
_S = r"[^\S\n]"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_PAGE_PATTERNS = {
    "ends_sentence": (r"[.!?…][\"'\u201d\u2019)\]]*$", 0, 1),
    "sentence_breaks": (rf"[.!?][\"'\u201d\u2019)\]]*{_S}+[\"'\u201c(]?[A-Z]", 0, 10),
    "separators": (rf"[|»›·•«‹/>]|{_S}[-–—]{_S}", 0, 10),
    "bullet": (rf"^(?:[-•*·–—▪►]{_S}|\d{{1,3}}[.)]{_S})", 0, 1),
    "web": (r"https?://|www\.|\.com\b|\.org\b|@\w|\.html?\b", re.I, 1),
    "copyright": (rf"©|\(c\){_S}*\d{{4}}|copyright|all rights reserved", re.I, 1),
    "clock": (rf"\b\d{{1,2}}:\d{{2}}\b|\b\d{{1,2}}{_S}?[ap]\.?m\b|\bago\b", re.I, 1),
    "month_date": (rf"\b{_MONTHS}\.?{_S}+\d{{1,2}}\b|\b\d{{1,2}}{_S}+{_MONTHS}\b"
                   r"|\b(?:19|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.I, 1),
    "quotes": (r"[\"\u201c\u201d]", 0, 6),
    # Photo captions and credits: "FILE PHOTO: ...", "Photo: ...", "(AP Photo/Jane Doe)".
    "caption": (rf"^(?:file )?(?:photo|image|picture|pictured|caption|graphic|video)s?\b{_S}*[:|/-]?"
                r"|\b(?:getty images|ap photo|afp photo|reuters/|/reuters|photograph:|photo credit|"
                r"shutterstock|file photo|via reuters|epa-efe|photo:)", re.I, 1),
}
_PAGE_REGEX = {name: (re.compile(pattern, flags | re.M), cap)
               for name, (pattern, flags, cap) in _PAGE_PATTERNS.items()}
# What every line with a match of a pattern holds, so that only such lines are scanned
# (see scan.py; a pattern whose lower-cased start is literal, such as "web", is scanned
# whole, which is as fast).
_PAGE_HINTS = {
    "separators": Hint(chars="|»›·•«‹/>-–—"),
    "bullet": Hint(first_chars="-•*·–—▪►", first_digit=True),
    "copyright": Hint(words=("©", "(c)", "copyright", "all rights reserved")),
    "clock": Hint(digit=True, words=("ago",)),
    "month_date": Hint(digit=True),
    "quotes": Hint(chars="\"\u201c\u201d"),
    "caption": Hint(words=("photo", "image", "picture", "caption", "graphic", "video", "reuters",
                           "shutterstock", "epa-efe")),
}
# Words of a page's reader interaction around an article (comment threads, share bars).
_COMMENT_WORDS = frozenset(
    "reply replies posted wrote comment comments commented permalink report abuse flag "
    "like likes votes vote rating rated reviews review login register username password "
    "quote".split()
)
_PERSONAL = frozenset("i me my you your thanks thank lol".split())
_KINDS = [k for k in Kind if k is not Kind.BLANK]
#: Distances (in lines) from the longest prose run are capped here.
_FAR = 60.0


@dataclass
class PageLines:
    """The non-blank lines of a page, with where they were and the blank lines around them."""

    text: list[str]  # stripped lines
    index: list[int]  # position of each in the page's lines (blank lines included)
    kinds: list[Kind]  # rule kind of each line (see lines.classify)
    blank_before: list[int]
    tabs: list[int]  # tab characters in the raw line (innerText's table cells)


def page_lines(raw_lines: list[str], kinds: list[Kind]) -> PageLines:
    """The non-blank lines of a page (``raw_lines`` unstripped, ``kinds`` one per raw line)."""
    stripped = [raw.strip() for raw in raw_lines]
    index = [i for i, line in enumerate(stripped) if line]
    blank_before = [i - previous - 1 for previous, i in zip([-1, *index], index)]
    return PageLines([stripped[i] for i in index], index, [kinds[i] for i in index], blank_before,
                     [raw_lines[i].count("\t") for i in index])


# Features of one line alone; their names, in column order.
LINE_FEATURES = [
    "log_words", "log_chars", "ends_sentence", "ends_colon", "ends_question", "sentence_breaks",
    "stop_share", "interface_share", "comment_share", "capital_share", "upper_share",
    "digit_share", "punct_share", "commas_per_word", "mean_word_len", "separators",
    "bullet", "starts_lower", "web", "copyright", "clock", "month_date", "date_line",
    "quotes", "tabs", "is_sentence", "is_title_like", "one_word", "personal_share",
    "short_word_share", "caption",
] + [f"kind_{k.value}" for k in _KINDS]
# Features of the neighbours (the line k places before or after), a subset of the above.
NEIGHBOUR_FEATURES = ["log_words", "ends_sentence", "stop_share", "interface_share",
                      "is_sentence", "capital_share", "separators", "kind_chrome", "date_line"]
_OFFSETS = (-3, -2, -1, 1, 2, 3)
# Features averaged over the lines around each line (a comment thread shows itself by
# a name-and-time line every few lines; a menu by short separated lines).
_WINDOW_FEATURES = ["is_sentence", "log_words", "stop_share", "interface_share", "separators",
                    "clock", "month_date", "comment_share", "personal_share", "ends_sentence"]
_WINDOWS = (2, 5, 12)
# No absolute position (line number, share of the page above): how much chrome a site
# puts above its article varies too much, and short pages such as the seeds start with
# their article. Where a line stands is told relative to the longest prose run instead.
PAGE_FEATURES = [
    "blank_before", "blank_after", "page_blank_share", "log_repeats", "in_longest_run", "log_dist_run_start",
    "log_dist_run_end", "run_word_share", "word_share", "block_lines",
    "block_position", "block_words_log", "log_headers_above", "log_headers_below",
    "headers_above_share",
]
_NEIGHBOUR_NAMES = [f"{name}@{k:+d}" for k in _OFFSETS for name in NEIGHBOUR_FEATURES]
_WINDOW_NAMES = [f"{name}~{w}" for w in _WINDOWS
                 for name in _WINDOW_FEATURES]
FEATURE_NAMES = LINE_FEATURES + _NEIGHBOUR_NAMES + _WINDOW_NAMES + PAGE_FEATURES
_COLUMN = {name: i for i, name in enumerate(LINE_FEATURES)}
_KIND_COLUMN = {k: _COLUMN[f"kind_{k.value}"] for k in _KINDS}


# Word classes as bits, so that one dictionary lookup per word counts them all.
_STOP, _INTERFACE, _COMMENT, _PERSONAL_BIT = 1, 2, 4, 8
_WORD_CLASS: dict[str, int] = {}
for _bit, _words in ((_STOP, STOP_WORDS), (_INTERFACE, INTERFACE_WORDS),
                     (_COMMENT, _COMMENT_WORDS), (_PERSONAL_BIT, _PERSONAL)):
    for _w in _words:
        _WORD_CLASS[_w] = _WORD_CLASS.get(_w, 0) | _bit
# What a word of each class adds to a line's counts of stop words, interface and comment
# words (those two among the words that are not stop words) and personal words.
_CLASS_COUNTS = np.array([[bool(b & _STOP), bool(b & _INTERFACE) and not b & _STOP,
                           bool(b & _COMMENT) and not b & _STOP, bool(b & _PERSONAL_BIT)]
                          for b in range(16)], dtype=np.int64)


def _character_counts(page: JoinedLines) -> np.ndarray:
    """Per line: letters, capitals, digits, spaces and CJK characters (one NumPy pass).

    Code points above ASCII count as letters (accented and non-Latin letters; the
    rare symbol among them changes little), which keeps this a table lookup.
    """
    codes = page.codes
    upper = (codes >= 65) & (codes <= 90)
    letter = upper | ((codes >= 97) & (codes <= 122)) | (codes >= 128)
    digit = (codes >= 48) & (codes <= 57)
    space = codes == 32
    # Chinese, Japanese and Korean text has no spaces: about two characters make a word.
    cjk = (((codes >= 0x2E80) & (codes <= 0x9FFF)) | ((codes >= 0xAC00) & (codes <= 0xD7AF))
           | ((codes >= 0xF900) & (codes <= 0xFAFF)))
    classes = np.column_stack([letter, upper, digit, space, cjk]).astype(np.int64)
    sums = np.add.reduceat(np.vstack([classes, np.zeros((1, 5), np.int64)]), page.starts, axis=0)
    # reduceat gives the element at the start for empty segments: lines are never empty.
    return sums


def _page_patterns(page: JoinedLines, own: np.ndarray) -> None:
    """Fill the columns of :data:`_PAGE_PATTERNS` in ``own``, one scan of the page each."""
    for name, (regex, cap) in _PAGE_REGEX.items():
        own[:, _COLUMN[name]] = np.minimum(page.count(regex, _PAGE_HINTS.get(name)), cap)


def _word_columns(page: PageLines, joined: JoinedLines, own: np.ndarray) -> None:
    """Fill the columns of :data:`LINE_FEATURES` that need a line's words, and the ones
    read from its first and last characters, for every line at once.

    The words of the whole page go into one array (a row per word) and are summed per
    line from its running totals: a Python loop over each line's words was a fifth of
    the cleaning time on the page-text benchmarks; this is an eighth of the (shorter)
    time now (Readability pages).
    """
    n = len(page.text)
    per_line = list(map(_WORD.findall, page.text))
    n_words = np.fromiter(map(len, per_line), dtype=np.int64, count=n)
    tokens = list(chain.from_iterable(per_line))
    length = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    capital = np.fromiter(map(str.isupper, map(itemgetter(0), tokens)), dtype=np.int64,
                          count=len(tokens))
    bits = np.fromiter(map(_WORD_CLASS.get, map(str.lower, tokens), repeat(0)), dtype=np.int64,
                       count=len(tokens))
    # per word: stop word, interface word, comment word, personal word, capital, length, short
    per_word = np.column_stack([_CLASS_COUNTS[bits], capital, length, length <= 3])
    running = np.vstack([np.zeros((1, per_word.shape[1]), dtype=np.int64), np.cumsum(per_word, axis=0)])
    ends = np.cumsum(n_words)
    stop, interface, comment, personal, capitals, chars, short = (running[ends] - running[ends - n_words]).T
    content = n_words - stop

    def share(count: np.ndarray, total: np.ndarray) -> np.ndarray:
        return np.divide(count, total, out=np.zeros(n), where=total > 0)

    col = _COLUMN
    # math.log1p, as the model was trained with (numpy's may differ in the last bit)
    own[:, col["log_words"]] = np.fromiter(map(math.log1p, n_words.tolist()), dtype=np.float64, count=n)
    own[:, col["log_chars"]] = np.fromiter(map(math.log1p, joined.lengths.tolist()), dtype=np.float64,
                                           count=n)
    own[:, col["stop_share"]] = share(stop, n_words)
    own[:, col["interface_share"]] = share(interface, content)
    own[:, col["comment_share"]] = share(comment, content)
    own[:, col["capital_share"]] = share(capitals, n_words)
    own[:, col["commas_per_word"]] = share(joined.per_line(joined.codes == ord(",")), n_words)
    own[:, col["mean_word_len"]] = share(chars, n_words)
    own[:, col["personal_share"]] = share(personal, n_words)
    # Function words are short in most languages: prose without English stop words.
    own[:, col["short_word_share"]] = share(short, n_words)
    own[:, col["one_word"]] = n_words == 1

    first = list(map(itemgetter(0), page.text))  # lines are stripped and never empty
    last = joined.codes[joined.starts + joined.lengths - 1]
    own[:, col["ends_colon"]] = last == ord(":")
    own[:, col["ends_question"]] = last == ord("?")
    own[:, col["starts_lower"]] = np.fromiter(map(str.islower, first), dtype=bool, count=n)
    opens_title = [f.isupper() or f.isdigit() or f in "'\"" for f in first]
    own[:, col["is_title_like"]] = ((n_words >= 3) & (n_words <= 30) & (last != ord("."))
                                    & np.array(opens_title, dtype=bool))
    own[:, col["date_line"]] = [kind is Kind.DATE for kind in page.kinds]
    own[:, col["tabs"]] = np.minimum(page.tabs, 10)
    kind_column = np.array([_KIND_COLUMN.get(kind, -1) for kind in page.kinds], dtype=np.int64)
    ruled = kind_column >= 0
    own[np.flatnonzero(ruled), kind_column[ruled]] = 1.0


def _longest_prose_run(is_prose: np.ndarray, words: np.ndarray, max_gap: int = 3) -> tuple[int, int]:
    """(first, last) of the run of prose lines (gaps of up to ``max_gap`` lines) with most words."""
    best, best_words = (-1, -1), 0.0
    start = last = -1
    total = 0.0
    for i in np.flatnonzero(is_prose):
        if start >= 0 and i - last - 1 <= max_gap:
            last, total = i, total + words[i]
        else:
            start = last = i
            total = words[i]
        if total > best_words:
            best, best_words = (start, last), total
    return best


def _shift(values: np.ndarray, k: int) -> np.ndarray:
    """``values`` moved by ``k`` rows (row i gets row i+k), zeros past the ends."""
    out = np.zeros_like(values)
    n = len(values)
    if k > 0 and k < n:
        out[: n - k] = values[k:]
    elif k < 0 and -k < n:
        out[-k:] = values[: n + k]
    return out


def _window_mean(values: np.ndarray, w: int) -> np.ndarray:
    """Mean over rows i-w..i+w (cut at the ends), column by column."""
    n = len(values)
    cums = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    lo = np.clip(np.arange(n) - w, 0, n)
    hi = np.clip(np.arange(n) + w + 1, 0, n)
    return (cums[hi] - cums[lo]) / (hi - lo)[:, None]


def word_counts(features: np.ndarray) -> np.ndarray:
    """Words in each line, from its features (CJK characters count as half a word each)."""
    return np.expm1(features[:, _COLUMN["log_words"]])


def line_features(page: PageLines) -> np.ndarray:
    """The feature matrix of a page: one row per non-blank line, columns :data:`FEATURE_NAMES`."""
    n = len(page.text)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    own = np.zeros((n, len(LINE_FEATURES)))
    joined = JoinedLines(page.text)
    _word_columns(page, joined, own)
    _page_patterns(joined, own)
    # is_sentence of lines.py, from the columns above
    n_tokens = np.rint(np.expm1(own[:, _COLUMN["log_words"]]))
    own[:, _COLUMN["is_sentence"]] = (n_tokens >= 25) | (
        (n_tokens >= 6) & (own[:, _COLUMN["ends_sentence"]] > 0)
        & ((n_tokens >= 12) | (own[:, _COLUMN["stop_share"]] >= 0.1)))
    letters, upper, digits, spaces, cjk = _character_counts(joined).T.astype(np.float64)
    chars = np.array([len(t) for t in page.text], dtype=np.float64)
    log_words = _COLUMN["log_words"]
    own[:, log_words] = np.log1p(np.expm1(own[:, log_words]) + cjk / 2)
    own[:, _COLUMN["upper_share"]] = upper / np.maximum(letters, 1)
    own[:, _COLUMN["digit_share"]] = digits / chars
    own[:, _COLUMN["punct_share"]] = (chars - letters - digits - spaces) / chars
    neighbour_cols = [_COLUMN[name] for name in NEIGHBOUR_FEATURES]
    base = own[:, neighbour_cols]
    neighbours = [_shift(base, k) for k in _OFFSETS]
    window_cols = [_COLUMN[c] for c in _WINDOW_FEATURES]
    windows = [_window_mean(own[:, window_cols], w) for w in _WINDOWS]

    words = np.expm1(own[:, _COLUMN["log_words"]])
    positions = np.arange(n, dtype=np.float64)
    first, last = _longest_prose_run(own[:, _COLUMN["is_sentence"]] > 0, words)
    if first < 0:
        dist_start = dist_end = np.full(n, _FAR)
        in_run = np.zeros(n)
        run_share = 0.0
    else:
        dist_start = np.clip(first - positions, 0, _FAR)  # lines above the run's start
        dist_end = np.clip(positions - last, 0, _FAR)  # lines below its end
        in_run = ((positions >= first) & (positions <= last)).astype(np.float64)
        run_share = words[first:last + 1].sum() / max(words.sum(), 1.0)
    # Comment threads and forum lists: a short line with a time or date and a word of
    # reader interaction ("Jane - May 3, 2012 at 8:03 am. Reply") heads each entry;
    # the article comes before the first of them.
    headers = ((own[:, _COLUMN["log_words"]] <= math.log1p(15))
               & ((own[:, _COLUMN["clock"]] + own[:, _COLUMN["month_date"]]) > 0)
               & ((own[:, _COLUMN["comment_share"]] > 0) | (own[:, _COLUMN["ends_colon"]] > 0)
                  | (own[:, _COLUMN["clock"]] > 0))).astype(np.float64)
    headers_above = np.cumsum(headers) - headers
    headers_below = headers.sum() - headers_above - headers
    counts = Counter(page.text)
    repeats = np.array([counts[t] for t in page.text], dtype=np.float64)
    blank_before = np.minimum(np.array(page.blank_before, dtype=np.float64), 3)
    blank_after = np.append(blank_before[1:], 3.0)
    # Blocks: lines with no blank line between them (innerText separates paragraphs).
    block_id = np.cumsum(blank_before > 0)
    block_sizes = np.bincount(block_id)
    block_words = np.bincount(block_id, weights=words)
    block_start = np.searchsorted(block_id, block_id)
    page_cols = np.column_stack([
        blank_before,
        blank_after,
        # Whether this page's copy separates paragraphs by blank lines at all (innerText
        # does; other copies, like the seeds', do not): the two above mean little without.
        np.full(n, float((blank_before > 0).mean())),
        np.log(repeats),
        in_run,
        np.log1p(dist_start),
        np.log1p(dist_end),
        np.full(n, run_share),
        words / max(words.sum(), 1.0),
        np.minimum(block_sizes[block_id], 50),
        (positions - block_start) / np.maximum(block_sizes[block_id] - 1, 1),
        np.log1p(block_words[block_id]),
        np.log1p(headers_above),
        np.log1p(headers_below),
        headers_above / max(headers.sum(), 1.0),
    ])
    return np.hstack([own, *neighbours, *windows, page_cols])
