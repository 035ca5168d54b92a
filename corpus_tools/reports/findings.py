"""Findings written from results: sentences that are true of the corpus a report was
built from, because they are computed from its tables.

A report never carries prose about a particular corpus. Where a sentence helps the
reader ("TASS's most distinctive terms are ...; 23% of its articles match the query
against 1.7% of the BBC's"), a function here writes it from the result it describes.
Each returns plain text (displayed escaped by :func:`corpus_tools.reports.say`), or
"" when the result holds nothing to say.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["attention_finding", "copies_finding", "distinctive_finding", "first_finding", "plural",
           "outlets_finding", "prevalence_finding", "similarity_finding", "topics_finding"]


#: A share of fewer articles says little about an outlet ("100% of its 1 article").
MIN_ARTICLES = 10


def _list(items, n: int = 5) -> str:
    items = [str(i) for i in items][:n]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pct(share: float) -> str:
    if share == 0:
        return "0%"
    return f"{share:.0%}" if share >= 0.095 else f"{share:.1%}" if share >= 0.001 else "under 0.1%"


def _term(term: str) -> str:
    return str(term).replace("_", " ")


def _name(outlet) -> str:
    """An outlet as a reader reads it (an empty name is an outlet no input named)."""
    return str(outlet) if outlet not in (None, "") and not pd.isna(outlet) else "(unknown outlet)"


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """``"1 article"``, ``"3,824 articles"``.

    Examples
    --------
    >>> plural(1, "copy group"), plural(2, "copy"), plural(3_824, "article")
    ('1 copy group', '2 copies', '3,824 articles')
    """
    if n == 1:
        return f"1 {noun}"
    many = plural_form or (noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou"
                           else noun + "s")
    return f"{n:,} {many}"


def outlets_finding(summary: pd.DataFrame) -> str:
    """Who contributes most and least, from :func:`corpus_tools.overview.outlet_summary`."""
    rows = summary[summary["articles"] > 0].sort_values(["articles", "outlet"], ascending=[False, True])
    if rows.empty:
        return ""
    total, n = int(rows["articles"].sum()), len(rows)
    names = rows["outlet"].map(_name).tolist()
    counts = rows["articles"].astype(int).tolist()
    if n > 1 and counts[0] == counts[-1]:
        text = f"Each of the {n:,} outlets contributes {plural(counts[0], 'article')}"
    else:
        text = f"{names[0]} contributes the most articles ({counts[0]:,}, {_pct(counts[0] / total)} of {total:,})"
        listed = min(n, 3)
        if n > 1:
            text += ", then " + _list(f"{o} ({a:,})" for o, a in zip(names[1:listed], counts[1:listed]))
        smallest = [o for o, a in zip(names[listed:], counts[listed:]) if a == counts[-1]]
        if smallest:
            more = f" and {len(smallest) - 3:,} others" if len(smallest) > 3 else ""
            text += (f"; the smallest, {', '.join(smallest[:3])}{more}, "
                     f"{'has' if len(smallest) == 1 else 'have'} {plural(counts[-1], 'article')}"
                     f"{'' if len(smallest) == 1 else ' each'}")
    wire = rows[rows["wire_share"] >= 0.5]
    if len(wire):
        text += f". Most articles of {_list(wire['outlet'].map(_name), 4)} credit a wire agency"
    return text + "."


def topics_finding(model, choice=None, given: int | None = None) -> str:
    """How k was chosen and which topics are the largest."""
    d = model.diagnostics.sort_values("share", ascending=False)
    if given is not None:
        how = f"{model.n_topics} topics, as set by n_topics (no comparison of numbers of topics was run)"
    elif choice is not None:
        how = f"{model.n_topics} topics, the number recommended by the comparison above"
    else:
        how = f"{model.n_topics} topics"
    top = d.head(3)
    largest = _list(f"'{label}' ({share:.0%})" for label, share in zip(top["label"], top["share"]))
    best = d.sort_values("coherence", ascending=False).iloc[0]
    return (f"The model has {how}. The largest are {largest} of the average article; the most "
            f"coherent is '{best['label']}' (NPMI {best['coherence']:.2f}).")


def prevalence_finding(by_outlet: pd.DataFrame) -> str:
    """The topic whose share differs most between outlets, from :func:`topic_prevalence`."""
    rows = by_outlet[by_outlet["n_docs"] >= MIN_ARTICLES]
    if rows["outlet"].nunique() < 2:
        return ""
    spread = rows.groupby(["topic", "label"])["prevalence"].agg(["max", "min", "idxmax", "idxmin"])
    spread = spread.assign(gap=spread["max"] - spread["min"]).sort_values("gap", ascending=False)
    top = spread.iloc[0]
    high, low = rows.loc[top["idxmax"]], rows.loc[top["idxmin"]]
    return (f"The topic that divides the outlets most (among outlets with {MIN_ARTICLES} or more "
            f"articles) is "
            f"'{high['label']}': {_pct(high['prevalence'])} of the average {high['outlet']} article "
            f"against {_pct(low['prevalence'])} for {low['outlet']}.")


def distinctive_finding(pair: pd.DataFrame, a: str, b: str, n: int = 6) -> str:
    """Each side's most distinctive terms, from :func:`corpus_tools.compare.distinctive_terms`
    of ``a`` against ``b``."""
    ahead = pair[pair["z"] > 2].sort_values("z", ascending=False)["term"].map(_term)
    behind = pair[pair["z"] < -2].sort_values("z")["term"].map(_term)
    if ahead.empty and behind.empty:
        return (f"No term sets {a} and {b} clearly apart (no z-score beyond ±2): at this size "
                "their vocabularies cannot be told apart.")
    parts = []
    if len(ahead):
        parts.append(f"{a}'s most distinctive terms against {b} are {_list(ahead, n)}")
    if len(behind):
        parts.append(f"{b}'s are {_list(behind, n)}" if len(ahead)
                     else f"{b}'s most distinctive terms against {a} are {_list(behind, n)}")
    return "; ".join(parts) + "."


def similarity_finding(similarity: pd.DataFrame) -> str:
    """The most and least alike pair, from :func:`corpus_tools.compare.outlet_similarity`."""
    names = list(similarity.index)
    pairs = [(similarity.iloc[i, j], names[i], names[j])
             for i in range(len(names)) for j in range(i + 1, len(names))]
    if not pairs:
        return ""
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    high, low = pairs[0], pairs[-1]
    if len(pairs) == 1:
        return f"The similarity of {high[1]} and {high[2]} is {high[0]:.2f}."
    return (f"The most alike are {high[1]} and {high[2]} ({high[0]:.2f}); the least alike "
            f"{low[1]} and {low[2]} ({low[0]:.2f}).")


def attention_finding(attention: pd.DataFrame, a: str | None, b: str | None) -> str:
    """The share of each outlet's articles matching the query, from
    :func:`corpus_tools.compare.attention`."""
    totals = attention.groupby("group")[["matches", "articles"]].sum()
    if totals.empty or totals["articles"].sum() == 0:
        return ""
    share = totals["matches"] / totals["articles"]
    overall = totals["matches"].sum() / totals["articles"].sum()
    query = attention.attrs.get("query", "the query")
    if a in share.index and b in share.index:
        text = (f"{_pct(share[a])} of {a}'s dated articles match {query} against "
                f"{_pct(share[b])} of {b}'s")
    else:
        top = share.sort_values(ascending=False)
        text = f"{_pct(top.iloc[0])} of {top.index[0]}'s dated articles match {query}"
    text += f" ({_pct(overall)} of all outlets' together"
    sizeable = share[totals["articles"] >= MIN_ARTICLES].sort_values(ascending=False)
    if len(share) > 2 and len(sizeable) and sizeable.index[0] not in (a, b):
        text += (f"; among outlets with {MIN_ARTICLES} or more dated articles, the most attentive "
                 f"is {sizeable.index[0]} with {_pct(sizeable.iloc[0])}")
    return text + ")."


def copies_finding(outlets: pd.DataFrame, pairs: pd.DataFrame, articles: pd.DataFrame) -> str:
    """How many copies, and who prints most wire copy, from :class:`corpus_tools.Coverage`
    ``.outlets`` and the pairs."""
    groups = articles["copy_group"].dropna().nunique() if "copy_group" in articles else 0
    copied = int(articles["copy_group"].notna().sum()) if "copy_group" in articles else 0
    if len(pairs):
        text = (f"{plural(len(pairs), 'pair')} of copies link {copied:,} of the {len(articles):,} "
                f"articles in {plural(groups, 'copy group')}")
    else:
        text = f"No two of the {len(articles):,} articles are copies of each other"
    own = {"own reporting", "uncredited copy"}
    wire = outlets[~outlets["source"].isin(own)]
    if len(wire):
        per_outlet = wire.groupby("outlet").agg(share=("share", "sum"), n=("outlet_articles", "first"))
        per_outlet = per_outlet[per_outlet["n"] >= MIN_ARTICLES].sort_values(["share", "n"],
                                                                             ascending=False)
        if len(per_outlet):
            name = per_outlet.index[0]
            main = wire[wire["outlet"] == name].sort_values("share", ascending=False)["source"].iloc[0]
            text += (f"; among outlets with {MIN_ARTICLES} or more articles, {name} prints the most "
                     "wire copy "
                     f"({_pct(per_outlet['share'].iloc[0])} of its articles, mostly {main})")
    return text + "."


def first_finding(shared: pd.DataFrame) -> str:
    """Who is first most often, from the rows of :class:`corpus_tools.Coverage` ``.stories``
    of stories covered by several outlets."""
    if shared.empty:
        return ""
    n = shared["story_id"].nunique()
    first = shared[shared["rank"] == 1].groupby("outlet").size().sort_values(ascending=False)
    covered = shared.groupby("outlet")["story_id"].nunique()
    name = first.index[0]
    return (f"Of the {n:,} stories covered by more than one outlet, {name} was first on "
            f"{int(first.iloc[0]):,} (of the {int(covered[name]):,} it covered).")
