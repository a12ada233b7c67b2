"""Question detector (issue 4): finding questions, their function, series, answers, dialogues."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import get_detector
from workbench.detectors.questions.features import QuestionContext, Utterance, alternation, dialogue_model, dialogue_probability, rules, word_lists
from workbench.evaluate import evaluate
from workbench.findings import findings_frame
from workbench.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "questions"
OWN_GOLD = OWN / "questions.gold.jsonl"
# Texts written and annotated by annotators who had not seen the detector.
BLIND = ROOT / "tests" / "data" / "questions_blind"
BLIND_GOLD = BLIND / "questions.gold.jsonl"


@pytest.fixture(scope="module")
def detector():
    return get_detector("question")


def run(detector, text: str, **meta) -> list:
    doc = Document("t", text, meta)
    findings = list(detector.detect(doc))
    for f in findings:
        assert doc.text[f.start : f.end] == f.text
        assert f.explanation and f.layer == "question"
    return findings


def labels(detector, text: str) -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in run(detector, text)]


def micro_f1(findings, gold, corpus, mode="exact") -> float:
    table = evaluate(findings_frame(findings), gold, match=mode, corpus=corpus, layers=["question"])
    return float(table.loc[table["label"] == "micro", "f1"].iloc[0])


# ---------------------------------------------------------------- scores the issue asks for


def test_seed_every_question_found_with_its_function(detector, seed_dir, seed_gold):
    corpus = load_corpus(seed_dir)
    findings = [f for doc in corpus for f in detector.detect(doc)]
    assert len(findings) == 5
    assert micro_f1(findings, seed_gold, corpus) == 1.0
    by_start = {f.start: f for f in findings}
    assert by_start[728].extras["series"] == by_start[770].extras["series"] == 1
    assert by_start[728].extras["answered_by"]["text"].startswith("Share the responsibility with the allies")
    assert by_start[3297].extras == {"series": 2, "attributed_to": "Lukashenko"}
    assert "series" not in by_start[3031].extras


def test_own_texts_f1_at_least_0_8(detector):
    corpus = load_corpus(OWN)
    findings = [f for doc in corpus for f in detector.detect(doc)]
    for doc in corpus:
        for f in findings:
            if f.doc_id == doc.doc_id:
                assert doc.text[f.start : f.end] == f.text
    assert micro_f1(findings, OWN_GOLD, corpus, "exact") >= 0.8
    # must not drop below the figure before issue 18 (0.958)
    assert micro_f1(findings, OWN_GOLD, corpus, "overlap") >= 0.95


def test_own_gold_offsets_are_valid():
    for folder, gold in ((OWN, OWN_GOLD), (BLIND, BLIND_GOLD)):
        for line in gold.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = (folder / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            assert text[row["start"] : row["end"]] == row["text"]


def test_texts_by_annotators_who_had_not_seen_the_detector(detector):
    # Regression guard (docs/questions.md gives the history: 0.580 on all three sets before the
    # rules they prompted; 0.667 and 0.933 on the two sets first scored after such rules).
    corpus = load_corpus(BLIND)
    findings = [f for doc in corpus for f in detector.detect(doc)]
    texts = {doc.doc_id: doc.text for doc in corpus}
    assert all(texts[f.doc_id][f.start : f.end] == f.text for f in findings)
    # must not drop below the figure before issue 18 (0.920)
    assert micro_f1(findings, BLIND_GOLD, corpus, "overlap") >= 0.92


# The development half of the real-news-like blind set (issue 18); its held-out half is scored
# only by benchmarks/accuracy_questions.py --held-out, never asserted, so no rule is tuned to pass it.
NEWS = ROOT / "tests" / "data" / "questions_news"
NEWS_DEV = ("podcast_river_swimming", "explainer_renters_act", "column_cashless_parking", "poll_school_phones", "pressconf_stadium_loan", "advice_consumer_column")


def test_real_news_development_half(detector):
    corpus = load_corpus(NEWS)
    corpus.documents = [d for d in corpus.documents if d.doc_id in NEWS_DEV]
    findings = [f for doc in corpus for f in detector.detect(doc)]
    gold = pd.read_json(NEWS / "questions.gold.jsonl", lines=True)
    gold = gold[gold["doc_id"].isin(NEWS_DEV)]
    # 0.466 before issue 18; every question called rhetorical scores 0.270
    assert micro_f1(findings, gold, corpus, "overlap") >= 0.9
    table = evaluate(findings_frame(findings), gold, match="overlap", corpus=corpus, layers=["question"])
    assert float(table.loc[table["label"] == "information_seeking", "recall"].iloc[0]) >= 0.8


def test_news_gold_offsets_are_valid():
    for name in ("questions.gold.jsonl", "distancing.gold.jsonl"):
        for line in (NEWS / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = (NEWS / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
            assert text[row["start"] : row["end"]] == row["text"]


# ---------------------------------------------------------------- finding questions


def test_question_mark_sentence_is_a_question_and_statement_is_not(detector):
    found = labels(detector, "The bridge closed in May. Did anyone warn the drivers about it in advance? Nobody knows yet, officials said.")
    assert [t for _, t in found] == ["Did anyone warn the drivers about it in advance?"]


def test_title_without_question_mark_is_not_a_question(detector):
    text = "Why the bridge had to close\n\nThe bridge closed in May after engineers found cracks in two piers."
    assert labels(detector, text) == []
    with_mark = "Why did the bridge close?\n\nThe bridge closed in May after engineers found cracks in two piers."
    assert [t for _, t in labels(detector, with_mark)] == ["Why did the bridge close?"]


def test_indirect_question_is_not_a_question(detector):
    assert labels(detector, "She asked whether the plan was legal. Nobody could tell her who would pay for it.") == []


def test_question_continuing_after_a_dash_keeps_its_whole_sentence(detector):
    text = "How long can the town wait — another winter, another decade? The road is already crumbling."
    assert [t for _, t in labels(detector, text)] == ["How long can the town wait — another winter, another decade?"]


def test_quoted_question_is_marked_with_its_speaker(detector):
    text = 'The hall was full. "Who will pay for the repairs?" asked Anna Berg, a local shop owner. The mayor promised figures.'
    (f,) = run(detector, text)
    assert f.text.startswith('"Who will pay') and f.text.endswith("shop owner.")
    assert f.extras["quoted"] is True and f.extras["attributed_to"] == "Anna Berg"
    assert f.label == "information_seeking"


def test_question_about_a_quoted_term_is_the_authors_own(detector):
    text = 'Is this what the council calls "reform"? It looks like a cut.'
    (f,) = run(detector, text)
    assert "quoted" not in f.extras


def test_pronoun_speaker_of_a_quote_is_resolved_to_the_previous_subject(detector):
    text = 'Her brother runs the farm. "Why would anyone sell land now?" he said.'
    (f,) = run(detector, text)
    assert f.extras["attributed_to"] == "Her brother"
    assert f.label == "rhetorical"


# ---------------------------------------------------------------- function: hypophora


def test_because_answer_makes_hypophora_with_answer_offsets(detector):
    text = "Why did prices rise so fast? Because the harvest failed twice. Farmers sold what they had."
    (f,) = run(detector, text)
    assert f.label == "hypophora"
    answer = f.extras["answered_by"]
    assert text[answer["start"] : answer["end"]] == answer["text"] == "Because the harvest failed twice."


def test_no_answer_after_plain_question_is_not_hypophora(detector):
    text = "Why did prices rise so fast? Farmers in the north sold their grain early this year, and traders stored it."
    (f,) = run(detector, text)
    assert f.label != "hypophora" and "answered_by" not in f.extras


def test_bare_verb_opening_answers_a_why_question(detector):
    text = "Why does the company need this merger? Cut its costs, keep its suppliers, and calm its investors."
    assert labels(detector, text)[0][0] == "hypophora"


def test_name_opening_is_not_a_bare_verb_answer(detector):
    text = "Why does the company need this merger? Tesco announced the deal on Monday morning in London. Tesco has not commented."
    assert labels(detector, text)[0][0] != "hypophora"


def test_fragment_fills_the_wh_gap(detector):
    assert labels(detector, "Who pays for the new stadium? The taxpayers of the region.")[0][0] == "hypophora"
    assert labels(detector, "Who pays for the new stadium? The council has not said whether it will publish the contract.")[0][0] != "hypophora"


def test_polar_answers(detector):
    for answer in ("Not yet.", "Certainly not.", "Hardly.", "Mostly, yes."):
        assert labels(detector, f"Has the reform worked? {answer} The data are still thin.")[0][0] == "hypophora", answer
    assert labels(detector, "Has the reform worked? The data from the ministry arrive in June, the minister said.")[0][0] != "hypophora"


def test_answer_is_not_taken_from_a_following_question(detector):
    found = run(detector, "Is it fair? Is it legal? Lawyers disagree about both points in the new law.")
    assert all(f.label != "hypophora" for f in found)


# ---------------------------------------------------------------- function: rhetorical


# Quoted questions are judged on their own cues only, so they show what a cue does by itself.


def test_negative_polarity_question_is_rhetorical(detector):
    assert labels(detector, '"Isn\'t it obvious that the plan failed?" she asked the minister.')[0][0] == "rhetorical"
    assert labels(detector, '"Is it raining in Oslo today?" she asked the minister.')[0][0] == "information_seeking"


def test_modal_wh_question_is_rhetorical(detector):
    for question in ("Why would anyone care about that?", "Who could object to cleaner air?", "Can he afford to lose the north?"):
        assert labels(detector, f'"{question}" the mayor asked.')[0][0] == "rhetorical", question
    assert labels(detector, '"Why did the vote move to Friday?" the mayor asked.')[0][0] == "information_seeking"


def test_statement_contradicting_the_question_makes_it_rhetorical(detector):
    # An invitation to reply would make it a real request; the "Yet" sentence overrides it.
    assert labels(detector, "Tell us: who wants higher taxes? Yet the voters chose them twice. The polls agree.")[0][0] == "rhetorical"
    assert labels(detector, "Tell us: who wants higher taxes? The voters chose them twice. The polls agree.")[0][0] == "information_seeking"


def test_unanswered_author_question_is_rhetorical(detector):
    text = "Were they all mistaken? Did they simply enjoy losing money? The firm is not a bank, and its problem is staff."
    result = labels(detector, text)
    assert [label for label, _ in result] == ["rhetorical", "rhetorical"]
    finding = next(iter(detector.detect(Document("d", text))))
    assert "unanswered" in finding.explanation


def test_invitation_to_reply_makes_an_author_question_information_seeking(detector):
    for text in (
        "Tell us what you think: would your own workplace cope with a four-day week?",
        "Would your own workplace cope with a four-day week? Let us know in the comments.",
        "We want to hear from teachers. Would your school cope with a four-day week?",
    ):
        finding = next(iter(detector.detect(Document("d", text))))
        assert finding.label == "information_seeking", text
        assert "asks for a reply" in finding.explanation
    # the same question with no invitation is the author's own point
    assert labels(detector, "Would your own workplace cope with a four-day week? The council has not said.")[0][0] == "rhetorical"
    # "tell us" inside a statement is no invitation
    assert labels(detector, "The minister did not tell us. Will the bridge reopen before winter?")[0][0] == "rhetorical"


def test_verbless_reply_before_a_speech_insert_answers(detector):
    assert labels(detector, "Why did she take up the violin at sixty? Partly, she says, it was grief.")[0][0] == "hypophora"
    assert labels(detector, "Does she have regrets? Only one, she says: that she did not start at thirty.")[0][0] == "hypophora"
    # a yes/no question is not answered by a first clause without a polar word
    assert labels(detector, "Does she have regrets? At sixty, she says, the evenings are long.")[0][0] != "hypophora"


def test_verbless_first_clause_answers_a_wh_question(detector):
    text = "What would a fair trial look like? Six months, targets agreed in advance, and a review published whatever it finds."
    assert labels(detector, text)[0][0] == "hypophora"
    # a linking word or a time adverbial opening the clause does not answer
    text = "What would a fair trial look like? However, the council has published nothing so far."
    assert labels(detector, text)[0][0] != "hypophora"
    assert labels(detector, "Who will pay for this? Three years ago, a similar plan collapsed.")[0][0] != "hypophora"


def test_argument_inside_an_unanswered_paragraph_final_question_is_rhetorical(detector):
    text = "The plant is closing. How will the town pay its debts, especially since the plant paid most of the taxes?\n\nThe mayor spoke on Monday."
    assert labels(detector, text)[0][0] == "rhetorical"
    # The same question with an answer after it is a hypophora.
    answered = "The plant is closing. How will the town pay its debts, especially since the plant paid most of the taxes? Hardly at all."
    assert labels(detector, answered)[0][0] == "hypophora"


# ---------------------------------------------------------------- series and attribution


def test_back_to_back_questions_share_a_series(detector):
    text = "Will the shop survive? Can she pay the rent? The bank is closed today.\n\nWho owns the building? The city does."
    found = run(detector, text)
    assert [f.extras.get("series") for f in found] == [1, 1, None]


def test_questions_split_by_a_statement_or_paragraph_are_not_a_series(detector):
    found = run(detector, "Will the shop survive? The bank is closed. Can she pay the rent?\n\nWho owns the building?")
    assert all("series" not in f.extras for f in found)


def test_deliberation_sentence_attributes_the_series(detector):
    text = "Maria Lopez has her doubts. Will the shop survive the winter? Can she pay the rent in March? The bank is closed."
    found = run(detector, text)
    assert [f.extras.get("attributed_to") for f in found] == ["Maria Lopez", "Maria Lopez"]
    assert all(f.label == "rhetorical" for f in found)
    plain = run(detector, "Maria Lopez opened the shop in 1990. Will the shop survive the winter? Can she pay the rent in March? The bank is closed.")
    assert all("attributed_to" not in f.extras for f in plain)


def test_pronoun_deliberation_after_the_series_resolves_to_a_name(detector):
    text = "Petrov runs the mill. Can the mill survive? Will the buyers return? He cannot but ask himself these questions."
    found = run(detector, text)
    assert [f.extras.get("attributed_to") for f in found] == ["Petrov", "Petrov"]


# ---------------------------------------------------------------- dialogues


def _dialogue(write, rows) -> Document:
    path = write("dialogue.csv", "dialogue_id,speaker,text,question\n" + "".join(f'd1,{s},"{t}",{q}\n' for s, t, q in rows))
    (doc,) = list(load_corpus(path))
    return doc


def test_flagged_utterance_without_question_mark_is_a_question(detector, write):
    doc = _dialogue(write, [("A", "so what do you do for a living", "true"), ("B", "I teach.", ""), ("A", "that must be hard work.", "false")])
    found = list(detector.detect(doc))
    assert [f.text for f in found] == ["so what do you do for a living"]
    assert found[0].label == "information_seeking" and found[0].extras["speaker"] == "A"


def test_flag_false_overrides_the_question_mark(detector, write):
    doc = _dialogue(write, [("A", "you know?", "false"), ("B", "Yeah.", "")])
    assert list(detector.detect(doc)) == []


def test_unflagged_dialogue_turn_with_question_mark_is_a_question(detector, write):
    doc = _dialogue(write, [("A", "Do you have any pets?", ""), ("B", "Yes, two dogs.", "")])
    (f,) = list(detector.detect(doc))
    assert f.text == "Do you have any pets?" and f.label == "information_seeking"


def test_same_speaker_going_on_with_an_answer_makes_hypophora(detector, write):
    doc = _dialogue(write, [("A", "I read the news.", ""), ("A", "why would anybody do that", "true"), ("A", "because they make money, that's why.", "")])
    (f,) = list(detector.detect(doc))
    assert f.label == "hypophora"
    assert f.extras["answered_by"]["text"] == "because they make money, that's why."
    other = _dialogue(write, [("A", "I read the news.", ""), ("A", "why would anybody do that", "true"), ("B", "No, I don't think so.", "")])
    (g,) = list(detector.detect(other))
    assert g.label == "information_seeking"


def test_context_cues_move_the_dialogue_model_the_right_way():
    question = "why would anybody do that"
    same = dialogue_probability(QuestionContext(question, Utterance("because they make money", True)))[0]
    other = dialogue_probability(QuestionContext(question, Utterance("No, I don't think so.", False)))[0]
    assert same > other
    stock = dialogue_probability(QuestionContext("who knows.", Utterance("t_con they might win.", True)))[0]
    plain = dialogue_probability(QuestionContext("Do you have any pets?", Utterance("Yes, two dogs.", False)))[0]
    assert stock > dialogue_model()["threshold"] > plain


def test_swda_items_become_dialogues(tmp_path, repo_script):
    bench = repo_script("benchmarks/accuracy_questions.py")
    items = pd.DataFrame(
        [{"text": "who knows.", "label": "rhetorical", "next_utterance": "t_empty", "next_same_speaker": "0", "prev_utterance": "Yeah,", "prev_same_speaker": "0", "prev2_utterance": "t_empty", "prev2_same_speaker": "1"}]
    )
    rows = bench.swda_dialogue_rows(items)
    assert [(r["speaker"], r["text"], r["question"]) for r in rows] == [("B", "Yeah,", ""), ("A", "who knows.", "true")]
    (doc,) = bench.load_swda_documents(items)
    assert bench.flagged_labels([doc]) == ["rhetorical"]
    assert bench.binary_scores([True, False], [True, True])["precision"] == 0.5


# ---------------------------------------------------------------- data files and report


def test_cues_and_weights_live_in_data_files():
    lexicon = load_lexicon("questions")
    assert {"cue", "label", "category", "position", "weight", "source"} <= set(lexicon.columns)
    assert set(lexicon["label"]) <= {"rhetorical", "hypophora", "information_seeking"}
    assert rules()["hypophora_threshold"] > 0 and "weights" in rules()
    model = dialogue_model()
    assert 0 < model["threshold"] < 1 and "bias" in model["weights"]
    # word lists are data with a reason each (lexicons/questions_rules.yaml), lower case, never in models/
    lists = word_lists()
    assert {"wh_words", "speech_verbs", "finite_markers"} <= set(lists) and all(lists.reasons[k] for k in lists)
    assert all(w == w.lower() for words in lists.values() for w in words)
    assert not {"wh_words", "speech_verbs"} & set(rules())


def test_word_list_alternations_keep_the_case_rule():
    import re

    assert re.fullmatch(alternation(["the", "a"], initial="either"), "The") and re.fullmatch(alternation(["the", "a"], initial="either"), "a")
    assert re.fullmatch(alternation(["but"], initial="upper"), "But") and not re.fullmatch(alternation(["but"], initial="upper"), "but")
    # longest first, so a longer word is not cut at a shorter one
    assert re.match(alternation(["put", "put it"]), "put it").group() == "put it"


def test_dismissive_formulas_are_rhetorical_even_when_quoted(detector):
    for question in ("Who needs a spa when you have this?", "How am I supposed to find another ninety pounds?", "What are we meant to do?"):
        assert labels(detector, f'"{question}" she said.')[0][0] == "rhetorical", question
    # the question that ends a longer quotation is read on its own
    assert labels(detector, '"I have sat here for years. How am I supposed to pay?" she asked.')[0][0] == "rhetorical"
    # outside the formulas a quoted question put to someone stays information-seeking
    assert labels(detector, '"Who has a ticket for the late train?" she asked.')[0][0] == "information_seeking"
    assert labels(detector, '"When am I supposed to arrive?" she asked.')[0][0] == "information_seeking"


def test_hedged_reply_still_answers(detector):
    text = "Has the councillor ever lived in a terraced house with three children? I suspect not."
    assert labels(detector, text)[0][0] == "hypophora"
    assert labels(detector, "Will it work? I suspect not, though I hope so.")[0][0] == "hypophora"
    # the same words opening a longer claim are not the reply
    assert labels(detector, "Will it work? I think so-called experts are wrong about it.")[0][0] != "hypophora"


def test_nobody_answers_a_who_question_but_not_a_how_many_question(detector):
    assert labels(detector, "Who pays for the new roof? Nobody, it seems.")[0][0] == "hypophora"
    assert labels(detector, "How many residents visit on Fridays? Nobody has counted.")[0][0] != "hypophora"


def test_question_after_a_lead_in_colon_is_read_from_the_colon(detector):
    # the wh-word and cues come from the question itself, so "Nobody" does not answer "how many"
    text = "The councillors had one question of their own: how many residents visit on Fridays? Nobody has counted."
    finding = next(iter(detector.detect(Document("d", text))))
    assert finding.label == "information_seeking"
    assert finding.text == "The councillors had one question of their own: how many residents visit on Fridays?"
    # a cue opening the question after the colon counts
    assert labels(detector, '"Here is my point: who could object to cleaner air?" she asked.')[0][0] == "rhetorical"


# ---------------------------------------------------------------- real news formats (issue 18)


def by_text(detector, text: str) -> dict[str, object]:
    return {f.text: f for f in run(detector, text)}


def test_transcript_questions_are_read_in_the_speakers_voice(detector):
    text = (
        "An edited transcript of the interview follows.\n\n"
        "HOST: Welcome back. Was the committee told about the leak?\n\n"
        "MAYOR: I believe so. Was it told in time? No. And who decided to wait? I have asked twice.\n\n"
        "HOST: Will you publish the minutes?\n\n"
        "MAYOR: Next week."
    )
    found = by_text(detector, text)
    host = found["Was the committee told about the leak?"]
    assert host.label == "information_seeking" and host.extras["speaker"] == "HOST" and host.extras["turn"] == 1
    assert host.extras["answer_speaker"] == "MAYOR" and host.extras["answered_by"]["text"].startswith("I believe so")
    # the mayor's own questions: answered by herself, or asked and left behind
    assert found["Was it told in time?"].label == "hypophora" and found["Was it told in time?"].extras["speaker"] == "MAYOR"
    assert found["And who decided to wait?"].label == "rhetorical"
    assert found["Will you publish the minutes?"].label == "information_seeking" and found["Will you publish the minutes?"].extras["turn"] == 3
    # the reply is never the asker's own answer
    assert all(f.label != "hypophora" or f.extras.get("speaker") != "HOST" for f in found.values())


def test_without_tags_the_same_text_is_the_authors(detector):
    found = by_text(detector, "Was the committee told about the leak? It had met twice that week.")
    assert found["Was the committee told about the leak?"].label == "rhetorical"
    assert "speaker" not in found["Was the committee told about the leak?"].extras


def test_a_signed_letter_is_answered_by_the_reply(detector):
    text = "Our landlord kept the deposit. Can we get it back? \u2014 T.M., Ashby\n\nSara replies: Usually, yes. Ask the deposit scheme first."
    (letter,) = [f for f in run(detector, text) if f.text == "Can we get it back?"]
    assert letter.label == "information_seeking" and letter.extras["answer_speaker"] == "Sara"


def test_explainer_headings_are_answered_by_the_paragraph_below(detector):
    text = (
        "What changes in May?\n\nThe new rules apply to every tenancy signed after the first of May.\n\n"
        "Who pays the fee?\n\nLandlords pay it once a year, per property.\n\n"
        "Where can I complain?\n\nAt the housing tribunal, which sits monthly."
    )
    found = run(detector, text)
    assert [f.label for f in found] == ["hypophora"] * 3
    assert found[0].extras["heading"] is True and found[0].extras["answered_by"]["text"].startswith("The new rules apply")


def test_a_lone_question_paragraph_needs_an_answer_that_takes_it_up(detector):
    answered = "Is the pool worth saving?\n\nThe pool is worth saving, the survey says, if the roof holds."
    assert run(detector, answered)[0].label == "hypophora"
    unrelated = "Is the pool worth saving?\n\nCouncillors meet on Thursday to set the budget for the year."
    assert run(detector, unrelated)[0].label == "rhetorical"


def test_a_question_followed_by_options_is_a_poll(detector):
    text = "Parents were asked one question:\n\nShould lessons start later?\n(a) Yes\n(b) No\n(c) Not sure\n\nMost chose (a)."
    (poll,) = run(detector, text)
    assert poll.label == "information_seeking" and poll.extras["poll"] is True and "3 answer options" in poll.explanation
    # a question followed by prose is no poll
    assert "poll" not in run(detector, "Should lessons start later? Yes, say most parents.")[0].extras


def test_tag_questions_seek_confirmation_only_when_someone_else_answers(detector):
    answered = '"You signed the contract in May, didn\'t you?" the lawyer asked. "I signed a draft," Pell said.'
    assert run(detector, answered)[0].label == "information_seeking"
    goes_on = '"We all want safer roads, don\'t we? That is why we built the crossing," the mayor said.'
    tag = [f for f in run(detector, goes_on) if "don't we" in f.text][0]
    assert tag.label == "rhetorical" and "tag question" in tag.explanation


def test_every_question_of_a_quotation_is_found_and_answered_inside_it(detector):
    text = '"Critics ask me: why a bridge? Why now? I will tell you why. Because the ferry is failing," she said.'
    found = run(detector, text)
    assert [f.text for f in found] == ["Critics ask me: why a bridge?", "Why now?"]
    assert all(f.label == "hypophora" and f.extras["series"] == 1 for f in found)


def test_a_quoted_question_answered_by_someone_else_seeks_information(detector):
    text = '"Will the depot close?" asked a driver. The manager replied that it would stay open until June.'
    (q,) = run(detector, text)
    assert q.label == "information_seeking" and q.extras["answer_speaker"] == "The manager"
    text = '"Will the depot close?" asked a driver. "Not this year," the manager said.'
    assert run(detector, text)[0].extras["answer_speaker"] == "the manager"


def test_a_quoted_question_said_and_left_is_the_speakers_point(detector):
    said = '"Did anybody think of the drivers?" she said. "We heard about it on the radio."'
    assert run(detector, said)[0].label == "rhetorical"
    asked = '"Did the drivers hear about it first?" she asked.'
    assert run(detector, asked)[0].label == "information_seeking"


def test_elliptical_replies_answer(detector):
    assert run(detector, "Isn't the market shrinking anyway? Perhaps it is. But that is no reason to give up.")[0].label == "hypophora"
    assert run(detector, "So who pays for the repairs? In the end, you do.")[0].label == "hypophora"
    # an auxiliary that ends a longer clause is no ellipsis
    assert run(detector, "Isn't the market shrinking anyway? Analysts think the figures show it is.")[0].label != "hypophora"


def test_an_answer_follows_closely(detector):
    # a verbless opening of the next paragraph is new material, not the answer
    text = "Buses run late every day. What is a timetable worth if no bus keeps it?\n\nCouncillor Jane Ruddock, who chairs the transport board, disagrees."
    assert run(detector, text)[0].label == "rhetorical"
    # a question on its own line is a heading: the paragraph below may answer it
    assert run(detector, "What is a timetable worth?\n\nVery little, if no bus keeps it.")[0].label == "hypophora"
    # in the same paragraph the fragment answers
    assert run(detector, "What is a timetable worth if no bus keeps it? Very little.")[0].label == "hypophora"


def test_instructions_and_noun_phrases_answer_elliptical_and_wh_questions(detector):
    assert run(detector, "And the receipts? Keep every one of them.")[0].label == "hypophora"
    assert run(detector, "Paid in cash? Then ask the shop for a written receipt.")[0].label == "hypophora"
    assert run(detector, "What did residents get instead? A hotline that nobody answers.")[0].label == "hypophora"
    # a plural noun is no bare verb
    assert run(detector, "Why did prices rise? Farmers in the north sold early.")[0].label != "hypophora"


def test_an_answer_that_takes_up_the_question(detector):
    assert run(detector, "What does 'fair' mean here? In most cases it means one price for everyone.")[0].label == "hypophora"
    # a cued rhetorical question followed by related words argues instead of answering
    assert run(detector, "Who could possibly object to fair prices? Fair prices have helped every town that tried them.")[0].label == "rhetorical"


def test_a_call_out_to_readers_seeks_replies(detector):
    for text in ("Are you a parent at the school? Write to us at letters@example.org.", "Have you been affected by the closure? Send your story to the newsdesk."):
        (q,) = run(detector, text)
        assert q.label == "information_seeking" and "asks for a reply" in q.explanation, text
    # an instruction that is no call for replies answers an advice question
    assert run(detector, "Should I keep the receipt? Keep it for a year.")[0].label != "information_seeking"
