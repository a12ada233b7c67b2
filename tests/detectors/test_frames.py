"""Generic news frames: sentence cues, thresholds, document ranking, errors and scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import aliases, get_detector
from workbench.detectors.frames import FRAMES, _matchers, frame_sentences, sentence_matches
from workbench.evaluate import evaluate
from workbench.findings import read_findings
from workbench.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]
FRAMING = ROOT / "tests" / "data" / "framing"
GOLD = FRAMING / "frames_loaded.gold.jsonl"


def frames_of(text: str, **kwargs) -> set[tuple[int, str]]:
    return {(sf.sentence, sf.frame) for sf in frame_sentences(Document("t", text, {}), **kwargs)}


def labels(text: str) -> set[str]:
    return {frame for _, frame in frames_of(text)}


@pytest.fixture(scope="module")
def seed_run():
    corpus = load_corpus(ROOT / "seeds")
    return corpus, analyze(corpus, detectors=["frames"], progress=False)


@pytest.fixture(scope="module")
def framing_run():
    corpus = load_corpus(FRAMING)
    return corpus, analyze(corpus, detectors=["frames"], progress=False)


def test_registered_with_layers_and_alias():
    detector = get_detector("frames")
    assert detector.layers == ("frame", "doc_frame")
    assert "frames" in aliases()["framing"]


def test_strong_cue_alone_fires():
    assert labels("The minister must take responsibility for the delays.") == {"responsibility"}
    assert "conflict" in labels("The invasion began at dawn.")


def test_one_weak_cue_alone_does_not_fire():
    # "war" and "company" are weak cues: the sentence is about a museum / an office.
    assert labels("The war museum opened a new cafe on Sunday.") == set()
    assert labels("The company opened a new office in the harbour.") == set()


def test_two_weak_cues_of_different_families_fire():
    assert "conflict" in labels("Soldiers returned to the front as the war entered its third year.")


def test_weak_cues_of_one_family_count_once():
    # "government" and "minister" both only name an authority.
    assert "responsibility" not in labels("The government and the minister met on Monday.")


def test_blocker_idioms_mask_shorter_cues():
    assert "economic" not in labels("She paid the price for her loyalty to the team.")
    assert "conflict" not in labels("He survived a heart attack last year.")
    assert "morality" not in labels("The problem lies in the design of the bridge.")
    assert "morality" in labels("The spokesman told a lie about the accident.")


def test_capitalised_cue_in_mid_sentence_is_a_name():
    assert "economic" not in labels("Anna Price, a teacher, spoke first at the hearing.")
    assert "economic" in labels("The price of bread rose and costs climbed.")


def test_regex_cues():
    assert "human_interest" in labels("Tom Barker, 52, lost his job in March.")
    assert "economic" in labels("The plan will cost taxpayers £40 million.")


def test_frames_subset_and_unknown_frame():
    text = "The minister must take responsibility. The invasion began at dawn."
    assert {f for _, f in frames_of(text, frames=["conflict"])} == {"conflict"}
    with pytest.raises(ValueError) as info:
        frame_sentences(Document("t", text, {}), frames=["conflict", "heroism"])
    message = str(info.value)
    assert "heroism" in message and all(frame in message for frame in FRAMES)


def test_no_cue_and_empty_documents_give_no_findings():
    detector = get_detector("frames")
    assert list(detector.detect(Document("a", "The meeting starts at ten. Bring a pen.", {}))) == []
    assert list(detector.detect(Document("b", "", {}))) == []


def test_findings_span_sentences_and_doc(framing_run, seed_run, check_findings):
    for (corpus, findings), root in ((framing_run, FRAMING), (seed_run, ROOT / "seeds")):
        assert check_findings(findings, corpus, root=root) == len(findings) > 0
        for row in findings.itertuples(index=False):
            doc = corpus[row.doc_id]
            sentences = doc.segments.sentences
            if row.layer == "frame":
                assert (row.start, row.end) == sentences[row.sentence]
                assert row.cue and row.explanation
            else:
                assert (row.start, row.end) == (sentences[0][0], sentences[-1][1])
                assert doc.text[row.start : row.end] == doc.text.strip()
        for doc_id, rows in findings[findings["layer"] == "doc_frame"].groupby("doc_id"):
            ranks = sorted(int(e["rank"]) for e in rows["extras"])
            assert ranks == list(range(1, len(rows) + 1))
            scores = [e["score"] for e in sorted(rows["extras"], key=lambda e: e["rank"])]
            assert scores == sorted(scores, reverse=True)
            frame_rows = findings[(findings["doc_id"] == doc_id) & (findings["layer"] == "frame")]
            for extras, label in zip(rows["extras"], rows["label"]):
                assert set(extras["sentences"]) == set(frame_rows.loc[frame_rows["label"] == label, "sentence"])


def test_one_finding_per_sentence_and_frame(seed_run):
    _, findings = seed_run
    frames = findings[findings["layer"] == "frame"]
    assert not frames.duplicated(["doc_id", "sentence", "label"]).any()


def test_seed_frame_f1(seed_run):
    corpus, findings = seed_run
    scores = evaluate(findings, ROOT / "seeds" / "000_16d36fc435d4e2de.gold.jsonl", corpus=corpus, layers=["frame"]).set_index(["layer", "label"])
    assert scores.loc[("frame", "micro"), "f1"] >= 0.6
    assert scores.loc[("frame", "macro"), "f1"] >= 0.6


def test_framing_dev_texts_frame_f1_and_dominant_frame(framing_run):
    # Dev texts only: the held-out *_test texts are scored by benchmarks/accuracy_framing.py,
    # never asserted here, so that no one tunes cues to make a test-split assertion pass.
    corpus, findings = framing_run
    gold = read_findings(GOLD)
    gold = gold[gold["doc_id"].str.endswith("_dev")]
    scores = evaluate(findings, gold, corpus=corpus, layers=["frame", "doc_frame"]).set_index(["layer", "label"])
    assert scores.loc[("frame", "micro"), "f1"] >= 0.6
    assert scores.loc[("doc_frame", "top1"), "accuracy"] == 1.0


def test_whole_document_pass_finds_what_each_sentence_scan_finds():
    # The detector runs each frame's matcher once per document and files matches by
    # sentence; that must equal scanning every sentence on its own.
    matchers = _matchers()
    docs = [*load_corpus(ROOT / "seeds"), *load_corpus(FRAMING)]
    compared = 0
    for doc in docs:
        per_sentence = sentence_matches(doc)
        for index, (start, end) in enumerate(doc.segments.sentences):
            for frame in FRAMES:
                expected = list(matchers[frame][0].finditer(doc.text, start, end))
                assert list(per_sentence[index][frame]) == expected, (doc.doc_id, index, frame)
                compared += len(expected)
    assert compared > 300  # the texts hold a few hundred cues: the comparison is not vacuous


def test_overlapping_cues_of_different_frames_are_all_found():
    # "war crimes" contains "crimes": cues of different frames may overlap.
    doc = Document("d", "They were accused of war crimes and a crime against the economy.")
    (found,) = sentence_matches(doc)
    for frame in FRAMES:
        assert found[frame] == list(_matchers()[frame][0].finditer(doc.text))
