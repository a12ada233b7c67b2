"""Loaded language: lexicon matches, span rules, blockers, density metric and scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import aliases, get_detector
from workbench.detectors.loaded import TYPES
from workbench.evaluate import evaluate
from workbench.findings import read_findings
from workbench.lexicons import load_lexicon
from workbench.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]
FRAMING = ROOT / "tests" / "data" / "framing"


def spans(text: str) -> list[str]:
    doc = Document("t", text, {})
    found = list(get_detector("loaded").detect(doc))
    return [text[f.start : f.end] for f in found]


def test_registered_and_in_framing_alias():
    assert get_detector("loaded").layers == ("loaded",)
    assert "loaded" in aliases()["framing"]


def test_lexicon_entries_have_type_polarity_and_source():
    lexicon = load_lexicon("loaded")
    used = lexicon[lexicon["pos"] != "block"]
    assert set(used["type"]) == set(TYPES)
    assert set(lexicon["polarity"]) == {"negative", "positive"}
    assert (lexicon["source"].str.len() > 10).all()
    assert used["cue"].str.contains(" ").any()  # multi-word expressions


def test_adjective_takes_its_head_noun():
    assert spans("It was a criminal decision by the board.") == ["criminal decision"]


def test_adjective_stops_at_function_words_and_punctuation():
    assert spans("The decision was criminal, and everyone knew it.") == ["criminal"]
    assert spans("The rivalry was just as bitter as before.") == ["bitter"]


def test_adjective_before_another_loaded_entry_stays_separate():
    assert spans("He joined the funniest propaganda wars of the year.") == ["funniest", "propaganda wars"]


def test_noun_takes_national_or_intensifying_premodifier_only():
    assert spans("They condemned Russian aggression in the east.") == ["Russian aggression"]
    assert spans("The economy faced a real knockout.") == ["real knockout"]
    assert spans("He feared the wrath of the voters.") == ["wrath"]
    assert spans("They needed aggression in midfield.") == ["aggression"]


def test_premodifier_must_be_in_the_same_sentence():
    assert spans("The Russian aggression was condemned.") == ["Russian aggression"]
    # a title line or a previous paragraph ends with the adjective: it is not a premodifier
    assert spans("Views from the Russian\n\nAggression was condemned.") == ["Aggression"]
    assert spans("The economy faced a real\n\nknockout.") == []


def test_ironic_praise_only_right_before_a_loaded_word():
    assert spans("It was the funniest film of the year.") == []
    assert spans("He joined the funniest propaganda wars of the year.") == ["funniest", "propaganda wars"]
    assert spans("They held the finest shameful parade.")[0] == "finest"


def test_knockout_only_with_an_intensifier_or_as_an_idiom():
    assert spans("The knockout stage begins in June.") == []
    assert spans("The economy faced a real knockout.") == ["real knockout"]
    assert spans("Sanctions dealt a knockout blow to the bank.") == ["knockout blow"]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Can he afford to burn all the bridges and go?", "burn all the bridges"),
        ("She burnt her bridges with the party.", "burnt her bridges"),
        ("They are burning bridges with every ally.", "burning bridges"),
        ("He burned all bridges.", "burned all bridges"),
        ("The minister burns all of his bridges.", "burns all of his bridges"),
    ],
)
def test_burn_bridges_is_one_general_pattern(text, span):
    assert spans(text) == [span]


def test_burn_bridges_pattern_needs_the_idiom():
    assert spans("The old bridges burned down in 1910.") == []
    assert spans("They burn wood under the bridges.") == []
    lexicon = load_lexicon("loaded")
    # the spelled-out variants are gone: the rules file holds one pattern
    assert not lexicon["cue"].str.contains("bridges").any()


def test_verb_takes_its_object():
    assert spans("They were accused of falsifying the results of the vote.") == ["falsifying the results"]
    assert spans("He kept lying to the committee.") == ["lying"]


def test_intensifier_and_multiword_expressions():
    assert spans("Charging that much is nothing short of scandalous.") == ["nothing short of scandalous"]
    assert spans("He would not burn all the bridges with Moscow.") == ["burn all the bridges"]


def test_blockers_mask_technical_uses():
    assert spans("The problem lies in the design.") == []
    assert spans("The criminal law reform passed on Monday.") == []
    assert spans("The criminal gang was arrested.") == ["criminal gang"]


def test_no_loaded_words_or_empty_document():
    assert spans("The meeting starts at ten. Bring a pen.") == []
    assert spans("") == []


@pytest.fixture(scope="module")
def seed_run():
    corpus = load_corpus(ROOT / "seeds")
    return corpus, analyze(corpus, detectors=["loaded"], progress=False)


@pytest.fixture(scope="module")
def framing_run():
    corpus = load_corpus(FRAMING)
    return corpus, analyze(corpus, detectors=["loaded"], progress=False)


def test_offsets_valid(seed_run, framing_run, seed_dir, check_findings):
    for (corpus, findings), root in ((seed_run, seed_dir), (framing_run, FRAMING)):
        assert check_findings(findings, corpus, root=root) == len(findings) > 0


def test_seed_loaded_f1(seed_run):
    corpus, findings = seed_run
    scores = evaluate(findings, ROOT / "seeds" / "000_16d36fc435d4e2de.gold.jsonl", corpus=corpus, layers=["loaded"]).set_index(["layer", "label"])
    assert scores.loc[("loaded", "micro"), "f1"] >= 0.7


def test_framing_dev_texts_loaded_f1(framing_run):
    # Dev texts only: the held-out *_test texts are scored by benchmarks/accuracy_framing.py.
    corpus, findings = framing_run
    gold = read_findings(FRAMING / "frames_loaded.gold.jsonl")
    gold = gold[gold["doc_id"].str.endswith("_dev")]
    scores = evaluate(findings, gold, corpus=corpus, layers=["loaded"]).set_index(["layer", "label"])
    assert scores.loc[("loaded", "micro"), "f1"] >= 0.7
