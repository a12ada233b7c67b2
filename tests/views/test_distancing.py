"""The distancing view: counts per document and label, and each finding in context."""

from __future__ import annotations

from workbench.corpus import load_corpus


def test_section_renders(seed_dir, monkeypatch):
    import IPython.display
    import pandas as pd

    from workbench.pipeline import analyze
    from workbench.views import ReportContext, detector_section

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    docs = list(load_corpus(seed_dir))
    findings = analyze(docs, detectors="distancing", progress=False)
    detector_section("distancing").show(ReportContext(documents=docs, findings=findings))
    counts, kwic = [o for o in shown if isinstance(o, pd.DataFrame)]
    assert counts.loc["000_16d36fc435d4e2de"].to_dict() == {"distancing_verb": 1, "scare_quotes": 1, "so_called": 1}
    assert list(kwic.columns) == ["doc_id", "label", "left", "finding", "right", "cue"]
