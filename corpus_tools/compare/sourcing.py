"""Who an outlet relies on: the wire agencies it prints and the sources it quotes."""
from __future__ import annotations

import re

import pandas as pd

from ._common import collapse_copies

# A name: capitalised words, optionally joined by "of", "the", "for", "and" inside,
# as in "Ministry of Foreign Affairs" or "Sergei Lavrov". Up to six words.
_NAME = r"(?:[A-Z][\w'.\-]+|[A-Z]{2,})(?: (?:(?:of|the|for|and|de|al) )?(?:[A-Z][\w'.\-]+|[A-Z]{2,})){0,5}"
_CITATION = re.compile(
    rf"[Aa]ccording to (?:the )?(?:[a-z\-]+ )*?(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME}),? (?:said|told|says|reported|stated|announced|added)\b"
    rf"|\b(?:said|told|says) (?P<c>(?:{_NAME} )?(?:[a-z]+ ){{0,2}}{_NAME})(?=[,.])"
)
# Words that open a capitalised phrase but are not a source.
_NOT_SOURCES = {
    "He", "She", "It", "They", "We", "I", "You", "This", "That", "There", "The", "A", "An",
    "But", "And", "In", "On", "At", "As", "If", "When", "While", "Officials", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms",
    "President", "Minister",
}


# Nouns of office: "Russian Foreign Minister Sergey Lavrov" is cited as "Sergey Lavrov".
_ROLES = re.compile(
    r"^.*\b(?i:President|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|Chancellor|"
    r"Premier|Governor|Senator|Sen\.|Rep\.|Ambassador|Envoy|Director|Chairman|Chairwoman|"
    r"Chief|Commissioner|Mayor|Leader|Adviser|Advisor|Prosecutor|Judge|General|Officer|"
    r"Representative|Deputy)\s+(?=[A-Z][\w'.\-]+\s+[A-Z])"
)


def cited_sources(text: str) -> list[str]:
    """Names cited as sources in ``text`` ("according to X", "X said", "X told").

    Examples
    --------
    >>> cited_sources("Xi said the two should unite, according to state news agency Xinhua.")
    ['Xi', 'Xinhua']
    """
    names = []
    for m in _CITATION.finditer(text):
        name = (m.group("a") or m.group("b") or m.group("c") or "").strip(" .,")
        name = re.sub(r"^(?:The|Mr|Mrs|Ms|Dr)\.?\s+", "", _ROLES.sub("", name))
        if name and name.split()[0] not in _NOT_SOURCES:
            names.append(name)
    return names


def sourcing(corpus: pd.DataFrame, by: str = "outlet", *, top: int = 15,
             collapse: bool = True) -> pd.DataFrame:
    """Per group, the wire agencies it credits and the sources it cites most.

    Parameters
    ----------
    corpus : pandas.DataFrame
        The article table.
    by : str
        Grouping column.
    top : int
        Most-cited sources kept per group (agencies are all kept).
    collapse : bool
        One vote per syndicated story per group (default), or count every copy.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``kind`` ("agency": the wire service credited for the
        article; "cited": a person or organisation quoted), ``source``, ``articles``
        (articles of the group crediting or citing it) and ``share`` (of the group's
        articles). Articles crediting no agency appear as agency "none".
    """
    rows = collapse_copies(corpus, by, collapse)
    group = rows[by].astype("string").fillna("(none)")
    size = group.value_counts()
    agency = rows["agency"].astype("string").replace("", "none").fillna("none")
    agencies = (
        pd.DataFrame({"group": group, "source": agency}).value_counts().rename("articles").reset_index()
    )
    agencies["kind"] = "agency"
    cited = pd.DataFrame({
        "group": group.to_numpy(),
        "source": [sorted(set(cited_sources(str(b)))) for b in rows["body"].fillna("")],
    }).explode("source").dropna()
    cited = cited.value_counts().rename("articles").reset_index()
    cited = cited.sort_values(["group", "articles", "source"], ascending=[True, False, True])
    cited = cited.groupby("group", sort=False).head(top)
    cited["kind"] = "cited"
    out = pd.concat([agencies, cited], ignore_index=True)
    out["share"] = out["articles"] / out["group"].map(size).astype(float)
    return (
        out[["group", "kind", "source", "articles", "share"]]
        .sort_values(["group", "kind", "articles", "source"], ascending=[True, True, False, True])
        .reset_index(drop=True)
    )
