"""Write the lesson notebooks: each lesson as a student version and a solutions twin.

The two versions share every cell except the exercise answers and the teacher's notes, so
they are generated from one description here. Edit this file, then run from the repository
root::

    .venv/bin/python notebooks/lessons/make_lessons.py

Notebooks are written with outputs stripped and the project's kernelspec.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@dataclass
class Cell:
    kind: str  # "markdown" or "code"
    student: str | None  # None: not in the student version
    solution: str | None  # None: not in the solutions version


def md(text: str) -> Cell:
    return Cell("markdown", text.strip("\n"), text.strip("\n"))


def code(text: str) -> Cell:
    return Cell("code", text.strip("\n"), text.strip("\n"))


def exercise(student: str, solution: str) -> Cell:
    """A code cell whose answer the student fills in; the solutions version has it filled."""
    return Cell("code", student.strip("\n"), solution.strip("\n"))


def final_check(text: str) -> Cell:
    """A code cell only in the solutions version: the strict checks that run under nbval."""
    return Cell("code", None, text.strip("\n"))


def teacher_notes(text: str) -> Cell:
    """Markdown shown only in the solutions version."""
    return Cell("markdown", None, text.strip("\n"))


SETUP = '''
import warnings

import pandas as pd
from IPython.display import Markdown, display

import workbench
from workbench import explore, teaching

# Without ipywidgets, tqdm warns that it falls back to a text bar; that is noise in a lesson.
warnings.filterwarnings("ignore", message="IProgress not found")
pd.set_option("display.max_colwidth", 120)

corpus = workbench.load_corpus("../../seeds")  # notebooks run with the lesson folder as working directory
seed = corpus[0]
print(f"Seed article {seed.doc_id}: {seed.segments.word_count} words, {len(seed.segments.sentences)} sentences")
'''


# ============================================================================ lesson 1

LESSON_1 = [
    md('''
# Lesson 1: Hedging and boosting

A writer does not only say *what* is the case; they also say *how sure* they are, and *whose*
knowledge it is. This lesson teaches you to see those signals, to label them yourself, and to
check your labels against the workbench's `stance` detector.

**Learning objectives.** By the end of this lesson you can

1. define a hedge, a booster and an attribution and give two examples of each;
2. explain why the same word (*may*, *could*) is sometimes a hedge and sometimes not;
3. label sentences as certain or uncertain and measure your agreement with a detector using Cohen's kappa;
4. argue, from a disagreement, whether the human or the detector read the sentence better.

**Prerequisites.** Basic Python in Jupyter (running cells, lists of strings). No linguistics needed.

**Time needed.** About 30 minutes: 10 for the worked example, 15 for the exercises, 5 for discussion.
'''),
    md('''
## 1. Background

*Hedges* withhold full commitment to a claim (*may*, *perhaps*, *it is unknown whether*, *appears
to*). *Boosters* close down alternatives and present a claim as certain (*clearly*, *literally*,
*it is no coincidence that*). Hyland (2005) treats both as *stance* markers: ways in which writers
position themselves towards what they say and towards their readers. Holmes (1988) showed how
unevenly such "doubt and certainty" devices are taught, although readers rely on them to judge
how strongly a claim is made.

A third device moves responsibility elsewhere: *attribution* (*observers understand*, *analysts
say*, *according to*). The writer reports knowledge but assigns it to someone else.

Two traps to keep in mind: *May* the month is not a hedge, and *could* in *could not* states an
inability, not a possibility.

Run the set-up cell first.
'''),
    code(SETUP),
    md('''
## 2. Worked example: the seed article

We run only the `stance` detector. Each row is one cue span, with the rule that fired and a
one-sentence explanation.
'''),
    code('''
stance = workbench.analyze(corpus, detectors=["stance"], progress=False)
print(stance["label"].value_counts().to_string())
stance[["sentence", "label", "text", "explanation"]]
'''),
    md('''
Read the article with the cues highlighted. Hover over a highlighted span to see why it was
flagged. Where in the argument do the boosters fall, and where the hedges? Compare the passages
where the author *asserts* that both leaders are weak with those where the author *speculates*
about what Lukashenko will do.
'''),
    code('''
explore.highlight(seed, stance, layers=["stance"])
'''),
    md('''
A hedge makes a *sentence* uncertain. When the stance detector offers a sentence-level view
(`sentence_uncertainty`), we list the sentences it considers uncertain; otherwise we list the
sentences that hold a hedge.
'''),
    code('''
from workbench.detectors import stance as stance_detector

if hasattr(stance_detector, "sentence_uncertainty"):
    sentences = stance_detector.sentence_uncertainty(seed)
    uncertain = sentences[sentences["uncertain"]]
    print(f"{len(uncertain)} of {len(sentences)} sentences are uncertain according to the detector")
else:
    hedged = sorted(set(stance.loc[stance["label"] == "hedge", "sentence"]))
    uncertain = pd.DataFrame({"sentence": hedged})
    print(f"{len(hedged)} sentence(s) hold a hedge")
uncertain.assign(text=[seed.text[slice(*seed.segments.sentences[i])] for i in uncertain["sentence"]])[["sentence", "text"]]
'''),
    md('''
A keyword-in-context view lets you compare the uses of one cue across the text:
'''),
    code('''
explore.kwic(seed, "cannot*", width=35)
'''),
    md('''
## 3. Exercise A: certain or uncertain?

Here is a short news text written for this lesson. **Before you run any detector**, label each
sentence `"certain"` or `"uncertain"`: is the writer committing fully to the claim?
'''),
    code('''
SENTENCES_A = [
    "The council launched its bike-share scheme in May with 400 bicycles.",
    "Early figures suggest that the bicycles may be used mostly for short commutes.",
    "Clearly, the scheme has changed how people cross the city centre.",
    "Some residents say the docking stations are too far from the suburbs.",
    "The operator could not explain why twenty bicycles disappeared in the first week.",
    "Perhaps the thefts were the work of a single group.",
    "The scheme will certainly need more money next year.",
    "It is possible that ticket prices will rise in the autumn.",
    "Ridership doubled between June and August.",
    "The council appears to be planning a second phase near the river.",
]
LABELS_A = ["certain", "uncertain"]
for number, sentence in enumerate(SENTENCES_A, start=1):
    print(f"{number:2}. {sentence}")
'''),
    exercise(
        student='''
# Your labels, one per sentence, in order: "certain" or "uncertain".
my_labels_a = None  # TODO, e.g. ["certain", "uncertain", ...]
''',
        solution='''
# A careful reader's labels. Sentence 4 is certain: the writer reports what residents say
# without doubting it (an attribution, not a hedge).
my_labels_a = [
    "certain",    # 1 "May" is the month
    "uncertain",  # 2 "suggest", "may"
    "certain",    # 3 "Clearly" boosts
    "certain",    # 4 attribution: "Some residents say"
    "certain",    # 5 "could not" states an inability
    "uncertain",  # 6 "Perhaps"
    "certain",    # 7 "certainly" boosts
    "uncertain",  # 8 "It is possible that"
    "certain",    # 9 a plain factual claim
    "uncertain",  # 10 "appears to"
]
''',
    ),
    md('''
Now run the detector on the same text and compare. The self-check tells you Cohen's kappa
(Cohen 1960): agreement corrected for the agreement you would expect by chance, from the two
label distributions. 1 is perfect agreement, 0 is no better than chance.
'''),
    code('''
doc_a, spans_a = teaching.exercise_document("lesson1_bikes", SENTENCES_A)
findings_a = workbench.analyze([doc_a], detectors=["stance"], progress=False)
detector_labels_a = teaching.uncertainty_labels(doc_a, spans_a, findings_a)
result_a = teaching.compare(my_labels_a, detector_labels_a, items=SENTENCES_A, allowed=LABELS_A, name="my_labels_a")
'''),
    code('''
teaching.after_answer(
    result_a, explore.highlight(doc_a, findings_a, layers=["stance"], title="Exercise A with the detector's cues"), name="my_labels_a"
)
'''),
    md('''
## 4. Exercise B: what does the marked cue do?

Each sentence below has one cue in capitals in the printout. Label the cue `"hedge"`,
`"booster"`, `"attribution"` or `"none"` (the word does not mark stance here).
'''),
    code('''
SENTENCES_B = [
    "In May the council will review the scheme.",
    "The figures might be too optimistic.",
    "The operator undoubtedly underestimated the demand.",
    "According to the transport office, most trips are shorter than three kilometres.",
    "Riders could not unlock the bicycles on Sunday.",
    "The delays were in fact caused by a software update.",
    "Analysts say the scheme will break even by 2028.",
    "The new stations are somewhat smaller than the old ones.",
]
CUES_B = ["May", "might", "undoubtedly", "According to", "could", "in fact", "Analysts say", "somewhat"]
LABELS_B = ["hedge", "booster", "attribution", "none"]

doc_b, _ = teaching.exercise_document("lesson1_cues", SENTENCES_B)
cue_spans_b = teaching.locate(doc_b.text, CUES_B)
for number, (sentence, cue) in enumerate(zip(SENTENCES_B, CUES_B), start=1):
    print(f"{number}. {sentence.replace(cue, cue.upper(), 1)}")
'''),
    exercise(
        student='''
# Your labels, one per marked cue: "hedge", "booster", "attribution" or "none".
my_labels_b = None  # TODO
''',
        solution='''
my_labels_b = ["none", "hedge", "booster", "attribution", "none", "booster", "attribution", "hedge"]
''',
    ),
    code('''
findings_b = workbench.analyze([doc_b], detectors=["stance"], progress=False)
detector_labels_b = teaching.labels_for_spans(findings_b, cue_spans_b, layer="stance")
result_b = teaching.compare(my_labels_b, detector_labels_b, items=CUES_B, allowed=LABELS_B, name="my_labels_b")
'''),
    md('''
## 5. Discussion

1. Pick one item on which you and the detector disagree. Who is right? Would a second human reader side with you?
2. Is an attribution (*analysts say*) a way of hedging? What does the writer gain by naming, or not naming, the source?
3. Kappa on 8 or 10 items moves a lot when one label changes. Why is it still more informative than "percent agreement"?
4. Count the hedges and boosters the detector found in the seed article. What does the balance
   suggest about the genre (an opinion piece, not a news report)?

**References.** Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement* 20(1). Holmes, J. (1988). Doubt and certainty in ESL textbooks. *Applied
Linguistics* 9(1). Hyland, K. (2005). Stance and engagement: a model of interaction in academic
discourse. *Discourse Studies* 7(2). Landis, J. R. & Koch, G. G. (1977). The measurement of observer
agreement for categorical data. *Biometrics* 33(1).
'''),
    teacher_notes('''
### Notes for the teacher

* Exercise A: sentence 4 is the one students split on most. Treating attribution as uncertainty
  is defensible (the writer does not vouch for the claim), but the label set here asks about the
  writer's *own* commitment. Sentence 2 contains two cues; one is enough to make it uncertain.
* Exercise B: items 1 and 5 test the traps (*May* as a month, *could not*). If the detector labels
  one of them, the disagreement table shows it: ask students to find the rule in the explanation.
* Expected kappa depends on the detector version; discuss whichever disagreements the table shows.
'''),
    teacher_notes('''
### Final check (solutions only)

The cell below fails loudly if the answer key, the label set or the agreement computation is
broken. It does not test how *well* the detector agrees: that changes with the detector.
'''),
    final_check('''
teaching.assert_agreement(my_labels_a, detector_labels_a, allowed=LABELS_A, name="my_labels_a")
teaching.assert_agreement(my_labels_b, detector_labels_b, allowed=LABELS_B, name="my_labels_b")
print("Lesson 1 checks passed.")
'''),
]


# ============================================================================ lesson 2

QUESTION_TEXT = '''The town council wants to close its offices on Fridays from March. Why would a council shut its doors one day a week? The answer is money: the building costs almost a thousand euros a day to heat and light.

But who will help the elderly man who cannot use the council's website? Who will stamp the forms of the woman who works every other weekday? The plan does not say. Is it really fair to make the poorest residents wait until Monday?

What does the trial cost residents? According to the council, nothing, because most services are already online. The councillors I spoke to had one question of their own: how many residents actually visit on Fridays? Nobody at the town hall has counted.

So here is a question for the mayor, and I would like a real answer: when will the trial end, and who will judge whether it worked? Readers can send their own questions to the address below.

Do we want a town hall that is open only when it suits the town hall?'''

LESSON_2 = [
    md('''
# Lesson 2: Rhetorical questions

Not every question asks for information. This lesson separates three uses of the question mark
in opinion writing and lets you test your reading against the workbench's `question` detector.

**Learning objectives.** By the end of this lesson you can

1. tell an information-seeking question from a hypophora and a rhetorical question;
2. use the context after a question (an answer? a reply expected from someone?) as evidence;
3. explain what a *series* of questions and an *attributed* question do in an argument;
4. measure your agreement with the detector (Cohen's kappa) and explain the disagreements.

**Prerequisites.** Lesson 1 (how the self-checks and kappa work), or basic Python in Jupyter.

**Time needed.** About 25 minutes: 8 for the worked example, 12 for the exercise, 5 for discussion.
'''),
    md('''
## 1. Background

* An **information-seeking** question expects an answer from someone else: the writer does not
  know, or wants a named addressee to reply.
* In a **hypophora** the writer asks and answers at once. The question organises the text: it
  announces the next point.
* A **rhetorical** question is asked to make a point; no answer is expected, because the writer
  treats the answer as obvious (Ilie 1994). *Is that fair?* usually means *that is not fair*.

Questions asked back to back form a *series*; the detector gives them the same `series` number.
A question can also voice someone else's deliberation (*Can he afford to...?* as Lukashenko's
doubt): the detector stores that actor in `attributed_to`.

Run the set-up cell first.
'''),
    code(SETUP),
    md('''
## 2. Worked example: the seed article's questions
'''),
    code('''
questions = workbench.analyze(corpus, detectors=["question"], progress=False)


def question_table(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per question with the label and the evidence the detector recorded in extras."""
    extras = findings["extras"]
    return pd.DataFrame(
        {
            "label": findings["label"],
            "question": findings["text"],
            # "" rather than None, so pandas keeps series numbers as integers.
            "series": extras.map(lambda e: e.get("series", "")),
            "answered_by": extras.map(lambda e: (e.get("answered_by") or {}).get("text", "")),
            "attributed_to": extras.map(lambda e: e.get("attributed_to", "")),
            "explanation": findings["explanation"],
        }
    ).reset_index(drop=True)


question_table(questions)
'''),
    md('''
Read the questions in context. Before you look at the labels in the table, ask of each: does
the author answer it? Does anyone else?
'''),
    code('''
explore.highlight(seed, questions, layers=["question"])
'''),
    md('''
## 3. Exercise: classify the questions of a new text

The opinion piece below was written for this lesson. **Before running the detector**, label
each of its questions `"information_seeking"`, `"hypophora"` or `"rhetorical"`.
'''),
    code(f'''
TEXT = """{QUESTION_TEXT}"""

QUESTIONS = [
    "Why would a council shut its doors one day a week?",
    "But who will help the elderly man who cannot use the council's website?",
    "Who will stamp the forms of the woman who works every other weekday?",
    "Is it really fair to make the poorest residents wait until Monday?",
    "What does the trial cost residents?",
    "The councillors I spoke to had one question of their own: how many residents actually visit on Fridays?",
    "So here is a question for the mayor, and I would like a real answer: when will the trial end, and who will judge whether it worked?",
    "Do we want a town hall that is open only when it suits the town hall?",
]
LABELS = ["information_seeking", "hypophora", "rhetorical"]

doc = workbench.Document("lesson2_town_hall", TEXT)
spans = teaching.locate(doc.text, QUESTIONS)
print(TEXT)
print()
for number, question in enumerate(QUESTIONS, start=1):
    print(f"{{number}}. {{question}}")
'''),
    exercise(
        student='''
# Your labels, one per question, in order: "information_seeking", "hypophora" or "rhetorical".
my_labels = None  # TODO
''',
        solution='''
my_labels = [
    "hypophora",            # 1 answered at once: "The answer is money"
    "rhetorical",           # 2 series with 3; "The plan does not say" makes the point, it is no answer
    "rhetorical",           # 3
    "rhetorical",           # 4 the obvious answer is "no"
    "hypophora",            # 5 answered in the next sentence
    "information_seeking",  # 6 the councillors' real question; nobody has the figure
    "information_seeking",  # 7 addressed to the mayor, a reply is requested
    "rhetorical",           # 8 ends the piece; the expected answer is "no"
]
''',
    ),
    code('''
findings = workbench.analyze([doc], detectors=["question"], progress=False)
detector_labels = teaching.labels_for_spans(findings, spans, layer="question")
result = teaching.compare(my_labels, detector_labels, items=QUESTIONS, allowed=LABELS)
'''),
    md('''
The detector's evidence for each question it found (a question missing here is one it did not
treat as a question at all, shown as `none` above):
'''),
    code('''
teaching.after_answer(result, question_table(findings))
'''),
    md('''
## 4. Discussion

1. Take one question you labelled differently from the detector. Which word or sentence after the
   question decided your reading? Did the detector use the same evidence (see `explanation`)?
2. Questions 2 and 3 form a series. Does a series change how you read each question? Should
   both members always get the same label?
3. Question 6 is asked by the councillors, not by the writer. Whose question is it, and does the
   label change if the writer quotes it in order to criticise the town hall?
4. Writers sometimes answer their own rhetorical question (*Is that fair? Of course not.*).
   Where would you draw the line between a rhetorical question and a hypophora?

**References.** Ilie, C. (1994). *What else can I tell you? A pragmatic study of English rhetorical
questions as discursive and argumentative acts.* Stockholm: Almqvist & Wiksell. Cohen, J. (1960),
see Lesson 1.
'''),
    teacher_notes('''
### Notes for the teacher

* Question 4 is followed by a new paragraph, not by an answer, so readers who rely on "is there an
  answer next?" call it information-seeking; the *really* and the evaluative *fair* point to a
  rhetorical question.
* Questions 6 and 7 are genuine requests inside an opinion piece. A rule that leans on the genre
  (opinion, so rhetorical) or on the next sentence (a statement follows, so hypophora) can go
  either way here; use the `explanation` column to show which evidence the detector used.
* Questions 2 and 3 are unanswered. The detector calls every unanswered question in the
  writer's own voice rhetorical (a printed text cannot wait for its reader's reply) unless the
  text asks for a reply, as question 7 does ("I would like a real answer"). Ask the class whether
  that default is fair: the point questions 2 and 3 make (nobody has thought about these
  residents) needs world knowledge, not just the missing answer.
* A question the detector does not find at all appears as `none`: a good moment to talk about the
  sentence splitter (question 7 contains a colon and two coordinated questions).
'''),
    final_check('''
teaching.assert_agreement(my_labels, detector_labels, allowed=LABELS)
print("Lesson 2 checks passed.")
'''),
]


# ============================================================================ lesson 3

FRAME_TEXTS = {
    "harbour_prices": (
        "Fish prices at the harbour market have risen by a fifth since January. Traders blame the cost "
        "of diesel, which now takes almost half of a trawler's income. Several boats have stayed in port "
        "because a trip no longer pays for itself, and the market expects its turnover to fall again next "
        "year. The regional budget offers no subsidy for small fleets."
    ),
    "festival_dispute": (
        "Residents of the old quarter and the organisers of the summer music festival are at war again. "
        "The residents' association accuses the organisers of ignoring every noise complaint, while the "
        "festival director calls the complaints an attack on the town's culture. Both sides have hired "
        "lawyers, and the next council meeting is expected to be a fierce confrontation."
    ),
    "library_volunteer": (
        "Every morning at seven, Edith Marsh, a retired teacher of 78, unlocks the village library she "
        "saved from closure. She still remembers the day her late husband taught her to read maps there. "
        "Children arrive after school, and she knows each of them by name. \"This room kept me alive after "
        "he died,\" she says, wiping a tear away."
    ),
}

def python_texts(texts: dict[str, str], *, width: int = 88) -> str:
    """A dict literal of the texts, each wrapped into implicitly concatenated lines for reading."""
    lines = ["{"]
    for name, text in texts.items():
        parts = textwrap.wrap(text, width, drop_whitespace=False, break_on_hyphens=False)
        assert "".join(parts) == text, f"wrapping changed the text of {name}"
        lines.append(f"    {json.dumps(name)}: (")
        lines.extend(f"        {json.dumps(part)}" for part in parts)
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines)


LESSON_3 = [
    md('''
# Lesson 3: Framing and naming

How a text *frames* an issue decides which causes, remedies and moral stakes look natural. How it
*names* the people involved decides whom we see as actors, victims or culprits. This lesson runs
the workbench's framing detectors (`frames`, `loaded`, `distancing`, `actors`) and asks you to
predict their results first.

**Learning objectives.** By the end of this lesson you can

1. name the five generic news frames of Semetko & Valkenburg (2000) and recognise each in a sentence;
2. find distancing devices (*so-called*, scare quotes, *was supposed to*) and loaded language;
3. describe how a text names an actor (nomination) and what it says about them (predication),
   following the discourse-historical approach (Reisigl & Wodak 2001);
4. predict a text's dominant frame and compare sentence-level frame labels with a detector (Cohen's kappa).

**Prerequisites.** Lesson 1 (self-checks and kappa). Lesson 2 is helpful but not required.

**Time needed.** About 35 minutes: 12 for the worked example, 18 for the exercises, 5 for discussion.
'''),
    md('''
## 1. Background

**Generic frames** (Semetko & Valkenburg 2000) recur across topics: *conflict* (disagreement
between sides), *responsibility* (who caused or must solve a problem), *morality* (right and
wrong, values), *economic* (costs, money, jobs) and *human interest* (a personal, emotional
angle). A sentence may carry more than one; a document has a ranking, with a *dominant* frame.

**Distancing** marks the writer's reservation about a term or claim: *so-called*, quotation
marks around a term that is not reported speech (*scare quotes*), or verbs like *was supposed to*,
*claims to*. **Loaded language** is emotive or strongly evaluative wording (*shameful*, *wrath*).

**Nomination and predication** come from the discourse-historical approach (Reisigl & Wodak
2001): nomination strategies are the ways social actors are named (*Vladimir Putin*, *the Russian
president*, *Russian and Belarusian rulers*); predication strategies are the qualities attributed
to them (*Putin, too, is weak*). The detector reports each naming *choice*; a surname repeated
after the actor was introduced (*Putin*) is not a new choice, so it is counted in the actor
table's `bare_name_mentions` column instead of being a finding.

Run the set-up cell first.
'''),
    code(SETUP),
    md('''
## 2. Worked example: the seed article

All four framing detectors run at once through the alias `framing`.
'''),
    code('''
framing = workbench.analyze(corpus, detectors=["framing"], progress=False)
framing.groupby(["layer", "label"]).size().rename("findings").to_frame()
'''),
    md('''
**Frame ranking.** The `doc_frame` findings rank the five frames for the whole document; rank 1
is the dominant frame. The `cues` are the words that counted.
'''),
    code('''
doc_frames = framing[framing["layer"] == "doc_frame"]
ranking = pd.DataFrame(
    {
        "rank": doc_frames["extras"].map(lambda e: e.get("rank")),
        "frame": doc_frames["label"],
        "cues": doc_frames["cue"],
    }
).sort_values("rank").reset_index(drop=True)
ranking
'''),
    md('''
**Actors.** How is each actor named, and what is predicated of them? The actor table gathers the
`nomination` and `predication` findings (and loaded words near them) per actor.
'''),
    code('''
from workbench.detectors.actors import actor_table

actor_table(corpus, framing)
'''),
    md('''
**Distancing and loaded language**, highlighted in the text. Hover for the explanations.
'''),
    code('''
explore.highlight(seed, framing, layers=["distancing", "loaded"])
'''),
    md('''
And the two leaders as the text names them and characterises them:
'''),
    code('''
explore.highlight(seed, framing, layers=["nomination", "predication"], labels=["Putin", "Lukashenko", "Putin+Lukashenko"])
'''),
    md('''
## 3. Exercise A: predict the dominant frame

Read the three short texts (written for this lesson). **Before running the detector**, write down
which of the five frames you think dominates each.
'''),
    code(f'''
FRAMES = ["conflict", "responsibility", "morality", "economic", "human_interest"]
TEXTS = {python_texts(FRAME_TEXTS)}
for name, text in TEXTS.items():
    display(Markdown(f"**{{name}}**\\n\\n> {{text}}"))
'''),
    exercise(
        student='''
# One frame per text, chosen from FRAMES.
my_predictions = {
    "harbour_prices": None,  # TODO
    "festival_dispute": None,  # TODO
    "library_volunteer": None,  # TODO
}
''',
        solution='''
my_predictions = {
    "harbour_prices": "economic",  # prices, costs, turnover, budget, subsidy
    "festival_dispute": "conflict",  # two sides, accusations, lawyers, confrontation
    "library_volunteer": "human_interest",  # one named person, memories, emotion
}
''',
    ),
    code('''
docs = [workbench.Document(name, text) for name, text in TEXTS.items()]
text_frames = workbench.analyze(docs, detectors=["frames"], progress=False)
for name in TEXTS:
    ranked = text_frames[(text_frames["doc_id"] == name) & (text_frames["layer"] == "doc_frame")]
    ranked = ranked.assign(rank=ranked["extras"].map(lambda e: e.get("rank"))).sort_values("rank")
    dominant = ranked["label"].iloc[0] if len(ranked) else teaching.NONE
    teaching.check_prediction(my_predictions.get(name), dominant, allowed=FRAMES, name=f"my_predictions[{name!r}]")
'''),
    md('''
## 4. Exercise B: one frame per sentence

Label each sentence with the frame it carries most strongly, or `"none"` if it carries none.
'''),
    code('''
SENTENCES = [
    "The strike has cost the port an estimated two million euros in lost trade.",
    "Union leaders accused the port authority of breaking its promises.",
    "The transport minister said it was the government's job to end the dispute.",
    "Maria, a crane driver for twenty years, has not been paid since October.",
    "Church leaders called the treatment of the dock workers a moral disgrace.",
    "The two sides will meet again on Thursday.",
    "Shipping firms warned that higher fees would drive customers to rival ports.",
    "Her children now spend their afternoons with their grandmother while she looks for work.",
]
SENTENCE_LABELS = FRAMES + ["none"]
for number, sentence in enumerate(SENTENCES, start=1):
    print(f"{number}. {sentence}")
'''),
    exercise(
        student='''
# One label per sentence, from SENTENCE_LABELS.
my_frames = None  # TODO
''',
        solution='''
my_frames = [
    "economic",        # 1 cost, lost trade
    "conflict",        # 2 accusation between two sides
    "responsibility",  # 3 the government's job to solve it
    "human_interest",  # 4 a named worker's situation
    "morality",        # 5 moral disgrace
    "none",            # 6 a scheduling fact
    "economic",        # 7 fees, customers
    "human_interest",  # 8 family consequences
]
''',
    ),
    code('''
doc_b, spans_b = teaching.exercise_document("lesson3_port", SENTENCES)
findings_b = workbench.analyze([doc_b], detectors=["frames"], progress=False)
detector_frames = teaching.labels_for_spans(findings_b, spans_b, layer="frame")
result = teaching.compare(my_frames, detector_frames, items=SENTENCES, allowed=SENTENCE_LABELS, name="my_frames")
'''),
    md('''
The detector may give a sentence several frames; the comparison above uses its strongest one.
All of them, with the cues:
'''),
    code('''
teaching.after_answer(result, findings_b[findings_b["layer"] == "frame"][["sentence", "label", "cue", "score"]], name="my_frames")
'''),
    md('''
## 5. Discussion

1. Sentence 2 could be *conflict* or *responsibility*. What would you need to see to decide?
2. Did the detector's dominant frame for the three texts match your prediction? If not, which cue
   words pulled it another way, and is a word count a good proxy for a frame?
3. In the seed article, Putin is named in many ways (*the Russian president*, *his Russian
   counterpart*). What does each naming choice emphasise?
4. The seed puts *people's republics* in scare quotes after *so-called*. Why use both devices at once?

**References.** Reisigl, M. & Wodak, R. (2001). *Discourse and Discrimination: Rhetorics of Racism and
Antisemitism.* London: Routledge. Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics:
a content analysis of press and television news. *Journal of Communication* 50(2). Cohen, J. (1960), see Lesson 1.
'''),
    teacher_notes('''
### Notes for the teacher

* Exercise A has a clear intended answer for each text; if the detector disagrees, the ranking's
  cues usually show one strong word (e.g. *war* used as a metaphor in *at war again*) outweighing
  the rest. That is a good way into the limits of lexical frame detection.
* Exercise B: sentence 6 is the control item (no frame). Sentences 2 and 3 are where human coders
  disagree most; kappa between two students is a useful extra exercise (pair them up and use
  `teaching.agreement(labels_of_student_1, labels_of_student_2)`).
'''),
    final_check('''
for name, predicted in my_predictions.items():
    assert predicted in FRAMES, f"my_predictions[{name!r}] = {predicted!r} is not one of {FRAMES}"
teaching.assert_agreement(my_frames, detector_frames, allowed=SENTENCE_LABELS, name="my_frames")
print("Lesson 3 checks passed.")
'''),
]


LESSONS = {
    "01_hedging_and_boosting": LESSON_1,
    "02_rhetorical_questions": LESSON_2,
    "03_framing_and_naming": LESSON_3,
}


def _source_lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def notebook(cells: list[Cell], *, solutions: bool) -> dict:
    """An nbformat 4 notebook dict with no outputs."""
    out = []
    for cell in cells:
        source = cell.solution if solutions else cell.student
        if source is None:
            continue
        entry = {"cell_type": cell.kind, "metadata": {}, "source": _source_lines(source)}
        if cell.kind == "code":
            entry.update(execution_count=None, outputs=[])
        out.append(entry)
    if solutions:
        # The title says which version this is, so a teacher never hands out the wrong file.
        first = out[0]["source"]
        first[0] = first[0].rstrip("\n") + " (solutions)\n"
    return {
        "cells": out,
        "metadata": {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_all(folder: Path = HERE) -> list[Path]:
    """Write every lesson and its solutions twin into ``folder``; return the paths."""
    written = []
    for stem, cells in LESSONS.items():
        for solutions in (False, True):
            path = folder / (f"{stem}_solutions.ipynb" if solutions else f"{stem}.ipynb")
            nb = notebook(cells, solutions=solutions)
            for i, cell in enumerate(nb["cells"]):
                cell["id"] = f"{stem[:2]}-{i:02d}"
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path.name)
