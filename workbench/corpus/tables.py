"""Row readers for JSONL and Parquet tables (CSV: ``csv_rows``): each yields ``(location, row)`` pairs lazily.

A row is a dict of column values, or a :class:`CorpusError` for a row that cannot be read,
so one bad row never stops the others. Problems with the table as a whole (no ``text``
column, not a table at all) raise :class:`CorpusError`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from workbench.corpus.decoding import SNIFF_BYTES, binary_problem, control_byte
from workbench.corpus.document import CorpusError

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")

# Each table reader yields (location, row dict) pairs, or (location, CorpusError) for a bad row.
RowItem = tuple[str, "dict[str, Any] | CorpusError"]

def require_text_column(path: Path, columns: Iterable[str]) -> None:
    """Raise a CorpusError naming the columns found when there is no ``text`` column."""
    columns = list(columns)
    if "text" not in columns:
        raise CorpusError(path, f"no 'text' column (columns found: {', '.join(map(str, columns)) or 'none'})")


def read_jsonl_rows(path: Path) -> Iterator[RowItem]:
    """One JSON object per non-blank line; ``line N`` counts every line, as an editor does.

    A line that is not clean UTF-8 text, not JSON or not an object is rejected by its number
    and the other lines are read; only a file that looks binary from its start is refused whole.
    """
    any_text = False
    for number, line, problem in _jsonl_lines(path):
        location = f"line {number}"
        if problem:
            yield location, CorpusError(path, problem, location=location)
            continue
        if not line.strip():
            continue
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


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """Numbered lines of a JSONL file, read one at a time and decoded as ``decode_text`` would,
    each with why it is not clean text (or None).

    ``\r\n`` and a lone ``\r`` end a line as ``\n`` does (so line numbers match a
    text editor's), a byte-order mark is dropped, and a control byte or an undecodable byte
    names its offset in the file.
    """
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
        problem = binary_problem(head)
        # A JSONL file starts with "{"; one that does not, with control bytes in its head, is
        # binary data (an image or archive with the wrong suffix) and has no lines to report.
        if problem and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            raise CorpusError(path, problem)
        handle.seek(0)
        offset = 0
        number = 0
        for raw in handle:
            body = raw[:-1] if raw.endswith(b"\n") else raw
            if body.endswith(b"\r") and raw.endswith(b"\n"):
                body = body[:-1]  # the \r of a \r\n pair
            for part in body.split(b"\r"):
                number += 1
                start = offset
                offset += len(part) + 1
                if start == 0 and part.startswith(b"\xef\xbb\xbf"):
                    start, part = 3, part[3:]
                yield (number, *_decode_line(part, start))
            offset += len(raw) - len(body) - 1  # the \r\n pair counted as one byte above


def _decode_line(data: bytes, start: int) -> tuple[str, str | None]:
    """A line's text, or why it is no clean text (its bytes start at ``start`` in the file)."""
    found = control_byte(data, offset=start)
    if found:
        return "", f"binary data: {found}"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", f"undecodable bytes: not valid UTF-8 at byte {start + exc.start} ({data[exc.start:exc.start + 4]!r})"


def read_parquet_rows(path: Any, *, name: str | None = None) -> Iterator[RowItem]:
    """Rows of a Parquet file (a path, or an open binary file named ``name``), read one row group
    at a time; a row group that cannot be decoded rejects each of its rows, and the next group is read."""
    import pyarrow.parquet as pq

    source = path
    path = Path(name) if name is not None else path
    try:
        parquet = pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises several types for a non-Parquet file
        raise CorpusError(path, f"not a readable Parquet file: {exc}") from None
    require_text_column(path, parquet.schema_arrow.names)
    number = 0
    for group in range(parquet.num_row_groups):
        try:
            rows = parquet.read_row_group(group).to_pylist()
        except Exception as exc:  # corrupt pages: pyarrow raises OSError, ArrowInvalid and others
            # pyarrow's messages run over lines and may quote raw bytes: one printable line.
            detail = " ".join("".join(c if c.isprintable() else " " for c in str(exc)).split())
            reason = f"row group {group + 1} cannot be read: {detail}"
            for _ in range(parquet.metadata.row_group(group).num_rows):
                number += 1
                yield f"row {number}", CorpusError(path, reason, location=f"row {number}")
            continue
        for row in rows:
            number += 1
            yield f"row {number}", row
