"""Stance detector: hedges, boosters, attributions, sentence uncertainty, document profile (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import get_detector
from workbench.detectors.stance import sentence_uncertainty
from workbench.detectors.stance.lexicon import LIST_RULES, SCAN_RULES
from workbench.detectors.stance.rules import RULES
from workbench.evaluate import evaluate
from workbench.findings import findings_frame, read_findings
from workbench.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "stance"
OWN_GOLD = OWN / "stance.gold.jsonl"
# Texts written and annotated by annotators who had not seen the detector.
BLIND = ROOT / "tests" / "data" / "stance_blind"
BLIND_GOLD = BLIND / "stance.gold.jsonl"
# The regression guard reads the training split only: test.csv is scored by
# benchmarks/accuracy_stance.py, never by the test suite, so it is not re-read on every run.
CONLL_DEV = ROOT.parent / "shared" / "benchmarks" / "uncertainty-conll2010" / "dev.csv"


def run(text: str, doc_id: str = "t") -> list:
    return list(get_detector("stance").detect(Document(doc_id, text)))


def found(text: str) -> list[tuple[str, str]]:
    return [(f.label, f.text) for f in run(text)]


def hedges(text: str) -> list[str]:
    return [t for label, t in found(text) if label == "hedge"]


def author_hedges(text: str) -> list[str]:
    """Hedges in the author's voice (``extras.voice == "author"``): quoted speakers' cues are reported
    with ``voice == "quoted"``."""
    return [f.text for f in run(text) if f.label == "hedge" and f.extras["voice"] == "author"]


def quoted_hedges(text: str) -> list[str]:
    return [f.text for f in run(text) if f.label == "hedge" and f.extras["voice"] == "quoted"]


def stance_f1(corpus_dir: Path, gold_path: Path) -> pd.DataFrame:
    corpus = load_corpus(corpus_dir)
    findings = findings_frame([f for doc in corpus for f in get_detector("stance").detect(doc)])
    gold = read_findings(gold_path)
    return evaluate(findings, gold[gold["layer"] == "stance"], match="overlap", corpus=corpus, layers=["stance"])


# --------------------------------------------------------------------------- registry and lexicon


def test_rule_word_lists_are_strings():
    # YAML reads a bare no / on / yes as a boolean; every list item must stay a word.
    from workbench.detectors.stance.lexicon import word_lists

    lists = word_lists()
    assert "no" in lists["negators"] and "on" in lists["postposed_next"]
    assert all(isinstance(word, str) and word for words in lists.values() for word in words)


def test_registered_with_stance_layer():
    detector = get_detector("stance")
    assert detector.layers == ("stance",)


def test_lexicon_rows_are_complete_and_rules_known():
    lex = load_lexicon("stance")
    assert {"cue", "label", "type", "rule", "source", "note"} <= set(lex.columns)
    assert set(lex["label"]) == {"hedge", "booster", "attribution"}
    known = set(RULES) | LIST_RULES | SCAN_RULES
    assert set(lex["rule"]) <= known
    assert (lex["note"].str.strip() != "").all()
    # the published inventories are cited
    sources = " ".join(lex["source"])
    assert "Hyland 2005" in sources and "Holmes 1988" in sources and "CoNLL-2010" in sources


# --------------------------------------------------------------------------- context rules


def test_negation_turns_certainty_into_hedge():
    assert ("hedge", "not certain") in found("That is not certain.")
    assert ("booster", "certain") in found("We are certain that it works.")
    assert ("hedge", "not clear") in found("Whether it works is not clear.")
    assert found("The water was clear.") == []  # describes the water, not a claim


def test_negated_doubt_is_booster():
    assert ("booster", "There is no doubt") in found("There is no doubt that the lake can recover.")
    assert ("booster", "Without doubt") in found("Without doubt, she deserves the role.")
    assert not hedges("There is no doubt that the lake can recover.")


def test_could_not_is_not_a_hedge():
    assert hedges("The flood could not be stopped.") == []
    assert hedges("The flood could reach the town.") == ["could"]


def test_conditional_and_negative_subject_block_modals():
    assert hedges("If he could still afford it, he would stay.") == []
    assert hedges("There was no one who could say it.") == []
    assert hedges("If it rains, the river could flood.") == ["could"]


def test_month_may_is_not_a_hedge():
    assert hedges("In May, the council met twice.") == []
    assert hedges("The council met on May 5.") == []
    assert hedges("The council may meet twice.") == ["may"]
    assert hedges("May storms damaged the roof.") == []


def test_might_as_noun_is_not_a_hedge():
    assert hedges("He pulled the rope with all his might.") == []
    assert hedges("The military might of the empire grew.") == []
    assert hedges("The rope might break.") == ["might"]


def test_physical_appearance_is_not_a_hedge():
    assert hedges("The singer appeared on stage at nine.") == []
    assert hedges("The actor appeared in three films.") == []
    assert hedges("The singer appeared to be nervous.") == ["appeared"]
    assert hedges("It appears that the plan failed.") == ["appears"]


def test_about_only_before_a_quantity():
    assert hedges("They talked about the weather.") == []
    assert hedges("Bees fly about the parks.") == []
    assert hedges("About 150 people came.") == ["About"]
    assert hedges("It costs around a third of the price.") == ["around"]


def test_will_and_would_are_not_hedges_by_default():
    assert hedges("The bridge will open next year, and it would help traffic.") == []
    assert hedges("Perhaps the bridge would help.") == ["Perhaps"]


def test_quoted_speech_is_attribution_and_the_speakers_hedge():
    text = '"It might rain tomorrow," the forecaster said.'
    result = found(text)
    assert ("attribution", "the forecaster said") in result
    # the hedge is the forecaster's, reported with voice "quoted", not the author's
    assert author_hedges(text) == [] and quoted_hedges(text) == ["might"]
    # quotation marks without a reporting verb: the cue stays the author's
    assert author_hedges('The banner read "we may win" in red letters.') == ["may"]


def test_reporting_verb_outside_quotes_covers_every_quoted_cue_of_the_sentence():
    assert author_hedges('She said the plan "may work" but "might fail" later.') == []
    assert quoted_hedges('She said the plan "may work" but "might fail" later.') == ["may", "might"]
    # no reporting verb outside the quotation marks: both cues stay the author's
    assert author_hedges('The plan "may work" but "might fail" later.') == ["may", "might"]


def test_reporting_verb_inside_another_quote_does_not_attribute():
    # "said" is part of the first quotation, not a reporting clause of this sentence
    assert author_hedges('The poster read "they said no" and "it may rain".') == ["may"]


def test_long_line_of_quotes_scans_its_sentence_once(monkeypatch):
    # Work, not time: the words outside the quotes are scanned for a reporting verb once per
    # sentence, not once per quoted cue (1,000 rescans took 9-45 s).
    from workbench.detectors.stance.lexicon import lexicon

    scan = lexicon().matchers.matchers["scan"]
    calls = []
    original = scan.finditer
    monkeypatch.setattr(scan, "finditer", lambda *args, **kwargs: calls.append(1) or original(*args, **kwargs))
    text = "and \u201cit may rain\u201d " * 1000  # one 18,000-character sentence with 1,000 quotes
    result = run(text)
    assert len(result) == 1000
    assert len(calls) == 1


def test_quote_running_on_from_an_attributed_quote_is_the_speakers():
    text = '"We cannot keep it open," she said. "We may look at this again next year."'
    assert author_hedges(text) == [] and quoted_hedges(text) == ["may"]
    # the same quoted sentence with no attributed quote beside it stays the author's
    assert author_hedges('The library closes early. "We may look at this again next year."') == ["may"]
    # a run of quoted sentences continues the speaker to its end
    assert author_hedges('"We cannot keep it open," she said. "It may rain." "It may snow."') == []
    # a quote attributed in another paragraph does not carry over
    assert author_hedges('"We cannot keep it open," she said.\n\n"We may look at this again next year."') == ["may"]
    # a sentence only partly quoted is judged on its own
    assert author_hedges('"We cannot keep it open," she said. Staff "may look again" next year.') == ["may"]


def test_hedging_reporting_verb_is_both_attribution_and_hedge():
    result = found("Yet the same study suggests that pupils sleep less.")
    assert ("attribution", "the same study suggests") in result
    assert ("hedge", "suggests") in result
    # a reporting verb that does not hedge stays attribution only
    result = found("The minister said that pupils sleep less.")
    assert result == [("attribution", "The minister said")]


def test_research_source_reports_a_finding_with_a_plain_object():
    assert ("attribution", "Researchers at Northfield University found") in found(
        "Researchers at Northfield University found no link between phone rules and grades."
    )
    assert ("attribution", "Small trials suggest") in found("Small trials suggest that cold water could help.")
    assert ("attribution", "Figures show") in found("Figures show a fall in crime.")
    # "found" with a subject that is not a research source, or with no finding after it, is not reporting
    for text in (
        "Police found a bicycle near the river.",
        "The team found a new coach in March.",
        "Researchers find it hard to get funding.",
        "The report found its way to the press.",
        "The data show up in red on the chart.",
    ):
        assert [label for label, _ in found(text)] == [], text


def test_reporting_clause_after_the_reported_words():
    result = found("The library will close at 6 pm from June, the city council announced on Tuesday.")
    assert ("attribution", "the city council announced") in result
    # the same verb with an object and no reported words before it is not a reporting clause,
    # nor is one after an opening adverbial
    assert found("The city council announced a new budget.") == []
    assert found("Last week, the council announced on its website a new budget.") == []


def test_source_after_an_inverted_verb_of_saying():
    text = '"Most people wait too long," says Dr Amira Haddad, an allergist at the hospital.'
    assert ("attribution", "says Dr Amira Haddad") in found(text)
    assert ("attribution", "said the minister") in found("Prices will rise, said the minister.")
    # no comma or quote before the verb, or no source after it: not an inverted report
    assert not [t for label, t in found("Everyone says nothing about it.") if t.startswith("says")]
    assert found("Prices will rise, said nobody in particular.") == []
    # an instruction, or a day name, is not a source
    assert found("If you want a refund, tell Customer Services.") == []
    assert found("The plan, says Monday, is dead.") == []


def test_weakened_certainty_is_a_hedge_and_settled_dispute_a_booster():
    assert ("hedge", "less certain") in found("The longer-term benefits are less certain.")
    assert ("hedge", "less clear") in found("It is less clear whether the plan works.")
    assert found("The water is less clear after rain.") == []
    assert ("booster", "not in dispute") in found("The immediate effects of cold water are not in dispute.")
    assert ("booster", "undisputed") in found("It is undisputed that the water is cold.")
    # someone else's state of mind, and the attributive title, are not the author's stance
    assert found("Library staff are less convinced.") == []
    assert found("She is the undisputed champion.") == []


def test_appear_with_degree_word_is_epistemic():
    assert hedges("Library staff appear less convinced.") == ["appear"]
    assert hedges("The results appear rather weak.") == ["appear"]
    assert hedges("She appeared more than twenty times for the club.") == []
    assert hedges("He appeared very late for the match.") == []
    assert hedges("The star appeared rather briefly on stage.") == []
    assert hedges("He appeared before the committee on Monday.") == []


def test_every_few_is_an_interval_not_a_weasel():
    assert hedges("Every few months the same argument returns.") == []
    assert hedges("Few residents agree with the plan.") == ["Few"]


def test_sense_of_the_word_idioms_are_boosters():
    assert ("booster", "in the literal sense of the word") in found("This is war in the literal sense of the word.")
    assert ("booster", "in the true sense of the word") in found("She was a hero in the true sense of the word.")
    assert ("booster", "in every sense of the word") in found("It was a disaster in every sense of the word.")
    # the metalinguistic "literal sense" without "of the word" is not an idiom of commitment
    assert [t for label, t in found("The word is used in the literal sense here.") if label == "booster"] == []


def test_sense_of_the_word_source_is_not_attributed_to_hyland():
    lex = load_lexicon("stance")
    rows = lex[lex["cue"].str.contains("sense of the word")]
    assert len(rows) >= 5
    assert not rows["source"].str.contains("Hyland 2005, Metadiscourse").any()


def test_peacock_term_is_a_weak_hedge():
    finding = run("The festival is renowned for its lantern parade.")
    assert [(f.label, f.text, f.extras["type"]) for f in finding] == [("hedge", "renowned", "peacock")]
    strong = run("The festival probably began in 1890.")[0]
    assert finding[0].score < strong.score  # the model weighs praise less than an epistemic adverb
    assert hedges("The infamous bridge was rebuilt.") == []  # whole words only
    assert hedges("The town was extremely quiet.") == []  # intensifiers are not peacock terms


def test_vague_source_is_weasel_hedge_and_named_source_is_attribution():
    weasel = run("Critics say the plan failed.")
    assert [(f.label, f.text, f.extras["type"]) for f in weasel] == [("hedge", "Critics say", "weasel")]
    assert found("The minister said the plan failed.") == [("attribution", "The minister said")]
    assert found("However, observers understand what the talks were about.") == [("attribution", "observers understand")]
    assert ("hedge", "Some researchers suspect") in found("Some researchers suspect that the tanks leak.")
    assert ("hedge", "It is believed") in found("It is believed that the tanks leak.")


def test_according_to_named_or_vague_source():
    assert found("According to the ministry, prices rose.") == [("attribution", "According to the ministry")]
    assert found("According to legend, the town was founded by a bear.") == [("hedge", "According to legend")]


def test_thinking_verb_without_a_clause_is_not_attribution():
    assert found("Lukashenko understands this plan.") == []
    assert ("attribution", "Lukashenko understands") in found("Lukashenko understands that the plan failed.")


def test_boosters_and_fixed_expressions():
    text = "He cannot help but see it. It is no coincidence that it failed. That is out of the question."
    result = found(text)
    assert ("booster", "cannot help but see") in result
    assert ("booster", "It is no coincidence") in result
    assert ("booster", "out of the question") in result
    assert ("booster", "in the literal sense of the word") in found("This is war in the literal sense of the word.")


def test_explanation_names_cue_and_rule():
    finding = run("The council may meet twice.")[0]
    assert "'may'" in finding.explanation and "rule modal" in finding.explanation


# --------------------------------------------------------------------------- offsets and scores


def test_offsets_match_text_on_every_finding(seed_dir):
    docs = list(load_corpus(seed_dir)) + list(load_corpus(OWN))
    docs.append(Document("tricky", 'In May, “we may go,” she said; about 5 \u2019 or so. It appears that—no doubt—it’s not certain.'))
    count = 0
    for doc in docs:
        for f in get_detector("stance").detect(doc):
            assert doc.text[f.start:f.end] == f.text
            assert f.layer == "stance" and f.label in ("hedge", "booster", "attribution")
            count += 1
    assert count > 50


def test_seed_overlap_f1(seed_dir, seed_gold):
    table = stance_f1(seed_dir, seed_gold)
    micro = table[(table["layer"] == "stance") & (table["label"] == "micro")].iloc[0]
    assert micro["f1"] >= 0.85


@pytest.mark.parametrize("doc_id", ["city_bees", "glass_orchard", "lake_verne"])
def test_own_texts_overlap_f1(doc_id, tmp_path):
    (tmp_path / f"{doc_id}.txt").write_text((OWN / f"{doc_id}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    gold = read_findings(OWN_GOLD)
    gold_path = tmp_path / "gold.jsonl"
    gold[gold["doc_id"] == doc_id].drop(columns=["extras"]).to_json(gold_path, orient="records", lines=True)
    table = stance_f1(tmp_path, gold_path)
    micro = table[(table["layer"] == "stance") & (table["label"] == "micro")].iloc[0]
    assert micro["f1"] >= 0.85


@pytest.mark.parametrize("folder, gold_path", [(OWN, OWN_GOLD), (BLIND, BLIND_GOLD)], ids=["own", "blind"])
def test_gold_slices_match_texts(folder, gold_path):
    gold = read_findings(gold_path)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    assert set(gold["doc_id"]) == set(texts)
    for row in gold.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_texts_by_annotators_who_had_not_seen_the_detector():
    # Regression guard (docs/stance.md gives the history: 0.816 on all three sets before the
    # rules they prompted; 0.878 and 0.796 on the two sets first scored after such rules).
    table = stance_f1(BLIND, BLIND_GOLD)
    micro = table[(table["layer"] == "stance") & (table["label"] == "micro")].iloc[0]
    assert micro["f1"] >= 0.85


# --------------------------------------------------------------------------- sentence uncertainty


def test_sentence_uncertainty_table():
    doc = Document("d", "The bridge opened in 1990. It will probably close next year. Some argue it was never safe.")
    table = sentence_uncertainty(doc)
    assert list(table.columns) == ["doc_id", "sentence", "start", "end", "uncertain", "score", "cues"]
    assert table["uncertain"].tolist() == [False, True, True]
    assert table.loc[0, "cues"] == [] and table.loc[1, "cues"] == ["hedge:probably"]
    assert table.loc[1, "score"] > table.loc[0, "score"]
    for row in table.itertuples():
        assert doc.text[row.start:row.end]
        if row.uncertain:
            assert any(c.startswith("hedge:") for c in row.cues)


def test_finding_extras_carry_sentence_score():
    finding = run("It will probably close next year.")[0]
    assert finding.extras["sentence_uncertain"] is True
    assert 0.5 <= finding.extras["sentence_uncertainty"] <= 1.0
    assert finding.extras["type"] == "adverb"


@pytest.mark.skipif(not CONLL_DEV.exists(), reason="shared CoNLL-2010 benchmark not available")
def test_conll_dev_split_regression_guard():
    """Guards sentence uncertainty on every third dev row (training split). Since issue 13 a sentence
    with a hedge finding is uncertain whatever the model's score (measured F1 0.798, accuracy 0.758;
    with the old score threshold, which could call a hedged sentence certain, 0.83 / 0.81)."""
    frame = pd.read_csv(CONLL_DEV, dtype=str, keep_default_na=False).iloc[::3]
    docs = [Document(str(i), t) for i, t in zip(frame.index, frame["text"])]
    predicted = sentence_uncertainty(docs).groupby("doc_id")["uncertain"].any()
    pred = [bool(predicted[str(i)]) for i in frame.index]
    gold = [label == "uncertain" for label in frame["label"]]
    tp = sum(g and p for g, p in zip(gold, pred))
    f1 = 2 * tp / (2 * tp + sum(p != g for g, p in zip(gold, pred)))
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    assert f1 >= 0.78 and accuracy >= 0.74


def test_approximator_before_a_unit():
    assert hedges("The detour adds about an hour to each trip.") == ["about"]
    assert hedges("They talked about an idea they had lost.") == []
    # after a copula or a verb of talking, "about a ..." names a topic
    assert hedges("The film is about a year in the life of a nurse.") == []
    assert hedges("He asked about a foot injury.") == []
    # "adds" here is arithmetic, not a verb of saying
    assert found("The detour adds about an hour.") == [("hedge", "about")]


def test_pro_form_and_delayed_that_complements_report():
    assert ("hedge", "Other teams have since argued") in found("Other teams have since argued the opposite.")
    assert ("attribution", "The Environment Agency found") in found(
        "The Environment Agency found in a survey last year that the wall was weak."
    )
    # a pro-form inside a longer object, an object with a relative clause, or a verb without a
    # reported claim, is not a report
    assert found("The company found the same bug twice.") == []
    assert found("Experts think so little of it.") == []
    assert found("Police found the car that was stolen.") == []
    # "that" after a noun of the insertion opens a relative clause, not the reported claim
    # ("warned" is a verb of saying: a vague source makes it a weasel, with or without an insertion)
    assert found("Experts warned, in a report that was published on Monday, of floods.") == [("hedge", "Experts warned")]
    assert found("The team found, in a cave that had been sealed for centuries, bones.") == []
    # a pro-form that is the subject of the reported clause still reports
    assert ("attribution", "Scientists think") in found("Scientists think the opposite is true.")
    assert found("The council found in favour of the plan.") == []


def test_inability_and_negative_subjects_report_nothing_but_a_withheld_report_is_one():
    assert found("A call centre cannot tell you about the quirks of an old house.") == []
    assert found("No official said the plan was dead.") == []
    # a report withheld or denied by a named source is still that source's report (issue 13)
    assert ("attribution", "The minister has never once said") in found("The minister has never once said the plan was dead.")
    assert ("attribution", "The company declined to comment") in found("The company declined to comment.")
    assert ("attribution", "Hendricks has denied") in found("Hendricks has denied that he is blocking the bill.")
    assert ("attribution", "A call centre can tell") in found("A call centre can tell you that the house is old.")


def test_maximiser_under_a_negation_is_no_booster():
    assert found("That does not make the habit entirely harmless.") == []
    assert ("booster", "entirely") in found("That makes the habit entirely harmless.")
    # the determiner "no" negates a noun, not the clause
    assert ("booster", "completely") in found("He had no idea it was completely false.")


def test_certainty_adjective_before_a_colon_is_a_claim():
    assert ("booster", "obvious") in found("The lesson for the giants is obvious: people will pay more.")
    assert found("The lesson for the giants is obvious to them.") == []
    # "clear" also describes what one sees
    assert found("The water was clear: the stones showed on the bottom.") == []


def test_inverted_source_with_a_possessive():
    text = '"It is going to hurt," said its chairman, Mark Pascoe.'
    assert ("attribution", "said its chairman") in found(text)



def test_context_words_are_lowered_like_each_word_on_its_own():
    from workbench.detectors.stance.context import Context

    # The dotted capital I lowers to two characters, and a capital sigma's lower case depends on
    # its neighbours: such texts read each word on its own; the others slice one lowered copy.
    for text in ["They SAID it\u2019s Clear.", "\u0130stanbul officials SAID so.", "\u039f\u0394\u039f\u03a3 WORD and \u03a3 alone."]:
        ctx = Context(Document("d", text))
        assert [ctx.word(t) for t in ctx.tokens] == [text[s:e].lower().replace("\u2019", "'") for s, e in ctx.tokens]
