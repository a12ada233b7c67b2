"""Property-based robustness tests: loaders, segmentation and every registered detector on hostile text.

Random Unicode (emoji, combining marks, right-to-left text, NUL and other control
characters, punctuation only) must never raise anything but the documented errors
(:class:`CorpusError` from loaders), and every span must be a valid slice of the text.
Examples are derandomised so a CI failure reproduces locally.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.corpus import Corpus, CorpusError, Document, load_corpus
from workbench.detectors import available_detectors, get_detector, get_spec
from workbench.pipeline import analyze
from workbench.segment import segment

FUZZ = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces that trigger the detectors' rules, mixed with hostile characters, so random texts reach deep code paths.
FRAGMENTS = [
    "may", "might", "perhaps", "clearly", "literally", "according to", "analysts say", "so-called", "was supposed to",
    "claims to", "Why", "Who", "What", "?", "!", ".", ",", ";", "\u2026", "\"", "'", "\u201c", "\u201d", "\u2018", "\u2019",
    "\u00ab", "\u00bb", "(", ")", "\n", "\n\n", " ", "  ", "\t", "\x00", "\x0b", "\u200b", "\ufeff", "\u0301", "\u0308\u0323",
    "\U0001F600", "\U0001F44D\U0001F3FD", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\u202e", "\u202c",
    "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "Stra\u00dfe", "\u0130stanbul", "\u00c5", "A\u030a",
    "Mr.", "U.S.", "Dr.", "May", "the government", "the president", "war", "crisis", "tax", "victims", "morally",
]
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=80).map("".join),
    st.text(alphabet="?!.,;:\"'\u2026\u201c\u201d()-\u2014 \n", max_size=300),  # punctuation only
)


def _check_spans(spans, length: int) -> None:
    assert all(0 <= start < end <= length for start, end in spans)
    assert list(spans) == sorted(spans)


@FUZZ
@given(hostile_text)
@example("")
@example("\x00\x00\x00")
@example("?!?!... \u201c\u201d\u2019''")
@example("\u202e\u0645\u0631\u062d\u0628\u0627? \u05e9\u05dc\u05d5\u05dd!\u202c e\u0301\u0301\u0301 \U0001F600\U0001F44D\U0001F3FD")
def test_segmentation_spans_are_valid(text):
    seg = segment(text)
    for spans in (seg.sentences, seg.paragraphs, seg.tokens):
        _check_spans(spans, len(text))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(seg.sentences, seg.sentences[1:]))
    assert all(0 <= seg.sentence_index(offset) < max(len(seg.sentences), 1) for offset in range(0, len(text) + 1, 7))
    for index in range(len(seg.sentences)):
        start, end = seg.sentences[index]
        assert all(start <= s and e <= end for s, e in seg.sentence_tokens(index))


def _check_findings(doc: Document, findings, source: str | None = None) -> None:
    """Offsets into the text the test made (``source``), layers and labels the detector declares."""
    source = doc.text if source is None else source
    sentences = len(doc.segments.sentences)
    for f in findings:
        assert 0 <= f.start < f.end <= len(source), f
        assert source[f.start:f.end] == f.text, f
        layer = {layer.name: layer for layer in get_spec(f.detector).layers}.get(f.layer)
        assert layer is not None and f.doc_id == doc.doc_id, f
        assert not layer.labels or f.label in layer.labels, f
        assert 0 <= f.sentence < max(sentences, 1), f
        assert 0.0 <= f.score <= 1.0, f


@FUZZ
@given(hostile_text, st.booleans())
@example("Why? Because.", False)
@example("\x00?\x00", True)
@example("\u201cSo-called\u201d \u201c\u201d \" ' ? ! \u2026", False)
def test_every_registered_detector_survives_hostile_text_with_valid_offsets(text, as_dialogue):
    names = available_detectors()
    assert names, "no detector is registered"
    meta = {}
    if as_dialogue and text:
        cut = len(text) // 2
        text = text[:cut].replace("\n", " ") + "\n" + text[cut:].replace("\n", " ")
        meta = {"dialogue": True, "turns": [{"speaker": "A", "start": 0, "end": cut}, {"speaker": "B", "start": cut + 1, "end": len(text)}]}
    if not text.strip():
        text = text + "x"  # loaders never yield an empty document
    doc = Document("fuzz", text, meta)
    for name in names:
        _check_findings(doc, list(get_detector(name).detect(doc)), source=text)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".jsonl", ".csv"]))
@example(b"\xef\xbb\xbf\x00\x00", ".txt")
@example(b'{"text": "\\u0000 nul"}\n{"text": 3}\n[]\n', ".jsonl")
@example(b"text\n\"unclosed\n", ".csv")
def test_loaders_raise_only_corpus_errors_on_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        if suffix == ".txt":
            path = Path(folder) / "c"
            path.mkdir()
            (path / "doc.txt").write_bytes(data)
        else:
            path = Path(folder) / f"c{suffix}"
            path.write_bytes(data)
        try:
            corpus = load_corpus(path)
        except CorpusError as exc:
            assert str(exc).startswith(str(path))
            return
        assert isinstance(corpus, Corpus) and corpus.documents
        assert all(isinstance(d.text, str) and d.text.strip() and "\r" not in d.text for d in corpus.documents)
        assert all(r.reason for r in corpus.rejected)


@FUZZ
@given(st.lists(hostile_text.filter(lambda t: t.strip()), min_size=1, max_size=4))
def test_jsonl_round_trip_keeps_every_text(texts):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.jsonl"
        path.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
        corpus = load_corpus(path)
    expected = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    assert [d.text for d in corpus.documents] == expected


def test_a_five_megabyte_single_line_goes_through_loading_and_every_detector(tmp_path):
    # One line, no sentence breaks, with emoji, right-to-left words, combining marks and a NUL.
    piece = "x" * 5000 + " \U0001F600 \u0645\u0631\u062d\u0628\u0627 e\u0301 \u05e9\u05dc\u05d5\u05dd,\x00 "
    text = (piece * (5_000_000 // len(piece) + 1))[:5_000_000]
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"doc_id": "big", "text": text}) + "\n", encoding="utf-8")
    (doc,) = load_corpus(path).documents
    assert doc.text == text and len(doc.segments.sentences) == 1
    result = analyze([doc], progress=False)
    assert not result.attrs["rejected"], result.attrs["rejected"]
    _check_findings(doc, result.itertuples())


@pytest.mark.parametrize("engine", ["serial", "processes"])
def test_hostile_documents_go_through_every_engine(engine):
    docs = [Document(f"h{i}", text) for i, text in enumerate(
        ["\x00", "?!?!?!", "\U0001F600 may \u0301", "\u202e\u0645\u0631\u062d\u0628\u0627?\u202c", "Why?\n\n\u201cSo-called\u201d!", "\ufeff..."])]
    serial = analyze(docs, progress=False)
    options = {"workers": 2, "chunk_size": 2} if engine == "processes" else {}
    other = analyze(docs, engine=engine, progress=False, **options)
    assert not other.attrs["rejected"], other.attrs["rejected"]
    assert other.equals(serial)
    for doc in docs:
        _check_findings(doc, other[other["doc_id"] == doc.doc_id].itertuples())
