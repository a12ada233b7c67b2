"""Answer evidence: does a sentence (or utterance) answer a run of questions, and how?

An answer must relate to the question and follow it closely (issue 18): it opens with an
answer-like cue (*Because*, *No*, *Only if*, *I'll tell you why*), fills the wh-gap with a
verbless fragment in the same paragraph, takes up the wh-question's words, replies to a yes/no
question with a polar word or an ellipsis (*Perhaps it is.*, *You do.*), or gives advice with a
bare verb after a wh-question or a verbless one (*And your neighbours? Talk to them.*). Structural
formats are recognised too: a question heading answered by the paragraph below it (explainers,
FAQs), a question followed by a list of options (a poll), a tag question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.corpus import Document
from workbench.detectors.questions.features import alternation, next_cues, question_cues, rules, wh_word, word_lists, words
from workbench.detectors.questions.finding import _ends_with_question_mark, _paragraph_of, _patterns
from workbench.detectors.questions.records import Answer, Question

# Lexicon categories whose cue opening the next sentence answers the question.
ANSWER_CATEGORIES = frozenset({"answer", "hedged_answer", "reply", "answer_opening"})
# Categories whose cue must be the whole reply ("I doubt it." but not "I doubt that the council ...").
STANDALONE_CATEGORIES = frozenset({"hedged_answer", "reply"})
# A list of answer options after a poll question: "(a) Yes", "b) No", "1. Never", "- Sometimes".
_OPTION = re.compile(r"[ \t]*(?:\(?[a-hA-H1-9]\)|[a-hA-H1-9][.)]|[-\u2013\u2022*])[ \t]+\S")
MIN_OPTIONS = 2
# A noun phrase answering a wh-question before its relative clause: an article and three words.
MAX_HEAD_WORDS = 4
# How early (in words) an answer must take up the question's words to count as its echo.
ECHO_WORDS = 8


def answer_in(doc: Document, run: list[Question], start: int, end: int, *, close: bool, speaker: str | None = None) -> Answer | None:
    """Evidence that ``doc.text[start:end]`` answers ``run``.

    ``close``: the sentence follows in the same paragraph (or the question stands alone in its
    paragraph, as a heading). A sentence further away only counts with an answer-like opening:
    a verbless phrase or a bare verb there starts new material, not an answer.
    """
    text = doc.text[start:end]
    if _ends_with_question_mark(text):
        return None
    cfg, lists = rules(), word_lists()
    weights = cfg["weights"]
    cues = next_cues(text)
    if any(c.category == "contradiction" for c in cues):
        return None  # "Yet ..." goes against the question instead of answering it
    wh_words = [wh_word(q.ask_text) for q in run]
    any_wh = any(wh_words)
    verbless = any(is_verbless(q.ask_text) for q in run)
    candidates: list[tuple[float, str, str]] = []
    for cue in cues:
        if cue.category not in ANSWER_CATEGORIES:
            continue
        if cue.cue in lists["person_answers"] and any(w not in {None, *lists["person_wh_words"]} for w in wh_words):
            continue
        if cue.category in STANDALONE_CATEGORIES and not _is_whole_reply(text, cue.cue):
            continue  # "I doubt that the council has looked" is a new claim, not "I doubt it"
        candidates.append((cue.weight, cue.cue, f"the next sentence opens with the answer-like '{cue.cue}'"))
    tokens = [w for w in words(text) if w != "?"]
    if close:
        fragment = _is_fragment(tokens)
        if not fragment:
            # "Six months, targets agreed in advance, and a review." / "Only one: that she started late."
            # The first clause alone can be the verbless reply; a linking opener ("However, ...") is not.
            first = words(re.split(r"[,;:\u2014]|\s[-\u2013]\s", text, maxsplit=1)[0])
            fragment = (_is_fragment(first) and first[0] not in lists["clause_links"] and len(first) < len(tokens)
                        and not any(w in lists["time_adverbials"] for w in first))
        if not fragment and (any_wh or verbless):
            # "A premium-rate line that charges 40p a minute": a noun phrase with a relative clause.
            head = _relative_head(text)
            fragment = head is not None and _is_fragment(head)
        if fragment and (any_wh or verbless):
            candidates.append((weights["fragment_answer"], "fragment", "a verbless fragment fills the wh-gap"))
        elif fragment and any(w in lists["polar_answer_words"] for w in tokens):
            candidates.append((weights["fragment_answer"], "polar fragment", "a short verbless reply answers the yes/no question"))
        verb = _bare_verb(doc, text)
        if verb and (any_wh or verbless):
            candidates.append((weights["bare_verb_answer"], "bare verb", f"the next sentence opens with the bare verb '{verb}', answering the question"))
    if close and any_wh and speaker is None and _echoes(run, text):
        candidates.append((weights["echo_answer"], "echo", "the asker goes on with a statement that takes up the question's words"))
    if elliptical_reply(text) and (not any_wh or all(w in lists["person_wh_words"] for w in wh_words if w)):
        candidates.append((weights["ellipsis_answer"], "ellipsis", "an elliptical reply ('it is', 'you do') answers the question"))
    if not candidates:
        return None
    weight, cue, reason = max(candidates, key=lambda c: c[0])
    return Answer(weight, cue, reason, start, end, speaker)


def _is_fragment(tokens: list[str]) -> bool:
    """A short run of words without an auxiliary, a subject pronoun or a past form: a verbless reply."""
    return 0 < len(tokens) <= int(rules()["fragment_max_words"]) and not any(_looks_finite(w) for w in tokens)


def _echoes(run: list[Question], text: str) -> bool:
    """The asker's next statement takes up the question's words early, without a linking opener
    ("What does 'help' mean? For most of them it means ..."), and the question carries no
    rhetorical cue: a cued question followed by related words argues, it does not answer."""
    lists = word_lists()
    tokens = words(text)
    if not tokens or tokens[0] in lists["clause_links"] and tokens[0] not in lists["echo_openers"]:
        return False
    if any(cue.label == "rhetorical" for q in run for cue in question_cues(q.ask_text)):
        return False
    return shares_content(" ".join(q.ask_text for q in run), " ".join(tokens[:ECHO_WORDS]))


def _relative_head(text: str) -> list[str] | None:
    """The words of a noun phrase that opens the sentence with an article and goes on with a
    relative clause ("A leaflet that nobody read."), else ``None``."""
    tokens = words(re.split(r"[,;:\u2014]", text, maxsplit=1)[0])
    lists = word_lists()
    if not tokens or tokens[0] not in lists["articles"]:
        return None
    for i, w in enumerate(tokens[1 : MAX_HEAD_WORDS + 1], start=1):
        if w in lists["relative_pronouns"]:
            return tokens[:i]
    return None


def _is_whole_reply(text: str, cue: str) -> bool:
    """The sentence is the reply itself, perhaps with a tail that is no new clause ("I suspect
    not, though ...", "Possibly, depending on ..."; not "Sometimes, the council ...")."""
    m = re.match(rf"\W*{re.escape(cue)}\s*(?:(?P<stop>[.;:!\u2014]|$)|,\s*(?P<next>[\w'\u2019]+))", text.replace("\u2019", "'"), re.IGNORECASE)
    if m is None:
        return False
    if m.group("next") is None:
        return True
    following = m.group("next")
    lists = word_lists()
    opens_clause = following.lower() in lists["subject_pronouns"] or following.lower() in lists["noun_phrase_determiners"] or following.lower() in lists["finite_markers"]
    return not opens_clause and not following[0].isupper()


def _looks_finite(word: str) -> bool:
    """A word that shows a finite clause: an auxiliary, a subject pronoun, a common past form or an -ed form."""
    lists = word_lists()
    return word in lists["finite_markers"] or word in lists["finite_verbs"] or (len(word) >= 5 and word.endswith("ed"))


@lru_cache(maxsize=4096)
def is_verbless(ask_text: str) -> bool:
    """A question without a subject or an auxiliary ("And your neighbours?", "Legitimate?", "Paid by
    bank transfer?"): an elliptical question whose gap a fragment or an instruction fills, like a
    wh-question's."""
    tokens = [w for w in words(ask_text) if w != "?"]
    return bool(tokens) and not any(w in word_lists()["finite_markers"] for w in tokens) and wh_word(ask_text) is None


@lru_cache(maxsize=1)
def _instruction_opener() -> re.Pattern:
    return re.compile(r"^\s*" + alternation(word_lists()["instruction_openers"], initial="upper") + r"\s*,?\s+")


def _bare_verb(doc: Document, text: str) -> str | None:
    """The bare verb that opens an instruction ("Share the responsibility ...", "Then ask your bank
    ...", "Talk to them."), skipping a leading *then*; ``None`` when the sentence opens otherwise."""
    lists = word_lists()
    body = _instruction_opener().sub("", text)
    tokens = words(body)
    # The sentence opens with a capitalised word (the verb, or the skipped "Then").
    if len(tokens) < 2 or not re.match(r"\s*[A-Z][a-z]+\s", text):
        return None
    # An instruction opens with the base form: not an adverb in -ly, nor a plural noun or a
    # third-person verb in -s ("Farmers in the north ...").
    plural = tokens[0].endswith("s") and not tokens[0].endswith("ss")
    if tokens[0] in lists["not_verbs"] or tokens[0].endswith("ly") or plural or _looks_finite(tokens[0]):
        return None
    if tokens[1] not in lists["object_openers"] and tokens[1] not in lists["verb_particles"]:
        return None
    if _is_name_like(doc, tokens[0]):
        return None
    return body.split()[0]


def _is_name_like(doc: Document, word: str) -> bool:
    """A word that appears capitalised mid-sentence in the document is a name, not a verb."""
    # The look-behind comes after the word so that re can jump to the word's letters;
    # leading with it made every call scan the document position by position.
    name = re.escape(word.capitalize())
    return re.search(rf"{name}(?<=[a-z,;] {name})\b", doc.text) is not None


@lru_cache(maxsize=4096)
def elliptical_reply(text: str) -> bool:
    """A reply by ellipsis: a subject and a bare auxiliary ending a clause ("Perhaps it is.",
    "In the short term, you do, I'm afraid.", "They did not.")."""
    lists = word_lists()
    for clause in re.split(r"[,;:\u2014]", text)[:3]:
        tokens = words(clause)
        while tokens and tokens[-1] in lists["ellipsis_endings"]:
            tokens = tokens[:-1]
        if len(tokens) >= 2 and tokens[-2] in lists["subject_pronouns"] | lists["ellipsis_subjects"] and tokens[-1] in lists["auxiliaries"]:
            before = tokens[:-2]
            if all(w in lists["polar_answer_words"] or w in lists["reply_adverbs"] for w in before):
                return True
    return False


@lru_cache(maxsize=4096)
def tag_question(ask_text: str) -> bool:
    """A declarative clause with a reversed-polarity tag ("..., don't we?", "..., isn't it?")."""
    lists = word_lists()
    m = re.search(r",\s*([\w'\u2019]+)(?:\s+(not))?\s+([\w'\u2019]+)\s*\?[\s\"'\u201d\u2019)]*$", ask_text.replace("\u2019", "'"))
    if not m:
        return False
    aux, pronoun = m.group(1).lower(), m.group(3).lower()
    return aux in lists["auxiliaries"] and pronoun in lists["subject_pronouns"] | lists["ellipsis_subjects"]


def poll_options(doc: Document, q: Question) -> int:
    """How many answer options (lines opening "(a)", "b)", "1.", "-") follow the question directly."""
    text = doc.text
    pos = q.ask_end
    count = 0
    while True:
        newline = text.find("\n", pos)
        if newline < 0 or text[pos:newline].strip(" \t\"'\u201d\u2019"):
            break
        line_end = text.find("\n", newline + 1)
        line = text[newline + 1 : line_end if line_end >= 0 else len(text)]
        if not line.strip() and count == 0 and line_end >= 0:
            pos = line_end  # one blank line between the question and its options
            continue
        if not _OPTION.match(line):
            break
        count += 1
        if line_end < 0:
            break
        pos = line_end
    return count if count >= MIN_OPTIONS else 0


def is_heading(doc: Document, q: Question) -> bool:
    """The question is a paragraph of its own (one sentence), followed by a paragraph of statements."""
    seg = doc.segments
    index = _paragraph_of(doc, q.ask_start)
    if index < 0 or index + 1 >= len(seg.paragraphs):
        return False
    p_start, p_end = seg.paragraphs[index]
    if doc.text[p_start : q.ask_start].strip() or doc.text[q.ask_end : p_end].strip(" \t\n\"'\u201d\u2019"):
        return False
    n_start, n_end = seg.paragraphs[index + 1]
    first = seg.sentences[seg.sentence_index(n_start)]
    return not _ends_with_question_mark(doc.text[first[0] : first[1]])


@lru_cache(maxsize=1)
def _light() -> frozenset[str]:
    """Words never counted as shared content: function words, wh-words and light words."""
    lists = word_lists()
    return lists["not_verbs"] | lists["finite_markers"] | lists["wh_words"] | lists["light_words"]


def shares_content(question: str, answer: str) -> bool:
    """The answer repeats a content word of the question, inflected or not (rent/rents,
    landlord/landlords, mean/means): one word begins with the other, four letters at least."""
    stop = _light()
    asked = {w for w in words(question) if len(w) >= 4 and w not in stop}
    said = {w for w in words(answer) if len(w) >= 4 and w not in stop}
    return any(a.startswith(b) or b.startswith(a) for a in asked for b in said)


def pronoun_opening(text: str) -> bool:
    """The sentence opens with a third-person pronoun subject ("He ...", "They ...")."""
    return re.match(r"\s*" + _patterns()["pronoun_opening"] + r"\b", text) is not None
