"""The frames view: metrics, the per-document item tables, the counterfactual and the report section."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import get_detector
from workbench.findings import findings_frame
from workbench.pipeline import analyze
from workbench.summary import summarise
from workbench.views.frames import NO_EVIDENCE, doc_frame_ranking, evidence_html, frame_evidence, frames_table, item_table, without_item

FRAMING = Path(__file__).resolve().parents[2] / "tests" / "data" / "framing"

TEXT = (
    "Council fined landlord £40,000 over damp flats\n\n"
    "The council fined the landlord £40,000 after tenants complained for two years. "
    "The tenants accused the landlord of ignoring every complaint.\n\n"
    "The landlord rejected the findings and will appeal against the fine. "
    "Repairs will cost another £90,000, the council said."
)


@pytest.fixture(scope="module")
def framing_run():
    corpus = load_corpus(FRAMING)
    return corpus, analyze(corpus, detectors=["frames"], progress=False)


@pytest.fixture(scope="module")
def small():
    doc = Document("small", TEXT)
    return doc, findings_frame(get_detector("frames").detect(doc))


def test_ranking_metric_and_determinism(framing_run):
    corpus, findings = framing_run
    doc = corpus["sport_dev"]
    mine = findings[findings["doc_id"] == "sport_dev"]
    ranking = doc_frame_ranking(doc, mine)
    assert [r["rank"] for r in ranking] == [1, 2, 3, 4, 5]
    assert ranking[0]["frame"] == "conflict" and ranking[0]["present"] and ranking[0]["items"]
    again = findings_frame(get_detector("frames").detect(doc))
    pd.testing.assert_frame_equal(again.drop(columns=["extras"]).reset_index(drop=True), mine.drop(columns=["extras"]).reset_index(drop=True))
    assert doc_frame_ranking(doc, findings.iloc[0:0]) == []


def test_a_document_without_evidence_says_so_in_the_summary():
    docs = [Document("plain", "The meeting starts at ten. Bring a pen."), Document("small", TEXT)]
    findings = analyze(docs, detectors=["frames"], progress=False)
    summary = summarise(docs, findings, detectors=["frames"])
    plain, small = summary["documents"]
    assert plain["metrics"]["doc_frame_ranking"] == []
    assert plain["metrics"]["frame_evidence"] == {"evidence": False, "present": [], "dominant": None, "items_answered": 0, "note": NO_EVIDENCE}
    assert small["metrics"]["frame_evidence"]["evidence"] and "conflict" in small["metrics"]["frame_evidence"]["present"]


def test_item_table_shows_question_sentence_cues_and_the_frame_without_the_item(small):
    doc, findings = small
    table = item_table(doc, findings)
    assert {"co1", "co2", "ec2"} <= set(table["item"])
    reproach = table[table["item"] == "co2"].iloc[0]
    assert reproach["question"].startswith("Does one party") and "accused" in reproach["text"]
    assert "accus*" in reproach["cues"] and reproach["sentence"] == 3  # numbered from 1
    assert (table["adds to frame score"] >= 0).all()


def test_without_item_rescores_the_frame(small):
    doc, findings = small
    ranking = {r["frame"]: r for r in doc_frame_ranking(doc, findings)}
    assert ranking["economic"]["present"]
    counter = without_item(doc, findings, "economic.cost_stated")
    assert counter["frame"] == "economic" and counter["probability"] < ranking["economic"]["probability"]
    unchanged = without_item(doc, findings, "conflict.reproach")
    assert unchanged["frame"] == "conflict"


def test_evidence_html_marks_cues_and_escapes_text():
    doc = Document("<odd>", 'Tenants accused the <b>landlord</b> of "ignoring" them.\n\nThe union rejected the offer.')
    findings = findings_frame(get_detector("frames").detect(doc))
    page = evidence_html(doc, findings)
    assert "&lt;odd&gt;" in page and "&lt;b&gt;landlord" in page
    assert '<mark title="accus* (reproach)">accused</mark>' in page
    assert "Does one party" in page
    assert NO_EVIDENCE in evidence_html(Document("x", "Bring a pen."), findings.iloc[0:0])


def test_frames_table_one_row_per_document(framing_run):
    corpus, findings = framing_run
    documents = list(corpus) + [Document("plain", "Bring a pen.")]
    table = frames_table(documents, findings)
    assert list(table["doc_id"]) == [d.doc_id for d in documents]
    assert table.set_index("doc_id").loc["plain", "note"] == NO_EVIDENCE
    assert table.set_index("doc_id").loc["sport_dev", "rank 1"] == "conflict"


def test_frame_evidence_metric(framing_run):
    corpus, findings = framing_run
    doc = corpus["economy_dev"]
    result = frame_evidence(doc, findings[findings["doc_id"] == "economy_dev"])
    assert result["evidence"] and result["dominant"] == "economic" and "economic" in result["present"]


def test_frames_and_loaded_sections_render(framing_run, capsys):
    import matplotlib

    matplotlib.use("Agg")
    from workbench.views import ReportContext, detector_section

    corpus, _ = framing_run
    documents = list(corpus)
    findings = analyze(corpus, detectors=["frames", "loaded"], progress=False)
    for name in ("frames", "loaded"):
        detector_section(name).show(ReportContext(documents=documents, findings=findings))
        detector_section(name).show(ReportContext(documents=documents, findings=findings.iloc[0:0]))
    out = capsys.readouterr().out
    assert "doc_id" in out and "term" in out
