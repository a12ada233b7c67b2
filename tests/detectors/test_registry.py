import re

import pytest

from workbench.corpus import Corpus, Document
from workbench.detectors import available_detectors, get_detector, register, register_alias, resolve_detectors, unregister
from workbench.detectors.base import make_finding
from workbench.detectors.registry import UnknownDetectorError
from workbench.pipeline import analyze


class ToyDetector:
    """Marks every word 'maybe' (a test double, not a shipped detector)."""

    name = "toy-maybe"
    layers = ("stance",)

    def detect(self, doc):
        for match in re.finditer(r"\bmaybe\b", doc.text):
            yield make_finding(doc, detector=self.name, layer="stance", label="hedge", start=match.start(), end=match.end(), cue="maybe", explanation="toy")


class Exploding:
    name = "toy-explodes"
    layers = ("stance",)

    def detect(self, doc):
        if "boom" in doc.text:
            raise RuntimeError("cannot handle boom")
        return []


@pytest.fixture()
def toys():
    register(ToyDetector)
    register(Exploding())
    yield
    unregister("toy-maybe")
    unregister("toy-explodes")


def test_registration_and_lookup(toys):
    assert "toy-maybe" in available_detectors()
    assert get_detector("toy-maybe").layers == ("stance",)
    with pytest.raises(ValueError, match="already registered"):
        register(ToyDetector)
    with pytest.raises(TypeError, match="not a detector"):
        register(object())


def test_unknown_detector_names_the_available_ones(toys):
    with pytest.raises(UnknownDetectorError, match="unknown detector 'nope'; available: .*toy-maybe"):
        resolve_detectors("nope")


def test_resolve_from_comma_string_and_alias(toys):
    assert [d.name for d in resolve_detectors("toy-maybe, toy-explodes")] == ["toy-maybe", "toy-explodes"]
    register_alias("toy-group", ["toy-maybe"])
    assert [d.name for d in resolve_detectors(["toy-group"])] == ["toy-maybe"]


def test_pipeline_offsets_and_order(toys):
    docs = [Document("b", "maybe so. And maybe not."), Document("a", "maybe.")]
    frame = analyze(docs, detectors=["toy-maybe"])
    assert list(frame["doc_id"]) == ["b", "b", "a"]  # corpus order, not alphabetical
    assert list(frame["sentence"]) == [0, 1, 0]
    assert list(zip(frame["start"], frame["end"], frame["text"])) == [(0, 5, "maybe"), (14, 19, "maybe"), (0, 5, "maybe")]


def test_a_failing_detector_rejects_the_document_and_the_run_goes_on(toys):
    corpus = Corpus([Document("ok", "maybe fine"), Document("bad", "maybe boom")])
    result = analyze(corpus, detectors=["toy-maybe", "toy-explodes"])
    assert result.attrs["documents"] == 1
    assert set(result["doc_id"]) == {"ok"}
    (rejected,) = result.attrs["rejected"]
    assert rejected.doc_id == "bad" and "toy-explodes" in rejected.reason and "cannot handle boom" in rejected.reason


def test_make_finding_rejects_spans_outside_the_text():
    doc = Document("d", "short")
    with pytest.raises(ValueError, match="outside the text"):
        make_finding(doc, detector="t", layer="stance", label="hedge", start=3, end=99, cue="c", explanation="e")


def test_every_registered_detector_gives_valid_findings_on_the_seed(seed_dir, check_findings):
    from workbench.corpus import load_corpus

    corpus = load_corpus(seed_dir)
    frame = analyze(corpus)
    assert check_findings(frame, corpus, root=seed_dir) == len(frame) > 50
    assert set(frame["detector"]) == set(available_detectors())
