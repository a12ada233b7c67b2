"""The corpus data model: documents, rejections, the loaded corpus and the corpus error."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from workbench.errors import InputError


class CorpusError(InputError):
    """A corpus or document that cannot be read; the message names the file and the problem.

    An :class:`~workbench.errors.InputError`, so the command line reports it in one line and exits 2.
    """

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
    # (words, sentences) as a worker process counted them: the parent of a run reports them
    # without segmenting the document again.
    _counts: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def segments(self):
        """Sentence, token and paragraph spans, computed once and shared by all detectors."""
        if self._segmentation is None:
            from workbench.segment import segment

            self._segmentation = segment(self.text, turns=self.meta.get("turns"))
        return self._segmentation

    @property
    def word_count(self) -> int:
        """Words of the text (the denominator of every density), as :attr:`segments` counts them."""
        if self._segmentation is None and self._counts is not None:
            return self._counts[0]
        return self.segments.word_count

    @property
    def sentence_count(self) -> int:
        """Sentences of the text, as :attr:`segments` splits it."""
        if self._segmentation is None and self._counts is not None:
            return self._counts[1]
        return len(self.segments.sentences)

    def __getstate__(self):
        # Segmentations are cheap to rebuild and expensive to pickle to worker processes.
        state = dict(self.__dict__)
        state["_segmentation"] = None
        return state

    def __repr__(self) -> str:
        # A news archive's documents are long: show what identifies one, not its whole text.
        return f"Document(doc_id={self.doc_id!r}, {len(self.text):,} characters, meta={_short_meta(self.meta)!r}, text={_preview(self.text, 60)!r})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in _short_meta(self.meta).items())
        return (
            f"<div><strong>{html.escape(self.doc_id)}</strong> — {len(self.text):,} characters"
            f"<table>{rows}</table><p style='white-space:pre-wrap'>{html.escape(_preview(self.text, 400))}</p></div>"
        )


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


@dataclass(frozen=True)
class Skipped(Rejected):
    """A note about entries a reader did not read (such as sub-folders), listed with the rejections.

    It is no rejected document: ``strict`` loading does not raise for it, and the count of
    documents plus rejected documents (without notes) equals the entries read.
    """


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

    def __repr__(self) -> str:
        return f"Corpus({len(self.documents):,} documents, {len(self.rejected):,} rejected, root={str(self.root) if self.root else None!r})"

    def _repr_html_(self) -> str:
        shown = self.frame().head(20)
        more = len(self.documents) - len(shown)
        note = f"<p>… and {more:,} more document(s); <code>corpus.frame()</code> lists them all.</p>" if more > 0 else ""
        rejected = f"<p>{len(self.rejected):,} rejected: <code>corpus.rejected</code> says why.</p>" if self.rejected else ""
        return f"<div><strong>Corpus</strong> of {len(self.documents):,} document(s){rejected}{shown.to_html(index=False)}{note}</div>"

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
    """The sha256 hex digest of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _preview(text: str, length: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def _short_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata fit to show: long values (dialogue turns) summarised."""
    return {k: (f"{len(v)} items" if isinstance(v, (list, tuple)) and len(v) > 4 else v) for k, v in meta.items()}
