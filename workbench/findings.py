"""The finding record and the one definition of the findings table's columns."""

from __future__ import annotations

import json
import operator
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple

import pandas as pd

from workbench.atomic import atomic_path, write_text
from workbench.errors import InputError

# Column name -> pandas dtype. Notebooks, reports and evaluation all read this.
COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "detector": "string",
    "layer": "string",
    "label": "string",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "sentence": "int64",
    "cue": "string",
    "explanation": "string",
    "score": "float64",
    "extras": "object",
}
SORT_KEYS = ["doc_order", "start", "end", "layer", "label", "detector", "cue"]
WRITERS_BY_SUFFIX = (".parquet", ".csv", ".jsonl")


class _FindingFields(NamedTuple):
    doc_id: str
    detector: str
    layer: str
    label: str
    start: int
    end: int
    text: str
    sentence: int
    cue: str
    explanation: str
    score: float
    extras: Mapping[str, Any]


class Finding(_FindingFields):
    """One detected span: ``text == document.text[start:end]``.

    An immutable named tuple: a corpus run builds and ships (to worker processes and back)
    hundreds of thousands of them, and a tuple is several times cheaper to create and to
    pickle than a frozen dataclass.
    """

    __slots__ = ()

    def __new__(
        cls,
        doc_id: str,
        detector: str,
        layer: str,
        label: str,
        start: int,
        end: int,
        text: str,
        sentence: int,
        cue: str,
        explanation: str,
        score: float = 1.0,
        extras: Mapping[str, Any] | None = None,
    ) -> "Finding":
        return super().__new__(cls, doc_id, detector, layer, label, start, end, text, sentence, cue, explanation, score, {} if extras is None else extras)

    def as_dict(self) -> dict[str, Any]:
        row = dict(zip(self._fields, self))
        row["extras"] = dict(self.extras)
        return row


def layer_rows(findings: pd.DataFrame | None, layer: str, *columns: str) -> list[tuple[Any, ...]]:
    """The ``columns`` of the rows of one ``layer``, as tuples in table order.

    Per-document figures are computed for every document of a report; selecting rows of a
    small table with a boolean mask cost about a millisecond each time, plain lists far less.
    """
    if findings is None or not len(findings):
        return []
    layers = findings["layer"].tolist()
    values = [findings[column].tolist() for column in columns]
    return [tuple(column[i] for column in values) for i, name in enumerate(layers) if name == layer]


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in COLUMNS.items()})


def findings_frame(findings: Iterable[Finding | Mapping[str, Any]], *, doc_order: Iterable[str] | None = None) -> pd.DataFrame:
    """Build the findings table with fixed columns and dtypes, in a deterministic order.

    Rows are ordered by document (``doc_order``, else doc_id), then start, end, layer, label.
    """
    items = list(findings)
    if not items:
        return empty_frame()
    if all(type(f) is Finding for f in items):
        return _frame_of_findings(items, doc_order)
    frame = pd.DataFrame([f.as_dict() if isinstance(f, Finding) else dict(f) for f in items])
    missing = [c for c in COLUMNS if c not in frame.columns and c not in ("extras", "score")]
    if missing:
        raise InputError(f"findings lack column(s): {', '.join(missing)}")
    if "score" not in frame:
        frame["score"] = 1.0
    if "extras" not in frame:
        frame["extras"] = [{} for _ in range(len(frame))]
    frame["extras"] = [_as_extras(value) for value in frame["extras"]]
    frame = frame[list(COLUMNS)].astype({k: v for k, v in COLUMNS.items() if k != "extras"})
    order = {doc_id: i for i, doc_id in enumerate(doc_order)} if doc_order is not None else None
    frame["doc_order"] = frame["doc_id"].map(order) if order else frame["doc_id"]
    frame = frame.sort_values(SORT_KEYS, kind="stable").drop(columns="doc_order").reset_index(drop=True)
    return frame


def _frame_of_findings(items: list[Finding], doc_order: Iterable[str] | None) -> pd.DataFrame:
    """:func:`findings_frame` for :class:`Finding` rows: sorted in Python and built column by column
    with the final dtypes (a report builds a table per document, and sorting and converting a
    small frame in pandas cost milliseconds each time)."""
    order = {doc_id: i for i, doc_id in enumerate(doc_order)} if doc_order is not None else None
    # SORT_KEYS, stable like the pandas sort; text compares by code point in both.
    fields = Finding._fields
    first = operator.itemgetter(fields.index("doc_id"))
    rest = operator.itemgetter(*(fields.index(key) for key in SORT_KEYS[1:]))
    if order:
        # Documents missing from ``doc_order`` sort last, as pandas puts their NaN position last.
        items = sorted(items, key=lambda f: (order.get(first(f), len(order)), *rest(f)))
    else:
        items = sorted(items, key=lambda f: (first(f), *rest(f)))
    columns = {}
    for index, name in enumerate(fields):
        values = list(map(operator.itemgetter(index), items))
        if name == "extras":
            # Copied, so that editing the table never changes the findings it was built from.
            columns[name] = [{} if e is None else dict(e) for e in values]
        else:
            columns[name] = pd.array(values, dtype=COLUMNS[name])
    return pd.DataFrame(columns, columns=list(COLUMNS))


def _as_extras(value: Any) -> dict[str, Any]:
    if value is None or (isinstance(value, float) and value != value):
        return {}
    if isinstance(value, str):
        return json.loads(value) if value.strip() else {}
    return dict(value)


# One encoder for all rows: json.dumps with options builds a new encoder on every call.
_EXTRAS_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _extras_json(value: Mapping[str, Any]) -> str:
    return _EXTRAS_ENCODER.encode(value if type(value) is dict else dict(value))


def _for_disk(frame: pd.DataFrame) -> pd.DataFrame:
    """Extras are stored as a JSON string column so every format round-trips them the same way."""
    out = frame[list(COLUMNS)].copy()
    out.attrs = {}  # a run's record (analyze puts it there) is not part of the table on disk
    out["extras"] = pd.array([_extras_json(value) for value in out["extras"]], dtype="string")
    return out


def disk_frame(findings: Iterable[Finding], *, doc_order: Iterable[str] | None = None) -> pd.DataFrame:
    """The findings as :class:`FindingsWriter` stores them (sorted, extras as JSON text).

    Worker processes build it for their chunk, so the process that writes the file does
    not have to rebuild and encode every finding itself.
    """
    return _for_disk(findings_frame(findings, doc_order=doc_order))


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that a spreadsheet would run as a formula prefixed by ``'``.

    Texts such as ``=HYPERLINK(...)``, ``+1``, ``-x`` or ``@cmd`` (also when they already start
    with quotes) get one more leading ``'``; :func:`read_findings` removes it again, so the CSV
    round-trips exactly. Only CSV output is changed: Parquet and JSON Lines keep the text as is.
    """
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(lambda v: "'" + v if isinstance(v, str) and _FORMULA.match(v) else v)
    return out


def _unescape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: v[1:] if isinstance(v, str) and v.startswith("'") and _FORMULA.match(v[1:]) else v)
    return frame


def write_findings(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write findings as .parquet, .csv or .jsonl (chosen by suffix), atomically."""
    return write_table(_for_disk(frame), path, json_columns=("extras",))


def write_table(frame: pd.DataFrame, path: str | Path, *, json_columns: Iterable[str] = ()) -> Path:
    """Write any table as .parquet, .csv or .jsonl (chosen by suffix), atomically.

    ``json_columns`` hold JSON text; JSON Lines embeds them as objects, the other formats keep the text.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in WRITERS_BY_SUFFIX:
        raise InputError(f"{path}: unsupported table format {suffix!r}; use one of {', '.join(WRITERS_BY_SUFFIX)}")
    if suffix == ".jsonl":
        lines = []
        for row in frame.to_dict("records"):
            for column in json_columns:
                row[column] = json.loads(row[column])
            lines.append(json.dumps(_plain(row), ensure_ascii=False, sort_keys=False))
        return write_text(path, "".join(line + "\n" for line in lines))
    with atomic_path(path) as temp:
        if suffix == ".parquet":
            if frame.attrs:
                frame = frame.copy()
                frame.attrs = {}  # pandas would try to store them as Parquet metadata
            frame.to_parquet(temp, index=False)
        else:
            spreadsheet_safe(frame).to_csv(temp, index=False, lineterminator="\n")
    return path


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Turn numpy/pandas scalars into JSON-serialisable Python values."""
    out = {}
    for key, value in row.items():
        if hasattr(value, "item"):
            value = value.item()
        elif value is pd.NA:
            value = None
        out[key] = value
    return out


def read_findings(path: str | Path) -> pd.DataFrame:
    """Read a findings (or gold) table written by :func:`write_findings` or by hand as JSONL.

    Gold JSONL may carry extras keys (``series``, ``answered_by`` ...) at top level;
    they are gathered into ``extras``. Missing ``detector``, ``sentence``, ``cue``,
    ``explanation`` and ``score`` get neutral values.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix == ".csv":
        frame = _unescape_formulas(pd.read_csv(path, keep_default_na=False, dtype={"extras": str}))
    elif suffix == ".jsonl":
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {number}: malformed JSON: {exc.msg}") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}, line {number}: expected a JSON object")
            rows.append(row)
        frame = pd.DataFrame(rows)
    else:
        raise InputError(f"{path}: unsupported findings format {suffix!r}; use one of {', '.join(WRITERS_BY_SUFFIX)}")
    return normalise_frame(frame, source=str(path))


def normalise_frame(frame: pd.DataFrame, *, source: str = "findings") -> pd.DataFrame:
    """Give any findings-like table the standard columns and dtypes (extras gathered from extra columns)."""
    if frame.empty and not len(frame.columns):
        return empty_frame()  # an empty JSONL file: no rows, no columns
    required = ["doc_id", "layer", "label", "start", "end"]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {', '.join(missing)}")
    frame = frame.copy()
    extra_columns = [c for c in frame.columns if c not in COLUMNS]
    extras = [_as_extras(v) for v in frame["extras"]] if "extras" in frame else [{} for _ in range(len(frame))]
    for column in extra_columns:
        for i, value in enumerate(frame[column].tolist()):
            if value is not None and not (isinstance(value, float) and value != value):
                extras[i][column] = value
    frame["extras"] = extras
    defaults = {"detector": "", "text": "", "sentence": -1, "cue": "", "explanation": "", "score": 1.0}
    for column, value in defaults.items():
        if column not in frame:
            frame[column] = value
    frame = frame[list(COLUMNS)].astype({k: v for k, v in COLUMNS.items() if k != "extras"})
    return frame.reset_index(drop=True)


class FindingsWriter:
    """Write a findings table piece by piece (Parquet row groups, JSONL lines or CSV rows), atomically.

    Use as a context manager and call :meth:`write` with findings frames in table order.
    Rows go to a temporary file beside ``path``, renamed to ``path`` only when the block ends
    without an exception, so an interrupted run leaves no half-written file. The result
    reads back (and, for JSONL and CSV, is byte for byte) the same as :func:`write_findings`
    of the concatenated frames.
    """

    def __init__(self, path: str | Path, *, row_group_size: int = 8192):
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()
        if self.suffix not in WRITERS_BY_SUFFIX:
            raise InputError(f"{self.path}: unsupported findings format {self.suffix!r}; use one of {', '.join(WRITERS_BY_SUFFIX)}")
        self.row_group_size = row_group_size
        self.rows = 0
        self._stack: Any = None
        self._handle: Any = None
        self._parquet: Any = None
        self._schema: Any = None
        self._buffer: list[pd.DataFrame] = []
        self._buffered = 0

    def __enter__(self) -> "FindingsWriter":
        import contextlib

        self._stack = contextlib.ExitStack()
        temp = self._stack.enter_context(atomic_path(self.path))
        if self.suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._schema = pa.Schema.from_pandas(_for_disk(empty_frame()), preserve_index=False)
            self._parquet = pq.ParquetWriter(temp, self._schema)
        else:
            self._handle = open(temp, "w", encoding="utf-8", newline="\n")
            if self.suffix == ".csv":
                _for_disk(empty_frame()).to_csv(self._handle, index=False, lineterminator="\n")
        return self

    def write(self, frame: pd.DataFrame, *, on_disk_form: bool = False) -> None:
        """Append rows: a findings frame with the standard columns, or with ``on_disk_form``
        one already made by :func:`disk_frame` (extras as JSON text)."""
        if frame.empty:
            return
        self.rows += len(frame)
        disk = frame if on_disk_form else _for_disk(frame)
        if self._parquet is not None:
            # Buffer small frames so row groups are not tiny; the buffer is bounded by row_group_size.
            self._buffer.append(disk)
            self._buffered += len(disk)
            if self._buffered >= self.row_group_size:
                self._flush()
        elif self.suffix == ".csv":
            spreadsheet_safe(disk).to_csv(self._handle, index=False, header=False, lineterminator="\n")
        else:
            for row in disk.to_dict("records"):
                row["extras"] = json.loads(row["extras"])
                self._handle.write(json.dumps(_plain(row), ensure_ascii=False, sort_keys=False) + "\n")

    def _flush(self) -> None:
        if not self._buffer:
            return
        import pyarrow as pa

        table = pa.Table.from_pandas(pd.concat(self._buffer, ignore_index=True), schema=self._schema, preserve_index=False)
        self._parquet.write_table(table)
        self._buffer, self._buffered = [], 0

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if self._parquet is not None:
                if exc_type is None:
                    self._flush()
                self._parquet.close()
            if self._handle is not None:
                self._handle.close()
        finally:
            # atomic_path renames the temporary file on success and deletes it on an exception.
            self._stack.__exit__(exc_type, exc, tb)
        return False
