"""Sentences in a report: findings computed from results, and why a section is not shown.

Both are plain text escaped on display: a sentence may name outlets, terms or titles
from the corpus, and corpus text is data, never markup.
"""
from __future__ import annotations

import html

__all__ = ["Sentence", "not_shown", "say"]


class Sentence:
    """A paragraph of plain text; displays escaped (``_repr_html_``) or as text."""

    def __init__(self, text: str, css_class: str = "ct-finding", lead: str = ""):
        self.text = text
        self.css_class = css_class
        self.lead = lead

    def _repr_html_(self) -> str:
        lead = f"<strong>{html.escape(self.lead)}</strong> " if self.lead else ""
        return f'<p class="{self.css_class}">{lead}{html.escape(self.text)}</p>'

    def __repr__(self) -> str:
        return f"{self.lead} {self.text}".strip()


def _display(sentence: Sentence) -> Sentence:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with the notebooks' kernel
        print(repr(sentence))
        return sentence
    if get_ipython() is None:  # a plain script
        print(repr(sentence))
    else:
        display(sentence)
    return sentence


def say(text: str) -> None:
    """Show a finding (a sentence computed from this corpus's results) in the report;
    an empty text (a finding function with nothing to say) shows nothing.

    Examples
    --------
    >>> say("TASS's most distinctive terms are russia, ukraine and syria.")
    TASS's most distinctive terms are russia, ukraine and syria.
    """
    if text:
        _display(Sentence(text))


def not_shown(reason: str) -> None:
    """Show, in place of a section that cannot apply to this corpus, why not.

    Examples
    --------
    >>> not_shown("All articles come from one outlet (TASS), so there is nothing to compare.")
    Not shown: All articles come from one outlet (TASS), so there is nothing to compare.
    """
    _display(Sentence(reason, css_class="ct-not-shown", lead="Not shown:"))
