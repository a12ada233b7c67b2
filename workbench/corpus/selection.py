"""Choosing documents by metadata, and the values to group a corpus by."""

from __future__ import annotations

from typing import Any

from workbench.corpus.document import Corpus, Document

DERIVED_KEYS = {"month": lambda meta: (meta.get("date") or "")[:7] or None, "year": lambda meta: (meta.get("date") or "")[:4] or None}


def meta_value(doc: Document, key: str) -> Any:
    """A metadata value, including ``month`` and ``year`` derived from ``date``."""
    if key in DERIVED_KEYS:
        return DERIVED_KEYS[key](doc.meta)
    if key == "doc_id":
        return doc.doc_id
    return doc.meta.get(key)


def matches(doc: Document, where: dict[str, Any] | None) -> bool:
    """Whether the document's metadata equal every ``key: value`` in ``where`` (a list value means any of)."""
    for key, wanted in (where or {}).items():
        value = meta_value(doc, key)
        value = "(none)" if value is None else str(value)
        options = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
        if value not in {str(o) for o in options}:
            return False
    return True


def select(corpus: Corpus, where: dict[str, Any] | None) -> Corpus:
    """The documents whose metadata equal every ``key: value`` in ``where`` (a list value means any of)."""
    if not where:
        return corpus
    return Corpus(documents=[d for d in corpus.documents if matches(d, where)], rejected=corpus.rejected, inputs=corpus.inputs, root=corpus.root)


def group_values(corpus: Corpus, key: str) -> list[str]:
    """Sorted distinct values of a metadata key (documents without it are grouped under ``(none)``)."""
    return sorted({str(v) if (v := meta_value(d, key)) is not None else "(none)" for d in corpus.documents})
