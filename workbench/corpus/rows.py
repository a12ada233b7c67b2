"""Table rows to documents: one document per row, ids checked, metadata columns kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from workbench.corpus.decoding import normalise_newlines
from workbench.corpus.document import CorpusError, Document, Rejected
from workbench.corpus.options import ReadOptions
from workbench.corpus.tables import RowItem

OPTIONAL_COLUMNS = ("date", "source", "title")


def clean_value(value: Any) -> Any:
    """A cell value with surrounding space removed; empty strings and NaN become None."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def document_id(value: Any) -> tuple[str | None, str | None]:
    """A row's id as text and None, or None and why it is no id.

    Strings and whole numbers (JSON integers, Parquet integer columns) are ids, written in
    decimal; floats (``1.0``), booleans, lists and objects are rejected rather than turned
    into text that nobody typed. An empty or missing id is (None, None): the row number is used.
    """
    value = clean_value(value)
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return None, f"{shown} is a {type(value).__name__}, not a string or a whole number"


def text_problem(row: dict[str, Any]) -> str | None:
    """Why a row's ``text`` is no text, or None."""
    text = row.get("text")
    if isinstance(text, str):
        return None
    if "text" not in row:
        return "no 'text' field"
    return "'text' is null" if text is None else f"'text' is {type(text).__name__}, not a string"


def documents_from_rows(path: Path, rows: Iterable[RowItem], *, options: ReadOptions = ReadOptions()) -> Iterator[Document | Rejected]:
    """A document per row; a bad row, a row without text and a repeated doc_id are rejected by location."""
    seen: dict[str, str] = {}
    for location, row in rows:
        if isinstance(row, CorpusError):
            yield Rejected(source=str(path), location=location, reason=row.reason)
            continue
        doc_id, problem = document_id(row.get("doc_id"))
        if problem:
            yield Rejected(source=str(path), location=location, reason=f"doc_id {problem}")
            continue
        doc_id = doc_id or f"{path.stem}-{location.split()[-1]}"
        problem = text_problem(row)
        if problem:
            yield Rejected(source=str(path), location=location, reason=problem, doc_id=doc_id)
            continue
        text = normalise_newlines(row["text"])
        problem = options.size_problem(text) or (None if text.strip() else "empty document")
        if problem:
            yield Rejected(source=str(path), location=location, reason=problem, doc_id=doc_id)
            continue
        if doc_id in seen:
            yield Rejected(
                source=str(path), location=location, reason=f"duplicate doc_id {doc_id!r} (first at {seen[doc_id]})", doc_id=doc_id
            )
            continue
        seen[doc_id] = location
        meta: dict[str, Any] = {"source_file": path.name, "location": location}
        for column in OPTIONAL_COLUMNS:
            value = clean_value(row.get(column))
            if value is not None:
                meta[column] = str(value)
        yield Document(doc_id=doc_id, text=text, meta=meta)
