"""Generic news frames: the item detectors, the document model, findings, errors and scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import aliases, get_detector, get_spec
from workbench.detectors.frames import FRAMES, frame_sentences, item_hits, items, rank_frames, sentence_cues
from workbench.detectors.frames.instrument import _pattern_classes, _phrase_classes, load_instrument
from workbench.detectors.frames.model import score_frames, weights
from workbench.evaluate import evaluate
from workbench.findings import read_findings
from workbench.lexicons import load_lexicon
from workbench.matching import PhraseMatcher
from workbench.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]
FRAMING = ROOT / "tests" / "data" / "framing"
GOLD = FRAMING / "frames_loaded.gold.jsonl"
FRAMES_NEWS = ROOT / "tests" / "data" / "frames_news"
# The development half of the blind frames_news set; the other six texts are held out and
# scored only by benchmarks/accuracy_framing.py, never asserted here.
FRAMES_NEWS_DEV = ("energy_tariffs", "football_club_debts", "ai_company_regulator", "farmers_protest_family", "refugee_family", "church_hall_column")

# One question of the instrument each: sentences (our own wording) that answer it yes, and
# near misses that share its words but do not.
ITEM_CASES = {
    "responsibility.government_can_act": (
        ["The council could introduce a ban on night flights next year.", "Campaigners urged ministers to act on rents.",
         "It is the council's job to repair the bridge."],
        ["The council met on Tuesday in the old town hall.", "Ministers flew to Lisbon for the summit."],
    ),
    "responsibility.government_responsible": (
        ["Critics say the ministry failed to inspect the bridge for a decade.", "Local government cuts closed three libraries in the town."],
        ["The ministry published its annual report on Monday.", "The bridge failed an inspection last spring, the engineers said in a long report that was sent to ministers."],
    ),
    "responsibility.group_responsible": (
        ["The inquiry found the landlord responsible for the damp.", "Residents blame the developer for the cracked walls."],
        ["The landlord repainted the hallway in spring.", "The developer showed visitors around the new flats."],
    ),
    "responsibility.solutions": (
        ["The report recommends a national register of landlords.", "A simpler form would help older applicants."],
        ["The report runs to ninety pages.", "The form has four pages."],
    ),
    "responsibility.urgency": (
        ["Doctors warned that action was needed urgently.", "The roof could collapse within two winters, surveyors said."],
        ["The roof was repaired two winters ago.", "Doctors met at the annual conference in May."],
    ),
    "human_interest.human_example": (
        ["Lena Ortiz, 41, has waited eight months for surgery.", "A retired postman from Dunmore told us he skips meals."],
        ["The hospital has 400 beds and two car parks.", "Officials published the waiting times on Friday."],
    ),
    "human_interest.emotion": (
        ["Her voice broke as she described the heartbreaking loss of the shop.", "Parents said they were worried and angry."],
        ["The shop closed at six.", "Markets were worried about inflation."],
    ),
    "human_interest.people_affected": (
        ["Hundreds of families were evacuated from their homes.", "Many tenants cannot afford to heat their flats."],
        ["The flats were built in 1970.", "Tenants elected a new committee chair."],
    ),
    "human_interest.private_life": (
        ["His wife gave up her shifts to look after him.", "She grew up above her parents' bakery."],
        ["The bakery opens at seven.", "The union represents bakery staff."],
    ),
    "conflict.disagreement": (
        ["The union rejected the offer and the dispute goes on.", "The two firms disagree over the contract."],
        ["The union accepted the offer on Friday.", "The two firms signed the contract.", "Shipping firms warned that rival ports would win customers."],
    ),
    "conflict.reproach": (
        ["The mayor accused the contractor of cutting corners.", "Fans criticised the board for the ticket prices."],
        ["The mayor thanked the contractor.", "Fans queued for tickets."],
    ),
    "conflict.two_sides": (
        ["Critics call the plan reckless, while supporters say it is overdue.", "Both sides claim the figures prove them right."],
        ["The plan was published in March.", "The figures were revised upwards."],
    ),
    "conflict.winners_losers": (
        ["Large estates are the big winners, and small farms lose out.", "The change favours big chains at the expense of corner shops."],
        ["The change takes effect in June.", "Corner shops open on Sundays."],
    ),
    "morality.moral_message": (
        ["It is morally wrong to profit from a shortage of medicine.", "Hiding the figures was dishonest and shameful."],
        ["The medicine is stored in a cool place.", "The figures were wrong by two percent."],
    ),
    "morality.religion": (
        ["Scripture tells believers to welcome the stranger.", "The bishop asked the congregation to pray for the miners."],
        ["The church hall hosts a toddler group.", "The Lord Mayor opened the fair."],
    ),
    "morality.prescription": (
        ["We should all check on our elderly neighbours this winter.", "Those who decide this should visit the ward first."],
        ["The council should publish the accounts.", "Visitors may park behind the ward."],
    ),
    "economic.money_lost_or_gained": (
        ["The club lost £4m last season.", "Shopkeepers expect profits to fall again."],
        ["The club played four games last season.", "Shopkeepers open at nine."],
    ),
    "economic.cost_stated": (
        ["The repairs will cost £2.5m.", "Each household pays a fee of $120 a year."],
        ["The repairs will take two years.", "The street has 120 households."],
    ),
    "economic.consequences": (
        ["The tariff could cost thousands of jobs in the region.", "Higher rates will hit the economy hardest in the north."],
        ["The region has three large lakes.", "The economy was discussed at dinner."],
    ),
}


def answered(text: str) -> set[str]:
    return {hit.item for hit in item_hits(Document("t", text))}


def frames_of(text: str, **kwargs) -> set[tuple[int, str]]:
    return {(sf.sentence, sf.frame) for sf in frame_sentences(Document("t", text, {}), **kwargs)}


@pytest.fixture(scope="module")
def seed_run():
    corpus = load_corpus(ROOT / "seeds")
    return corpus, analyze(corpus, detectors=["frames"], progress=False)


@pytest.fixture(scope="module")
def framing_run():
    corpus = load_corpus(FRAMING)
    return corpus, analyze(corpus, detectors=["frames"], progress=False)


def test_registered_with_layers_units_labels_and_alias():
    detector = get_detector("frames")
    assert detector.layers == ("frame", "doc_frame")
    assert "frames" in aliases()["framing"]
    layers = {layer.name: layer for layer in get_spec("frames").layers}
    assert layers["frame"].unit == "sentence" and layers["doc_frame"].unit == "document"
    assert layers["frame"].labels == layers["doc_frame"].labels == FRAMES


def test_the_instrument_has_semetko_and_valkenburgs_questions():
    found = items()
    codes = [item.code for item in found]
    assert len(found) == 19 and len(set(codes)) == 19
    assert {item.frame for item in found} == set(FRAMES)
    assert [c for c in codes if c.startswith("re")] == ["re1", "re2", "re3", "re4", "re5"]
    for item in found:
        assert item.id.startswith(item.frame + ".") and item.question.endswith("?") and item.reason and item.recipes


def test_every_cue_class_is_used_and_every_used_class_exists():
    used = {cls for item in items() for recipe in item.recipes for cls, _ in recipe} | set(load_instrument()["voice_classes"])
    shipped = set(_phrase_classes()) | set(_pattern_classes()) | {"quoted_first_person"}
    assert used == shipped


@pytest.mark.parametrize("item", sorted(ITEM_CASES))
def test_each_item_fires_and_does_not_fire(item):
    yes, no = ITEM_CASES[item]
    for sentence in yes:
        assert item in answered(sentence), (item, sentence)
    for sentence in no:
        assert item not in answered(sentence), (item, sentence)


def test_every_item_has_test_sentences():
    assert set(ITEM_CASES) == {item.id for item in items()}


def test_a_capitalised_cue_inside_a_sentence_is_a_name():
    assert "economic.cost_stated" not in answered("Anna Price, a teacher, said the fee was set at £30 by Mark Bill.") - answered("The fee was set at £30.")
    assert "conflict.disagreement" not in answered("Jenny Protest opened the exhibition.")
    assert "conflict.disagreement" in answered("A protest closed the road.")


def test_recipe_cues_must_be_close_together():
    near = "Critics say ministers failed to act."
    far = "Ministers opened the new road on Monday, and later in the week the old bridge over the river failed."
    assert "responsibility.government_responsible" in answered(near)
    assert "responsibility.government_responsible" not in answered(far)


def test_hostility_needs_two_parties_or_two_cues():
    assert "conflict.disagreement" in answered("The army launched an offensive against the rebels.")
    assert "conflict.disagreement" not in answered("The war museum opened a new cafe on Sunday.")


def test_a_lie_and_not_a_place_to_lie():
    assert "morality.moral_message" in answered("The claim was a terrible lie.")
    assert "morality.moral_message" not in answered("The problem lies in the design, and the cat likes to lie in the sun.")


def hits_of(text: str, item: str) -> list:
    return [hit for hit in item_hits(Document("t", text)) if hit.item == item]


def test_a_moral_judgement_in_someone_elses_words_answers_the_item_but_is_no_frame_evidence():
    own = hits_of("Hiding the figures from patients was dishonest.", "morality.moral_message")
    quoted = hits_of('"Hiding the figures was dishonest," a union official said.', "morality.moral_message")
    attributed = hits_of("According to the union, hiding the figures was dishonest.", "morality.moral_message")
    assert own and own[0].counts and not own[0].reported
    assert quoted and quoted[0].reported and not quoted[0].counts
    assert attributed and attributed[0].reported and not attributed[0].counts
    # Items of any voice count wherever they are answered.
    reproach = hits_of('"The board misled us," the tenants said, accusing the landlord of delay.', "conflict.reproach")
    assert reproach and reproach[0].reported and reproach[0].counts


def test_an_answer_in_someone_elses_words_is_shown_but_adds_nothing():
    from workbench.findings import findings_frame
    from workbench.views.frames import evidence_html

    doc = Document("q", '"Hiding the figures from patients was dishonest," a union official said.')
    rows = findings_frame(list(get_detector("frames").detect(doc)))
    sentence = rows[rows["layer"] == "frame"].iloc[0]
    assert sentence["label"] == "morality" and sentence["score"] == 0.0
    assert sentence["extras"]["not_counted"] == ["morality.moral_message"] and "not counted" in sentence["explanation"]
    morality = rows[(rows["layer"] == "doc_frame") & (rows["label"] == "morality")].iloc[0]
    assert morality["extras"]["items"] == {} and morality["extras"]["reported"] == {"morality.moral_message": [0]}
    assert not morality["extras"]["present"]
    assert "someone else's words" in evidence_html(doc, rows)


def test_feelings_in_the_storys_own_words_count_and_a_spokespersons_do_not():
    own = hits_of("The heartbreaking letters from patients piled up on the desk.", "human_interest.emotion")
    told = hits_of("The baker said she cried when she heard the shop would close.", "human_interest.emotion")
    quoted = hits_of('"We are heartbroken by the decision," the company said.', "human_interest.emotion")
    assert own and own[0].counts
    # Indirect speech is the story telling what someone felt: a vignette, unlike a moral judgement.
    assert told and told[0].reported and told[0].counts
    assert quoted and not quoted[0].counts
    doc = Document("t", '"We are heartbroken by the decision," the company said.')
    assert "human_interest.emotion" not in {i for r in rank_frames(doc, item_hits(doc)) for i in r.items}


def test_a_named_resident_is_a_human_example_and_an_affiliation_or_office_is_not():
    for yes in ("Jorge Silva, from Braga, has waited a year for a flat.", "Tom Reed, of Hartley, lost his job in May."):
        assert "human_interest.human_example" in answered(yes), yes
    for no in ("The plan was backed by Anna Reyes of the Sierra Fund.", "Anna Reyes from the University of Leeds led the study.",
               "Senator Jorge Silva from Braga voted against it.", "Jorge Silva, from Braga, the mayor, opened the hall.",
               "Anna Reyes of Leeds University said the figures were wrong."):
        assert "human_interest.human_example" not in answered(no), no


def test_an_age_range_is_a_group_in_a_poll_not_a_person():
    assert "human_interest.human_example" in answered("Her father, aged 84, still milks the cows by hand.")
    assert "human_interest.human_example" not in answered("Most voters aged 18 to 29 backed the plan, and so did those aged 30-44.")


def test_a_government_that_can_use_a_policy_instrument_can_act_unless_it_undoes_rules():
    for yes in ("The state could set strict limits on night noise.", "Parliament will pass the bill after the summer.",
                "A federal judge can restore the restrictions on building near the river.", "Forty countries plan to sign the treaty in Geneva."):
        assert "responsibility.government_can_act" in answered(yes), yes
    for no in ("The ministry plans to repeal the limits on night noise.", "The council will scrap the parking scheme in May."):
        assert "responsibility.government_can_act" not in answered(no), no
        assert "responsibility.government_responsible" in answered(no), no
    # A past action reports an event; the item asks what the government can do.
    assert "responsibility.government_can_act" not in answered("Last year the state set strict limits on night noise.")
    # A request that the government undo a rule is still a request that it act.
    assert "responsibility.government_can_act" in answered("Residents urged ministers to repeal the rule.")


def test_disagreement_named_outright_and_attribution_is_not_a_second_side():
    for yes in ("The plan met fierce opposition in the valley.", "Farmers defied the order and kept the gates open.",
                "The report drew an outcry from parents.", "The club took issue with the league's figures."):
        assert "conflict.disagreement" in answered(yes), yes
    assert "conflict.disagreement" not in answered("The opposition leader opened the new library.") - answered("The leader opened the new library.")
    assert "conflict.two_sides" in answered("The figures rose, but the union said they hide a fall in pay.")
    for no in ("The figures rose, but he added that the data were incomplete.", "Sales fell, but prices rose, according to the ministry."):
        assert "conflict.two_sides" not in answered(no), no


def test_a_prescription_has_a_generic_subject_and_looks_forward():
    for yes in ("No one should have to choose between heating and eating.", "Parents must never leave a child alone in a car.",
                "Drivers should slow down near the school gates."):
        assert "morality.prescription" in answered(yes), yes
    for no in ("The council should publish the accounts.", "Someone must have left the gate open.",
               "Then one of the drivers must have called the police.", "People should have known better."):
        assert "morality.prescription" not in answered(no), no


def test_a_sum_at_stake_in_what_would_happen_is_money_lost_or_gained():
    assert "economic.money_lost_or_gained" in answered("The closure would cost the town £2m a year.")
    assert "economic.money_lost_or_gained" in answered("The new route could bring in $40 million in fares.")
    assert "economic.money_lost_or_gained" not in answered("The town hall was sold for £2m in 1990.")
    # The US government is not an insolvency procedure.
    assert "economic.money_lost_or_gained" not in answered("The administration's budget was published on Monday.")


def test_blaming_a_party_is_a_reproach_and_blaming_a_cause_is_not():
    for yes in ("The mayor blamed Ortiz for the delay.", "Residents blame the developer for the cracked walls.",
                "He kept blaming local environmental groups for the closures.", "Her uncle blamed her for the crash."):
        assert "conflict.reproach" in answered(yes), yes
    for no in ("He blamed the delay on the shutdown.", "Engineers blame the frost for the cracks in the road."):
        assert "conflict.reproach" not in answered(no), no


def test_frames_subset_and_unknown_frame():
    text = "The union rejected the offer. The repairs will cost £2m."
    assert {f for _, f in frames_of(text, frames=["conflict"])} == {"conflict"}
    with pytest.raises(ValueError) as info:
        frame_sentences(Document("t", text, {}), frames=["conflict", "heroism"])
    message = str(info.value)
    assert "heroism" in message and all(frame in message for frame in FRAMES)


def test_no_evidence_and_empty_documents_give_no_findings():
    detector = get_detector("frames")
    assert list(detector.detect(Document("a", "The meeting starts at ten. Bring a pen.", {}))) == []
    assert list(detector.detect(Document("b", "", {}))) == []


def test_a_document_with_evidence_gets_a_full_ranking():
    doc = Document("d", "The union rejected the offer and the dispute goes on.")
    rows = [f for f in get_detector("frames").detect(doc) if f.layer == "doc_frame"]
    assert sorted(f.label for f in rows) == sorted(FRAMES)
    assert sorted(f.extras["rank"] for f in rows) == [1, 2, 3, 4, 5]
    top = next(f for f in rows if f.extras["rank"] == 1)
    assert top.label == "conflict" and top.extras["items"] == {"conflict.disagreement": [0]}
    assert all(isinstance(f.extras["present"], bool) and 0.0 <= f.score <= 1.0 for f in rows)
    assert all(not f.extras["items"] for f in rows if f.label != "conflict")


def test_present_frames_rank_before_absent_ones_and_evidence_before_none():
    ranking = score_frames({"conflict.disagreement": (0, 1, 2, 3), "conflict.reproach": (1, 2), "human_interest.private_life": (4,)})
    assert ranking[0].frame == "conflict" and ranking[0].present
    flags = [(not r.present, not r.items) for r in ranking]
    assert flags == sorted(flags)
    assert ranking[1].frame == "human_interest"


def test_a_passing_mention_in_one_paragraph_is_not_a_frame():
    evidence = {"economic.cost_stated": (1, 2), "economic.money_lost_or_gained": (1, 2)}
    spread = score_frames(evidence, paragraphs=[0, 1, 2, 2])
    one = score_frames(evidence, paragraphs=[0, 1, 1, 2])
    single = score_frames(evidence, paragraphs=[0, 0, 0, 0])
    economic = {name: next(r for r in ranking if r.frame == "economic") for name, ranking in (("spread", spread), ("one", one), ("single", single))}
    assert economic["spread"].present and not economic["one"].present
    assert economic["single"].present  # a document of one paragraph is not held to the rule
    assert economic["one"].probability == economic["spread"].probability


def test_the_fitted_model_is_plain_data_with_non_negative_weights():
    model = weights()
    assert set(model["frames"]) == set(FRAMES)
    for frame, spec in model["frames"].items():
        assert set(spec["weights"]) == {item.id for item in items([frame])}
        assert all(w >= 0 for w in spec["weights"].values()) and 0 < spec["threshold"] < 1
    assert model["script"] == "scripts/train_frames.py" and (ROOT / model["script"]).is_file()
    assert model["cross_validation"]["folds"] == 5


def test_findings_span_sentences_and_doc(framing_run, seed_run, check_findings):
    for (corpus, findings), root in ((framing_run, FRAMING), (seed_run, ROOT / "seeds")):
        assert check_findings(findings, corpus, root=root) == len(findings) > 0
        for row in findings.itertuples(index=False):
            doc = corpus[row.doc_id]
            sentences = doc.segments.sentences
            if row.layer == "frame":
                assert (row.start, row.end) == sentences[row.sentence]
                assert row.cue and row.explanation
                assert row.extras["item"] in row.extras["items"] and all(i.startswith(row.label + ".") for i in row.extras["items"])
                assert all(code in row.explanation for code in row.extras["codes"])
            else:
                assert (row.start, row.end) == (sentences[0][0], sentences[-1][1])
                assert doc.text[row.start : row.end] == doc.text.strip()
        for doc_id, rows in findings[findings["layer"] == "doc_frame"].groupby("doc_id"):
            assert sorted(int(e["rank"]) for e in rows["extras"]) == [1, 2, 3, 4, 5]
            frame_rows = findings[(findings["doc_id"] == doc_id) & (findings["layer"] == "frame")]
            for extras, label in zip(rows["extras"], rows["label"]):
                mine = frame_rows[frame_rows["label"] == label]
                for item, sentences_ in extras["items"].items():
                    # Every item answered yes is backed by frame findings that name it.
                    for s in sentences_:
                        assert any(item in e["items"] for e in mine.loc[mine["sentence"] == s, "extras"]), (doc_id, item, s)


def test_one_finding_per_sentence_and_frame(seed_run):
    _, findings = seed_run
    frames = findings[findings["layer"] == "frame"]
    assert not frames.duplicated(["doc_id", "sentence", "label"]).any()


def test_seed_frame_f1(seed_run):
    corpus, findings = seed_run
    scores = evaluate(findings, ROOT / "seeds" / "000_16d36fc435d4e2de.gold.jsonl", corpus=corpus, layers=["frame"]).set_index(["layer", "label"])
    assert scores.loc[("frame", "micro"), "f1"] >= 0.6
    assert scores.loc[("frame", "macro"), "f1"] >= 0.6


def test_framing_dev_texts_frame_f1_and_dominant_frame(framing_run):
    # Dev texts only: the held-out *_test texts are scored by benchmarks/accuracy_framing.py,
    # never asserted here, so that no one tunes cues to make a test-split assertion pass.
    # The dominant frame was asserted right for all six when the old cue weights were set by
    # hand on these very texts; the document model is now fitted on real news, and one of the
    # six (health_vaccine_dev: responsibility carried by blame, which the development labels
    # do not count; docs/framing.md) ranks conflict first.
    corpus, findings = framing_run
    gold = read_findings(GOLD)
    gold = gold[gold["doc_id"].str.endswith("_dev")]
    scores = evaluate(findings, gold, corpus=corpus, layers=["frame", "doc_frame"]).set_index(["layer", "label"])
    assert scores.loc[("frame", "micro"), "f1"] >= 0.6
    assert scores.loc[("doc_frame", "top1"), "accuracy"] >= 5 / 6


def test_frames_news_dev_half_item_agreement():
    # Item answers (yes/no per document) against the blind annotation, development half only.
    corpus = load_corpus(FRAMES_NEWS)
    gold = {json.loads(line)["doc_id"]: json.loads(line)["answers"] for line in (FRAMES_NEWS / "questions.gold.jsonl").read_text(encoding="utf-8").splitlines()}
    code = {item.id: item.code for item in items()}
    tp = fp = fn = 0
    for doc_id in FRAMES_NEWS_DEV:
        doc = corpus[doc_id]
        yes = {code[hit.item] for hit in item_hits(doc)}
        truth = {c for c, answer in gold[doc_id].items() if answer == "yes"}
        tp, fp, fn = tp + len(yes & truth), fp + len(yes - truth), fn + len(truth - yes)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.75


def test_one_scan_finds_what_each_class_matcher_finds_per_sentence():
    # The detector scans each document once for all cue classes and files matches by sentence;
    # that must equal each class's own matcher run over each sentence (before the name rule).
    table = load_lexicon("frames")
    matchers = {label: PhraseMatcher(rows["cue"]) for label, rows in table.groupby("label")}
    docs = [*load_corpus(ROOT / "seeds"), *load_corpus(FRAMING)]
    compared = 0
    for doc in docs:
        per_sentence = sentence_cues(doc)
        for index, (start, end) in enumerate(doc.segments.sentences):
            for label, matcher in matchers.items():
                expected = {(s, e) for s, e, phrase in matcher.finditer(doc.text, start, end) if not doc.text[s].isupper() or not phrase[0].islower()}
                found = {(c.start, c.end) for c in per_sentence[index].get(label, ())}
                assert expected <= found, (doc.doc_id, index, label)
                compared += len(expected)
    assert compared > 500
