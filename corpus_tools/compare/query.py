"""Boolean queries over article text: terms, "quoted phrases", AND, OR, NOT, ( ).

The syntax follows Media Cloud and Lucene, where terms side by side are joined by
OR: ``china russia`` matches either word; ``"xi jinping" AND (russia OR moscow)``;
``ukraine NOT "world cup"``; a trailing ``*`` matches any ending (``sanction*``).
Matching is case-insensitive on whole words of the title, standfirst and body.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<paren>[()])|(?P<word>[^\s()"]+))')


def _tokens(query: str) -> list[str]:
    tokens, pos = [], 0
    query = query.strip()
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            raise ValueError(f"Cannot read the query at {query[pos:]!r}.")
        tokens.append(m.group(m.lastgroup))
        pos = m.end()
    return tokens


def term_pattern(term: str) -> str:
    """Regex of one query term: whole words, a "phrase", or a ``prefix*``."""
    words = term.strip('"').split()
    if not words:
        raise ValueError('An empty phrase "" is not a query term.')
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return r"(?<!\w)" + r"\s+".join(parts) + (r"" if words[-1].endswith("*") else r"(?!\w)")


class _Parser:
    """Recursive descent: or_expr := and_expr (OR? and_expr)*; and_expr := unary (AND unary)*."""

    def __init__(self, tokens: list[str]):
        self.tokens, self.pos = tokens, 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def parse(self):
        if not self.tokens:
            raise ValueError("The query is empty: give a term, a \"phrase\" or a boolean of them.")
        node = self.or_expr()
        if self.peek() is not None:
            raise ValueError(f"Unexpected {self.peek()!r} in the query.")
        return node

    def or_expr(self):
        node = self.and_expr()
        while self.peek() not in (None, ")"):
            if self.peek() == "OR":
                self.take()
            node = ("or", node, self.and_expr())
        return node

    def and_expr(self):
        node = self.unary()
        while self.peek() in ("AND", "NOT"):
            if self.take() == "AND":
                node = ("and", node, self.unary())
            else:  # "a NOT b" reads as a AND NOT b
                node = ("and", node, ("not", self.unary()))
        return node

    def unary(self):
        token = self.take()
        if token is None:
            raise ValueError("The query ends where a term was expected.")
        if token == "NOT":
            return ("not", self.unary())
        if token == "(":
            node = self.or_expr()
            if self.take() != ")":
                raise ValueError("A parenthesis in the query is not closed.")
            return node
        if token in (")", "AND", "OR"):
            raise ValueError(f"Unexpected {token!r} in the query where a term was expected.")
        return ("term", term_pattern(token))


def parse_query(query: str):
    """The query's syntax tree (nested tuples); raises ValueError on a malformed query."""
    return _Parser(_tokens(query)).parse()


def match_query(texts: pd.Series, query: str) -> np.ndarray:
    """Boolean array: which texts match ``query``.

    Examples
    --------
    >>> texts = pd.Series(["Xi Jinping met Putin", "Russia and Ukraine", "Sanctions bite"])
    >>> match_query(texts, '"xi jinping" OR sanction*').tolist()
    [True, False, True]
    """
    tree = parse_query(query)
    lowered = texts.fillna("").astype(str)

    def evaluate(node):
        op = node[0]
        if op == "term":
            return lowered.str.contains(node[1], case=False, regex=True).to_numpy(dtype=bool)
        if op == "not":
            return ~evaluate(node[1])
        left, right = evaluate(node[1]), evaluate(node[2])
        return left & right if op == "and" else left | right

    return evaluate(tree)

