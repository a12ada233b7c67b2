"""The actors view: the side-by-side actor table and its report section."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import get_detector
from workbench.detectors.actors import ActorsDetector
from workbench.findings import findings_frame
from workbench.views.actors import actor_table

SEED_ID = "000_16d36fc435d4e2de"


@pytest.fixture(scope="module")
def seed(seed_dir):
    return load_corpus(seed_dir)


def test_actor_table_side_by_side(seed):
    doc = seed[SEED_ID]
    findings = [f.as_dict() for f in get_detector("actors").detect(doc)]
    # Loaded-language findings show up in the row of the actor named in their sentence.
    for word in ("criminal", "shameful"):
        start = doc.text.index(word)
        findings.append(dict(doc_id=SEED_ID, detector="test", layer="loaded", label="loaded_language", start=start, end=start + len(word), text=word, sentence=doc.segments.sentence_index(start), cue=word, explanation="test"))
    table = actor_table([doc], findings_frame(findings))
    assert list(table.columns) == ["doc_id", "actor", "mentions", "bare_name_mentions", "names", "predications", "labels", "loaded_predicates", "loaded"]
    rows = table.set_index("actor")
    # Bare surnames are not findings of the default detector, but the table still counts them.
    assert not any(f["text"] in {"Putin", "Lukashenko"} for f in findings if f["layer"] == "nomination")
    assert rows.loc["Putin", "bare_name_mentions"] == 10 and rows.loc["Lukashenko", "bare_name_mentions"] == 11
    assert rows.loc["Ukraine", "bare_name_mentions"] == 0
    assert not rows.loc["Putin", "names"].startswith("Putin (") and "; Putin (" not in rows.loc["Putin", "names"]
    assert "the Russian president (3)" in rows.loc["Putin", "names"]
    assert "the Belarusian ruler (2)" in rows.loc["Lukashenko", "names"]
    assert "[joint]" in rows.loc["Putin", "names"] and "[joint]" in rows.loc["Lukashenko", "names"]
    assert "Putin, too, is weak" in rows.loc["Putin", "predications"]
    assert rows.loc["Putin", "loaded"] == "criminal (1)"
    assert rows.loc["Belarus", "loaded"] == "shameful (1)"
    assert rows.loc["Lukashenko", "loaded"] == ""
    assert table["mentions"].tolist() == sorted(table["mentions"].tolist(), reverse=True)


def test_actor_table_empty():
    assert actor_table([], findings_frame([])).empty


def test_section_renders(seed, monkeypatch):
    import IPython.display

    from workbench.pipeline import analyze
    from workbench.views import ReportContext, detector_section

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    docs = list(seed)
    findings = analyze(docs, detectors="actors", progress=False)
    detector_section("actors").show(ReportContext(documents=docs, findings=findings))
    tables = [o for o in shown if isinstance(o, pd.DataFrame)]
    assert tables and "the Russian president (3)" in tables[0].loc["Putin", "names"]


def test_section_escapes_the_document_id(monkeypatch):
    import IPython.display

    from workbench.pipeline import analyze
    from workbench.views import ReportContext, detector_section

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    docs = [Document("<script>alert(1)</script>", "Council leader Margaret Oyelaran said the plan would work. Oyelaran was wrong.")]
    findings = analyze(docs, detectors="actors", progress=False)
    detector_section("actors").show(ReportContext(documents=docs, findings=findings))
    headings = [o.data for o in shown if isinstance(o, IPython.display.Markdown)]
    assert any("&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in h for h in headings)
    assert not any("<script>" in h for h in headings)


def test_actor_table_counts_bare_names_alike_whether_or_not_they_are_reported(seed):
    doc = seed[SEED_ID]

    def counts(detector):
        table = actor_table([doc], findings_frame(list(detector.detect(doc))))
        return table.set_index("actor")["bare_name_mentions"].to_dict()

    default, every_mention = counts(ActorsDetector()), counts(ActorsDetector(bare_names=True))
    assert default["Putin"] == every_mention["Putin"] == 10
    assert default == {actor: n for actor, n in every_mention.items() if actor in default}


def test_actor_table_shows_who_is_called_what():
    # Own sentences: a label apposed to a name, a label before a name, an emotive verb with its subject.
    text = (
        "Council leader Margaret Oyelaran announced the cuts on Monday. "
        "Oyelaran, the spineless architect of the plan, refused to answer questions. "
        "Critics said the treasurer, Paul Whitcombe, grovelled to the banks. "
        "One resident said: \"Whitcombe is a liar.\""
    )
    doc = Document("own", text)
    findings = findings_frame([*get_detector("actors").detect(doc), *get_detector("loaded").detect(doc)])
    rows = actor_table([doc], findings).set_index("actor")
    assert "spineless architect (1)" in rows.loc["Oyelaran", "labels"]
    assert "grovelled (1)" in rows.loc["Whitcombe", "loaded_predicates"]
    assert "liar [quoted] (1)" in rows.loc["Whitcombe", "labels"]
    assert rows.loc["Oyelaran", "loaded_predicates"] == ""


def test_loaded_about_actors_needs_an_actor():
    from workbench.views.actors import loaded_about_actors

    doc = Document("own", "The weather was dreadful all week.")
    findings = findings_frame([*get_detector("actors").detect(doc), *get_detector("loaded").detect(doc)])
    assert (findings["layer"] == "loaded").sum() == 1
    assert loaded_about_actors(findings) == {}
