"""Distancing detector: so-called, scare quotes, distancing verbs (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.corpus import Document, load_corpus
from workbench.detectors import aliases, get_detector
from workbench.detectors.distancing import quote_role
from workbench.segment import find_quotes
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


# The texts the rules were developed on; dist_zoo_elephants is held out and scored only by
# benchmarks/accuracy_framing.py, so no one tunes to make a held-out assertion pass.
DEV_TEXTS = ("dist_council_parking", "dist_transfer_saga", "dist_waiting_list")


def test_own_texts_overlap_f1():
    gold = read_findings(OWN_GOLD)
    gold = gold[gold["doc_id"].isin(DEV_TEXTS)]
    corpus = load_corpus(OWN)
    assert set(gold["doc_id"]) == set(DEV_TEXTS) and set(gold["doc_id"]) <= {d.doc_id for d in corpus}
    f1 = scores(corpus, gold)
    assert f1["macro"] >= 0.9 and f1["micro"] >= 0.9


def test_offsets_are_valid_everywhere(seed_dir, check_findings):
    for root in (seed_dir, OWN):
        corpus = load_corpus(root)
        findings = [f for doc in corpus for f in get_detector("distancing").detect(doc)]
        assert check_findings(findings, corpus, root=root) == len(findings) >= 3
        assert all(f.explanation for f in findings)


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


def test_distancing_verb_does_not_take_a_word_across_a_paragraph():
    assert labels("He was supposed to\n\nBe there.") == [("distancing_verb", "was supposed to")]
    assert labels("The club claims to\n\nhave offered less.") == [("distancing_verb", "claims to")]
    # within the sentence the following verb is still taken, across a line break too
    assert labels("He was supposed to be there.") == [("distancing_verb", "was supposed to be")]
    assert labels("He was supposed to\nbe there.") == [("distancing_verb", "was supposed to\nbe")]


def test_inch_marks_are_not_quotation_marks():
    assert labels('The 5" pipe and the "reform" plan.') == [("scare_quotes", '"reform"')]
    assert find_quotes('A 5" and a 6" pipe.') == []
    # a closing mark may follow a digit when a quote is open
    assert [q.inner('He wrote "top 10" on it.') for q in find_quotes('He wrote "top 10" on it.')] == ["top 10"]


def test_straight_quotes_open_before_a_word_and_close_after_one():
    text = 'The " stray mark and the "reform" plan.'
    assert [q.inner(text) for q in find_quotes(text)] == ["reform"]
    assert labels('Another ("miracle") announcement.') == [("scare_quotes", '"miracle"')]


def test_labels_come_from_a_table_built_once():
    from workbench.detectors.distancing import _label, _labels

    table = _labels()
    assert table["so-called"] == _label("so-called") and _labels() is table
    from workbench.lexicons import load_lexicon

    lexicon = load_lexicon("distancing")
    assert all(table[cue] == label for cue, label in zip(lexicon["cue"], lexicon["label"]))


def test_long_line_of_quotes_is_linear():
    import time

    text = "and \u201cit may rain\u201d " * 2000  # one 36,000-character sentence with 2,000 quotes
    started = time.perf_counter()
    assert len(run(text)) == 2000
    assert time.perf_counter() - started < 1.5  # about 5 s when each quote re-read its sentence


def test_officially_counts_only_next_to_quotation_marks():
    assert ("distancing_verb", "officially") in labels('Her surgery was officially "scheduled" in June.')
    assert not labels("The bridge was officially opened in June.")


def test_quote_roles_name_the_reason():
    doc = Document("t", 'She said it was "fine". The "reform" failed. "It works," he said.')
    roles = [quote_role(doc, q) for q in find_quotes(doc.text)]
    assert roles == ["speech", "scare", "sentence"]


def test_no_cue_gives_no_finding():
    assert run("The council met on Tuesday and approved the budget.") == []


def test_lexicon_sources_give_a_general_rationale():
    from workbench.lexicons import load_lexicon

    lexicon = load_lexicon("distancing")
    text = " ".join(lexicon["source"].tolist() + [n for n in lexicon.get("note", lexicon["source"]).tolist()])
    assert "seed" not in text.lower()


def test_many_qualifiers_next_to_many_quotes_are_linear():
    import time

    text = 'officially "open" and the so-called "plan" ' * 2000
    started = time.perf_counter()
    result = labels(text)
    assert result.count(("distancing_verb", "officially")) == 2000
    assert result.count(("so_called", 'so-called "plan"')) == 2000
    assert time.perf_counter() - started < 1.5  # each cue used to walk every quote of the document


def test_so_called_with_a_typographic_hyphen_is_found_by_the_plain_entry():
    from workbench.corpus import Document
    from workbench.detectors import get_detector

    for hyphen in ("-", "\u2010", "\u2011"):
        doc = Document("h", f"They praised the so{hyphen}called reform plan.")
        labels = [f.label for f in get_detector("distancing").detect(doc)]
        assert "so_called" in labels, hyphen


# ---------------------------------------------------------------- quotation marks with judgement (issue 18)


@pytest.mark.parametrize(
    "text",
    [
        'The word "paperless" sounds efficient.',  # a word mentioned as a word
        "Under the rules the term \u201cprotected site\u201d is a legal status.",
        'The lease mentions "reasonable wear", a phrase the law never defines.',
        "\u201cBut what does \u2018support\u2019 mean for a tenant?\u201d she asked.",  # nested mention
        'Most banks treat such a loss as a "private dispute" between the parties.',
        "They kept the terms \u201cdelay\u201d and \u201coverrun\u201d out of the report.",  # coordinated mentions
        "Almost nobody ticked \u2018no opinion\u2019 on the form.",  # an option's name
        "This week on our radio show \u201cHigh Water\u201d we visited the weir.",  # a title in title case
        'The plan, "Greener Streets", does not mention buses.',
        "He claims to have collected 'broad backing' from residents.",  # the quote is the claim's words
    ],
)
def test_mentions_names_and_reported_fragments_are_not_scare_quotes(text):
    assert not [f for f in run(text) if f.label == "scare_quotes"], labels(text)


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("The trust keeps praising its \u2018reforms,\u2019 but wards still close.", "\u2018reforms,\u2019"),  # comma inside the mark
        ("The trust keeps praising its 'reforms,' but wards still close.", "'reforms,'"),
        ("\u201cThis so-called \u2018agreement\u2019 was signed by two people,\u201d he said.", "\u2018agreement\u2019"),  # nested in a quotation
        ("\u201cWe were promised the street would be \u2018upgraded\u2019. It got cones.\u201d", "\u2018upgraded\u2019"),
        ('"Why is a so-called \'neutral\' review paid for by the builder?" she asked.', "'neutral'"),
        ('The "access plan" offers "other payment options for people without a phone".', '"access plan"'),  # a subject, not speech
        ("Mayor Hails 'Success' Of Parking Scheme", "'Success'"),  # capitals of a headline say nothing about a name
    ],
)
def test_scare_quotes_with_punctuation_inside_nested_or_as_a_subject(text, quoted):
    assert ("scare_quotes", quoted) in labels(text), labels(text)


def test_so_called_with_a_nested_quote_spans_both():
    found = labels("\u201cTheir so-called \u2018audit\u2019 took an afternoon,\u201d she said.")
    assert ("so_called", "so-called \u2018audit\u2019") in found and ("scare_quotes", "\u2018audit\u2019") in found


def test_supposed_before_a_noun_distances_but_supposed_to_is_the_verb_phrase():
    assert ("distancing_verb", "supposed") in labels("The scheme's supposed savings never appeared.")
    assert ("distancing_verb", "supposed") in labels("It was a supposed bargain.")
    assert labels("The panel is supposed to rule within a month.") == [("distancing_verb", "is supposed to rule")]
    assert not labels("I supposed that she had left.")


def test_alleged_and_allegedly_are_distancing_verbs_like_purportedly():
    for text, cue in (("The alleged meetings took place in May.", "alleged"), ("He allegedly met the buyer.", "allegedly"), ("The survey purportedly covered everyone.", "purportedly")):
        assert labels(text) == [("distancing_verb", cue)]


def test_quote_roles_of_a_document():
    from workbench.detectors.distancing import quote_roles

    doc = Document("t", 'The word "free" is a lure. Her podcast "Deep Water" is new. Its "experts" said "nothing," he added.')
    assert list(quote_roles(doc).values()) == ["mention", "title", "scare", "speech"]


def test_real_news_development_half():
    # Issue 18: the development half of tests/data/questions_news (0.808 span F1 before); the
    # held-out half is scored only by benchmarks/accuracy_framing.py --distancing-news --held-out-news.
    dev = ("podcast_river_swimming", "explainer_renters_act", "column_cashless_parking", "poll_school_phones", "pressconf_stadium_loan", "advice_consumer_column")
    folder = ROOT / "tests" / "data" / "questions_news"
    corpus = load_corpus(folder)
    corpus.documents = [d for d in corpus.documents if d.doc_id in dev]
    gold = read_findings(folder / "distancing.gold.jsonl")
    gold = gold[gold["doc_id"].isin(dev)]
    f1 = scores(corpus, gold)
    assert f1["micro"] >= 0.95 and f1["scare_quotes"] >= 0.9
