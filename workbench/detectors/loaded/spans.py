"""Where a loaded finding is and how far it reaches: lexicon matches, pattern rules and span rules.

Each lexicon match is stretched by its part of speech (``pos`` in loaded.tsv): an adjective over
the word it qualifies, a noun or label over an intensifying or national premodifier, a verb
over its object, an intensifier over the next word; a degree word counts only before a charged
word, a superlative only with a hyperbolic scope or before a charged word. Matches that a
context shows to be neutral are dropped: a word inside a capitalised name, a charged noun that
classifies a legal process (a fraud inquiry). Overlapping evidence merges into one span.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.corpus import Document
from workbench.detectors.loaded.lexicon import POS_FAMILY, STRONG_VALENCE, Entry, base_forms, charged, charged_entry, lexicon, matchers, name_heads, people_nouns, rules, valence

_LETTER_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*\Z")


@dataclass
class Span:
    """One loaded finding before typing: its extent, the entries and rules that made it, and
    where the charged words themselves are (``cues``: offsets of the words that fired)."""

    start: int
    end: int
    entries: list[Entry]
    rules: list[str]
    cues: list[tuple[int, int]] = field(default_factory=list)


def _is_content_word(word: str) -> bool:
    return bool(_LETTER_WORD.match(word)) and word.lower() not in rules()["function_words"]


class Tokens:
    """Token lookup by offset for one document."""

    def __init__(self, doc: Document):
        self.text = doc.text
        self.spans = doc.segments.tokens
        self.starts = doc.segments.token_starts

    def after(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.spans[i] if i < len(self.spans) else None

    def before(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, offset) - 1
        return self.spans[i] if i >= 0 else None

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def only_space_between(self, a: int, b: int) -> bool:
        # Spaces or one line break: punctuation or a paragraph break between words ends the phrase.
        gap = self.text[a:b]
        return a <= b and gap.isspace() and "\n\n" not in gap

    def next_word(self, end: int, limit: int) -> tuple[int, int] | None:
        """The token right after ``end`` when only space separates them and it ends by ``limit``."""
        nxt = self.after(end)
        if nxt and nxt[1] <= limit and self.only_space_between(end, nxt[0]):
            return nxt
        return None

    def previous_word(self, start: int, floor: int) -> tuple[int, int] | None:
        prev = self.before(start)
        if prev and prev[0] >= floor and self.only_space_between(prev[1], start):
            return prev
        return None


def _extend(tokens: Tokens, start: int, end: int, entry: Entry, starts: set[int], sentence: tuple[int, int]) -> tuple[int, int, str, list[tuple[int, int]]] | None:
    """Stretch one lexicon match by its part of speech: (start, end, rule, cue offsets), or None
    when the entry is loaded only in a context that is missing here."""
    s_start, s_end = sentence
    table = rules()
    cue = [(start, end)]
    if entry.pos == "intensifier":
        # "nothing short of scandalous": the intensifier joins the next word even when it is loaded itself.
        nxt = tokens.next_word(end, s_end)
        if nxt and _is_content_word(tokens.word(nxt)):
            return start, nxt[1], "intensifier + word", cue
    elif entry.pos == "degree":
        # "so chaotic", "pure greed": a degree word is loaded only with the charged word it intensifies.
        nxt = tokens.next_word(end, s_end)
        if nxt and _is_content_word(tokens.word(nxt)) and charged(tokens.word(nxt)) is not None:
            return start, nxt[1], "degree word + charged word", [nxt]
        return None
    elif entry.pos in ("adj", "adj_state"):
        # The adjective takes in its head, loaded or not ("terrible lie", "spineless careerists");
        # when a person noun follows within three words it is the head ("Disgraced TV chef").
        nxt = tokens.next_word(end, s_end)
        if nxt and _is_content_word(tokens.word(nxt)):
            word, last = nxt, nxt
            for _ in range(3):
                if tokens.word(word).lower() in people_nouns():
                    return start, word[1], "adjective + person noun", cue
                word = tokens.next_word(word[1], s_end)
                if word is None or not _is_content_word(tokens.word(word)):
                    break
            return start, last[1], "adjective + head", cue
    elif entry.pos in ("noun", "label", "noun_modified"):
        prev = tokens.previous_word(start, s_start)
        # The premodifier must be in the same sentence: not the last word of a title line.
        if prev and prev[0] not in starts:
            word = tokens.word(prev)
            if word.lower() in table["premodifiers"]:
                return prev[0], end, "premodifier + noun", cue
            if entry.pos != "noun_modified" and table["national"].match(word):
                return prev[0], end, "premodifier + noun", cue
        if entry.pos == "noun_modified":
            return None  # "the knockout stage": neutral without an intensifier
    elif entry.pos == "accusation":
        # "It is fraud", "described the walkout as an act of sabotage": a crime named as a charge.
        return (start, end, "accusation in a predicate", cue) if _in_a_predicate(tokens, start, s_start) else None
    elif entry.pos in ("ironic", "superlative"):
        # Praise right before a loaded word is irony ("the funniest propaganda"); a superlative
        # alone is loaded only with a hyperbolic scope, which the superlative patterns find.
        nxt = tokens.next_word(end, s_end)
        if nxt and nxt[0] in starts:
            return start, end, "ironic praise before loaded word" if entry.pos == "ironic" else "superlative before loaded word", cue
        return None
    elif entry.pos == "verb":
        nxt = tokens.next_word(end, s_end)
        if nxt:
            word = tokens.word(nxt)
            if word.lower() in table["determiners"]:
                obj = tokens.next_word(nxt[1], s_end)
                if obj and _is_content_word(tokens.word(obj)):
                    return start, obj[1], "verb + object", cue
            elif _is_content_word(word) and nxt[0] not in starts:
                return start, nxt[1], "verb + object", cue
    elif entry.pos == "pattern":
        return start, end, f"pattern: {entry.rule}", cue
    return start, end, "as listed", cue


def _in_a_predicate(tokens: Tokens, start: int, sentence_start: int) -> bool:
    """A copula or naming verb earlier in the clause, at most ten words back (it is *fraud*;
    described the walkout as an act of economic *sabotage*)."""
    table = rules()
    words = re.findall(r"[\w'\u2019-]+|[,;:]", tokens.text[max(sentence_start, start - 80) : start])
    for word in reversed(words[-11:]):
        low = word.lower()
        if low in (",", ";", ":") or low in table["clause_breaks"]:
            return False
        if low in table["copulas"] or low in table["naming_verbs"]:
            return True
        if low.endswith(("ing", "ed")) and len(low) > 4:
            return False  # "are investigating a theft": the noun is the object of another verb
    return False


def _used_as_a_verb(tokens: Tokens, start: int, entry: Entry, sentence_start: int) -> bool:
    """A noun entry right after a subject pronoun, to or a modal is the verb (I lie awake, to shame)."""
    if POS_FAMILY[entry.pos] != "nominal":
        return False
    prev = tokens.previous_word(start, sentence_start)
    return prev is not None and tokens.word(prev).lower() in rules()["verb_markers"]


def _in_a_name(tokens: Tokens, start: int, end: int, entry: Entry, sentence_start: int) -> bool:
    """A capitalised match inside a capitalised sequence is part of a name (Golden State
    Warriors, the Hope Street clinic), unless the text is shouted (a headline in capitals) or the
    neighbour is a title word. A label or adjective that opens the sequence is an epithet before
    a name (Love-rat Dario Benn, Disgraced chef Marco Dell), not part of it."""
    text = tokens.text
    matched = text[start:end]
    if not matched[:1].isupper() or matched.isupper():
        return False
    ok = rules()["capitalised_ok"]
    prev = tokens.previous_word(start, sentence_start)
    if prev is not None:
        word = tokens.word(prev)
        if word[:1].isupper() and not word.isupper() and word.lower() not in ok:
            return True
    nxt = tokens.next_word(end, len(text))
    if nxt is not None and tokens.word(nxt) in name_heads():
        return True  # the Coward Street bakery, Hero Park
    if POS_FAMILY[entry.pos] in ("nominal", "modifier") and entry.pos != "noun":
        return False
    if nxt is not None and start != sentence_start:
        word = tokens.word(nxt)
        return word[:1].isupper() and not word.isupper() and word.lower() not in ok
    return False


def _classifies_a_legal_noun(tokens: Tokens, end: int, entry: Entry, sentence_end: int) -> bool:
    """A charged noun or adjective right before a legal or investigative noun names the offence
    (a fraud inquiry, the massacre trial, criminal charges), a fact rather than a judgement."""
    if POS_FAMILY[entry.pos] not in ("nominal", "modifier"):
        return False
    nxt = tokens.next_word(end, sentence_end)
    return bool(nxt) and tokens.word(nxt).lower() in rules()["legal_heads"]


def _evaluative(phrase: str) -> bool:
    """A superlative or comparative phrase whose adjective is charged: most/more + a charged
    word (most shameless), a listed superlative (finest, worst), or a form in -er/-est whose base
    is charged (prouder, cruellest). A word that only looks like one (interest, never) is not."""
    skip = rules()["comparison_words"]
    for word in re.findall(r"[\w-]+", phrase):
        low = word.lower()
        if low in skip:
            continue
        if charged_entry(low) is not None:
            return True
        if phrase.lower().split()[0] in skip and charged(word) is not None:
            return True
        bases = base_forms(low)[1:]
        if any(abs(valence(b)) >= STRONG_VALENCE or charged_entry(b) is not None for b in bases):
            return True
    return False


def _people_before(text: str, start: int, floor: int, words: int) -> bool:
    """A people noun among the ``words`` words before ``start`` (not before ``floor``)."""
    people = people_nouns()
    before = re.findall(r"[\w'-]+", text[max(floor, start - 12 * words) : start])[-words:]
    return any(w.lower() in people for w in before)


@lru_cache(maxsize=4096)
def _trigger_owners(hit: str) -> tuple[int, ...]:
    """The patterns (indices, ascending) that the trigger word ``hit`` (lower case) starts."""
    owners = rules()["triggers"][1]
    return tuple(sorted({i for word, owned in owners.items() if (hit.startswith(word[:-1]) if word.endswith("*") else hit == word) for i in owned}))


def _pattern_windows(doc: Document, triggers: list[tuple[int, int, str]]) -> dict[int, list[tuple[int, int]]]:
    """Pattern index -> the sentences (merged, in order) that hold one of its trigger words."""
    seg = doc.segments
    windows: dict[int, list[tuple[int, int]]] = {}
    for start, end, _ in triggers:
        sentence = seg.sentences[seg.sentence_index(start)] if seg.sentences else (0, len(doc.text))
        # Two patterns may share a trigger word under different keys (flood, flood*): ask all.
        for index in _trigger_owners(" ".join(doc.text[start:end].lower().split())):
            spans = windows.setdefault(index, [])
            if not spans or spans[-1] != sentence:
                spans.append(sentence)
    return windows


def _pattern_matches(doc: Document, triggers: list[tuple[int, int, str]]) -> list[tuple[int, int, Entry, list[tuple[int, int]]]]:
    text = doc.text
    patterns = rules()["patterns"]
    out = []
    for index, windows in sorted(_pattern_windows(doc, triggers).items()):
        pattern = patterns[index]
        regex = pattern.regex
        for w_start, w_end in windows:
            for m in regex.finditer(text, w_start, w_end):
                if pattern.people_before and not _people_before(text, m.start(), w_start, pattern.people_before):
                    continue
                cue = (m.start("cue"), m.end("cue")) if "cue" in regex.groupindex and m.group("cue") else (m.start(), m.end())
                if pattern.category == "superlative" and not _evaluative(m.group("cue")):
                    continue
                polarity = "negative"
                if pattern.category == "superlative":
                    polarity = "positive" if any((c := charged(w)) is not None and c.polarity == "positive" for w in re.findall(r"[\w-]+", m.group("cue"))) else "negative"
                start, end = cue if pattern.cue_is_span else (m.start(), m.end())
                out.append((start, end, Entry(pattern.id, pattern.category, "pattern", polarity, rule=pattern.id), [cue]))
    return out


def loaded_spans(doc: Document) -> list[Span]:
    """Loaded-language spans of a document, overlapping matches merged, in text order."""
    _, entries = lexicon()
    text = doc.text
    tokens = Tokens(doc)
    seg = doc.segments
    sentences = seg.sentences

    def sentence_of(offset: int) -> tuple[int, int]:
        return sentences[seg.sentence_index(offset)] if sentences else (0, len(text))

    found = matchers().finditer_all(text)
    patterned = _pattern_matches(doc, found["triggers"])
    blocked = [(s, e) for s, e, entry, _ in patterned if entry.type == "block"]
    matches: list[tuple[int, int, Entry, list[tuple[int, int]] | None]] = []
    for s, e, cue in found["lexicon"]:
        entry = entries[cue]
        if entry.pos == "block" or any(bs < e and s < be for bs, be in blocked):
            continue
        sentence = sentence_of(s)
        if _in_a_name(tokens, s, e, entry, sentence[0]) or _classifies_a_legal_noun(tokens, e, entry, sentence[1]) or _used_as_a_verb(tokens, s, entry, sentence[0]):
            continue
        matches.append((s, e, entry, None))
    matches.extend(m for m in patterned if m[2].type != "block")
    matches.sort(key=lambda m: (m[0], -m[1]))
    starts = {m[0] for m in matches}
    spans: list[Span] = []
    degree_before = rules()["degree_before"]
    for s, e, entry, cues in matches:
        extended = _extend(tokens, s, e, entry, starts, sentence_of(s))
        if extended is None:
            continue
        start, end, rule, found = extended
        found = cues or found
        prev = tokens.previous_word(start, sentence_of(s)[0]) if start == s and entry.pos != "pattern" else None
        if prev is not None and tokens.word(prev).lower() in degree_before:
            # "so chaotic", "pure greed": the degree word and the charged word are one finding.
            degree = Entry(tokens.word(prev).lower(), "intensifier", "degree", entry.polarity)
            start, extra = prev[0], [(degree, "degree word + charged word")]
        else:
            extra = []
        if extra:
            entries_here, rules_here = [entry, extra[0][0]], [rule, extra[0][1]]
        else:
            entries_here, rules_here = [entry], [rule]
        if spans and start < spans[-1].end:
            # Overlapping evidence ("brutal aggression") is one finding with both cues.
            last = spans[-1]
            last.start, last.end = min(last.start, start), max(last.end, end)
            last.entries.extend(entries_here)
            last.rules.extend(rules_here)
            last.cues.extend(found)
        else:
            spans.append(Span(start, end, entries_here, rules_here, list(found)))
    return spans
