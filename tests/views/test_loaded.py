"""The loaded-language view: its density metric."""

from __future__ import annotations

from workbench.corpus import Document
from workbench.detectors import get_detector
from workbench.findings import findings_frame
from workbench.views.loaded import loaded_density


def test_density_metric():
    doc = Document("t", "It was a criminal decision and a shameful war. Nothing else happened today.", {})
    findings = findings_frame(get_detector("loaded").detect(doc))
    assert len(findings) == 2
    assert loaded_density(doc, findings) == round(1000 * 2 / doc.segments.word_count, 4)
    assert loaded_density(doc, findings.iloc[0:0]) == 0.0
