"""The stance view: the document profile metric, the uncertain-sentence table and the report section."""

from __future__ import annotations

from workbench.corpus import Document
from workbench.detectors import get_detector
from workbench.detectors.stance import sentence_uncertainty
from workbench.findings import findings_frame
from workbench.summary import summarise
from workbench.views import ReportContext
from workbench.views.stance import section, stance_profile, uncertain_sentence_table


def run(text: str, doc_id: str = "t") -> list:
    return list(get_detector("stance").detect(Document(doc_id, text)))


def test_profile_metric_in_summary():
    doc = Document("d", "Clearly the plan failed. It may return. Perhaps not. The minister said so.")
    findings = findings_frame(run(doc.text, "d"))
    profile = stance_profile(doc, findings)
    words = doc.segments.word_count
    assert profile["hedges_per_1000_words"] == round(1000 * 2 / words, 4)
    assert profile["boosters_per_1000_words"] == round(1000 * 1 / words, 4)
    assert profile["attributions_per_1000_words"] == round(1000 * 1 / words, 4)
    assert profile["commitment_balance"] == round((1 - 2) / 3, 4)
    summary = summarise([doc], findings, detectors=["stance"])
    assert summary["documents"][0]["metrics"]["stance"] == profile


def test_profile_without_cues_has_no_balance():
    doc = Document("d", "The bridge opened in 1990.")
    profile = stance_profile(doc, findings_frame([]))
    assert profile["commitment_balance"] is None and profile["hedges_per_1000_words"] == 0.0


def test_report_section_shows_corpus_figures_and_the_sample_without_highlighting_again(monkeypatch):
    import pandas as pd

    from workbench.report.aggregates import Aggregator

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    docs = [Document(f"d{i}", "Clearly the plan failed. It may return.") for i in range(3)]
    findings = findings_frame([f for d in docs for f in get_detector("stance").detect(d)])
    aggregator = Aggregator()
    for doc in docs:
        aggregator.add(doc, findings[findings["doc_id"] == doc.doc_id])
    section(ReportContext(documents=docs[:2], findings=findings[findings["doc_id"] != "d2"], aggregates=aggregator.result()))
    tables = [o for o in shown if isinstance(o, pd.DataFrame)]
    corpus, profile, uncertain = tables
    assert corpus.loc["hedge", "findings"] == 3 and corpus.loc["booster", "documents"] == 3  # the whole corpus
    assert list(profile.index) == ["d0", "d1"]  # the sample only
    assert list(uncertain.index.get_level_values("sentence")) == [2, 2]  # counted from 1
    assert not [o for o in shown if type(o).__name__ == "HTML"], "documents are highlighted on their own pages, not again here"


def test_uncertain_sentence_table_lists_only_uncertain_sentences_with_their_cues():
    from workbench.pipeline import analyze

    doc = Document("t", "The bridge may perhaps close next year. The bridge is red.")
    findings = analyze([doc], detectors=["stance"])
    table = uncertain_sentence_table([doc], findings)
    expected = sentence_uncertainty(doc)
    assert list(table["sentence"]) == list(expected.loc[expected["uncertain"], "sentence"]) == [0]
    assert all(":" in cues for cues in table["cues"])
    assert all(text == doc.text[s:e] for text, (s, e) in zip(table["text"], [doc.segments.sentences[i] for i in table["sentence"]]))
