"""Raw files → the article table: readers per format, page splitting, boilerplate,
metadata and normalisation. ``load_corpus`` is the front door; ``iter_articles`` gives
the same table in batches, streaming over the files."""
from .checks import IngestWarning
from .errors import IngestError
from .api import iter_articles, load_corpus, read_ingest_log
from .frames import from_frame
from .pagetext import clean_page_text, parse_page
from .sources import read_source_text

__all__ = ["IngestError", "IngestWarning", "from_frame", "load_corpus", "iter_articles", "read_ingest_log", "clean_page_text",
           "parse_page", "read_source_text"]
