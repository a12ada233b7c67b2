"""The registry of corpus readers, keyed by file suffix (a folder is the key ``"/"``).

In the manner of papermill's I/O handlers: a reader declares the suffixes it handles and is
registered once; :func:`reader_for` picks the reader of a path. Every reader yields
:class:`Document` or :class:`Rejected` items lazily, so one broken document never stops the
rest, and can :meth:`Reader.estimate` the number of items cheaply (or say None).

To read a new format, subclass :class:`Reader` and ``register(MyReader())``.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Callable, ClassVar, Iterator

from workbench.corpus.dialogues import dialogues_from_rows
from workbench.corpus.document import CorpusError, Document, Rejected
from workbench.corpus.folder import input_files, iter_txt_folder, list_folder, read_txt
from workbench.corpus.options import ReadOptions
from workbench.corpus.rows import documents_from_rows
from workbench.corpus.csv_rows import read_csv_rows
from workbench.corpus.tables import RowItem, read_jsonl_rows, read_parquet_rows

# The registry keys of a folder of .txt files and of a Parquet dataset (a folder of Parquet
# parts, as pandas, Dask or Spark write it); every other key is a lower-case suffix such as ".csv".
FOLDER = "/"
DATASET = "/*.parquet"


class Reader:
    """Reads one corpus format. Subclasses set ``suffixes`` and implement :meth:`read`."""

    suffixes: ClassVar[tuple[str, ...]] = ()

    def read(self, path: Path, *, options: ReadOptions) -> Iterator[Document | Rejected]:
        """Documents and rejections in corpus order, lazily; raise CorpusError when the whole input is unusable."""
        raise NotImplementedError

    def estimate(self, path: Path, *, options: ReadOptions) -> int | None:
        """A cheap guess of the number of documents and rejections :meth:`read` yields, or None when that would cost a full read."""
        return None

    def inputs(self, path: Path, *, options: ReadOptions) -> list[Path]:
        """The files read, for the manifest's hashes."""
        return [path]


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Make ``reader`` the reader of each of its suffixes (replacing an earlier one)."""
    if not reader.suffixes:
        raise ValueError(f"{type(reader).__name__} declares no suffixes")
    for suffix in reader.suffixes:
        _READERS[suffix.lower()] = reader
    return reader


def registered_suffixes() -> list[str]:
    """The file suffixes that have a reader, in registration order (the folder keys excluded)."""
    return [key for key in _READERS if key not in (FOLDER, DATASET)]


def dataset_parts(folder: Path) -> list[Path]:
    """The Parquet parts of a dataset folder in a stable order (sub-folders such as ``year=2022/`` included),
    or an empty list when the folder holds .txt files (it is then a folder corpus)."""
    if any(folder.glob("*.txt")):
        return []
    return sorted(p for p in folder.rglob("*.parquet") if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts))


def reader_for(path: Path) -> Reader:
    """The reader of ``path``: the dataset or folder reader for a folder, else the reader of its suffix."""
    if path.is_dir():
        return _READERS[DATASET] if dataset_parts(path) else _READERS[FOLDER]
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        names = registered_suffixes()
        choices = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
        raise CorpusError(path, f"unsupported corpus format {suffix or '(no suffix)'!r}: use a folder of .txt files or a {choices} file")
    return reader


class TxtFolderReader(Reader):
    """A folder of ``.txt`` files, one document each, sorted by path."""

    suffixes = (FOLDER,)

    def read(self, path: Path, *, options: ReadOptions) -> Iterator[Document | Rejected]:
        return iter_txt_folder(path, options=options)

    def estimate(self, path: Path, *, options: ReadOptions) -> int | None:
        return len(list_folder(path, options=options).names)

    def inputs(self, path: Path, *, options: ReadOptions) -> list[Path]:
        return input_files(path, options=options)


class TxtFileReader(Reader):
    """A single ``.txt`` file as a corpus of one document."""

    suffixes = (".txt",)

    def read(self, path: Path, *, options: ReadOptions) -> Iterator[Document | Rejected]:
        yield read_txt(path, options=options)

    def estimate(self, path: Path, *, options: ReadOptions) -> int | None:
        return 1


class TableReader(Reader):
    """A table read row by row: a document per row, or per dialogue when there is a ``dialogue_id`` column."""

    rows: Callable[[Path], Iterator[RowItem]]

    def read(self, path: Path, *, options: ReadOptions) -> Iterator[Document | Rejected]:
        rows = iter(self.rows(path))
        first = next(rows, None)
        if first is None:
            raise CorpusError(path, "the table has no rows")
        rows = itertools.chain([first], rows)
        if isinstance(first[1], dict) and "dialogue_id" in first[1]:
            yield from dialogues_from_rows(path, rows, options=options)
        else:
            yield from documents_from_rows(path, rows, options=options)


class CsvReader(TableReader):
    suffixes = (".csv",)
    rows = staticmethod(read_csv_rows)
    # No estimate: a quoted text may span lines, so counting rows means parsing the file twice.


class JsonlReader(TableReader):
    suffixes = (".jsonl",)
    rows = staticmethod(read_jsonl_rows)

    def estimate(self, path: Path, *, options: ReadOptions) -> int | None:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())


class ParquetReader(TableReader):
    suffixes = (".parquet",)
    rows = staticmethod(read_parquet_rows)

    def estimate(self, path: Path, *, options: ReadOptions) -> int | None:
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows


class ParquetDatasetReader(Reader):
    """A folder of Parquet parts: the documents of every part, part after part.

    A missing ``doc_id`` becomes the part's file stem and the row number, so parts should have
    distinct file names; ids are checked for duplicates within a part.
    """

    suffixes = (DATASET,)

    def read(self, path: Path, *, options: ReadOptions) -> Iterator[Document | Rejected]:
        for part in dataset_parts(path):
            yield from ParquetReader().read(part, options=options)

    def estimate(self, path: Path, *, options: ReadOptions) -> int | None:
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(part).metadata.num_rows for part in dataset_parts(path))

    def inputs(self, path: Path, *, options: ReadOptions) -> list[Path]:
        return dataset_parts(path)


for _reader in (TxtFolderReader(), TxtFileReader(), CsvReader(), JsonlReader(), ParquetReader(), ParquetDatasetReader()):
    register(_reader)
