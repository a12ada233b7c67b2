"""What a loaded span is: its type, polarity, whose voice it is in, whom it is about, and a score.

* **type** — a label type when the span names people: a label entry, a charged adjective with a
  person noun as its head (brave campaigners), or a nominalised charged adjective (the greedy);
  else the type of the rule or entry that made it (metaphor and superlative patterns, degree words
  as intensifiers, then verb, noun and adjective entries). Emotion adjectives (furious diners)
  describe people without labelling them.
* **voice** — ``quoted`` inside quotation marks (``doc.segments.quotes``), after a naming verb
  in the clause whose subject is not the author (the union called the strikers *militant
  wreckers*; once hailed as *the nation's favourite*) or after an opinion frame (*To the crowds
  ..., they are martyrs*); ``author`` otherwise. A word that is all a short quotation holds, with
  no reporting verb in the sentence, is in scare quotes and is left to the distancing detector.
* **target** — for a label, the object of the naming verb (called *the strikers* ...), the name
  right after it (Love-rat *Dario Benn*), the name of an of-phrase (the brave campaigners of
  *Fair Share Varenia*), an apposed or copular name (*Vail*, the smirking architect; *Tarren* is
  a dictator), else the label's own phrase; for an emotive verb or emotion adjective, the subject;
  for other spans, a possessor (*Ellery's* reckless gamble).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.corpus import Document
from workbench.detectors.loaded.lexicon import LABEL_TYPES, STRONG_VALENCE, people_nouns, rules, speech_verbs, valence
from workbench.detectors.loaded.spans import Span

_NAME = re.compile(r"[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*)*")
_WORDS = re.compile(r"[\w'\u2019-]+")
_CLAUSE_PUNCT = re.compile(r"[;:!?\u2014\u2013]|[.,](?=\s)|\s-\s")
# Rule priority when a span holds several entries: the most specific kind of charge wins.
_PRIORITY = ("metaphor", "superlative", "intensifier", "emotive_verb", "emotive_noun", "emotive_adjective")
_BASE_SCORE = {"pejorative_label": 0.8, "glorifying_label": 0.8, "superlative": 0.75, "metaphor": 0.7, "intensifier": 0.7}


@dataclass
class Reading:
    """What a span is: type, polarity, voice, target (text and offsets), score and why."""

    type: str
    polarity: str
    voice: str
    voiced_by: str
    target: str | None
    target_span: tuple[int, int] | None
    score: float


def _words(text: str, start: int, end: int) -> list[re.Match]:
    return list(_WORDS.finditer(text, start, end))


def _head_is_people(text: str, span: Span) -> bool:
    """The last word of an adjective span is a person noun (shameless chef, brave young volunteers)."""
    words = _words(text, span.start, span.end)
    return len(words) >= 2 and words[-1].group().lower() in people_nouns()


def _nominalised(text: str, span: Span) -> bool:
    """``the`` + a charged adjective with no head: the adjective names a group (the greedy, the brave)."""
    if len(span.entries) != 1 or span.entries[0].pos != "adj" or span.rules[0] != "as listed":
        return False
    before = text[max(0, span.start - 4) : span.start].lower()
    return before == "the "


def span_type(doc: Document, span: Span) -> tuple[str, str]:
    """(type, polarity) of a span."""
    text = doc.text
    polarities = [e.polarity for e in span.entries if e.pos != "degree"] or [e.polarity for e in span.entries]
    if any(e.pos == "degree" for e in span.entries):
        charged_polarity = "positive" if any(valence(text[s:e]) > 0 for s, e in span.cues) else None
        polarities = polarities + ([charged_polarity] if charged_polarity else [])
    polarity = "positive" if polarities.count("positive") > polarities.count("negative") else "negative"
    labels = [e.type for e in span.entries if e.type in LABEL_TYPES]
    if labels:
        return labels[0], "positive" if labels[0] == "glorifying_label" else "negative"
    if any(e.type == "emotive_adjective" and e.pos in ("adj", "pattern") for e in span.entries) and (_head_is_people(text, span) or _nominalised(text, span)):
        return ("glorifying_label" if polarity == "positive" else "pejorative_label"), polarity
    kinds = {e.type for e in span.entries}
    if any(e.pos == "degree" for e in span.entries):
        kinds.add("intensifier")
    for kind in _PRIORITY:
        if kind in kinds:
            return kind, polarity
    return span.entries[0].type, polarity


# ---------------------------------------------------------------- voice


@lru_cache(maxsize=None)
def _opinion_frame() -> re.Pattern:
    """An opener such as "To the crowds who ...," at the start of a sentence; ``holder`` is its first word."""
    openers = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(rules()["opinion_openers"], key=lambda w: (-len(w), w)))
    return re.compile(rf"\s*(?:{openers})\s+(?P<holder>[\w'\u2019-]+)[^,;:]{{0,80}},", re.IGNORECASE)


def voice(doc: Document, span: Span) -> tuple[str, str, int | None]:
    """(``author`` | ``quoted``, why, end of the naming verb that names the target or None):
    quotation marks, a naming verb or an opinion frame before the span."""
    seg = doc.segments
    naming = _naming_verb(doc, span)
    if seg.quote_around(span.start, span.end) is not None:
        return "quoted", "inside quotation marks", naming[1] if naming else None
    if naming is not None:
        verb, verb_end, first_person = naming
        if first_person:
            return "author", "the author names it", verb_end
        return "quoted", f"after the naming verb '{verb}'", verb_end
    text = doc.text
    s_start = seg.sentences[seg.sentence_index(span.start)][0] if seg.sentences else 0
    before = text[s_start : span.start]
    table = rules()
    # An opinion frame opening the sentence: "To the crowds who filled the avenues, they are martyrs."
    frame = _opinion_frame().match(before)
    if frame:
        holder = frame.group("holder")
        if holder[:1].isupper() or holder.lower() in table["determiners"]:
            return "quoted", "after an opinion frame ('" + " ".join(frame.group().split())[:40] + "')", None
    return "author", "", None


def scare_quoted(doc: Document, span: Span) -> bool:
    """The span is all a short quotation holds and nobody is reported saying it (praised the
    minister's "courage"): scare quotes keep the word at a distance (the distancing detector's
    layer), they do not load it. A reporting or naming verb earlier in the sentence makes it
    reported speech (to shout "racist"; the agency reported that 41 "hooligans" were held)."""
    quote = doc.segments.quote_around(span.start, span.end)
    if quote is None:
        return False
    text = doc.text
    inner = text[quote.start + 1 : quote.end - 1].strip(" ,.;:!?")
    if inner.lower() != text[span.start : span.end].lower() or len(inner.split()) > 3:
        return False
    seg = doc.segments
    s_start = seg.sentences[seg.sentence_index(quote.start)][0] if seg.sentences else 0
    reporting = speech_verbs() | rules()["naming_verbs"] | rules()["reporting_verbs"]
    return not any(w.group().lower() in reporting for w in _WORDS.finditer(text, s_start, quote.start))


def _naming_verb(doc: Document, span: Span) -> tuple[str, int, bool] | None:
    """A naming verb earlier in the span's clause (calling the strikers militant wreckers; once
    hailed as the nation's favourite): (the verb, its end, whether its subject is first person)."""
    seg = doc.segments
    text = doc.text
    s_start = seg.sentences[seg.sentence_index(span.start)][0] if seg.sentences else 0
    table = rules()
    words = _words(text, s_start, span.start)
    for i in range(len(words) - 1, -1, -1):
        low = words[i].group().lower()
        if low in table["clause_breaks"]:
            break
        if low in table["naming_verbs"]:
            nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
            if low.startswith("call") and nxt in table["not_naming_after"]:
                continue
            if low.startswith("describ") and not re.search(r"\bas\b", text[words[i].end() : span.start]):
                continue
            if low.startswith("accus") and not re.search(r"\bof\b", text[words[i].end() : span.start]):
                continue
            subject = [w.group().lower() for w in words[max(0, i - 3) : i]]
            return words[i].group(), words[i].end(), any(w in table["first_person"] for w in subject)
        if span.start - words[i].start() > 120:
            break
    return None


# ---------------------------------------------------------------- target


@lru_cache(maxsize=None)
def _naming_object() -> re.Pattern:
    """The object of a naming verb, up to the label (called *the strikers* "militant wreckers")."""
    particles = "|".join(sorted(rules()["naming_particles"]))
    determiners = "|".join(sorted(rules()["determiners"], key=lambda w: (-len(w), w)))
    return re.compile(rf"\s+(?P<obj>[^\"\u201c,;:]+?)\s+(?:(?:{particles})\s+)?(?:(?:{determiners})\s+)?[\"\u201c]?\s*$")


@lru_cache(maxsize=None)
def _apposition() -> re.Pattern:
    """A name right before a label, apposed (Vail, the smirking architect) or with a copula (Tarren is a dictator)."""
    copulas = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(rules()["copulas"], key=lambda w: (-len(w), w)))
    determiners = "|".join(sorted(rules()["determiners"], key=lambda w: (-len(w), w)))
    return re.compile(rf"([A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*)*)(?:['\u2019]s)?\s*(?:,\s*|\s+(?:{copulas})\s+)(?:(?:{determiners})\s+)?(?:[\"\u201c]\s*)?$")


def _name_after(text: str, end: int, limit: int) -> re.Match | None:
    m = re.compile(r"[ \t]+").match(text, end)
    if m and m.end() < limit:
        name = _NAME.match(text, m.end())
        if name and name.end() <= limit and len(name.group().split()) >= 1 and not name.group().isupper():
            return name
    return None


def _name_before(text: str, start: int, floor: int) -> re.Match | None:
    """A capitalised name ending right before ``start`` (after optional 's or a comma)."""
    window = text[max(floor, start - 60) : start]
    m = re.search(r"([A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*)*)(?:['\u2019]s)?[ \t]*,?[ \t]*(?:the[ \t]+|a[ \t]+|an[ \t]+)?$", window)
    if m:
        offset = max(floor, start - 60)
        return re.compile(re.escape(m.group(1))).match(text, offset + m.start(1))
    return None


def target(doc: Document, span: Span, kind: str, naming_end: int | None = None) -> tuple[str, tuple[int, int]] | None:
    """The person or group a label or emotive verb is about: (text, (start, end)), or None.
    ``naming_end``: the end of a naming verb before the span, whose object is the target."""
    text = doc.text
    seg = doc.segments
    s_start, s_end = seg.sentences[seg.sentence_index(span.start)] if seg.sentences else (0, len(text))
    if naming_end is not None and kind in LABEL_TYPES:
        # called the strikers "militant wreckers": the naming verb's object.
        obj = _naming_object().match(text[naming_end : span.start])
        if obj and obj.group("obj").lower() not in rules()["function_words"]:
            start = naming_end + obj.start("obj")
            return obj.group("obj"), (start, naming_end + obj.end("obj"))
        # A passive naming verb (the singer was once hailed as ...): the subject before it.
        verb_start = re.search(r"[\w'\u2019-]+\s*$", text[s_start:naming_end])
        if verb_start is not None:
            before = Span(s_start + verb_start.start(), naming_end, span.entries, span.rules)
            subject = _subject(text, before, s_start, s_end, after=False)
            if subject is not None:
                return subject
    if kind in LABEL_TYPES:
        # Love-rat Dario Benn / Disgraced TV chef Dario Benn: the name right after the label.
        name = _name_after(text, span.end, s_end)
        if name and not text[span.start : span.end].isupper():
            return name.group(), (name.start(), name.end())
        # The brave campaigners of Fair Share Varenia.
        of = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?=[A-Z])").match(text, span.end)
        if of:
            name = _NAME.match(text, of.end())
            if name and name.end() <= s_end:
                return name.group(), (name.start(), name.end())
        # Vail, the smirking architect / Tarren is a dictator / called Rusk a traitor.
        prefix = text[s_start : span.start]
        apposed = _apposition().search(prefix)
        if apposed and apposed.group(1).lower() not in rules()["function_words"]:
            return apposed.group(1), (s_start + apposed.start(1), s_start + apposed.end(1))
        words = _words(text, span.start, span.end)
        head = [w for w in words if w.group().lower() not in rules()["function_words"]]
        if head:
            start = words[0].start() if words[0].group().lower() == "the" else head[0].start()
            return text[start : span.end], (start, span.end)
        return None
    if kind == "emotive_verb":
        return _subject(text, span, s_start, s_end)
    if any(e.pos == "adj_state" for e in span.entries):
        # "Furious diners": the people who feel it; "TV bosses are said to be livid": the subject.
        words = _words(text, span.start, span.end)
        if len(words) >= 2 and words[-1].group().lower() in people_nouns():
            return words[-1].group(), (words[-1].start(), words[-1].end())
        return _subject(text, span, s_start, s_end, after=False)
    # "The dictator's brutal crackdown", "Vail's tax giveaway": the possessor.
    owner = re.search(r"([A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*)*|\b[a-z]+)['\u2019]s\s+$", text[max(s_start, span.start - 60) : span.start])
    if owner:
        start = max(s_start, span.start - 60) + owner.start(1)
        name = owner.group(1)
        if (name[:1].isupper() and name.lower() not in rules()["function_words"]) or name.lower() in people_nouns():
            return _strip_article(text, start, start + len(name))
    return None


def _strip_article(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """Text and offsets of a name without a leading capitalised article (The Civic Union -> Civic Union)."""
    first = re.match(r"[A-Z]\w*\s+", text[start:end])
    if first and first.group().strip().lower() in rules()["function_words"] and first.end() < end - start:
        start += first.end()
    return text[start:end], (start, end)


def _candidates(text: str, offset: int, part: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_name) of names and person nouns in ``part`` (at ``offset`` in the text);
    a name followed by a person noun becomes one candidate (TV bosses, Civic Union's backbenchers)."""
    people = people_nouns()
    skip = rules()["function_words"]
    out: list[tuple[int, int, bool]] = []
    for m in _NAME.finditer(part):
        name = re.sub(r"['\u2019]s\Z", "", m.group())
        if name.lower() in skip or not name:
            continue
        end = m.start() + len(name)
        after = re.match(r"(?:['\u2019]s)?\s+([\w-]+)", part[end:])
        if after and after.group(1).lower() in people:
            end = end + after.end()
        out.append((offset + m.start(), offset + end, True))
    taken = [(s, e) for s, e, _ in out]
    for m in _WORDS.finditer(part):
        if m.group().lower() in people and not any(s <= offset + m.start() < e for s, e in taken):
            out.append((offset + m.start(), offset + m.end(), False))
    return sorted(out)


def _subject(text: str, span: Span, s_start: int, s_end: int, *, after: bool = True) -> tuple[str, tuple[int, int]] | None:
    """The subject of a verb or predicate. The stretch of the sentence before it is cut at
    commas and clause punctuation; going back from the verb, the first stretch with a name or
    person noun gives its first one (the treasurer, *Paul Whitcombe*, grovelled; *The smirking
    star* of Flame & Fork, 46, splashed out); a stretch that opens with an article is an
    apposition and is passed over (*Tarren*, a former army colonel, has clung to power). With
    ``after``, a name right after it when there is none before (... fumed *Greta Holm*)."""
    prefix = text[s_start : span.start]
    cuts = [0, *(m.end() for m in _CLAUSE_PUNCT.finditer(prefix)), len(prefix)]
    chunks = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    determiners = rules()["determiners"]
    for number, (begin, end) in enumerate(reversed(chunks)):
        part = prefix[begin:end]
        first_word = re.match(r"\s*([\w'\u2019-]+)", part)
        if number and begin and first_word and first_word.group(1).lower() in determiners:
            continue
        found = _candidates(text, s_start + begin, part)
        if found:
            start, stop, _ = found[0]
            return _strip_article(text, start, stop)
    if after:
        name = _name_after(text, span.end, s_end)
        if name:
            return name.group(), (name.start(), name.end())
    return None


def score(doc: Document, span: Span, kind: str) -> float:
    """Confidence 0-1: by type, raised by a strong valence of a charged word and by several cues."""
    text = doc.text
    value = _BASE_SCORE.get(kind, 0.65)
    if any(abs(valence(w.group())) >= STRONG_VALENCE for s, e in span.cues for w in _words(text, s, e)):
        value += 0.1
    if len(span.entries) > 1:
        value += 0.1
    if all(e.rule == "vader" for e in span.entries):
        value -= 0.1
    return round(min(1.0, value), 2)


def read(doc: Document, span: Span) -> Reading:
    """Type, polarity, voice, target and score of one span."""
    kind, polarity = span_type(doc, span)
    spoken, why, naming_end = voice(doc, span)
    found = target(doc, span, kind, naming_end)
    return Reading(kind, polarity, spoken, why, found[0] if found else None, found[1] if found else None, score(doc, span, kind))
