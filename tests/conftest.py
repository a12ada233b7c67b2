"""Shared fixtures: the seed corpus and small corpora written to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def repo_script():
    """Load a script of the repository (``benchmarks/corpus_gen.py``) as a module, once per session:
    scripts/ and benchmarks/ are not packages."""
    import importlib.util

    loaded: dict[str, object] = {}

    def load(relative: str):
        if relative not in loaded:
            spec = importlib.util.spec_from_file_location(Path(relative).stem, ROOT / relative)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            loaded[relative] = module
        return loaded[relative]

    return load


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_gold() -> Path:
    return next(SEEDS.glob("*.gold.jsonl"))


@pytest.fixture()
def write(tmp_path: Path):
    """Write bytes or text to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write


def _source_text(doc, root: Path | None) -> str:
    """The document's text read again from its file (decoded and newline-folded by hand, not by the
    loader), or the text the test built the document from."""
    name = doc.meta.get("source_file")
    if root is not None and name and (root / name).is_file():
        with open(root / name, encoding="utf-8-sig", newline=None) as handle:  # newline=None folds \r\n and \r
            return handle.read()
    return doc.text


@pytest.fixture(scope="session")
def check_findings():
    """Assert what every finding must satisfy, against sources read independently of the detectors:

    its detector is registered and declares the finding's layer (and its label, for closed label
    sets); its offsets slice the source to its text and do not cut a word in two; a sentence-level
    finding stays inside its sentence and a document-level one covers the document's sentences.
    """
    from workbench.detectors import get_spec

    def check(findings, documents, *, root: Path | None = None) -> int:
        docs = {doc.doc_id: doc for doc in documents}
        rows = findings.itertuples(index=False) if hasattr(findings, "itertuples") else findings
        checked = 0
        for f in rows:
            doc = docs[f.doc_id]
            source = _source_text(doc, root)
            layer = {layer.name: layer for layer in get_spec(f.detector).layers}.get(f.layer)
            assert layer is not None, f"{f.detector} does not declare layer {f.layer!r}: {f}"
            assert not layer.labels or f.label in layer.labels, f"label {f.label!r} is not one of {layer.labels}: {f}"
            assert 0 <= f.start < f.end <= len(source) and source[f.start:f.end] == f.text, f
            for edge in (f.start, f.end):
                assert not (0 < edge < len(source) and source[edge - 1].isalnum() and source[edge].isalnum()), f"span cuts a word at {edge}: {f}"
            sentences = doc.segments.sentences
            if sentences:
                s_start, s_end = sentences[f.sentence]
                assert s_start <= f.start < max(s_end, s_start + 1) or f.sentence == 0, f
                if layer.unit == "sentence":
                    assert s_start <= f.start and f.end <= s_end, f"sentence-level finding leaves sentence {f.sentence}: {f}"
                if layer.unit == "document":
                    assert (f.start, f.end) == (sentences[0][0], sentences[-1][1]), f
            checked += 1
        return checked

    return check
