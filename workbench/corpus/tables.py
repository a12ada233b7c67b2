"""Row readers for the table formats: each yields ``(location, row)`` pairs lazily.

A row is a dict of column values, or a :class:`CorpusError` for a row that cannot be read,
so one bad row never stops the others. Problems with the table as a whole (no ``text``
column, not a table at all) raise :class:`CorpusError`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from workbench.corpus.decoding import SNIFF_BYTES, binary_problem
from workbench.corpus.document import CorpusError

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")

# Each table reader yields (location, row dict) pairs, or (location, CorpusError) for a bad row.
RowItem = tuple[str, "dict[str, Any] | CorpusError"]

# Rows read from a CSV file at a time: tables are streamed, never loaded whole.
CSV_CHUNK_ROWS = 1000


def require_text_column(path: Path, columns: Iterable[str]) -> None:
    """Raise a CorpusError naming the columns found when there is no ``text`` column."""
    columns = list(columns)
    if "text" not in columns:
        raise CorpusError(path, f"no 'text' column (columns found: {', '.join(map(str, columns)) or 'none'})")


def read_csv_rows(path: Path) -> Iterator[RowItem]:
    """Data rows of a CSV file with a header line; ``row 1`` is the line after the header."""

    def problem(exc: Exception) -> CorpusError:
        if isinstance(exc, UnicodeDecodeError):
            return CorpusError(path, f"undecodable bytes: not valid UTF-8 at byte {exc.start}")
        return CorpusError(path, f"not a readable CSV table: {exc}")

    try:
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", chunksize=CSV_CHUNK_ROWS)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise problem(exc) from None
    number = 0
    with reader:
        chunks = iter(reader)
        while True:
            try:
                frame = next(chunks, None)
            except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
                raise problem(exc) from None
            if frame is None:
                return
            if number == 0:
                require_text_column(path, frame.columns)
            for row in frame.to_dict("records"):
                number += 1
                yield f"row {number}", row


def read_jsonl_rows(path: Path) -> Iterator[RowItem]:
    """One JSON object per non-blank line; ``line N`` counts every line, as an editor does."""
    any_text = False
    for number, line in _jsonl_lines(path):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield location, CorpusError(path, f"malformed JSON: {exc.msg} at column {exc.colno}", location=location)
            continue
        if not isinstance(row, dict):
            yield location, CorpusError(path, f"expected a JSON object, got {type(row).__name__}", location=location)
            continue
        any_text = any_text or "text" in row
        yield location, row
    if not any_text:
        raise CorpusError(path, "no line has a 'text' field")


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines of a JSONL file, read one at a time and decoded as ``decode_text`` would.

    ``\\r\\n`` and a lone ``\\r`` end a line as ``\\n`` does (so line numbers match a
    text editor's), a byte-order mark is dropped, and an undecodable byte names its
    offset in the file.
    """
    with open(path, "rb") as handle:
        problem = binary_problem(handle.read(SNIFF_BYTES))
        if problem:
            raise CorpusError(path, problem)
        handle.seek(0)
        offset = 0
        number = 0
        for raw in handle:
            size = len(raw)
            body = raw[:-1] if raw.endswith(b"\n") else raw
            if body.endswith(b"\r") and raw.endswith(b"\n"):
                body = body[:-1]  # the \r of a \r\n pair
            try:
                text = body.decode("utf-8-sig" if offset == 0 else "utf-8")
            except UnicodeDecodeError as exc:
                bom = 3 if offset == 0 and body.startswith(b"\xef\xbb\xbf") else 0
                at = offset + exc.start + bom
                raise CorpusError(path, f"undecodable bytes: not valid UTF-8 at byte {at} ({raw[at - offset:at - offset + 4]!r})") from None
            for part in text.split("\r"):
                number += 1
                yield number, part
            offset += size


def read_parquet_rows(path: Path) -> Iterator[RowItem]:
    """Rows of a Parquet file, read one row group at a time."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a non-Parquet file
        raise CorpusError(path, f"not a readable Parquet file: {exc}") from None
    require_text_column(path, parquet.schema_arrow.names)
    number = 0
    for group in range(parquet.num_row_groups):
        for row in parquet.read_row_group(group).to_pylist():
            number += 1
            yield f"row {number}", row
