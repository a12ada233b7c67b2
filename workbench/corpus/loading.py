"""Loading a corpus: the whole of it (:func:`load_corpus`), lazily (:func:`iter_corpus`), or its size guessed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from workbench.corpus.document import Corpus, CorpusError, Document, Rejected
from workbench.corpus.folder import txt_file_names
from workbench.corpus.readers import reader_for


def iter_corpus(path: str | Path, **options: Any) -> Iterator[Document | Rejected]:
    """Yield documents (or rejections) from a folder of .txt files or a table, lazily."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    yield from reader_for(path).read(path)


def load_corpus(path: str | Path, *, strict: bool = False, **options: Any) -> Corpus:
    """Load a corpus; bad documents are listed in ``Corpus.rejected`` (or raised when ``strict``).

    Raises :class:`CorpusError` when the corpus as a whole is unusable: a missing path, an
    unsupported format, a table without a ``text`` column, or no usable document at all.
    """
    path = Path(path)
    documents: list[Document] = []
    rejected: list[Rejected] = []
    for item in iter_corpus(path, **options):
        if isinstance(item, Rejected):
            if strict:
                raise CorpusError(item.source, item.reason, location=item.location)
            rejected.append(item)
        else:
            documents.append(item)
    if not documents:
        reasons = "; ".join(str(r) for r in rejected[:5]) or "no .txt files found"
        raise CorpusError(path, f"no usable documents ({reasons})")
    inputs = [path / name for name in txt_file_names(path)] if path.is_dir() else [path]
    return Corpus(documents=documents, rejected=rejected, inputs=inputs, root=path if path.is_dir() else path.parent)


def estimate_documents(path: str | Path) -> int | None:
    """A cheap guess of the number of documents and rejections, for a progress bar (None when unknown)."""
    path = Path(path)
    try:
        return reader_for(path).estimate(path)
    except Exception:  # the loader reports unreadable inputs properly; a guess may fail quietly
        return None
