from workbench.corpus import Document
from workbench.findings import findings_frame
from workbench.summary import density_table, per_thousand, summarise


def test_density_of_a_document_without_words_is_zero_not_inf():
    docs = [Document("words", "one two three four"), Document("none", "?!")]
    findings = findings_frame([
        {"doc_id": "words", "detector": "t", "layer": "stance", "label": "hedge", "start": 0, "end": 3, "text": "one", "sentence": 0, "cue": "c", "explanation": "e"},
        {"doc_id": "none", "detector": "t", "layer": "stance", "label": "hedge", "start": 0, "end": 1, "text": "?", "sentence": 0, "cue": "c", "explanation": "e"},
    ])
    table = density_table(docs, findings)
    assert table.loc["words", "stance"] == 250.0
    assert table.loc["none", "stance"] == 0.0


def test_summary_counts_per_detector_and_label():
    docs = [Document("d", "may be so, may not")]
    findings = findings_frame([
        {"doc_id": "d", "detector": "stance", "layer": "stance", "label": "hedge", "start": 0, "end": 3, "text": "may", "sentence": 0, "cue": "may", "explanation": "e"},
        {"doc_id": "d", "detector": "stance", "layer": "stance", "label": "hedge", "start": 11, "end": 14, "text": "may", "sentence": 0, "cue": "may", "explanation": "e"},
    ])
    summary = summarise(docs, findings, detectors=["stance", "question"])
    entry = summary["documents"][0]
    assert entry["words"] == 5 and entry["findings"] == 2
    assert entry["detectors"]["stance"]["labels"]["stance/hedge"] == {"count": 2, "per_1000_words": 400.0}
    assert entry["detectors"]["question"] == {"count": 0, "per_1000_words": 0.0, "labels": {}}
    assert summary["totals"]["per_1000_words"] == per_thousand(2, 5)


def test_the_streamed_summary_is_the_same_json_as_summarise(tmp_path):
    import json

    from workbench.corpus import Rejected
    from workbench.pipeline import analyze
    from workbench.summary import SummaryWriter, summarise

    docs = [Document("a", "It may rain. Clearly it will."), Document("b", "Why? Because."), Document("c", "Nothing.")]
    findings = analyze(docs, detectors=["stance", "question"], progress=False)
    rejected = [Rejected(source="x.txt", reason="empty document")]
    expected = summarise(docs, findings, rejected=rejected, detectors=["stance", "question"])
    expected["filter"] = None
    with SummaryWriter(tmp_path / "summary.json", detectors=["stance", "question"], extra={"filter": None}) as writer:
        for doc in docs:
            writer.add(doc, findings[findings["doc_id"] == doc.doc_id])
        writer.reject(rejected[0])
    assert json.loads((tmp_path / "summary.json").read_text(encoding="utf-8")) == expected
    with SummaryWriter(tmp_path / "empty.json", detectors=[]):
        pass
    assert json.loads((tmp_path / "empty.json").read_text(encoding="utf-8"))["documents"] == []
