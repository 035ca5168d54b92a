"""Who is quoted: attributions (speaker, cue, content) in news articles.

* :func:`attributions` - one row per attribution of every article of the table;
* :func:`text_attributions` - the same for one text;
* :func:`track_quotes` - the same quote printed by several outlets, who printed it
  first and how each cut it.

Modules: ``text`` (quotations and sentences with offsets), ``lexicon`` (cue verbs,
titles, source nouns), ``names`` (names, titles and their kinds), ``rules`` (the cues
and the attribution around each), ``phrases`` (source phrases), ``content`` (what was
said), ``resolve`` (pronouns, descriptions, anonymous sources, documents), ``extract``
(the table), ``tracking`` (quotes across outlets), ``evaluate`` (scores against a
hand-annotated gold).
"""
from .extract import ATTRIBUTION_COLUMNS, SPEAKER_TYPES, attributions, text_attributions
from .tracking import QUOTE_PATH_COLUMNS, track_quotes

__all__ = ["ATTRIBUTION_COLUMNS", "QUOTE_PATH_COLUMNS", "SPEAKER_TYPES", "attributions",
           "text_attributions", "track_quotes"]
