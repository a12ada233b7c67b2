"""Bytes to text as every loader does it, and the optional date and title header of a text.

Offsets everywhere in the workbench refer to ``Document.text``: the bytes decoded as UTF-8
with any byte-order mark removed and Windows (``\\r\\n``) or old Mac (``\\r``) line endings
turned into ``\\n``. Nothing else is changed: a leading date or title line stays in the text
and is *also* recorded in the metadata.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workbench.corpus.document import CorpusError

# Bytes that never occur in a UTF-8 text file; one of them means binary data.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# How much of a file the binary check looks at.
SNIFF_BYTES = 65536

_DATE_LINE = re.compile(
    r"^\s*(?:"
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\.?"  # 16.03.2022. / 16/03/2022
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"  # 2022-03-16
    r")\s*$"
)
_TITLE_MAX_WORDS = 20


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line endings as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def control_byte(data: bytes, *, offset: int = 0) -> str | None:
    """The first control byte in ``data`` and where (``offset`` is where ``data`` starts in its file), or None."""
    binary = BINARY_BYTES.search(data)
    if binary is None:
        return None
    return f"control byte 0x{binary.group()[0]:02x} at byte {offset + binary.start()}"


def binary_problem(data: bytes, *, offset: int = 0) -> str | None:
    """Why a file that starts with ``data`` is no text file, or None."""
    found = control_byte(data, offset=offset)
    return f"not a text file: {found} (binary data?)" if found else None


def decode_text(data: bytes, source: str | Path, *, location: str | None = None) -> str:
    """Decode bytes as UTF-8 (BOM allowed), or raise a CorpusError that says what is wrong."""
    problem = binary_problem(data[:SNIFF_BYTES])
    if problem:
        raise CorpusError(source, problem, location=location)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            source,
            f"undecodable bytes: not valid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 4]!r})",
            location=location,
        ) from None
    return normalise_newlines(text)


def header_meta(text: str) -> dict[str, Any]:
    """Read an optional leading date line and title line; offsets in the text are untouched.

    A title is a short first line (after the date) without sentence-final punctuation that
    is followed by a blank line, as in most exported news articles.
    """
    meta: dict[str, Any] = {}
    pos = 0
    lines = text.split("\n")
    index = 0

    def skip_blank(i: int, p: int) -> tuple[int, int]:
        while i < len(lines) and not lines[i].strip():
            p += len(lines[i]) + 1
            i += 1
        return i, p

    index, pos = skip_blank(index, pos)
    if index < len(lines):
        match = _DATE_LINE.match(lines[index])
        if match:
            if match.group("y"):
                y, m, d = match.group("y"), match.group("m"), match.group("d")
            else:
                y, m, d = match.group("y2"), match.group("m2"), match.group("d2")
            if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
                meta["date"] = f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
                meta["date_span"] = [pos, pos + len(lines[index])]
                pos += len(lines[index]) + 1
                index += 1
                index, pos = skip_blank(index, pos)
    if index + 1 < len(lines):
        line = lines[index].strip()
        followed_by_blank = not lines[index + 1].strip()
        if (
            line
            and followed_by_blank
            and len(line.split()) <= _TITLE_MAX_WORDS
            and line[-1] not in ".!;:,"
            and index + 2 < len(lines)
        ):
            lead = len(lines[index]) - len(lines[index].lstrip())
            meta["title"] = line
            meta["title_span"] = [pos + lead, pos + lead + len(line)]
    return meta
