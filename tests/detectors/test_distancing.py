"""Distancing detector: so-called, scare quotes, distancing verbs (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import aliases, get_detector
from workbench.detectors.distancing import find_quotes, quote_role
from workbench.evaluate import evaluate
from workbench.findings import findings_frame, read_findings

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "framing"
OWN_GOLD = OWN / "distancing_actors.gold.jsonl"


def run(text: str, doc_id: str = "t") -> list:
    return list(get_detector("distancing").detect(Document(doc_id, text)))


def labels(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in run(text)]


def scores(corpus, gold) -> dict[str, float]:
    findings = findings_frame([f for doc in corpus for f in get_detector("distancing").detect(doc)])
    table = evaluate(findings, gold, match="overlap", corpus=corpus, layers=["distancing"])
    return dict(zip(table["label"], table["f1"]))


def test_registered_in_framing_group():
    detector = get_detector("distancing")
    assert detector.layers == ("distancing",)
    assert "distancing" in aliases()["framing"]


def test_seed_overlap_f1(seed_dir, seed_gold):
    corpus = load_corpus(seed_dir)
    f1 = scores(corpus, read_findings(seed_gold))
    assert f1["macro"] >= 0.9 and f1["micro"] >= 0.9


def test_own_texts_overlap_f1():
    gold = read_findings(OWN_GOLD)
    corpus = load_corpus(OWN)
    assert len(set(gold["doc_id"])) >= 3 and set(gold["doc_id"]) <= {d.doc_id for d in corpus}
    f1 = scores(corpus, gold)
    assert f1["macro"] >= 0.9 and f1["micro"] >= 0.9


def test_offsets_are_valid_everywhere(seed_dir):
    for doc in [*load_corpus(seed_dir), *load_corpus(OWN)]:
        for f in get_detector("distancing").detect(doc):
            assert doc.text[f.start : f.end] == f.text
            assert f.explanation


@pytest.mark.parametrize(
    "text",
    [
        'He called the scheme "a tax on small businesses" and left.',
        'She told reporters the figures were "accurate".',
        'The minister said the backlog was "cleared".',
        '"We will win," he said.',
        "\u201cWe will win,\u201d she told the crowd.",
        'He asked: "Why now?"',
        'They carried a banner reading "Go home".',
        "The mayor promised \u201ccleaner air\u201d by June.",
        'Fans have taken to calling the owner a "clown".',
        'Her new book, "Quiet Streets", is out.',
        "the film \u201cJaws\u201d",
        'The union described the offer as "not good enough, not close".',
    ],
)
def test_reported_speech_and_titles_are_never_scare_quotes(text):
    assert not [f for f in run(text) if f.label == "scare_quotes"]


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('The "consultation" lasted nine days.', '"consultation"'),
        ("The \u201cconsultation\u201d lasted nine days.", "\u201cconsultation\u201d"),
        ("The \u2018consultation\u2019 lasted nine days.", "\u2018consultation\u2019"),
        ("The 'consultation' lasted nine days.", "'consultation'"),
        ("the so-called \u201cpeople\u2019s republics\u201d of Donbass", "\u201cpeople\u2019s republics\u201d"),
        ('Another "miracle" announcement.', '"miracle"'),
    ],
)
def test_scare_quotes_fire_with_straight_and_typographic_marks(text, quoted):
    assert ("scare_quotes", quoted) in labels(text)


def test_apostrophes_are_not_quotes():
    assert find_quotes("The players' union and Putin\u2019s army met at St Aldric\u2019s.") == []


def test_so_called_covers_the_qualified_term():
    assert ("so_called", 'so-called "people\'s republics"') in labels('the so-called "people\'s republics" of Donbass')
    assert ("so_called", "so-called Smart Streets plan") in labels("He defended the so-called Smart Streets plan, which failed.")
    assert ("so_called", "so-called final offer") in labels("The so-called final offer was rejected.")


def test_distancing_verbs_fire_and_take_the_next_verb():
    assert ("distancing_verb", "was supposed to illustrate") in labels("a map that was supposed to illustrate the attack")
    assert ("distancing_verb", "claims to have offered") in labels("The club claims to have offered less.")
    assert ("distancing_verb", "allegedly") in labels("The council allegedly ignored them.")
    assert ("distancing_verb", "self-styled \u201clistening administration\u201d") in labels("The self-styled \u201clistening administration\u201d refused.")


def test_officially_counts_only_next_to_quotation_marks():
    assert ("distancing_verb", "officially") in labels('Her surgery was officially "scheduled" in June.')
    assert not labels("The bridge was officially opened in June.")


def test_quote_roles_name_the_reason():
    doc = Document("t", 'She said it was "fine". The "reform" failed. "It works," he said.')
    roles = [quote_role(doc, q) for q in find_quotes(doc.text)]
    assert roles == ["speech", "scare", "sentence"]


def test_no_cue_gives_no_finding():
    assert run("The council met on Tuesday and approved the budget.") == []


def test_section_renders(seed_dir, monkeypatch):
    import IPython.display
    import pandas as pd

    from workbench.pipeline import analyze
    from workbench.sections import ReportContext, show

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    docs = list(load_corpus(seed_dir))
    findings = analyze(docs, detectors="distancing", progress=False)
    show("distancing", ReportContext(documents=docs, findings=findings))
    counts, kwic = [o for o in shown if isinstance(o, pd.DataFrame)]
    assert counts.loc["000_16d36fc435d4e2de"].to_dict() == {"distancing_verb": 1, "scare_quotes": 1, "so_called": 1}
    assert list(kwic.columns) == ["doc_id", "label", "left", "finding", "right", "cue"]
