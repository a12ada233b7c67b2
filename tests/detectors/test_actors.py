"""Actors detector: nomination and predication, and the actor list."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import aliases, get_detector
from workbench.detectors.actors import ActorListError, ActorsDetector, load_actor_list
from workbench.evaluate import evaluate
from workbench.findings import findings_frame, normalise_frame, read_findings
from workbench.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "framing"
OWN_GOLD = OWN / "distancing_actors.gold.jsonl"
SEED_ID = "000_16d36fc435d4e2de"


def found(detector, text: str, layer: str) -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in detector.detect(Document("t", text)) if f.layer == layer]


def f1(detector, corpus, gold, layer: str) -> dict[str, float]:
    findings = findings_frame([f for doc in corpus for f in detector.detect(doc)])
    table = evaluate(findings, gold, match="overlap", corpus=corpus, layers=[layer])
    return dict(zip(table["label"], table["f1"]))


@pytest.fixture(scope="module")
def seed(seed_dir):
    return load_corpus(seed_dir)


@pytest.fixture(scope="module")
def gold(seed_gold):
    return read_findings(seed_gold)


def with_bare_surnames(gold: pd.DataFrame, text: str) -> pd.DataFrame:
    """The seed gold plus every bare surname of its persons (the issue's "every mention" rule)."""
    rows = []
    noms = gold[gold["layer"] == "nomination"]
    # Persons only: labels the gold also gives a full name ending in the label ("Vladimir Putin").
    persons = {label for label, text in zip(noms["label"], noms["text"]) if " " in text and text.split()[-1] == label}
    for name in sorted(persons):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not ((noms["start"] < m.end()) & (m.start() < noms["end"])).any():
                rows.append(dict(doc_id=SEED_ID, layer="nomination", label=name, start=m.start(), end=m.end(), text=name))
    return pd.concat([gold, normalise_frame(pd.DataFrame(rows))], ignore_index=True)


def test_registered_in_framing_group():
    detector = get_detector("actors")
    assert detector.layers == ("nomination", "predication")
    assert "actors" in aliases()["framing"]


def test_seed_nomination(seed, gold):
    # Issue 5 threshold, on the default detector: the seed gold marks naming choices, not bare surnames.
    detector = get_detector("actors")
    assert detector.bare_names is False
    scores = f1(detector, seed, gold, "nomination")
    assert scores["micro"] >= 0.8


def test_seed_nomination_every_mention(seed, gold):
    # With bare_names=True every bare surname is reported too: score against the gold plus bare surnames.
    extended = with_bare_surnames(gold, seed[SEED_ID].text)
    assert len(extended) > len(gold)
    scores = f1(ActorsDetector(bare_names=True), seed, extended, "nomination")
    assert scores["micro"] >= 0.8


def test_bare_surnames_only_with_bare_names():
    text = "Mark Hollis spoke first. Hollis left early, and Hollis's allies agreed. Mark was tired."
    default = found(ActorsDetector(), text, "nomination")
    every = found(ActorsDetector(bare_names=True), text, "nomination")
    assert default == [("Hollis", "Mark Hollis"), ("Hollis", "Mark")]  # a first name is a naming choice, kept
    assert every == [("Hollis", "Mark Hollis"), ("Hollis", "Hollis"), ("Hollis", "Hollis"), ("Hollis", "Mark")]


def test_bare_surnames_still_make_persons_and_subjects():
    # "Hollis" used again is the evidence that "Mark Hollis" is a person, and the subject of a predication.
    text = "Mark Hollis spoke first. Hollis, too, is weak."
    assert found(ActorsDetector(), text, "nomination") == [("Hollis", "Mark Hollis")]
    assert found(ActorsDetector(), text, "predication") == [("Hollis", "Hollis, too, is weak")]


NATIONS = {"Belarus": ["Belarus"], "Russia": ["Russia"]}


@pytest.mark.parametrize(
    "text",
    [
        "Troops gathered in Belarus.",
        "Refugees moved across Belarus and into Russia.",
        "Talks were held at the border inside Belarus.",
        "The Belarus border was closed.",  # modifier after a determiner
        "Many students now live and study in the West.",
    ],
)
def test_place_names_used_as_locations_are_not_nominations(text):
    noms = found(ActorsDetector(actor_list=NATIONS), text, "nomination")
    assert [t for label, t in noms if label in {"Belarus", "Russia", "West"}] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belarus decided to join the talks.", ("Belarus", "Belarus")),  # subject
        ("Belarus's army moved north.", ("Belarus", "Belarus")),  # possessor
        ("Troops left, and Russia subsidised Belarus.", ("Russia", "Russia")),
        ("The sanctions of the West hurt.", ("West", "the West")),
        ("The West sent aid.", ("West", "The West")),
        ("The Netherlands voted no.", ("Netherlands", "The Netherlands")),  # the article is part of the name
    ],
)
def test_place_names_as_subjects_or_possessors_stay_actors(text, expected):
    detector = ActorsDetector(actor_list={**NATIONS, "Netherlands": ["the Netherlands"]})
    assert expected in found(detector, text, "nomination")


def test_organisations_after_a_preposition_stay_nominations():
    # An institution named as the setting is still the institution whose conduct is discussed.
    text = "The row over waiting lists at St Aldric's Hospital grew. Dr Samuel Achebe spoke."
    assert ("St Aldric's Hospital", "St Aldric's Hospital") in found(get_detector("actors"), text, "nomination")


def test_seed_predication(seed, gold):
    scores = f1(get_detector("actors"), seed, gold, "predication")
    assert scores["micro"] >= 0.5 and scores["macro"] >= 0.5


# The texts the rules were developed on; dist_zoo_elephants is held out and scored only by
# benchmarks/accuracy_framing.py, so no one tunes to make a held-out assertion pass.
DEV_TEXTS = ("dist_council_parking", "dist_transfer_saga", "dist_waiting_list")


def test_own_texts():
    gold = read_findings(OWN_GOLD)
    gold = gold[gold["doc_id"].isin(DEV_TEXTS)]
    corpus = load_corpus(OWN)
    assert set(gold["doc_id"]) == set(DEV_TEXTS)
    detector = get_detector("actors")
    assert f1(detector, corpus, gold, "nomination")["micro"] >= 0.8
    assert f1(detector, corpus, gold, "predication")["micro"] >= 0.5


def test_offsets_are_valid_everywhere(seed, seed_dir, check_findings):
    for corpus, root in ((seed, seed_dir), (load_corpus(OWN), OWN)):
        findings = [f for doc in corpus for f in get_detector("actors").detect(doc)]
        assert check_findings(findings, corpus, root=root) > 10
        assert all(f.explanation and f.extras["actor"] == f.label for f in findings)


def test_nationality_role_nouns_resolve_to_persons(seed):
    findings = [f for f in get_detector("actors").detect(seed[SEED_ID]) if f.layer == "nomination"]
    by_text = {}
    for f in findings:
        by_text.setdefault(f.text.lower(), set()).add(f.label)
    assert by_text["the russian president"] == {"Putin"}
    assert by_text["the belarusian ruler"] == {"Lukashenko"}
    assert by_text["his russian counterpart"] == {"Putin"}
    assert by_text["the president of russia"] == {"Putin"}
    assert by_text["russian and belarusian rulers"] == {"Putin+Lukashenko"}
    assert by_text["the civilized world"] == {"West"}


def test_role_bound_by_apposition_and_title():
    text = (
        "The chairman, Graham Pellow, refused to sell. Health Minister Rachel Dunmore disagreed. "
        "Later the chairman changed his mind, and the minister said nothing. Pellow is stubborn."
    )
    noms = found(get_detector("actors"), text, "nomination")
    assert ("Pellow", "The chairman") in noms and ("Pellow", "the chairman") in noms
    assert ("Dunmore", "Health Minister Rachel Dunmore") in noms and ("Dunmore", "the minister") in noms


def test_unresolved_roles_and_pronouns_are_not_nominations():
    text = "Ann Lee, the mayor, spoke. She said the striker was tired. He left, and they cheered."
    noms = found(get_detector("actors"), text, "nomination")
    assert all(t.lower() not in {"she", "he", "they", "the striker"} for _, t in noms)
    assert ("Lee", "Ann Lee") in noms and ("Lee", "the mayor") in noms


def test_capitalised_words_without_person_evidence_are_not_actors():
    text = "The Smart Streets plan starts in March on Quay Street."
    assert found(get_detector("actors"), text, "nomination") == []


def test_document_without_actors_gives_empty_results():
    detector = get_detector("actors")
    assert list(detector.detect(Document("empty", "It rained all day. Nothing happened."))) == []
    assert list(detector.detect(Document("blank", "   \n"))) == []


def test_predications_fire():
    detector = get_detector("actors")
    text = (
        "Mark Hollis spoke first, and Jane Orr spoke last. Both Hollis and Orr are weak. It is not only Orr who is tired. "
        "Hollis, too, is weak. After the vote, he lost his nerve. Orr, a former banker, left."
    )
    preds = found(detector, text, "predication")
    assert ("Hollis+Orr", "Both Hollis and Orr are weak") in preds
    assert ("Orr", "It is not only Orr who is tired") in preds
    assert ("Hollis", "Hollis, too, is weak") in preds
    assert ("Hollis", "he lost his nerve") in preds
    assert ("Orr", "a former banker") in preds


@pytest.mark.parametrize(
    "text",
    [
        "Mark Hollis spoke. Hollis is already giving way.",  # progressive: an act in progress, not a quality
        "Mark Hollis spoke. Hollis's army is large.",  # possessive: the army is the subject
        "Mark Hollis spoke. The talks between Hollis and Jane Orr were held in May. Orr said so.",  # prepositional object
        "Mark Hollis spoke. Hollis was supposed to win.",  # distancing, not predication
        "Mark Hollis spoke. Hollis is still waiting.",  # degree word then progressive
    ],
)
def test_predications_do_not_fire(text):
    assert found(get_detector("actors"), text, "predication") == []


def test_actor_list_wins_and_merges(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("Putin:\n  - the Kremlin\n  - Vladimir Putin\nLukashenko: [Alexander Lukashenko]\n", encoding="utf-8")
    assert load_actor_list(path)["Putin"] == ["Putin", "the Kremlin", "Vladimir Putin"]
    detector = ActorsDetector(actor_list=path)
    noms = found(detector, "The Kremlin denied it. Vladimir Putin spoke, and Putin left.", "nomination")
    assert ("Putin", "The Kremlin") in noms and ("Putin", "Vladimir Putin") in noms
    assert found(ActorsDetector(actor_list={"EU": ["Brussels"]}), "Brussels said no.", "nomination") == [("EU", "Brussels")]


@pytest.mark.parametrize(
    "content",
    ["Putin: [unclosed\n", "- just\n- a list\n", "Putin: {nested: 1}\n"],
)
def test_bad_actor_list_names_the_file(tmp_path, content):
    path = tmp_path / "broken_actors.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActorListError, match="broken_actors.yaml"):
        load_actor_list(path)
    with pytest.raises(ActorListError, match="broken_actors.yaml"):
        ActorsDetector(actor_list=path)


def test_missing_actor_list_names_the_file(tmp_path):
    with pytest.raises(ActorListError, match="nowhere.yaml"):
        load_actor_list(tmp_path / "nowhere.yaml")


def test_nation_lexicon_gives_each_cue_one_nation():
    lexicon = load_lexicon("actors_nations")
    labels = lexicon.groupby("cue")["label"].nunique()
    assert labels.max() == 1, labels[labels > 1].to_dict()
    nations = dict(zip(lexicon["cue"], lexicon["label"]))
    assert nations["British"] == nations["Britain"] == nations["United Kingdom"]
    assert nations["American"] == nations["America"] == nations["United States"]


def test_international_community_is_not_the_west():
    detector = get_detector("actors")
    assert found(detector, "The West sent aid while the international community hesitated.", "nomination") == [
        ("West", "The West"),
        ("international community", "the international community"),
    ]


def test_names_inside_hyphenated_words_are_not_mentions():
    text = "Council leader Margaret Oyelaran said the plan would work. A pro-Oyelaran group and Oyelaran's allies agreed."
    mentions = [t for _, t in found(ActorsDetector(bare_names=True), text, "nomination")]
    assert "Oyelaran" in mentions[1:]  # the possessive "Oyelaran's" names her
    assert all(not text[text.index(m) - 1 :].startswith("-") for m in mentions)
    assert len([m for m in mentions if m == "Oyelaran"]) == 1


def test_many_names_are_found_in_linear_time():
    import random
    import string
    import time

    rng = random.Random(1)

    def word() -> str:
        return rng.choice(string.ascii_uppercase) + "".join(rng.choice("aeioulnrstk") for _ in range(7))

    names = [(word(), word()) for _ in range(800)]
    text = "\n\n".join(f"{a} {b} said the plan would work. Later {b} told reporters it was late." for a, b in names)
    started = time.perf_counter()
    found_mentions = [f for f in ActorsDetector(bare_names=True).detect(Document("names", text)) if f.layer == "nomination"]
    elapsed = time.perf_counter() - started
    assert len(found_mentions) == 1600
    assert elapsed < 2.0  # about 4 s when every name was a regex over the whole text


def test_group_lexicon_sources_give_a_general_rationale():
    lexicon = load_lexicon("actors_groups")
    assert not lexicon["source"].str.contains("seed", case=False).any()


