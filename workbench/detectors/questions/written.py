"""The function of questions in written text: answer evidence first, then rhetorical evidence."""

from __future__ import annotations

import re
from typing import Any

from workbench.corpus import Document
from workbench.detectors.questions.features import context_cues, next_cues, question_cues, rules, wh_word, word_lists, words
from workbench.detectors.questions.finding import _antecedent, _ends_with_question_mark, _leading_name, _paragraph_of, _patterns, _quoted_question
from workbench.detectors.questions.records import Question, Verdict

# Lexicon categories whose cue opening the next sentence answers the question ("Because ...", "I suspect not.").
ANSWER_CATEGORIES = frozenset({"answer", "hedged_answer"})


# ---------------------------------------------------------------- series and context


def _runs(doc: Document, questions: list[Question]) -> list[list[Question]]:
    """Questions asked back to back: adjacent sentences of one paragraph (or turns), same voice."""
    runs: list[list[Question]] = []
    for q in questions:
        if runs:
            last = runs[-1][-1]
            same_block = _paragraph_of(doc, q.start) == _paragraph_of(doc, last.start)
            if q.sentence == last.sentence + 1 and same_block and q.quoted == last.quoted and q.speaker == last.speaker and not q.flagged and not last.flagged:
                runs[-1].append(q)
                continue
            if q.flagged and last.flagged and q.turn == (last.turn or 0) + 1 and q.speaker == last.speaker:
                runs[-1].append(q)
                continue
        runs.append([q])
    return runs


def _sentence_text(doc: Document, index: int) -> str | None:
    seg = doc.segments
    if 0 <= index < len(seg.sentences):
        s, e = seg.sentences[index]
        return doc.text[s:e]
    return None


def _answer_evidence(doc: Document, run: list[Question]) -> tuple[float, str, str, tuple[int, int]] | None:
    """Evidence that the sentence after a run of questions answers it: (weight, cue, reason, span)."""
    if run[-1].quoted:
        return None
    cfg, lists = rules(), word_lists()
    seg = doc.segments
    best: tuple[float, str, str, tuple[int, int]] | None = None
    for k in range(1, int(cfg["answer_window"]) + 1):
        index = run[-1].sentence + k
        text = _sentence_text(doc, index)
        if text is None or _ends_with_question_mark(text) or _quoted_question(doc, *seg.sentences[index]):
            break
        span = seg.sentences[index]
        candidates: list[tuple[float, str, str]] = []
        for cue in next_cues(text):
            if cue.category in ANSWER_CATEGORIES:
                if cue.cue in lists["person_answers"] and any(wh_word(q.ask_text) not in {None, *lists["person_wh_words"]} for q in run):
                    continue
                if cue.category == "hedged_answer" and not _is_whole_reply(text, cue.cue):
                    continue  # "I doubt that the council has looked" is a new claim, not "I doubt it"
                candidates.append((cue.weight, cue.cue, f"the next sentence opens with the answer-like '{cue.cue}'"))
        any_wh = any(wh_word(q.ask_text) for q in run)
        tokens = [w for w in words(text) if w != "?"]
        if any(c.category == "contradiction" for c in next_cues(text)):
            break  # "Yet ..." goes against the question instead of answering it
        fragment = _is_fragment(tokens)
        if not fragment:
            # "Six months, targets agreed in advance, and a review." / "Only one: that she started late."
            # The first clause alone can be the verbless reply; a linking opener ("However, ...") is not.
            first = words(re.split(r"[,;:\u2014]|\s[-\u2013]\s", text, maxsplit=1)[0])
            fragment = (_is_fragment(first) and first[0] not in lists["clause_links"] and len(first) < len(tokens)
                        and not any(w in lists["time_adverbials"] for w in first))
        if fragment and any_wh:
            candidates.append((cfg["weights"]["fragment_answer"], "fragment", "a verbless fragment fills the wh-gap"))
        elif fragment and any(w in lists["polar_answer_words"] for w in tokens):
            candidates.append((cfg["weights"]["fragment_answer"], "polar fragment", "a short verbless reply answers the yes/no question"))
        if any_wh and len(tokens) >= 2 and tokens[0] not in lists["not_verbs"] and tokens[1] in lists["object_openers"] and not tokens[0].endswith("ly") and re.match(r"\s*[A-Z][a-z]+\s", text) and not _is_name_like(doc, tokens[0]):
            candidates.append((cfg["weights"]["bare_verb_answer"], "bare verb", f"the next sentence opens with the bare verb '{text.split()[0]}', answering the wh-question"))
        for weight, cue, reason in candidates:
            if best is None or weight > best[0]:
                best = (weight, cue, reason, span)
        if best:
            break
    return best


def _is_fragment(tokens: list[str]) -> bool:
    """A short run of words without an auxiliary, a subject pronoun or a past form: a verbless reply."""
    return 0 < len(tokens) <= int(rules()["fragment_max_words"]) and not any(_looks_finite(w) for w in tokens)


def _is_whole_reply(text: str, cue: str) -> bool:
    """The sentence is the reply itself, perhaps with a tail after a comma ("I suspect not, though ...")."""
    return re.match(rf"\W*{re.escape(cue)}\s*(?:[.,;:!\u2014]|$)", text.replace("\u2019", "'"), re.IGNORECASE) is not None


def _looks_finite(word: str) -> bool:
    """A word that shows a finite clause: an auxiliary, a subject pronoun, a common past form or an -ed form."""
    lists = word_lists()
    return word in lists["finite_markers"] or word in lists["finite_verbs"] or (len(word) >= 5 and word.endswith("ed"))


def _is_name_like(doc: Document, word: str) -> bool:
    """A word that appears capitalised mid-sentence in the document is a name, not a verb."""
    # The look-behind comes after the word so that re can jump to the word's letters;
    # leading with it made every call scan the document position by position.
    name = re.escape(word.capitalize())
    return re.search(rf"{name}(?<=[a-z,;] {name})\b", doc.text) is not None


def _deliberation(doc: Document, run: list[Question]) -> tuple[str, str | None] | None:
    """A deliberation cue in the sentence after or before the run, and the actor it names."""
    paragraph = _paragraph_of(doc, run[0].start)
    found: list[tuple[str, str | None]] = []
    for index in (run[-1].sentence + 1, run[0].sentence - 1):
        text = _sentence_text(doc, index)
        if text is None or _ends_with_question_mark(text) or _paragraph_of(doc, doc.segments.sentences[index][0]) != paragraph:
            continue
        cues = [c for c in context_cues(text) if c.category == "deliberation"]
        if cues:
            start = doc.segments.sentences[index][0]
            actor = _leading_name(text) or (_antecedent(doc, start) if re.match(r"\s*" + _patterns()["pronoun_opening"] + r"\b", text) else None)
            found.append((cues[0].cue, actor))
    # Prefer the cue whose sentence names the actor.
    named = [f for f in found if f[1]]
    return (named or found or [None])[0]


def _reader_appeal(doc: Document, run: list[Question]) -> str | None:
    """An invitation to reply ("Tell us what you think: ...?") in the run's sentences or the one before or after."""
    for index in (*(q.sentence for q in run), run[0].sentence - 1, run[-1].sentence + 1):
        text = _sentence_text(doc, index)
        if text is None:
            continue
        for cue in context_cues(text):
            if cue.category == "addressee" or (cue.category == "appeal" and _opens_clause(text, cue.cue)):
                return cue.cue
    return None


def _opens_clause(text: str, phrase: str) -> bool:
    """``phrase`` starts the sentence or a clause (after punctuation or "please", "so", "and"): an imperative."""
    pattern = rf"(?:^|[.:;!?\u2014\"\u201c(]\s*|\b{_patterns()['imperative_opener']}\s+){re.escape(phrase)}\b"
    return re.search(pattern, text.strip().replace("\u2019", "'"), re.IGNORECASE) is not None


def _written_verdicts(doc: Document, run: list[Question]) -> list[Verdict]:
    cfg = rules()
    weights = cfg["weights"]
    answer = _answer_evidence(doc, run)
    if answer and answer[0] >= cfg["hypophora_threshold"]:
        weight, cue, reason, span = answer
        answered = {"start": span[0], "end": span[1], "text": doc.text[span[0] : span[1]]}
        return [Verdict("hypophora", min(1.0, 0.5 + 0.25 * weight), f"answer:{cue}", f"Hypophora: {reason}.", {"answered_by": answered}) for _ in run]
    deliberation = _deliberation(doc, run) if not run[0].quoted else None
    appeal = _reader_appeal(doc, run) if not run[0].quoted else None
    verdicts = []
    for q in run:
        evidence: list[tuple[float, str, str]] = []
        for cue in question_cues(q.ask_text):
            if cue.label == "rhetorical":
                evidence.append((cue.weight, cue.cue, f"{cue.category.replace('_', ' ')} cue '{cue.cue}'"))
        nxt = _sentence_text(doc, run[-1].sentence + 1)
        if nxt is not None and not q.quoted:
            for cue in next_cues(nxt):
                if cue.category == "contradiction":
                    evidence.append((cue.weight, cue.cue, f"the next sentence goes against the question ('{cue.cue}')"))
        if not q.quoted and run[-1].paragraph_final:
            evidence.append((weights["paragraph_final_unanswered"], "unanswered", "no answer follows before the paragraph ends"))
        if not q.quoted and len(run) > 1:
            evidence.append((weights["unanswered_series"], "unanswered series", f"one of {len(run)} unanswered questions in a row"))
        if not q.quoted and appeal is None:
            evidence.append((weights["author_unanswered"], "author's own question", "the author asks it and leaves it unanswered, inviting no reply"))
        extras: dict[str, Any] = {}
        if deliberation:
            evidence.append((weights["deliberation_context"], deliberation[0], f"the text frames the run as deliberation ('{deliberation[0]}')"))
            if deliberation[1] and len(run) > 1:
                extras["attributed_to"] = deliberation[1]
        if q.quoted:
            evidence.append((weights["quoted"], "quoted", "it is quoted speech, asked of someone"))
        total = sum(w for w, _, _ in evidence)
        positive = sorted((e for e in evidence if e[0] > 0), key=lambda e: -e[0])
        if total >= cfg["rhetorical_threshold"] and positive:
            reasons = "; ".join(r for _, _, r in positive[:3])
            verdicts.append(Verdict("rhetorical", min(1.0, 0.5 + 0.2 * total), positive[0][1], f"Rhetorical: {reasons}.", extras))
        else:
            if q.quoted:
                why = "quoted question put to someone"
            elif appeal is not None:
                why = f"the text asks for a reply ('{appeal}')"
            else:
                why = "no answer from the author and too little rhetorical evidence"
            verdicts.append(Verdict("information_seeking", 0.6, "default", f"Information-seeking: {why}.", extras))
    return verdicts
