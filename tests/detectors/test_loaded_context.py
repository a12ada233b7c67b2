"""Loaded language: typing, voice, target and the context rules, each tested both ways with own sentences."""

from __future__ import annotations

import pytest

from workbench.corpus import Document
from workbench.detectors import get_detector
from workbench.detectors.loaded import LABEL_TYPES, TYPES


def findings(text: str) -> list:
    return list(get_detector("loaded").detect(Document("t", text, {})))


def found(text: str) -> dict[str, dict]:
    """Finding text -> extras."""
    return {f.text: f.extras for f in findings(text)}


# ---------------------------------------------------------------- types


@pytest.mark.parametrize(
    "text, span, kind",
    [
        ("The mayor called in the thugs again.", "thugs", "pejorative_label"),
        ("Volunteers, the real heroes of the flood, worked all night.", "real heroes", "glorifying_label"),
        ("The shameless landlord raised the rent again.", "shameless landlord", "pejorative_label"),
        ("The brave young nurses stayed on the ward.", "brave young nurses", "glorifying_label"),
        ("The budget is a gift to the greedy and nothing else.", "greedy", "pejorative_label"),
        ("The shameless increase in fees angered parents.", "shameless increase", "emotive_adjective"),
        ("Furious parents gathered at the gates.", "Furious parents", "emotive_adjective"),
        ("The minister grovelled to the donors.", "grovelled", "emotive_verb"),
        ("The new stadium is a fiasco.", "fiasco", "emotive_noun"),
        ("The queues were so chaotic that nobody moved.", "so chaotic", "intensifier"),
        ("They feared a flood of refugees at the border.", "flood of refugees", "metaphor"),
        ("It was the greatest leader in modern history, he wrote.", "the greatest leader in modern history", "superlative"),
    ],
)
def test_each_type_from_its_rule(text, span, kind):
    assert kind in TYPES
    assert found(text)[span]["type"] == kind


def test_an_emotion_adjective_before_people_describes_them_and_does_not_label_them():
    extras = found("Furious parents gathered at the gates.")["Furious parents"]
    assert extras["type"] not in LABEL_TYPES and extras["target"] == "parents"


# ---------------------------------------------------------------- context rules both ways


@pytest.mark.parametrize(
    "fires, quiet",
    [
        # degree words count only with a charged word
        ("The plan was utterly absurd and so chaotic.", "The tower was so tall that it swayed."),
        # superlatives: praise or blame with a hyperbolic scope, not a descriptive superlative
        ("They are the bravest firefighters in the world.", "It is the largest port in the world."),
        ("The team is stronger and prouder than ever before.", "More people voted than ever before."),
        ("It was the worst decision in living memory.", "It was the largest library in the county."),
        ("Everyone knows he is a fraud.", "Police are investigating a fraud at the depot."),
        # flood and flow metaphors need people
        ("A flood of migrants reached the coast.", "A flood of complaints reached the office."),
        ("Tourists are pouring into the old town.", "Water was pouring into the basement."),
        ("The village was swamped by protesters.", "The office was swamped with paperwork."),
        # a crime noun is an accusation in a predicate, a fact in a report
        ("This new levy is theft, plain and simple.", "Police are investigating a theft at the depot."),
        # a charged noun classifying a legal process names an offence
        ("The minister told outright lies about the cuts.", "The lies inquiry opened on Monday."),
        # the same word form as a verb
        ("The report was one long lie.", "Some nights I lie awake."),
        # a violence word after a score is sports hyperbole
        ("United suffered a 5-0 massacre at home.", "The court heard about the massacre at dawn."),
        # a storm named by its cause is a scandal
        ("The minister is caught in a cash-for-honours storm.", "A winter storm closed the roads."),
        # strangling an institution is a metaphor, a person is literal
        ("The blockade is strangling the economy.", "He was accused of strangling the victim."),
        # a compound with a condemning participle
        ("The tax-dodging landlords kept quiet.", "The tax-paying landlords kept quiet."),
        # regime as a government, not a system of rules
        ("Protesters marched against the regime of General Hadar.", "The regime of the tax on imports changed."),
        # a label inside a capitalised name is part of the name
        ("Hero Kowalski scored twice for the club.", "The Golden State Warriors won again."),
        ("The report called the chairman a coward.", "The Coward Street bakery reopened."),
    ],
)
def test_rule_fires_and_stays_quiet(fires, quiet):
    assert findings(fires), fires
    assert not findings(quiet), [f.text for f in findings(quiet)]


def test_idioms_with_a_slot():
    assert "holding the whole country to ransom" in found("The union is holding the whole country to ransom.")
    assert "bleeding the health service dry" in found("They are bleeding the health service dry.")
    assert any("every last drop" in t for t in found("The firm squeezed every last drop out of its staff."))


# ---------------------------------------------------------------- voice


@pytest.mark.parametrize(
    "text, span, voice",
    [
        ('"These men are thugs," the mayor said.', "thugs", "quoted"),
        ("A union leader called the managers greedy parasites on Tuesday.", "greedy parasites", "quoted"),
        ("The singer was once hailed as a national treasure.", "a national treasure", "quoted"),
        ("To his supporters, he is a hero.", "hero", "quoted"),
        ("I call them cowards, and I mean it.", "cowards", "author"),
        ("To make matters worse, the thugs returned.", "thugs", "author"),
        ("The thugs returned on Sunday.", "thugs", "author"),
    ],
)
def test_voice(text, span, voice):
    assert found(text)[span]["voice"] == voice


def test_scare_quotes_are_distancing_not_loaded_but_reported_words_are():
    assert not findings('Backbenchers praised the minister\'s "courage" at length.')
    extras = found('Protesters outside the court shouted "traitors" at the judge.')
    assert extras["traitors"]["voice"] == "quoted"


# ---------------------------------------------------------------- target


@pytest.mark.parametrize(
    "text, span, target",
    [
        ("Disgraced banker Tom Ellery resigned on Friday.", "Disgraced banker", "Tom Ellery"),
        ("Ellery, the smirking architect of the merger, said nothing.", "smirking architect", "Ellery"),
        ("The brave volunteers of Harbour Rescue worked all night.", "brave volunteers", "Harbour Rescue"),
        ("Mayor Ruth Adeyemi grovelled to the developers.", "grovelled", "Mayor Ruth Adeyemi"),
        ("The treasurer, Paul Whitcombe, grovelled to the banks.", "grovelled", "Paul Whitcombe"),
        ('"I was cheated," fumed Anna Berg, a customer.', "fumed", "Anna Berg"),
        ("A union leader called the managers greedy cowards.", "greedy cowards", "the managers"),
        ("Ellery's reckless gamble cost the bank dearly.", "reckless gamble", "Ellery"),
        ("The singer was once hailed as a national treasure.", "a national treasure", "singer"),
        ("Hero Kowalski scored twice for the club.", "Hero", "Kowalski"),
    ],
)
def test_target(text, span, target):
    assert found(text)[span]["target"] == target


def test_no_target_for_a_charge_about_no_one():
    assert "target" not in found("The weather was dreadful all week.")["dreadful"]


def test_findings_carry_the_explanation_fields_and_a_score():
    [finding] = findings("The shameless landlord raised the rent again.")
    assert {"type", "polarity", "voice", "rule", "cue_text", "target", "target_start", "target_end"} <= set(finding.extras)
    assert finding.cue == "shameless" and finding.extras["cue_text"] == "shameless"
    assert "pejorative label" in finding.explanation and "author" in finding.explanation
    assert 0.0 < finding.score <= 1.0
    text = "The shameless landlord raised the rent again."
    assert text[finding.extras["target_start"] : finding.extras["target_end"]] == finding.extras["target"]
