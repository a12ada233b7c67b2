"""Attribution scan: reporting verbs with their source (attribution), or a vague source (weasel hedge)."""

from __future__ import annotations

import bisect
import re

from workbench.detectors.stance.context import Context
from workbench.detectors.stance.lexicon import (
    ABBREVIATIONS, COLON_QUOTE_MARKS, COORDINATORS, DOCUMENT_HEADS, FIRST_PERSON, INABILITY_MODALS, INSERTION_OPENERS,
    HYPOTHETICAL, NOT_REPORTS, ORGANISATION_HEADS, PERSON_TITLES, SUBJECT_PRONOUNS, ARTICLES, AUXILIARIES, BE_FORMS, CALENDAR, CLAUSE_NEGATORS, COMPLEMENT_WORDS, Cue, Entry, FINDING_OPENERS,
    INVERTED_VERBS, NEGATIVE_SUBJECTS, NOT_A_SOURCE, NOT_A_SPEAKER, NOT_REPORTING_BEFORE, NP_BOUNDARY,
    OBJECT_AFTER_TELL, POSTPOSED_NEXT, PREPOSITIONS, PRO_COMPLEMENTS, PRO_FOLLOWERS, QUOTES, RELATIVES,
    RESEARCH_VERBS, SAY_VERBS, SOURCE_DETERMINERS, SOURCE_PHRASE_END, SPEAKER_ARTICLES, TELL_VERBS,
    TIME_WORDS, VAGUE_DETERMINERS, lexicon,
)


def _skippable(word: str) -> bool:
    """Auxiliaries, adverbs and negations between a subject and its verb ("has long argued", "did not say")."""
    return word in AUXILIARIES or word.endswith("ly") or word in CLAUSE_NEGATORS or word.endswith("n't")


def _insertion_start(ctx: Context, before: list[tuple[int, int]], i: int) -> int | None:
    """Index of the comma that opens an insertion closed by the comma ``before[i]``, or None.

    An insertion between a subject and its verb is an apposition, a relative clause or a
    participle phrase ("Sen. Okafor, a Democrat from Linwood who sponsored the bill, said"); it
    opens with a word of ``insertion_openers``, a capitalised name, a number or a participle.
    """
    j = i - 1
    while j >= 0 and i - j <= 32:
        word = ctx.word(before[j])
        if word == ",":
            break
        if word in (";", ":") or ctx.text[before[j][0]] in QUOTES:
            return None
        j -= 1
    else:
        return None
    if j < 1 or j + 1 >= i:
        return None
    first = ctx.word(before[j + 1])
    opens = (first in INSERTION_OPENERS or ctx.text[before[j + 1][0]].isupper() or first[:1].isdigit()
             or (first.endswith("ed") and len(first) > 4))
    return j if opens and re.match(r"[\w']", ctx.word(before[j - 1])) else None


def _subject(ctx: Context, verb_start: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The noun phrase left of a reporting verb: (start offset, its tokens), or None.

    Auxiliaries, adverbs and negations before the verb are skipped, and so are up to two
    insertions between commas ("The economy minister, asked about the idea last month, said");
    the span of the attribution then starts at the noun phrase before them.
    """
    before = ctx.before(verb_start, 64)
    i = len(before) - 1
    while i >= 0 and _skippable(ctx.word(before[i])):
        i -= 1
    if i >= 0 and ctx.word(before[i]) in SUBJECT_PRONOUNS:
        return before[i][0], [before[i]]
    phrase: list[tuple[int, int]] = []
    insertions = 0
    while i >= 0 and len(phrase) < 10:
        word = ctx.word(before[i])
        if word == "," and not phrase and insertions < 2:
            j = _insertion_start(ctx, before, i)
            if j is not None:
                insertions += 1
                # a second insertion may end where the first begins ("Another customer, a developer, Elias, said")
                k = _insertion_start(ctx, before, j) if insertions < 2 else None
                if k is not None:
                    insertions += 1
                    j = k
                i = j - 1
                continue
        if word == ",":
            # an appositive name between commas: ", Tomas Hale," belongs to the subject
            j = i - 1
            names = []
            while j >= 0 and ctx.text[before[j][0]].isupper() and ctx.word(before[j]) != ",":
                names.append(before[j])
                j -= 1
            if names and j >= 0 and ctx.word(before[j]) == "," and len(names) <= 4:
                phrase = [before[j]] + names[::-1] + [before[i]] + phrase
                i = j - 1
                continue
            break
        if word == "." and i > 0 and ctx.word(before[i - 1]) in ABBREVIATIONS:
            phrase.insert(0, before[i])  # "Sen. Luis Barragan": the full stop belongs to the title
            i -= 1
            continue
        if word in NP_BOUNDARY or not re.match(r"[\w']", word) or word[0].isdigit() and not phrase:
            if word in RELATIVES and not phrase:
                # "scholars who believe": the subject is the relative's antecedent
                k = i - 1
                head = ctx.word(before[k]) if k >= 0 else ""
                if head and re.match(r"\w", head):
                    return before[k][0], [before[k]]
            break
        phrase.insert(0, before[i])
        i -= 1
    if not phrase:
        return None
    return phrase[0][0], phrase


def _inverted_source(ctx: Context, e: int, verb: str, source_heads: frozenset[str], *, before: list[str], s: int) -> Cue | None:
    """News-style inversion after the reported words: '"...," says Dr Amira Haddad, an allergist.'

    The verb of saying follows a comma or closing quote and the source comes after it: a name
    or a definite source noun phrase ("said the minister"), up to the next punctuation.
    """
    if verb not in INVERTED_VERBS or not _comma_ends(before):
        return None
    words = []
    for span in ctx.after(e, 8):
        word = ctx.word(span)
        if not re.match(r"[\w']", word):
            break
        words.append(span)
    if not words:
        return None
    first = ctx.word(words[0])
    head = ctx.word(words[-1])
    named = ctx.text[words[0][0]].isupper() and first not in NP_BOUNDARY and first not in CALENDAR
    definite = first in SOURCE_DETERMINERS and (head in source_heads or ctx.text[words[-1][0]].isupper())
    if not (named or definite):
        return None
    source = ctx.text[words[0][0]:words[-1][1]]
    return Cue(s, words[-1][1], "attribution", "attribution", verb, "source_scan",
               f"reporting verb with a specific source after it ('{source}')",
               {"attributed_to": source, "source": source, "source_type": source_type(ctx, words, first, head),
                "cue": ctx.text[s:e], "verb_span": (s, e)})


def _pro_complement(words: list[str]) -> bool:
    """A pro-form is the whole object ("argued the opposite.", "said so,"), or the subject of the
    reported clause ("think the opposite is true"), not part of a longer object ("the same bug",
    "so many things")."""
    for n in (1, 2):
        if " ".join(words[:n]) in PRO_COMPLEMENTS:
            # "said so.", "think so too", "believe the opposite is true"
            return len(words) == n or not re.match(r"[\w']", words[n]) or words[n] in PRO_FOLLOWERS
    return False


def _delayed_that(ctx: Context, end: int) -> bool:
    """A that-clause after an inserted adverbial: "found in a survey last year that ...",
    "found, by filming knuckles in a scanner, that ..." (the insertion opens with a comma or a
    preposition, so "found the car that was stolen" is not one, and ends with a comma or a time word)."""
    first = ctx.words_after(end, 1)
    if not first or (first[0] != "," and first[0] not in PREPOSITIONS and first[0] != "by"):
        return False
    after = ctx.words_after(end, 10)
    if "that" not in after[1:]:
        return False
    at = after.index("that", 1)
    # The complementiser closes the insertion: after its comma or a time word ("last year that");
    # after a noun, "that" opens a relative clause ("in a cave that had been sealed").
    closes = after[at - 1] == "," or after[at - 1] in TIME_WORDS or after[at - 1][:1].isdigit()
    return closes and all(w not in NP_BOUNDARY for w in after[1:at])


def _reported_words_before(ctx: Context, start: int) -> bool:
    """At least a short clause (four words) precedes ``start`` in its sentence, not an opening
    adverbial like "Last week," or "Yesterday,"."""
    return sum(1 for w in ctx.words_before(start, 6) if re.match(r"\w", w)) >= 4


def _after_comma(ctx: Context, start: int) -> bool:
    """The token before ``start`` in its sentence is a comma (or a closing quote after one)."""
    return _comma_ends(ctx.words_before(start, 2))


def _comma_ends(words: list[str]) -> bool:
    return bool(words) and (words[-1] == "," or (words[-1] in ('"', "\u201d") and words[-2:-1] == [","]))


def _head(ctx: Context, phrase: list[tuple[int, int]]) -> tuple[str, str, bool]:
    """(first word, head word, head is capitalised) of a subject phrase; the head precedes any preposition."""
    words = [ctx.word(t) for t in phrase]
    core = phrase
    for i, w in enumerate(words):
        # the head precedes a modifier: "economists at the bank", "a survey released in March"
        if i > 0 and (w in PREPOSITIONS or (len(w) > 4 and w.endswith("ed") and ctx.text[phrase[i][0]].islower()
                                            and words[i - 1] not in ARTICLES)):
            core = phrase[:i]
            break
    core = [t for t in core if ctx.word(t) not in (",", ".")] or phrase[:1]
    head_span = core[-1]
    head = ctx.word(head_span)
    if head.endswith("'s"):
        head = head[:-2]
    return words[0], head, ctx.text[head_span[0]].isupper()


def scan_attributions(ctx: Context) -> list[Cue]:
    """Reporting events with their source: sourced attribution, or a weasel when the source is vague.

    A reporting verb (any tense or participle, or a withheld report such as "declined to
    comment") takes its source from the subject before it (past insertions between commas),
    after it in inverted order ('"...," said the minister'), or, for a participle or a second
    verb of the same subject (", saying", "and insisted"), from the source named earlier in the
    sentence. A colon that introduces a quotation after a clause with a source is a report too.
    """
    lex = lexicon()
    heads = _Heads(lex)
    found: list[Cue] = []
    for s, e, phrase in ctx.matches["scan"]:
        entry = lex.entries["scan:" + phrase.lower()][0]
        if entry.rule == "according_to":
            cue = _according_to(ctx, entry, s, e, heads.vague_after)
            if cue:
                found.append(_with_content(ctx, cue))
            continue
        cue = _reporting_event(ctx, s, e, phrase.lower(), heads, found)
        if cue is not None:
            found.append(_with_content(ctx, cue))
    found.extend(_with_content(ctx, c) for c in _colon_speech(ctx, heads, found))
    found.sort(key=lambda c: (c.start, c.end))
    found = _drop_reports_inside_sources(found)
    _end_content_at_next_report(ctx, found)
    return found


def _drop_reports_inside_sources(found: list[Cue]) -> list[Cue]:
    """A report inside the description of another report's source belongs to that description
    ("Sen. Lund, a Democrat who wrote the bill, said ...": "wrote" is no report of its own)."""
    sources = sorted((c.start, c.extras["verb_span"][0]) for c in found if c.label == "attribution" and "verb_span" in c.extras)
    if not sources:
        return found
    starts = [lo for lo, _ in sources]
    longest = max(hi - lo for lo, hi in sources)

    def inside_a_source(cue: Cue) -> bool:
        # Only sources that start at most `longest` characters before the cue can hold it: a long
        # document has thousands of reports, and testing every pair grew with their square.
        first = bisect.bisect_left(starts, cue.start - longest)
        last = bisect.bisect_right(starts, cue.start)
        return any(lo <= cue.start and cue.end <= hi and (lo, hi) != (cue.start, cue.end) for lo, hi in sources[first:last])

    return [c for c in found if not inside_a_source(c)]


def _end_content_at_next_report(ctx: Context, found: list[Cue]) -> None:
    """Reported words end where the next report of the sentence begins ("said X and insisted that Y")."""
    for cue, following in zip(found, found[1:]):
        content = cue.extras.get("content")
        if content and content[0] < following.start < content[1]:
            trimmed = _trim(ctx, content[0], following.start)
            if trimmed is not None:
                words = ctx.text[trimmed[0]:trimmed[1]].rsplit(None, 1)
                if len(words) == 2 and words[1].lower() in COORDINATORS:
                    trimmed = _trim(ctx, trimmed[0], trimmed[0] + len(words[0]))
            if trimmed is not None:
                cue.extras["content"] = list(trimmed)


class _Heads:
    """The source-noun lists of the lexicon, read once per scan."""

    def __init__(self, lex) -> None:
        self.weasel = lex.lists.get("source_head:hedge", frozenset())
        self.source = lex.lists.get("source_head:attribution", frozenset())
        self.vague_after = lex.lists.get("according_head:hedge", frozenset())
        self.research = lex.lists.get("research_head:attribution", frozenset())


def _reporting_event(ctx: Context, s: int, e: int, verb: str, heads: _Heads, found: list[Cue]) -> Cue | None:
    """The attribution (or weasel) of one reporting-verb match, or None when it reports nothing here."""
    if ctx.text[s].isupper() and not ctx.sentence_start(s):
        return None  # "the United States", "Crime Shows": a capitalised form inside a sentence is a name
    before = ctx.words_before(s, 3)
    if before and (before[-1] in BE_FORMS or before[-1] in NOT_REPORTING_BEFORE):
        return None  # passive, infinitive or a noun ("a report"): not a reporting clause
    if before and (before[-1].endswith(("'s", "s'")) or before[-1] == "'"):
        return None  # after a possessive the form is a noun: "Editor's note", "the minister's claims"
    if before and f"{before[-1]} {verb}" in NOT_REPORTS:
        return None  # "All told, ...": an idiom, not a report
    if _negated_inability(before):
        return None  # "cannot tell you": nothing can be reported; "did not say" is a report withheld
    nxt = ctx.after(e, 3)
    nxt_words = [ctx.word(t) for t in nxt]
    complement = bool(nxt_words) and (nxt_words[0] in COMPLEMENT_WORDS or nxt_words[0] in (":",) or ctx.text[nxt[0][0]] in QUOTES
                                       or nxt_words[:2] in ([",", '"'], [",", "\u201c"])
                                       or _pro_complement(nxt_words))
    quote_before = any(ctx.text[t[0]] in QUOTES for t in ctx.before(s, 6))
    inverted = _inverted_source(ctx, e, verb, heads.source, before=before, s=s)
    if inverted is not None:
        return inverted
    speech = verb in SAY_VERBS
    # A verb of thinking reports only when it takes a clause ("understand what ..."), also one
    # after an inserted adverbial; when it closes the sentence after the reported words
    # (", the council announced on Tuesday."); or when research reports a finding
    # ("researchers found no link"). The word after the verb rules most out before the subject scan.
    needs_more = not speech and not complement and not quote_before and not _delayed_that(ctx, e)
    may_close = not nxt_words or nxt_words[0] in POSTPOSED_NEXT
    may_find = verb in RESEARCH_VERBS and bool(nxt_words) and (nxt_words[0] in FINDING_OPENERS or nxt_words[0][:1].isdigit())
    if needs_more and not (may_close or may_find):
        return None
    end = e
    if verb in TELL_VERBS and nxt_words and nxt_words[0] in OBJECT_AFTER_TELL:
        end = nxt[0][1]
    shared = _shared_subject(ctx, s, verb, found, speech or complement)
    if shared is not None:
        return Cue(s, end, "attribution", "attribution", verb, "shared_subject",
                   f"reporting verb whose source was named before it in the sentence ('{shared.extras['source']}')",
                   {**{k: v for k, v in shared.extras.items() if k in ("source", "source_type", "attributed_to")}, "verb_span": (s, e)})
    subject = _subject(ctx, s)
    if subject is None:
        return None
    start, phrase_tokens = subject
    first, head, capital = _head(ctx, phrase_tokens)
    if first in NEGATIVE_SUBJECTS or first == "no":
        return None  # "No official said", "Nobody told us": nobody is the source
    if first in FIRST_PERSON and (not speech or any(w in CLAUSE_NEGATORS or w.endswith("n't") or w in HYPOTHETICAL for w in before)):
        # "I think": the writer's own hedge (a cue of the lexicon); "I would not ask them to": the
        # speaker's own conduct, not a report. "I told him" reports.
        return None
    if needs_more:
        postposed = may_close and _after_comma(ctx, start) and _reported_words_before(ctx, start)
        finding = may_find and head in heads.research
        if not (postposed or finding):
            return None
    source = ctx.text[start:s].strip().rstrip(",").strip()
    if first in VAGUE_DETERMINERS or head in heads.weasel:
        return Cue(start, end, "hedge", "weasel", verb, "vague_source", f"reporting verb with a vague source ('{head}')",
                   {"source": source, "source_type": "vague", "cue": ctx.text[s:end], "verb_span": (s, e)})
    pronoun = first in SUBJECT_PRONOUNS and len(phrase_tokens) == 1
    # "the", "its", "another", or a possessive name ("Halvorsen's largest shareholder"): a definite speaker
    possessive = first in SOURCE_DETERMINERS or first in SPEAKER_ARTICLES or (first.endswith("'s") and ctx.text[start].isupper())
    if (pronoun or head in heads.source or (capital and re.match(r"[a-z]", head) and head not in NP_BOUNDARY)
            or (speech and possessive and len(phrase_tokens) > 1 and head not in NOT_A_SPEAKER)):
        return Cue(start, end, "attribution", "attribution", verb, "source_scan", f"reporting verb with a specific source ('{source}')",
                   {"attributed_to": source, "source": source, "source_type": source_type(ctx, phrase_tokens, first, head),
                    "cue": ctx.text[s:end], "verb_span": (s, e)})
    return None


def _negated_inability(before: list[str]) -> bool:
    """A negated modal of ability before the verb ("cannot tell", "could not say")."""
    negated = any(w in CLAUSE_NEGATORS or w.endswith("n't") for w in before)
    return negated and any(w in INABILITY_MODALS or w.startswith(("can", "couldn")) for w in before)


def _shared_subject(ctx: Context, s: int, verb: str, found: list[Cue], reports: bool) -> Cue | None:
    """The earlier attribution of the sentence whose source a participle or a coordinated verb shares.

    "Halvorsen rejected the offer, saying ..." needs a source earlier in the sentence: the last
    attribution found before the verb in the same sentence, or a source that opens the sentence.
    """
    if not reports:
        return None
    before = [w for w in ctx.words_before(s, 5) if not _skippable(w)]
    participle = verb.endswith("ing") and _comma_ends(before)
    coordinated = bool(before) and before[-1] in COORDINATORS
    if not (participle or coordinated):
        return None
    lo, _ = ctx.sentence_bounds(s)
    for cue in reversed(found):
        if cue.label == "attribution" and lo <= cue.start < s:
            return cue
    return _opening_source(ctx, lo, s)


def _opening_source(ctx: Context, lo: int, s: int) -> Cue | None:
    """A source that opens the sentence and is the subject of its first verb ("Halvorsen Inc on Monday rejected ...")."""
    tokens = ctx.tokens_between(lo, s)[:12]
    phrase = []
    for span in tokens:
        if span[0] >= s:
            break
        word = ctx.word(span)
        if not phrase and ctx.text[span[0]] in QUOTES:
            continue
        if word in (",", ";", ":") or word in AUXILIARIES or word in BE_FORMS or (
                phrase and ctx.text[span[0]].islower() and word.endswith(("ed", "es")) and len(word) > 4):
            break
        if word == "." and not (phrase and ctx.word(phrase[-1]) in ABBREVIATIONS):
            break
        phrase.append(span)
    if not phrase or len(phrase) > 8:
        return None
    first, head, capital = _head(ctx, phrase)
    # A capital at the start of a sentence shows no name ("Pupils in schools ..."): a name needs a
    # second capitalised word or a capital inside the sentence.
    named = capital and (sum(ctx.text[t[0]].isupper() for t in phrase) > 1 or phrase[0][0] != tokens[0][0]
                         or ctx.capitalised_inside(ctx.text[phrase[-1][0]:phrase[-1][1]]))
    if first in SUBJECT_PRONOUNS and len(phrase) == 1 and first not in FIRST_PERSON:
        pass
    elif not ((named and re.match(r"[a-z]", head) and head not in NP_BOUNDARY and first not in NP_BOUNDARY)
              or head in lexicon().lists.get("source_head:attribution", frozenset())):
        return None
    # "Halvorsen Inc on Monday rejected": a time phrase after the name is not part of the source
    words = [ctx.word(t) for t in phrase]
    for i in range(1, len(words) - 1):
        if words[i] in PREPOSITIONS and (words[i + 1] in CALENDAR or words[i + 1] in TIME_WORDS or words[i + 1][:1].isdigit()):
            phrase = phrase[:i]
            break
    source = ctx.text[phrase[0][0]:phrase[-1][1]]
    return Cue(phrase[0][0], phrase[-1][1], "attribution", "attribution", "", "source_scan", "",
               {"source": source, "attributed_to": source, "source_type": source_type(ctx, phrase, first, head)})


_COLON = re.compile(":")


def _colon_speech(ctx: Context, heads: _Heads, found: list[Cue]) -> list[Cue]:
    """A clause with a source that ends in a colon before a quotation reports it ('Vance was blunt: "..."').

    The span runs from the source to the word before the colon; the clause must hold no other
    report and the source must open it.
    """
    out = []
    taken = [(c.start, c.end) for c in found]
    for match in _COLON.finditer(ctx.text):
        index = bisect.bisect_left(ctx.starts, match.start())
        if index + 1 >= len(ctx.tokens) or ctx.tokens[index][0] != match.start():
            continue
        span = ctx.tokens[index]
        if ctx.text[ctx.tokens[index + 1][0]] not in COLON_QUOTE_MARKS:
            continue
        lo, _ = ctx.sentence_bounds(span[0])
        if any(a < span[0] and b > lo for a, b in taken):
            continue
        opening = _opening_source(ctx, lo, span[0])
        if opening is None or opening.end >= span[0]:
            continue
        words = [w for w in ctx.words_before(span[0], 30) if re.match(r"\w", w)]
        if len(words) > 30 or any(ctx.text[t[0]] in QUOTES for t in ctx.before(span[0], 30) if t[0] >= opening.end):
            continue
        cue_start = ctx.after(opening.end, 1)[0][0]
        out.append(Cue(opening.start, ctx.before(span[0], 1)[0][1], "attribution", "attribution", ctx.text[cue_start:span[0]].strip().lower(),
                       "colon_speech", f"a clause with a source introduces a quotation with a colon ('{opening.extras['source']}')",
                       {**opening.extras, "cue": ctx.text[cue_start:span[0]].strip(), "verb_span": (cue_start, span[0])}))
    return out


def source_type(ctx: Context, phrase: list[tuple[int, int]], first: str, head: str) -> str:
    """person, organisation, document or pronoun, from the source's first word and head."""
    words = [ctx.word(t).rstrip(".") for t in phrase]
    if first in SUBJECT_PRONOUNS and len(phrase) == 1:
        return "pronoun"
    if head in DOCUMENT_HEADS:
        return "document"
    if head in ORGANISATION_HEADS:
        return "organisation"
    if any(w in PERSON_TITLES for w in words):
        return "person"
    if any(w in ORGANISATION_HEADS for w in words):
        return "organisation"
    return "person"


def _with_content(ctx: Context, cue: Cue) -> Cue:
    """Add the offsets of the reported words (``extras["content"]``) when they can be found."""
    if cue.label != "attribution" and cue.rule not in ("vague_source",):
        return cue
    if "content" not in cue.extras:
        content = _content(ctx, cue)
        if content is not None:
            cue.extras["content"] = list(content)
    cue.extras.setdefault("cue", ctx.text[slice(*cue.extras["verb_span"])] if "verb_span" in cue.extras else cue.cue)
    return cue


def _content(ctx: Context, cue: Cue) -> tuple[int, int] | None:
    """The reported words: an adjacent quotation, the clause after the verb, or the words before a
    postposed or inverted source."""
    lo, hi = ctx.sentence_bounds(cue.start)
    after = ctx.after(cue.end, 4)
    for span in after[:3]:
        region = ctx.in_quote(span[0] + 1, span[0] + 1) if ctx.text[span[0]] in QUOTES else None
        if region is not None and region[0] == span[0] + 1:
            return _trim(ctx, *region)
    before = ctx.before(cue.start, 3)
    for span in reversed(before):
        if ctx.text[span[0]] in QUOTES and span[0] > lo:
            region = ctx.in_quote(span[0] - 1, span[0] - 1)
            if region is not None and region[1] == span[0]:
                return _trim(ctx, *region)
    words_after = [ctx.word(t) for t in after]
    if after and re.match(r"[\w']", words_after[0]) or words_after[:1] == [","] and len(after) > 1:
        i = 0
        while i < len(after) and (words_after[i] in ("that", ",") or words_after[i] in OBJECT_AFTER_TELL):
            i += 1
        if i < len(after):
            return _trim(ctx, after[i][0], hi)
    if before and ctx.word(before[-1]) == "," and cue.start > lo:
        return _trim(ctx, lo, before[-1][0])
    return None


def _trim(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    text = ctx.text[start:end]
    stripped = text.rstrip().rstrip(".,;:!?\"\u201d\u2019 ").rstrip()
    lead = len(text) - len(text.lstrip("\"\u201c\u2018 "))
    if len(stripped) <= lead:
        return None
    return start + lead, start + len(stripped)


def _according_to(ctx: Context, entry: Entry, s: int, e: int, vague: frozenset[str]) -> Cue | None:
    after = ctx.after(e, 10)
    phrase = []
    for span in after:
        word = ctx.word(span)
        if word in SOURCE_PHRASE_END or (word in NP_BOUNDARY and phrase) or ctx.text[span[0]] in QUOTES:
            break
        phrase.append(span)
    if not phrase:
        return None
    words = [ctx.word(t) for t in phrase]
    content = [w for w in words if w not in ARTICLES]
    end = phrase[-1][1]
    if content and content[0] in NOT_A_SOURCE:
        return None  # "according to schedule": conformity, not a source
    if any(w in vague for w in content) or " ".join(content[:2]) in vague:
        return Cue(s, end, "hedge", "weasel", entry.cue.lower(), "according_vague", f"'{entry.cue}' with a vague source ('{content[0]}')",
                   {"source": ctx.text[phrase[0][0]:end], "source_type": "vague", "cue": ctx.text[s:e], "verb_span": (s, e)})
    first, head, _ = _head(ctx, phrase)
    return Cue(s, end, "attribution", "attribution", entry.cue.lower(), "according_to", f"'{entry.cue}' names the source",
               {"attributed_to": ctx.text[phrase[0][0]:end], "source": ctx.text[phrase[0][0]:end],
                "source_type": source_type(ctx, phrase, first, head), "cue": ctx.text[s:e], "verb_span": (s, e)})
