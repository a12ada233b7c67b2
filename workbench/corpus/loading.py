"""Loading a corpus: the whole of it (:func:`load_corpus`), lazily (:func:`iter_corpus`), or its size guessed."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from workbench.corpus.document import Corpus, CorpusError, Document, Rejected, Skipped
from workbench.corpus.options import MAX_CHARS, ReadOptions
from workbench.corpus.readers import reader_for


def iter_corpus(
    path: str | Path, *, recursive: bool = False, follow_links: bool = False, max_chars: int | None = MAX_CHARS
) -> Iterator[Document | Rejected]:
    """Yield documents (or rejections) from a folder of .txt files or a table, lazily.

    ``recursive`` reads the .txt files of sub-folders too (doc_id = the relative path without
    suffix, '/'-separated); otherwise a :class:`Skipped` note names the sub-folders. A symbolic
    link that leads outside the folder is rejected unless ``follow_links``. A document longer
    than ``max_chars`` characters is rejected (None: no limit).
    """
    options = ReadOptions(recursive=recursive, follow_links=follow_links, max_chars=max_chars)
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    yield from reader_for(path).read(path, options=options)


def load_corpus(
    path: str | Path,
    *,
    strict: bool = False,
    recursive: bool = False,
    follow_links: bool = False,
    max_chars: int | None = MAX_CHARS,
) -> Corpus:
    """Load a corpus; bad documents are listed in ``Corpus.rejected`` (or raised when ``strict``).

    The options are those of :func:`iter_corpus`. Raises :class:`CorpusError` when the corpus
    as a whole is unusable: a missing path, an unsupported format, a table without a ``text``
    column, or no usable document at all.
    """
    options = ReadOptions(recursive=recursive, follow_links=follow_links, max_chars=max_chars)
    path = Path(path)
    documents: list[Document] = []
    rejected: list[Rejected] = []
    for item in iter_corpus(path, recursive=recursive, follow_links=follow_links, max_chars=max_chars):
        if isinstance(item, Rejected):
            if strict and not isinstance(item, Skipped):
                raise CorpusError(item.source, item.reason, location=item.location)
            rejected.append(item)
        else:
            documents.append(item)
    if not documents:
        reasons = "; ".join(str(r) for r in rejected[:5]) or "no .txt files found"
        raise CorpusError(path, f"no usable documents ({reasons})")
    inputs = reader_for(path).inputs(path, options=options)
    return Corpus(documents=documents, rejected=rejected, inputs=inputs, root=path if path.is_dir() else path.parent)


def estimate_documents(path: str | Path, *, recursive: bool = False, follow_links: bool = False) -> int | None:
    """A cheap guess of the number of documents and rejections, for a progress bar (None when unknown)."""
    path = Path(path)
    try:
        return reader_for(path).estimate(path, options=ReadOptions(recursive=recursive, follow_links=follow_links))
    except Exception:  # the loader reports unreadable inputs properly; a guess may fail quietly
        return None


def input_hashes(path: str | Path, *, recursive: bool = False, follow_links: bool = False, **_: object) -> list[dict[str, object]]:
    """Each input file of a corpus with its size and sha256, named relative to the corpus root,
    without loading the documents (what a report's manifest records)."""
    from workbench.corpus.document import sha256_file

    path = Path(path)
    root = path if path.is_dir() else path.parent
    rows = []
    for item in reader_for(path).inputs(path, options=ReadOptions(recursive=recursive, follow_links=follow_links)):
        name = item.relative_to(root).as_posix() if item != root else item.name
        rows.append({"path": name, "bytes": item.stat().st_size, "sha256": sha256_file(item)})
    return rows
