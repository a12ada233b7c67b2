"""CSV tables read record by record, so a broken row costs that row and nothing else.

The file is read as bytes one physical line at a time: each line is decoded on its own, so
a NUL, another control byte or a byte that is not UTF-8 marks the line, and the record that
holds it is rejected with the line number, while every other row is read. Python's csv
module splits the decoded lines into records (quoted fields may span lines). A row with more
fields than the header is rejected; missing trailing fields are empty. Quoting is strict: a
stray quote that opens a field and is never closed properly would swallow the rows after
it, so its row is rejected and reading resumes on the line after the one where it opened
(the rest of a broken field spanning lines may then be rejected as rows of its own).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from workbench.corpus.decoding import control_byte
from workbench.corpus.document import CorpusError
from workbench.corpus.tables import RowItem, require_text_column

_BOM = b"\xef\xbb\xbf"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# The csv module refuses fields over 131,072 characters by default; news texts are longer.
# Documents over max_chars are rejected after parsing, so the parser itself need not limit.
_FIELD_LIMIT = 2**31 - 1


@dataclass
class _Lines:
    """The physical lines of a binary file from ``offset`` on, decoded one by one for the csv module.

    ``\\n``, ``\\r\\n`` and a lone ``\\r`` each end a line (so line numbers match an editor's);
    ``number`` is the last line handed out, ``offset`` the byte after it, ``problems`` the
    lines that were not clean text, and ``exhausted`` turns true at the end of the file.
    """

    handle: BinaryIO
    offset: int = 0
    number: int = 0
    exhausted: bool = False
    blank: bool = False
    problems: dict[int, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[str]:
        self.handle.seek(self.offset)
        for raw in self.handle:
            for piece in raw.splitlines(keepends=True) if b"\r" in raw else (raw,):
                yield self._decode(piece)
        self.exhausted = True

    def _decode(self, piece: bytes) -> str:
        start, body = self.offset, piece
        if start == 0 and body.startswith(_BOM):
            start, body = 3, body[3:]
        self.number += 1
        self.offset += len(piece)
        binary = control_byte(body, offset=start)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not binary:
                bad = body[exc.start:exc.start + 4]
                self.problems[self.number] = f"undecodable bytes on line {self.number}: not valid UTF-8 at byte {start + exc.start} ({bad!r})"
            text = body.decode("utf-8", "replace")
        if binary:
            self.problems[self.number] = f"binary data on line {self.number}: {binary}"
            text = _CONTROL_CHARS.sub("\ufffd", text)  # the row is rejected; the parser must not trip on a NUL
        self.blank = not text.strip()
        return text


@dataclass
class _Record:
    line: int
    fields: list[str]
    problem: str | None


class _Records:
    """The records of a CSV file with the physical line each starts on and the first problem in it."""

    def __init__(self, handle: BinaryIO):
        self._handle = handle
        self._restart(offset=0, number=0)

    def _restart(self, *, offset: int, number: int) -> None:
        self._lines = _Lines(self._handle, offset=offset, number=number)
        self._reader = csv.reader(iter(self._lines), strict=True)

    def __iter__(self) -> Iterator[_Record]:
        while True:
            line, offset = self._lines.number + 1, self._lines.offset
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # Strict quoting: a stray quote fails here instead of swallowing the rows after it.
                yield _Record(line, [], self._quoting_problem(exc, line))
                self._restart(offset=self._line_end(offset), number=line)
                continue
            last = self._lines.number
            problems = [self._lines.problems.pop(n) for n in range(line, last + 1) if n in self._lines.problems]
            if not fields or (last == line and self._lines.blank and len(fields) == 1):
                continue  # a blank line is no row
            yield _Record(line, fields, problems[0] if problems else None)

    def _quoting_problem(self, exc: csv.Error, line: int) -> str:
        if self._lines.exhausted:
            return f"unclosed quote: the quoted field that opens on line {line} never closes"
        where = f"line {self._lines.number}" + (f" (the row starts on line {line})" if self._lines.number != line else "")
        return f"malformed quoting on {where}: {exc}; a quote inside a quoted field is written twice"

    def _line_end(self, offset: int) -> int:
        """The byte offset of the line after the one starting at ``offset``."""
        self._handle.seek(offset)
        raw = self._handle.readline()
        return offset + len(raw.splitlines(keepends=True)[0] if raw else b"")


def column_names(header: list[str]) -> list[str]:
    """Header names as pandas names them: an empty name is ``Unnamed: N``, a repeated one gets ``.1``, ``.2``."""
    names: list[str] = []
    counts: dict[str, int] = {}
    for index, name in enumerate(header):
        name = name or f"Unnamed: {index}"
        if name in counts:
            counts[name] += 1
            name = f"{name}.{counts[name]}"
        else:
            counts[name] = 0
        names.append(name)
    return names


def read_csv_rows(path: Path) -> Iterator[RowItem]:
    """Data rows of a CSV file with a header line; ``row 1`` is the first record after the header."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    with open(path, "rb") as handle:
        records = iter(_Records(handle))
        header = next(records, None)
        if header is None:
            raise CorpusError(path, "not a readable CSV table: the file is empty (no header line)")
        if header.problem:
            raise CorpusError(path, f"unreadable header: {header.problem}")
        columns = column_names(header.fields)
        require_text_column(path, columns)
        for number, record in enumerate(records, 1):
            location = f"row {number}"
            if record.problem:
                yield location, CorpusError(path, record.problem, location=location)
            elif len(record.fields) > len(columns):
                reason = f"{len(record.fields)} fields where the header has {len(columns)}, on line {record.line}"
                yield location, CorpusError(path, reason, location=location)
            else:
                yield location, dict(zip(columns, record.fields))
