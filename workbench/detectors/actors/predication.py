"""Predication: spans that attribute a quality or act to an actor (copular clauses, clefts,
acts on the actor's own attributes, naming, indefinite appositions), with he/she resolved to
the nearest named person."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from workbench.corpus import Document
from workbench.detectors.actors import lexicon as lx
from workbench.detectors.actors.model import Form, Mention, Spans, clause_end, first_positions, words_before

# Nomination forms that name one individual: a he/she may refer back to them.
_SINGLE_NAMING = frozenset((Form.FULL_NAME, Form.SURNAME, Form.FIRST_NAME, Form.ROLE, Form.ALIAS))


@lru_cache(maxsize=1)
def predicate_regexes() -> dict[str, re.Pattern]:
    """The predication patterns, built from actors_predication.tsv and actors_rules.yaml."""
    words = lx.predication_words()
    copula = lx.alternation(w for w in words["copula"] if not w.startswith(("'", "\u2019")))
    degree = lx.alternation(words["degree"])
    state = lx.alternation(words["state_preposition"])
    act = lx.alternation(words["act_verb"])
    naming = lx.alternation(words["naming_verb"])
    # The complement may not be a progressive verb, an infinitive or a clause: those are acts, not qualities.
    articles = lx.literal_alternation(lx.word_list("complement_articles"))
    not_complement = lx.literal_alternation(lx.word_list("not_complements"))
    complement = rf"(?:(?:{articles})\b|[\"\u201c\u2018]|(?:{state})\b|(?!(?:{not_complement}|{degree})\b)(?![a-z]+ing\b)[a-z])"
    # Degree words are taken greedily and never given back (an atomic group written as a
    # lookahead plus back-reference, which Python 3.10 also understands), so "is still
    # waiting" cannot be read as "is" + complement "still".
    degrees = rf"(?=(?P<deg>(?:(?:{degree})\s+)*))(?P=deg)"
    tail = rf"(?P<tail>\s*,\s*(?:{lx.literal_alternation(lx.word_list('parenthetical_adverbials'))})\s*,)?"
    # A capitalised place after the subject: "Shopkeepers on Quay Street are ...".
    place = rf"(?:\s+(?:{lx.literal_alternation(lx.word_list('place_prepositions'))})\s+(?:the\s+)?[A-Z]\w+(?:\s+[A-Z]\w+)*)?"
    auxiliary = lx.literal_alternation(lx.word_list("perfect_auxiliaries"))
    own = lx.literal_alternation(lx.word_list("own_possessives"))
    label_opener = lx.literal_alternation(lx.word_list("naming_complement"))
    cleft_verb = lx.literal_alternation(lx.word_list("cleft_verbs"))
    focus = lx.alternation(lx.word_list("cleft_focus"))
    relative = lx.literal_alternation(lx.word_list("cleft_relatives"))
    indefinite = lx.literal_alternation(lx.INDEFINITE)
    return {
        "copular": re.compile(rf"{place}{tail}\s+(?:{copula})\s+{degrees}(?={complement})", re.IGNORECASE),
        "copular_contracted": re.compile(rf"{tail}(?:\s+(?:{copula})|['\u2019]s)\s+{degrees}(?={complement})", re.IGNORECASE),
        "act": re.compile(rf"\s+(?:(?:{auxiliary})\s+)?(?:{act})\s+(?:{own})\b", re.IGNORECASE),
        "naming_before": re.compile(rf"\b(?:{naming})\s+$", re.IGNORECASE),
        "naming_after": re.compile(rf"\s+(?:{label_opener})\s+", re.IGNORECASE),
        "cleft_before": re.compile(rf"\bit\s+(?:{cleft_verb})\s+(?:(?:{focus})\s+)?$", re.IGNORECASE),
        "cleft_after": re.compile(rf"\s+(?:{relative})\s+(?:{copula})\s+{degrees}(?={complement})", re.IGNORECASE),
        "apposition": re.compile(rf",\s+(?=(?:{indefinite})\s+\w)", re.IGNORECASE),
        "pronoun": re.compile(rf"\b(?:{lx.alternation(words['pronoun'])})\b", re.IGNORECASE),
    }



def predications(doc: Document, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...], str]]:
    """Spans attributing a quality or act to an actor: (start, end, actors, pattern)."""
    text = doc.text
    rx = predicate_regexes()
    quotes = [(q.start, q.end) for q in doc.segments.quotes]
    first = first_positions(mentions)
    subjects: list[tuple[int, int, tuple[str, ...], bool]] = [(m.start, m.end, m.actors, m.possessive) for m in mentions]
    pronouns = pronoun_subjects(doc, mentions)
    pronoun_starts = {p[0] for p in pronouns}
    subjects.extend(pronouns)
    subjects.sort()
    out: list[tuple[int, int, tuple[str, ...], str]] = []
    used = Spans()

    def emit(start: int, end: int, actors: tuple[str, ...], pattern: str) -> None:
        if end > start and not used.overlaps(start, end):
            used.add(start, end)
            out.append((start, end, tuple(sorted(set(actors), key=lambda a: (first.get(a, 1 << 30), a))), pattern))

    for i, (start, end, actors, possessive) in enumerate(subjects):
        if possessive:
            continue
        subj_start, subj_end, subj_actors = start, end, actors
        # Coordinated subject: "(Both) X and Y are ..."
        nxt = subjects[i + 1] if i + 1 < len(subjects) else None
        if nxt is not None and re.fullmatch(r"\s+and\s+", text[end : nxt[0]]) and not nxt[3]:
            subj_end, subj_actors = nxt[1], actors + nxt[2]
            both = lx.COORDINATION_BEFORE.search(text[max(0, start - 10) : start])
            if both:
                subj_start = start - (len(text[max(0, start - 10) : start]) - both.start())
        elif i > 0 and re.fullmatch(r"\s+and\s+", text[subjects[i - 1][1] : start]):
            continue  # second half of a coordinated subject
        after = text[subj_end : subj_end + 300]  # a predicate starts within a few words of its subject
        if re.match(r"['\u2019]s\b", after) and subj_start not in pronoun_starts:
            continue  # a possessive (Lukashenko's army) is not a subject
        prev = words_before(text, subj_start, 1, 0)
        if prev and prev[-1].group().lower() in lx.PREPOSITIONS and not text[prev[-1].end() : subj_start].strip():
            continue  # talks between X and Y were held: X is not the subject
        m = rx["copular_contracted" if subj_start in pronoun_starts else "copular"].match(after)
        if m:
            emit(subj_start, clause_end(text, subj_end + m.end(), quotes), subj_actors, "copular")
            continue
        m = rx["cleft_after"].match(after)
        if m:
            cleft = rx["cleft_before"].search(text[max(0, subj_start - 30) : subj_start])
            if cleft:
                begin = max(0, subj_start - 30) + cleft.start()
                emit(begin, clause_end(text, subj_end + m.end(), quotes), subj_actors, "cleft")
                continue
        m = rx["act"].match(after)
        if m:
            emit(subj_start, clause_end(text, subj_end + m.end(), quotes), subj_actors, "act")
            continue
        before = rx["naming_before"].search(text[max(0, subj_start - 20) : subj_start])
        m = rx["naming_after"].match(after)
        if before and m:
            begin = max(0, subj_start - 20) + before.start()
            emit(begin, clause_end(text, subj_end + m.end(), quotes), subj_actors, "naming")
            continue
        m = rx["apposition"].match(after)
        if m and len(subj_actors) == 1:
            begin = subj_end + m.end()
            emit(begin, clause_end(text, begin, quotes), subj_actors, "apposition")
    return sorted(out)


def pronoun_subjects(doc: Document, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """he/she resolved to the last person named earlier in the sentence, else the first (subject)
    person named in one of the two sentences before."""
    text = doc.text
    seg = doc.segments
    singles = [m for m in mentions if len(m.actors) == 1 and m.form in _SINGLE_NAMING]
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in singles:
        by_sentence[seg.sentence_index(m.start)].append(m)
    out = []
    for p in predicate_regexes()["pronoun"].finditer(text):
        i = seg.sentence_index(p.start())
        same = [m for m in by_sentence.get(i, []) if m.end <= p.start()]
        target = None
        if same:
            target = same[-1]
        else:
            for j in (i - 1, i - 2):
                subjects = [m for m in by_sentence.get(j, []) if not m.possessive]
                if subjects:
                    target = subjects[0]
                    break
        if target is not None:
            out.append((p.start(), p.end(), target.actors, False))
    return out
