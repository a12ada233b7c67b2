"""The loaded-language view: density metrics, the tables by type and by whom it is about, the section."""

from __future__ import annotations

import pandas as pd

from workbench.corpus import Document
from workbench.detectors import get_detector
from workbench.findings import findings_frame
from workbench.views.loaded import author_loaded_density, loaded_by_target, loaded_by_type, loaded_density

# Own sentences: an author-voice label with a name, a quoted label, an emotive verb, a metaphor.
TEXT = (
    "Disgraced banker Tom Ellery resigned on Friday. "
    'One former client said: "Ellery is a liar." '
    "The board grovelled to the regulator. "
    "Critics fear a flood of lawyers will follow."
)


def _findings(doc: Document, *detectors: str) -> pd.DataFrame:
    return findings_frame([f for name in detectors for f in get_detector(name).detect(doc)])


def test_density_metric():
    doc = Document("t", "It was a criminal decision and a shameful war. Nothing else happened today.", {})
    findings = findings_frame(get_detector("loaded").detect(doc))
    assert len(findings) == 2
    assert loaded_density(doc, findings) == round(1000 * 2 / doc.segments.word_count, 4)
    assert loaded_density(doc, findings.iloc[0:0]) == 0.0


def test_author_density_leaves_out_quoted_words():
    doc = Document("t", TEXT)
    findings = _findings(doc, "loaded")
    quoted = sum(1 for e in findings["extras"] if e["voice"] == "quoted")
    assert quoted == 1
    assert author_loaded_density(doc, findings) == round(1000 * (len(findings) - quoted) / doc.segments.word_count, 4)


def test_by_type_counts_voice_and_polarity():
    doc = Document("t", TEXT)
    table = loaded_by_type(_findings(doc, "loaded")).set_index("type")
    assert table.loc["pejorative_label", "findings"] == 2
    assert table.loc["pejorative_label", "quoted"] == 1 and table.loc["pejorative_label", "author"] == 1
    assert table.loc["emotive_verb", "examples"] == "grovelled (1)"
    assert table.loc["metaphor", "negative"] == 1
    assert list(table.index) == [t for t in ("pejorative_label", "emotive_verb", "metaphor")]


def test_by_target_uses_the_actors_when_they_ran_and_the_target_otherwise():
    doc = Document("t", TEXT)
    alone = loaded_by_target(_findings(doc, "loaded")).set_index("about")
    assert "disgraced banker (1)" in alone.loc["Tom Ellery", "labels"]
    assert "grovelled (1)" in alone.loc["board", "other loaded words"]
    joined = loaded_by_target(_findings(doc, "actors", "loaded")).set_index("about")
    assert "liar (1)" in joined.loc["Ellery", "labels"] and joined.loc["Ellery", "quoted"] == 1
    assert "disgraced banker (1)" in joined.loc["Ellery", "labels"]


def test_tables_are_empty_without_loaded_findings():
    doc = Document("t", "The meeting starts at ten.")
    assert loaded_by_type(_findings(doc, "loaded")).empty
    assert loaded_by_target(_findings(doc, "loaded")).empty


def test_section_shows_type_and_target_tables(monkeypatch):
    import IPython.display

    from workbench.views import ReportContext, detector_section

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    doc = Document("t", TEXT)
    detector_section("loaded").show(ReportContext(documents=[doc], findings=_findings(doc, "actors", "loaded")))
    tables = [o for o in shown if isinstance(o, pd.DataFrame)]
    assert any(t.index.name == "type" for t in tables)
    assert any("about" in (t.index.names or []) for t in tables)
