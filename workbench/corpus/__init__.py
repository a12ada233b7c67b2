"""Documents and corpus loaders.

A corpus is a folder of ``.txt`` files or one table (``.csv``, ``.jsonl``, ``.parquet``).
Every reader yields :class:`Document` objects or :class:`Rejected` records, so one broken
document never stops the rest. The modules, one job each:

* ``document``  — Document, Corpus, Rejected (and the Skipped note), CorpusError
* ``options``   — ReadOptions: recursive, follow_links, max_chars (default MAX_CHARS)
* ``decoding``  — bytes to text (UTF-8, BOM, newlines, binary check), date and title header
* ``readers``   — the registry of readers by suffix; ``folder``, ``csv_rows`` and ``tables`` do the reading
* ``rows``, ``dialogues`` — table rows to documents
* ``loading``   — load_corpus, iter_corpus, estimate_documents
* ``selection`` — select, group_values, meta_value

Offsets everywhere in the workbench refer to ``Document.text``: see ``decoding``.
"""

from workbench.corpus.decoding import decode_text, header_meta, normalise_newlines
from workbench.corpus.dialogues import dialogues_from_rows
from workbench.corpus.document import Corpus, CorpusError, Document, Rejected, Skipped, sha256_file
from workbench.corpus.folder import txt_file_names
from workbench.corpus.options import MAX_CHARS, ReadOptions
from workbench.corpus.loading import estimate_documents, input_hashes, iter_corpus, load_corpus
from workbench.corpus.readers import Reader, reader_for, register
from workbench.corpus.rows import OPTIONAL_COLUMNS, documents_from_rows
from workbench.corpus.selection import DERIVED_KEYS, group_values, matches, meta_value, select
from workbench.corpus.tables import TABLE_SUFFIXES, RowItem

__all__ = [
    "DERIVED_KEYS",
    "MAX_CHARS",
    "OPTIONAL_COLUMNS",
    "TABLE_SUFFIXES",
    "Corpus",
    "CorpusError",
    "Document",
    "ReadOptions",
    "Reader",
    "Rejected",
    "RowItem",
    "Skipped",
    "decode_text",
    "dialogues_from_rows",
    "documents_from_rows",
    "estimate_documents",
    "input_hashes",
    "group_values",
    "header_meta",
    "iter_corpus",
    "load_corpus",
    "matches",
    "meta_value",
    "normalise_newlines",
    "reader_for",
    "register",
    "select",
    "sha256_file",
    "txt_file_names",
]
