"""Attribution scan: reporting verbs with their source (attribution), or a vague source (weasel hedge)."""

from __future__ import annotations

import re

from workbench.detectors.stance.context import Context
from workbench.detectors.stance.lexicon import (
    ARTICLES, AUXILIARIES, BE_FORMS, CALENDAR, CLAUSE_NEGATORS, COMPLEMENT_WORDS, Cue, Entry, FINDING_OPENERS,
    INVERTED_VERBS, NEGATIVE_SUBJECTS, NOT_A_SOURCE, NOT_A_SPEAKER, NOT_REPORTING_BEFORE, NP_BOUNDARY,
    OBJECT_AFTER_TELL, POSTPOSED_NEXT, PREPOSITIONS, PRO_COMPLEMENTS, PRO_FOLLOWERS, QUOTES, RELATIVES,
    RESEARCH_VERBS, SAY_VERBS, SOURCE_DETERMINERS, SOURCE_PHRASE_END, SPEAKER_ARTICLES, TELL_VERBS,
    TIME_WORDS, VAGUE_DETERMINERS, lexicon,
)


def _subject(ctx: Context, verb_start: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The noun phrase left of a reporting verb: (start offset, its tokens), or None."""
    before = ctx.before(verb_start, 16)
    i = len(before) - 1
    # auxiliaries and adverbs between subject and verb ("has long argued")
    while i >= 0 and (ctx.word(before[i]) in AUXILIARIES or ctx.word(before[i]).endswith("ly")):
        i -= 1
    phrase: list[tuple[int, int]] = []
    while i >= 0 and len(phrase) < 10:
        word = ctx.word(before[i])
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
               f"reporting verb with a specific source after it ('{source}')", {"attributed_to": source, "verb_span": (s, e)})


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
        if i > 0 and w in PREPOSITIONS:
            core = phrase[:i]
            break
    core = [t for t in core if ctx.word(t) != ","]
    head_span = core[-1]
    head = ctx.word(head_span)
    if head.endswith("'s"):
        head = head[:-2]
    return words[0], head, ctx.text[head_span[0]].isupper()


def scan_attributions(ctx: Context) -> list[Cue]:
    """Reporting verbs with their subject: sourced attribution, or a weasel when the source is vague."""
    lex = lexicon()
    weasel_heads = lex.lists.get("source_head:hedge", frozenset())
    source_heads = lex.lists.get("source_head:attribution", frozenset())
    vague_after = lex.lists.get("according_head:hedge", frozenset())
    research_heads = lex.lists.get("research_head:attribution", frozenset())
    found: list[Cue] = []
    for s, e, phrase in ctx.matches["scan"]:
        entry = lex.entries["scan:" + phrase.lower()][0]
        if entry.rule == "according_to":
            cue = _according_to(ctx, entry, s, e, vague_after)
            if cue:
                found.append(cue)
            continue
        before = ctx.words_before(s, 3)
        if before and (before[-1] in BE_FORMS or before[-1] in NOT_REPORTING_BEFORE):
            continue  # passive, infinitive or a noun ("a report"): not a reporting clause
        verb = phrase.lower()
        nxt = ctx.after(e, 3)
        nxt_words = [ctx.word(t) for t in nxt]
        complement = bool(nxt_words) and (nxt_words[0] in COMPLEMENT_WORDS or nxt_words[0] in (":",) or ctx.text[nxt[0][0]] in QUOTES
                                           or nxt_words[:2] in ([",", '"'], [",", "\u201c"])
                                           or _pro_complement(nxt_words))
        if any(w in CLAUSE_NEGATORS or w.endswith("n't") for w in before):
            continue  # "did not say", "has never once said", "cannot tell": nothing is reported
        quote_before = any(ctx.text[t[0]] in QUOTES for t in ctx.before(s, 6))
        inverted = _inverted_source(ctx, e, verb, source_heads, before=before, s=s)
        if inverted is not None:
            found.append(inverted)
            continue
        # A verb of thinking reports only when it takes a clause ("understand what ..."), also one
        # after an inserted adverbial; when it closes the sentence after the reported words
        # (", the council announced on Tuesday."); or when research reports a finding
        # ("researchers found no link"). The word after the verb rules most out before the subject scan.
        needs_more = verb not in SAY_VERBS and not complement and not quote_before and not _delayed_that(ctx, e)
        may_close = not nxt_words or nxt_words[0] in POSTPOSED_NEXT
        may_find = verb in RESEARCH_VERBS and bool(nxt_words) and nxt_words[0] in FINDING_OPENERS
        if needs_more and not (may_close or may_find):
            continue
        subject = _subject(ctx, s)
        if subject is None:
            continue
        start, phrase_tokens = subject
        first, head, capital = _head(ctx, phrase_tokens)
        if first in NEGATIVE_SUBJECTS or first == "no":
            continue  # "No official said", "Nobody told us": nobody is the source
        if needs_more:
            postposed = may_close and _after_comma(ctx, start) and _reported_words_before(ctx, start)
            finding = may_find and head in research_heads
            if not (postposed or finding):
                continue
        end = e
        if verb in TELL_VERBS and nxt_words and nxt_words[0] in OBJECT_AFTER_TELL:
            end = nxt[0][1]
        if first in VAGUE_DETERMINERS or head in weasel_heads:
            found.append(Cue(start, end, "hedge", "weasel", phrase.lower(), "vague_source",
                             f"reporting verb with a vague source ('{head}')", {"source": ctx.text[start:s].strip()}))
        elif head in source_heads or (capital and re.match(r"[a-z]", head) and head not in NP_BOUNDARY) or (
            verb in SAY_VERBS and first in SPEAKER_ARTICLES and len(phrase_tokens) > 1 and head not in NOT_A_SPEAKER
        ):
            found.append(Cue(start, end, "attribution", "attribution", phrase.lower(), "source_scan",
                             f"reporting verb with a specific source ('{ctx.text[start:s].strip()}')",
                             {"attributed_to": ctx.text[start:s].strip().rstrip(","), "verb_span": (s, e)}))
    return found


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
        return Cue(s, end, "hedge", "weasel", entry.cue.lower(), "according_vague", f"'{entry.cue}' with a vague source ('{content[0]}')")
    return Cue(s, end, "attribution", "attribution", entry.cue.lower(), "according_to", f"'{entry.cue}' names the source",
               {"attributed_to": ctx.text[phrase[0][0]:end], "verb_span": (s, e)})
