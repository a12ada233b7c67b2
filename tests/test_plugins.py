"""A new detector is one module: registered through the entry-point group, it runs in analyze,
evaluate, the fuzz checks and the report without any other file being edited."""

from __future__ import annotations

import json
import os
import sys
import textwrap

import pandas as pd
import pytest

from workbench.corpus import Document
from workbench.detectors import registry

PLUGIN = '''
"""A toy third-party detector: sentences that end with an exclamation mark."""
from workbench.detectors import Layer, detector
from workbench.detectors.base import make_finding


@detector("exclaim", layers=[Layer("exclamation", "sentence", ("exclamation",), "sentences that end with !")], title="Exclamations")
class Exclaim:
    """Sentences that end with an exclamation mark."""

    def __init__(self, *, marks: str = "!"):
        self.marks = marks

    def detect(self, doc):
        for start, end in doc.segments.sentences:
            if doc.text[start:end].rstrip().endswith(tuple(self.marks)):
                yield make_finding(doc, detector="exclaim", layer="exclamation", label="exclamation", start=start, end=end,
                                   cue=self.marks, explanation="The sentence ends with an exclamation mark.")
'''


@pytest.fixture()
def plugin(tmp_path, monkeypatch):
    """Install the toy detector as a distribution with an entry point, the way pip would."""
    site = tmp_path / "site"
    (site / "wb_exclaim-1.0.dist-info").mkdir(parents=True)
    (site / "wb_exclaim.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    (site / "wb_exclaim-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: wb-exclaim\nVersion: 1.0\n", encoding="utf-8")
    (site / "wb_exclaim-1.0.dist-info" / "entry_points.txt").write_text("[workbench.detectors]\nexclaim = wb_exclaim\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    monkeypatch.setattr(registry, "_loaded", False)  # read the entry points again
    yield site
    registry.unregister("exclaim")
    sys.modules.pop("wb_exclaim", None)


def test_a_plugin_detector_runs_in_analyze_evaluate_and_the_fuzz_checks(plugin, tmp_path, check_findings):
    from workbench.evaluate import evaluate
    from workbench.pipeline import analyze

    assert "exclaim" in registry.available_detectors()
    assert registry.layers_by_unit("sentence") >= {"exclamation"}
    docs = [Document("a", "Stop it! It may rain. Enough!"), Document("b", "Nothing here.")]
    findings = analyze(docs, detectors=["exclaim"], progress=False)
    assert list(findings["text"]) == ["Stop it!", "Enough!"]
    assert check_findings(findings, docs) == 2
    assert list(analyze(docs, detectors=[("exclaim", {"marks": "."})], progress=False)["text"]) == ["It may rain.", "Nothing here."]
    # sentence unit from the spec: a gold span anywhere in the sentence matches
    gold = pd.DataFrame([{"doc_id": "a", "layer": "exclamation", "label": "exclamation", "start": 5, "end": 7, "text": "it"}])
    scores = evaluate(findings, gold, corpus=docs)
    row = scores[(scores["layer"] == "exclamation") & (scores["label"] == "exclamation")].iloc[0]
    assert (row["tp"], row["fp"], row["fn"]) == (1, 1, 0)
    exact = evaluate(findings, gold, corpus=docs, match="exact")
    assert exact.loc[(exact["layer"] == "exclamation") & (exact["label"] == "exclamation"), "tp"].item() == 0


def test_a_plugin_detector_gets_a_report_section_and_only_its_own_figures(plugin, tmp_path):
    from workbench.report import run_report

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Stop it! It may rain. Enough!\n", encoding="utf-8")
    (run,) = run_report(corpus, tmp_path / "r", detectors=["exclaim"], title="Plugin")
    summary = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))
    doc = summary["documents"][0]
    assert doc["detectors"]["exclaim"]["count"] == 2
    assert "metrics" not in doc and "stance" not in doc["detectors"], "no figure for a detector that did not run"
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Exclamations" in html and "Hedging and boosting" not in html


def test_a_plugin_detector_goes_through_the_fuzz_checks(plugin, check_findings):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    detector = registry.get_detector("exclaim")

    @settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(alphabet=st.sampled_from(list("ab !?.\n\u201c\u201d\"x\u0301\U0001F600")), min_size=1, max_size=80))
    def run(text):
        doc = Document("fuzz", text)
        check_findings(list(detector.detect(doc)), [doc])

    run()


def test_a_broken_plugin_is_named_in_a_warning_and_the_rest_still_load(plugin, caplog):
    (plugin / "wb_exclaim.py").write_text("raise ImportError('missing dependency foo')\n", encoding="utf-8")
    sys.modules.pop("wb_exclaim", None)
    with caplog.at_level("WARNING"):
        names = registry.available_detectors()
    assert "exclaim" not in names and "stance" in names
    assert "plug-in 'exclaim'" in caplog.text and "missing dependency foo" in caplog.text
