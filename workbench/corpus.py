"""Documents and corpus loaders.

A corpus is a folder of ``.txt`` files or one table (``.csv``, ``.jsonl``,
``.parquet``). Every loader yields :class:`Document` objects or
:class:`Rejected` records, so one broken document never stops the rest.

Offsets everywhere in the workbench refer to ``Document.text``: the file
decoded as UTF-8 with any byte-order mark removed and Windows (``\\r\\n``) or
old Mac (``\\r``) line endings turned into ``\\n``. Nothing else is changed:
a leading date or title line stays in the text and is *also* recorded in
``meta``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from workbench.errors import InputError

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
OPTIONAL_COLUMNS = ("date", "source", "title")
# Bytes that never occur in a UTF-8 text file; one of them means binary data.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

_DATE_LINE = re.compile(
    r"^\s*(?:"
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\.?"  # 16.03.2022. / 16/03/2022
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"  # 2022-03-16
    r")\s*$"
)
_TITLE_MAX_WORDS = 20


class CorpusError(InputError):
    """A corpus or document that cannot be read; the message names the file and the problem."""

    def __init__(self, source: str | Path, reason: str, *, location: str | None = None):
        self.source = str(source)
        self.location = location
        self.reason = reason
        where = f"{self.source}, {location}" if location else self.source
        super().__init__(f"{where}: {reason}")


@dataclass
class Document:
    """One text with its id and metadata; ``text`` is never modified after loading."""

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    _segmentation: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def segments(self):
        """Sentence, token and paragraph spans, computed once and shared by all detectors."""
        if self._segmentation is None:
            from workbench.segment import segment

            self._segmentation = segment(self.text, turns=self.meta.get("turns"))
        return self._segmentation

    def __getstate__(self):
        # Segmentations are cheap to rebuild and expensive to pickle to worker processes.
        state = dict(self.__dict__)
        state["_segmentation"] = None
        return state


@dataclass(frozen=True)
class Rejected:
    """A document (or input file) that could not be used, and why."""

    source: str
    reason: str
    location: str | None = None
    doc_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "location": self.location, "doc_id": self.doc_id, "reason": self.reason}

    def __str__(self) -> str:
        where = f"{self.source}, {self.location}" if self.location else self.source
        return f"{where}: {self.reason}"


@dataclass
class Corpus:
    """Loaded documents in corpus order, plus what was rejected and which files were read."""

    documents: list[Document]
    rejected: list[Rejected] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)
    root: Path | None = None

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, int):
            return self.documents[key]
        for doc in self.documents:
            if doc.doc_id == key:
                return doc
        raise KeyError(key)

    @property
    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.documents]

    def input_hashes(self) -> list[dict[str, Any]]:
        """Each input file with its size and sha256, named relative to the corpus root."""
        rows = []
        for path in self.inputs:
            name = path.relative_to(self.root).as_posix() if self.root and path != self.root else path.name
            rows.append({"path": name, "bytes": path.stat().st_size, "sha256": sha256_file(path)})
        return rows

    def frame(self) -> pd.DataFrame:
        """One row per document: doc_id, date, title, source, characters."""
        return pd.DataFrame(
            [
                {
                    "doc_id": d.doc_id,
                    "date": d.meta.get("date"),
                    "title": d.meta.get("title"),
                    "source": d.meta.get("source"),
                    "characters": len(d.text),
                }
                for d in self.documents
            ],
            columns=["doc_id", "date", "title", "source", "characters"],
        )


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, source: str | Path, *, location: str | None = None) -> str:
    """Decode bytes as UTF-8 (BOM allowed), or raise a CorpusError that says what is wrong."""
    binary = _BINARY_BYTES.search(data[:65536])
    if binary:
        raise CorpusError(
            source,
            f"not a text file: control byte 0x{binary.group()[0]:02x} at byte {binary.start()} (binary data?)",
            location=location,
        )
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


# --------------------------------------------------------------------------- loaders


def iter_corpus(path: str | Path, **options: Any) -> Iterator[Document | Rejected]:
    """Yield documents (or rejections) from a folder of .txt files or a table, lazily."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    if path.is_dir():
        yield from _iter_txt_folder(path)
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        yield _read_txt(path)
        return
    reader = _TABLE_READERS.get(suffix)
    if reader is None:
        raise CorpusError(
            path, f"unsupported corpus format {suffix or '(no suffix)'!r}: use a folder of .txt files, .csv, .jsonl or .parquet"
        )
    yield from _documents_from_rows(path, reader(path), **options)


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


def _read_txt(path: Path) -> Document | Rejected:
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


def txt_file_names(folder: Path) -> list[str]:
    """Names of the ``.txt`` files in ``folder``, in corpus order (sorted as their paths).

    Names, not Path objects, because a streaming run keeps the list for its whole length:
    a quarter of the memory for an archive of a million files.
    """
    return sorted(
        (entry.name for entry in os.scandir(folder) if entry.is_file() and os.path.splitext(entry.name)[1].lower() == ".txt"),
        key=lambda name: folder / name,
    )


def _iter_txt_folder(folder: Path) -> Iterator[Document | Rejected]:
    seen: dict[str, str] = {}
    for name in txt_file_names(folder):
        path = folder / name
        item = _read_txt(path)
        if isinstance(item, Document) and item.doc_id in seen:
            yield Rejected(source=str(path), reason=f"duplicate doc_id {item.doc_id!r} (also {seen[item.doc_id]})", doc_id=item.doc_id)
            continue
        if isinstance(item, Document):
            seen[item.doc_id] = path.name
        yield item


# Each table reader yields (location, row dict) pairs, or (location, CorpusError) for a bad row.
RowItem = tuple[str, "dict[str, Any] | CorpusError"]


# Rows read from a CSV file at a time: tables are streamed, never loaded whole.
CSV_CHUNK_ROWS = 1000


def _read_csv_rows(path: Path) -> Iterator[RowItem]:
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
                _require_text_column(path, frame.columns)
            # Row numbers count data rows from 1, so "row 1" is the line after the header.
            for row in frame.to_dict("records"):
                number += 1
                yield f"row {number}", row


def _read_jsonl_rows(path: Path) -> Iterator[RowItem]:
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
    """Numbered lines of a JSONL file, read one at a time and decoded as :func:`decode_text` would.

    ``\r\n`` and a lone ``\r`` end a line as ``\n`` does (so line numbers match a
    text editor's), a byte-order mark is dropped, and an undecodable byte names its
    offset in the file.
    """
    with open(path, "rb") as handle:
        head = handle.read(65536)
        binary = _BINARY_BYTES.search(head)
        if binary:
            raise CorpusError(path, f"not a text file: control byte 0x{binary.group()[0]:02x} at byte {binary.start()} (binary data?)")
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


def _read_parquet_rows(path: Path) -> Iterator[RowItem]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a non-Parquet file
        raise CorpusError(path, f"not a readable Parquet file: {exc}") from None
    _require_text_column(path, parquet.schema_arrow.names)
    number = 0
    for group in range(parquet.num_row_groups):
        for row in parquet.read_row_group(group).to_pylist():
            number += 1
            yield f"row {number}", row


_TABLE_READERS = {".csv": _read_csv_rows, ".jsonl": _read_jsonl_rows, ".parquet": _read_parquet_rows}


def _require_text_column(path: Path, columns: Iterable[str]) -> None:
    columns = list(columns)
    if "text" not in columns:
        raise CorpusError(path, f"no 'text' column (columns found: {', '.join(map(str, columns)) or 'none'})")


def _clean_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _documents_from_rows(path: Path, rows: Iterator[RowItem], **options: Any) -> Iterator[Document | Rejected]:
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        raise CorpusError(path, "the table has no rows")
    rows = _chain_one(first, rows)
    is_dialogue = isinstance(first[1], dict) and "dialogue_id" in first[1]
    if is_dialogue:
        yield from _dialogues_from_rows(path, rows)
        return
    seen: dict[str, str] = {}
    for location, row in rows:
        if isinstance(row, CorpusError):
            yield Rejected(source=str(path), location=location, reason=row.reason)
            continue
        raw_id = _clean_value(row.get("doc_id"))
        doc_id = str(raw_id) if raw_id is not None else f"{path.stem}-{location.split()[-1]}"
        text = row.get("text")
        if not isinstance(text, str):
            reason = "no 'text' field" if text is None else f"'text' is {type(text).__name__}, not a string"
            yield Rejected(source=str(path), location=location, reason=reason, doc_id=doc_id)
            continue
        text = normalise_newlines(text)
        if not text.strip():
            yield Rejected(source=str(path), location=location, reason="empty document", doc_id=doc_id)
            continue
        if doc_id in seen:
            yield Rejected(
                source=str(path), location=location, reason=f"duplicate doc_id {doc_id!r} (first at {seen[doc_id]})", doc_id=doc_id
            )
            continue
        seen[doc_id] = location
        meta: dict[str, Any] = {"source_file": path.name, "location": location}
        for column in OPTIONAL_COLUMNS:
            value = _clean_value(row.get(column))
            if value is not None:
                meta[column] = str(value)
        yield Document(doc_id=doc_id, text=text, meta=meta)


def _dialogues_from_rows(path: Path, rows: Iterator[RowItem]) -> Iterator[Document | Rejected]:
    """Rows with the same dialogue_id, in row order, form one document (utterances joined by newlines)."""
    dialogues: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for location, row in rows:
        if isinstance(row, CorpusError):
            yield Rejected(source=str(path), location=location, reason=row.reason)
            continue
        dialogue_id = _clean_value(row.get("dialogue_id"))
        if dialogue_id is None:
            yield Rejected(source=str(path), location=location, reason="no dialogue_id")
            continue
        dialogues.setdefault(str(dialogue_id), []).append((location, row))
    for dialogue_id, turns_rows in dialogues.items():
        parts: list[str] = []
        turns: list[dict[str, Any]] = []
        pos = 0
        problem = None
        for location, row in turns_rows:
            utterance = row.get("text")
            if not isinstance(utterance, str):
                problem = (location, "no 'text' in utterance")
                break
            utterance = normalise_newlines(utterance).replace("\n", " ")
            turn = {"speaker": _clean_value(row.get("speaker")), "start": pos, "end": pos + len(utterance)}
            flag = _parse_bool(row.get("question"))
            if flag is not None:
                turn["question"] = flag
            turns.append(turn)
            parts.append(utterance)
            pos += len(utterance) + 1
        if problem:
            yield Rejected(source=str(path), location=problem[0], reason=problem[1], doc_id=dialogue_id)
            continue
        text = "\n".join(parts)
        if not text.strip():
            yield Rejected(source=str(path), location=turns_rows[0][0], reason="empty dialogue", doc_id=dialogue_id)
            continue
        yield Document(doc_id=dialogue_id, text=text, meta={"source_file": path.name, "dialogue": True, "turns": turns})


def _parse_bool(value: Any) -> bool | None:
    value = _clean_value(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "y", "t"}:
        return True
    if text in {"0", "false", "no", "n", "f"}:
        return False
    return None


def _chain_one(first: RowItem, rest: Iterator[RowItem]) -> Iterator[RowItem]:
    yield first
    yield from rest


# --------------------------------------------------------------------------- selection

DERIVED_KEYS = {"month": lambda meta: (meta.get("date") or "")[:7] or None, "year": lambda meta: (meta.get("date") or "")[:4] or None}


def meta_value(doc: Document, key: str) -> Any:
    """A metadata value, including ``month`` and ``year`` derived from ``date``."""
    if key in DERIVED_KEYS:
        return DERIVED_KEYS[key](doc.meta)
    if key == "doc_id":
        return doc.doc_id
    return doc.meta.get(key)


def select(corpus: Corpus, where: dict[str, Any] | None) -> Corpus:
    """The documents whose metadata equal every ``key: value`` in ``where`` (a list value means any of)."""
    if not where:
        return corpus

    def keep(doc: Document) -> bool:
        for key, wanted in where.items():
            value = meta_value(doc, key)
            value = "(none)" if value is None else str(value)
            options = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
            if value not in {str(o) for o in options}:
                return False
        return True

    return Corpus(documents=[d for d in corpus.documents if keep(d)], rejected=corpus.rejected, inputs=corpus.inputs, root=corpus.root)


def group_values(corpus: Corpus, key: str) -> list[str]:
    """Sorted distinct values of a metadata key (documents without it are grouped under ``(none)``)."""
    return sorted({str(v) if (v := meta_value(d, key)) is not None else "(none)" for d in corpus.documents})
