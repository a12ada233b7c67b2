"""A folder of ``.txt`` files, or one ``.txt`` file: one document per file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from workbench.corpus.decoding import decode_text, header_meta
from workbench.corpus.document import CorpusError, Document, Rejected


def txt_file_names(folder: Path) -> list[str]:
    """Names of the ``.txt`` files in ``folder``, in corpus order (sorted as their paths).

    Names, not Path objects, because a streaming run keeps the list for its whole length:
    a quarter of the memory for an archive of a million files.
    """
    return sorted(
        (entry.name for entry in os.scandir(folder) if entry.is_file() and os.path.splitext(entry.name)[1].lower() == ".txt"),
        key=lambda name: folder / name,
    )


def read_txt(path: Path) -> Document | Rejected:
    """One ``.txt`` file as a document (doc_id = the file stem), or why it cannot be one."""
    try:
        text = decode_text(path.read_bytes(), path)
    except CorpusError as exc:
        return Rejected(source=str(path), reason=exc.reason, doc_id=path.stem)
    except OSError as exc:
        return Rejected(source=str(path), reason=f"cannot read file: {exc.strerror or exc}", doc_id=path.stem)
    if not text.strip():
        return Rejected(source=str(path), reason="empty document", doc_id=path.stem)
    meta = {"source_file": path.name, **header_meta(text)}
    return Document(doc_id=path.stem, text=text, meta=meta)


def iter_txt_folder(folder: Path) -> Iterator[Document | Rejected]:
    """The folder's ``.txt`` files in corpus order; a repeated doc_id is rejected."""
    seen: dict[str, str] = {}
    for name in txt_file_names(folder):
        path = folder / name
        item = read_txt(path)
        if isinstance(item, Document) and item.doc_id in seen:
            yield Rejected(source=str(path), reason=f"duplicate doc_id {item.doc_id!r} (also {seen[item.doc_id]})", doc_id=item.doc_id)
            continue
        if isinstance(item, Document):
            seen[item.doc_id] = path.name
        yield item
