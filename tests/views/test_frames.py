"""The frames view: the ranking metric and the report section (with the loaded-language section)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import load_corpus
from workbench.detectors import get_detector
from workbench.findings import findings_frame
from workbench.pipeline import analyze
from workbench.views.frames import doc_frame_ranking

FRAMING = Path(__file__).resolve().parents[2] / "tests" / "data" / "framing"


@pytest.fixture(scope="module")
def framing_run():
    corpus = load_corpus(FRAMING)
    return corpus, analyze(corpus, detectors=["frames"], progress=False)


def test_ranking_metric_and_determinism(framing_run):
    corpus, findings = framing_run
    doc = corpus["sport_dev"]
    mine = findings[findings["doc_id"] == "sport_dev"]
    ranking = doc_frame_ranking(doc, mine)
    assert ranking[0]["rank"] == 1 and ranking[0]["frame"] == "conflict"
    again = findings_frame(get_detector("frames").detect(doc))
    pd.testing.assert_frame_equal(again.drop(columns=["extras"]).reset_index(drop=True), mine.drop(columns=["extras"]).reset_index(drop=True))
    assert doc_frame_ranking(doc, findings.iloc[0:0]) == []


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
