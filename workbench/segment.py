"""Sentence, token and paragraph spans with character offsets.

Sentences come from NLTK's Punkt with parameters shipped in the package
(``workbench/data/punkt_params.json``, rebuilt by ``scripts/build_punkt.py``), so
nothing is ever downloaded. Punkt's splits are then adjusted:

* a paragraph break (blank line) ends a sentence, unless the next paragraph starts
  in lower case after a paragraph without final punctuation (a broken line wrap);
* a short line without final punctuation (a headline, a date) is its own sentence;
* a split inside an open quotation is undone, so a quoted sentence stays inside the
  sentence that quotes it; so is a split after ``?``/``!`` when the next word is in
  lower case (``"Why?" she asked.``);
* in dialogues, every turn boundary ends a sentence.

Quotation marks are paired once for every detector (:attr:`Segmentation.quotes`, the
outermost pairs; :attr:`Segmentation.nested_quotes`, pairs inside one of them). Speakers'
turns (:attr:`Segmentation.turns`) come from a dialogue table's rows, or from speaker tags in
written text (``HOST:``, ``DR. OKAFOR:``, ``Q:``, ``Nadia replies:``, a signed letter).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter
from importlib import resources
from typing import Any, Sequence

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

Span = tuple[int, int]

# Words (with inner apostrophes, hyphens, periods as in "U.S"), numbers with separators, or one symbol.
TOKEN_PATTERN = re.compile(r"\w+(?:[-'\u2019.,/:]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w")
_WORD_TOKEN = re.compile(r"\w+(?:[-'\u2019.,/:]\w+)*")
# \r is accepted too: Documents built in Python need not have gone through the loader's newline folding.
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n\s*")
_FINAL_PUNCT = ".!?\u2026"
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_TITLE_MAX_WORDS = 12

_OPEN_QUOTES = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
_QUOTE_MARK = re.compile('["\u201c\u201d\u00ab\u00bb\u201e]')


@dataclass(frozen=True)
class Quote:
    """A pair of quotation marks: ``start`` is the opening mark, ``end`` is just after the closing one.

    ``depth`` is 0 for an outermost pair and 1 for a pair inside another (‘term’ inside “…”).
    """

    start: int
    end: int
    depth: int = field(default=0, compare=False)

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


# Straight single quotes pair only around a few words ('term'); longer stretches are apostrophes or quotations.
_MAX_SINGLE_QUOTED_WORDS = 4
_OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2018": "\u2019"}
# Non-breaking hyphens (U+2010, U+2011) join words as "-" does.
# A word, for detectors that count or look at words: letters or digits, joined by hyphens (also the
# non-breaking ones) and apostrophes (straight or typographic). The one word pattern of the workbench.
WORD = re.compile(r"\w+(?:[-'\u2019\u2010\u2011]\w+)*")
_QUOTE_WORD = WORD


# A straight double quote opens after the start, whitespace or an opening bracket/dash and before
# a non-space; it closes after a non-space. After a digit with no quote open it is an inch mark (5").
_STRAIGHT_OPENS_AFTER = " \t\n([{\u2014\u2013-/"


def _straight_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Positions of paired straight double quotes in ``text[start:end]`` (one paragraph).

    Marks pair by their position against words first (parity alone pairs an inch mark, or a
    stray mark, with the next opening quote). News scraped from the web often has the space
    on the wrong side of a mark ('since." We hope ...," she said'); marks left over after the
    first pass pair up in turn when no pair lies between them.
    """
    pairs = []
    leftover = []
    open_at = None
    i = text.find('"', start, end)
    while i >= 0:
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        can_open = before in _STRAIGHT_OPENS_AFTER and not after.isspace()
        if open_at is None:
            if can_open and not before.isdigit():
                open_at = i
            elif not before.isdigit():
                leftover.append(i)
        elif not before.isspace():
            pairs.append((open_at, i))
            open_at = None
        elif can_open:
            leftover.append(open_at)
            open_at = i  # the earlier mark was a stray one: this one opens
        else:
            leftover.append(i)
        i = text.find('"', i + 1, end)
    if open_at is not None:
        leftover.append(open_at)
    leftover.sort()
    for first, second in zip(leftover[::2], leftover[1::2]):
        if not any(first < a < second for a, _ in pairs):
            pairs.append((first, second))
    return sorted(pairs)


# A straight single quote pairs around a few words; the last word may carry the host sentence's
# punctuation inside the closing mark ('progress,'), as typographic pairs may (“progress,”).
_STRAIGHT_SINGLE = re.compile(r"(?<![\w'])'(\w[^'\n]{0,60}?\w[.,;:!?]?)'(?![\w])")


def find_quotes(text: str) -> list[Quote]:
    """Outermost pairs of quotation marks, straight or typographic, that do not cross a paragraph break."""
    return quote_layers(text)[0]


def quote_layers(text: str) -> tuple[list[Quote], list[Quote]]:
    """The outermost quotation pairs and the pairs nested one level inside them, both sorted.

    A nested pair (‘path’ inside “…”, 'term' inside "…", “term” inside ‘…’) lies wholly inside
    an outermost one; candidate pairs that cross an outer mark are dropped.
    """
    quotes: list[Quote] = []
    # Straight double quotes pair up within a paragraph by their position against words
    # (parity alone pairs an inch mark with the next opening quote).
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if '"' in para.group():
            for a, b in _straight_pairs(text, para.start(), para.end()):
                quotes.append(Quote(a, b + 1))
    # Typographic pairs: the closing mark is the first matching one after the opening.
    for opening, closing in _OPEN_CLOSE.items():
        for m in re.finditer(re.escape(opening), text):
            i = m.start()
            if opening == "\u2018" and i > 0 and text[i - 1].isalnum():
                continue
            j = i + 1
            while True:
                j = text.find(closing, j)
                if j < 0 or "\n\n" in text[i:j]:
                    j = -1
                    break
                # A right single quote inside a word is an apostrophe (people\u2019s), not the closing mark.
                if closing == "\u2019" and j + 1 < len(text) and text[j + 1].isalnum() and text[j - 1].isalnum():
                    j += 1
                    continue
                break
            if j > i + 1:
                quotes.append(Quote(i, j + 1))
    # Straight single quotes only around a few words: 'term' with space before and no letter after.
    for m in _STRAIGHT_SINGLE.finditer(text):
        if len(_QUOTE_WORD.findall(m.group(1))) <= _MAX_SINGLE_QUOTED_WORDS:
            quotes.append(Quote(m.start(), m.end()))
    quotes.sort(key=lambda q: (q.start, q.end))
    # A quote inside a larger one is part of that quotation, kept apart as a nested pair.
    kept: list[Quote] = []
    nested: list[Quote] = []
    for q in quotes:
        if kept and q.start < kept[-1].end:
            outer = kept[-1]
            if outer.start < q.start and q.end <= outer.end - 1 and not (nested and q.start < nested[-1].end):
                nested.append(Quote(q.start, q.end, 1))
            continue
        kept.append(q)
    return kept, nested



@dataclass(frozen=True)
class Segmentation:
    """Spans of one text. All lists are sorted and use half-open ``[start, end)`` offsets."""

    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    tokens: tuple[Span, ...]
    word_count: int
    text: str = field(default="", repr=False, compare=False)
    given_turns: tuple[dict[str, Any], ...] | None = field(default=None, repr=False, compare=False)
    sentence_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentence_starts", tuple(s for s, _ in self.sentences))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that holds ``offset`` (or the nearest one before it)."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    @cached_property
    def _quote_layers(self) -> tuple[tuple[Quote, ...], tuple[Quote, ...]]:
        top, nested = quote_layers(self.text)
        return tuple(top), tuple(nested)

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        """Outermost pairs of quotation marks in the text (one algorithm for every detector, computed once)."""
        return self._quote_layers[0]

    @cached_property
    def nested_quotes(self) -> tuple[Quote, ...]:
        """Pairs of quotation marks inside one of :attr:`quotes` (‘path’ inside “…”), ``depth`` 1."""
        return self._quote_layers[1]

    def nested_in(self, quote: Quote) -> list[Quote]:
        """The nested pairs inside ``quote``."""
        nested = self.nested_quotes
        i = bisect.bisect_right([q.start for q in nested], quote.start)
        out = []
        while i < len(nested) and nested[i].start < quote.end:
            out.append(nested[i])
            i += 1
        return out

    @cached_property
    def turns(self) -> tuple["Turn", ...]:
        """Speakers' turns: the rows of a dialogue table, else the speaker-tagged paragraphs of written text."""
        if self.given_turns is not None:
            return tuple(_table_turns(self.text, self.given_turns))
        return tuple(find_turns(self.text, self.paragraphs))

    @cached_property
    def _turn_starts(self) -> tuple[int, ...]:
        return tuple(t.tag_start for t in self.turns)

    def turn_at(self, offset: int) -> "Turn | None":
        """The turn whose span holds ``offset`` (its tag included), if any."""
        # Turns are in text order and do not overlap: only the last one starting at or before
        # ``offset`` can hold it.
        i = bisect.bisect_right(self._turn_starts, offset) - 1
        if i >= 0:
            turn = self.turns[i]
            if offset < max(turn.end, turn.start + 1):
                return turn
        return None

    @cached_property
    def token_starts(self) -> tuple[int, ...]:
        """Start offsets of :attr:`tokens` (sorted: bisect them to find a token by offset)."""
        return tuple(map(itemgetter(0), self.tokens))

    @cached_property
    def token_ends(self) -> tuple[int, ...]:
        """End offsets of :attr:`tokens` (sorted too: tokens do not overlap)."""
        return tuple(map(itemgetter(1), self.tokens))

    @cached_property
    def quote_starts(self) -> tuple[int, ...]:
        return tuple(q.start for q in self.quotes)

    def quote_around(self, start: int, end: int) -> Quote | None:
        """The quotation whose marks enclose ``[start, end)``, if any (quotes do not nest: inner ones are dropped)."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        if i >= 0:
            quote = self.quotes[i]
            if quote.start < start and end <= quote.end - 1:
                return quote
        return None

    def sentence_tokens(self, index: int) -> list[Span]:
        """Token spans inside sentence ``index``."""
        start, end = self.sentences[index]
        lo = bisect.bisect_left(self.tokens, (start, start))
        hi = bisect.bisect_left(self.tokens, (end, end))
        return list(self.tokens[lo:hi])


def _unguarded(pattern: Any) -> Any:
    """The compiled regex inside NLTK's timeout guard (NLTK 3.9.3+ wraps every pattern).

    Punkt's own patterns are fixed and linear, and the guard's Python-level call on every
    match was most of Punkt's time; the same ``regex`` engine runs them unguarded.
    """
    return getattr(pattern, "_rx", pattern)


class _LanguageVars(PunktLanguageVars):
    re_boundary_realignment = _unguarded(PunktLanguageVars.re_boundary_realignment)

    def _word_tokenizer_re(self) -> Any:
        return _unguarded(super()._word_tokenizer_re())

    def period_context_re(self) -> Any:
        return _unguarded(super().period_context_re())


class _Token(PunktToken):
    __slots__ = ()
    _RE_ELLIPSIS = _unguarded(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _unguarded(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _unguarded(PunktToken._RE_INITIAL)
    _RE_ALPHA = _unguarded(PunktToken._RE_ALPHA)


@lru_cache(maxsize=2)
def sentence_tokenizer(*, guarded: bool = False) -> PunktSentenceTokenizer:
    """The Punkt tokenizer built from the shipped parameters (loaded once per process).

    ``guarded=True`` gives NLTK's stock classes (every regex under NLTK's timeout guard);
    the default runs the same patterns without the guard and splits identically (tested).
    """
    raw = json.loads(resources.files("workbench.data").joinpath("punkt_params.json").read_text(encoding="utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(raw["abbrev_types"])
    params.collocations = {tuple(pair) for pair in raw["collocations"]}
    params.sent_starters = set(raw["sent_starters"])
    for word, flags in raw["ortho_context"].items():
        params.ortho_context[word] = flags
    if guarded:
        return PunktSentenceTokenizer(params)
    return PunktSentenceTokenizer(params, lang_vars=_LanguageVars(), token_cls=_Token)


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    return [m.span() for m in TOKEN_PATTERN.finditer(text, start, len(text) if end is None else end)]


def per_thousand(count: int, words: int) -> float:
    """``count`` per 1,000 words, rounded to 4 places; 0.0 for a text without words.

    The one density of the workbench: summaries, report tables and profiles all use it.
    """
    return round(1000.0 * count / words, 4) if words else 0.0


def count_words(text: str) -> int:
    """Tokens that hold at least one letter or digit (the denominator of every density)."""
    return sum(1 for m in TOKEN_PATTERN.finditer(text) if _WORD.search(m.group()))


def segment(text: str, *, turns: Sequence[dict[str, Any]] | None = None) -> Segmentation:
    """Split ``text`` into paragraphs, sentences and tokens with exact offsets."""
    blocks = _turn_blocks(text, turns) if turns else _paragraphs(text)
    sentences: list[Span] = []
    for block_start, block_end in blocks:
        sentences.extend(_block_sentences(text, block_start, block_end))
    if not turns:
        sentences = _join_wrapped_paragraphs(text, sentences, blocks)
    tokens = token_spans(text)
    # A token holds a word character exactly when its first character is one (see TOKEN_PATTERN).
    words = len(_WORD_TOKEN.findall(text))
    given = tuple(dict(t) for t in turns) if turns else None
    return Segmentation(sentences=tuple(sentences), paragraphs=tuple(blocks), tokens=tuple(tokens), word_count=words, text=text, given_turns=given)


def _strip_span(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _paragraphs(text: str) -> list[Span]:
    spans = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        span = _strip_span(text, pos, match.start())
        if span:
            spans.append(span)
        pos = match.end()
    span = _strip_span(text, pos, len(text))
    if span:
        spans.append(span)
    return spans


def _turn_blocks(text: str, turns: Sequence[dict[str, Any]]) -> list[Span]:
    spans = []
    for turn in turns:
        span = _strip_span(text, int(turn["start"]), int(turn["end"]))
        if span:
            spans.append(span)
    return spans


def _is_title_line(line: str, next_line: str) -> bool:
    stripped = line.strip()
    return (
        bool(stripped)
        and stripped[-1] not in _FINAL_PUNCT + ",;:-\u2013\u2014" + _CLOSERS
        and len(stripped.split()) <= _TITLE_MAX_WORDS
        and bool(next_line.strip())
        and (next_line.lstrip()[0].isupper() or next_line.lstrip()[0].isdigit())
    )


def _lines(text: str, start: int, end: int) -> list[Span]:
    """Split a block at single newlines that end a line with final punctuation or a title-like line."""
    pieces: list[Span] = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            break
        line = text[line_start:newline].rstrip()
        following_end = text.find("\n", newline + 1, end)
        following = text[newline + 1 : following_end if following_end >= 0 else end]
        bare = line.rstrip(_CLOSERS)
        if line and (bare and bare[-1] in _FINAL_PUNCT or _is_title_line(line, following)):
            pieces.append((start, newline))
            start = newline + 1
        line_start = newline + 1
    pieces.append((start, end))
    return [span for s, e in pieces if (span := _strip_span(text, s, e))]


def _block_sentences(text: str, start: int, end: int) -> list[Span]:
    tokenizer = sentence_tokenizer()
    spans: list[Span] = []
    for line_start, line_end in _lines(text, start, end):
        chunk = text[line_start:line_end]
        raw = [(line_start + s, line_start + e) for s, e in tokenizer.span_tokenize(chunk)]
        spans.extend(_merge_inside_quotes(text, raw))
    return spans


def _quote_depth_after(text: str, start: int, end: int, depth: int, straight_open: bool) -> tuple[int, bool]:
    # Only the quotation marks matter; scanning for them in C skips the other characters.
    for ch in _QUOTE_MARK.findall(text, start, end):
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in ("\u201d", "\u00bb") and depth > 0:
            depth -= 1
        elif ch == '"':
            straight_open = not straight_open
    return depth, straight_open


def _merge_inside_quotes(text: str, spans: list[Span]) -> list[Span]:
    """Undo Punkt splits that fall inside an open quotation or before a lower-case continuation."""
    if len(spans) < 2:
        return spans
    merged: list[Span] = [spans[0]]
    depth, straight = _quote_depth_after(text, spans[0][0], spans[0][1], 0, False)
    for start, end in spans[1:]:
        prev_start, prev_end = merged[-1]
        raw_previous = text[prev_start:prev_end]
        previous = raw_previous.rstrip(_CLOSERS)
        inside_quote = depth > 0 or straight
        # '"Why?" she asked.' and '"We won." and left.': the quotation ends, the sentence goes on.
        ends_quoted = bool(previous) and len(previous) < len(raw_previous) and previous[-1] in _FINAL_PUNCT
        lower_continuation = bool(previous) and (previous[-1] in "?!" or ends_quoted) and text[start].islower()
        if inside_quote and _closes_later(text, start, end, depth, straight) or lower_continuation:
            merged[-1] = (prev_start, end)
        else:
            merged.append((start, end))
            depth, straight = 0, False
        depth, straight = _quote_depth_after(text, start, end, depth, straight)
    return merged


def _closes_later(text: str, start: int, end: int, depth: int, straight: bool) -> bool:
    """Only merge when the quotation is closed in this sentence; an unbalanced quote must not swallow a paragraph."""
    new_depth, new_straight = _quote_depth_after(text, start, end, depth, straight)
    return new_depth < depth or (straight and not new_straight) or (new_depth == 0 and not new_straight)


def _join_wrapped_paragraphs(text: str, sentences: list[Span], blocks: list[Span]) -> list[Span]:
    """A paragraph that starts in lower case after one without final punctuation continues its sentence."""
    block_starts = {s for s, _ in blocks}
    out: list[Span] = []
    for start, end in sentences:
        if out and start in block_starts and text[start].islower():
            prev_start, prev_end = out[-1]
            if text[prev_end - 1] not in _FINAL_PUNCT + _CLOSERS + ":":
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


# ---------------------------------------------------------------- speakers' turns


@dataclass(frozen=True)
class Turn:
    """One speaker's turn.

    ``index`` counts from 1 in text order. ``start``-``end`` is the utterance without its tag;
    ``tag_start`` is where the tag begins (``start`` when there is none). ``question`` is a
    dialogue table's own flag for the row (``None`` when the table or the text has none).
    ``source`` is ``"table"`` (a dialogue table's row), ``"tag"`` (``HOST: ...``,
    ``Nadia replies: ...``) or ``"signature"`` (a paragraph signed ``— R.P., Harwick``).
    """

    index: int
    speaker: str | None
    start: int
    end: int
    tag_start: int
    source: str
    question: bool | None = None


# A tag is one to four upper-case words (initials, titles with a full stop) and a colon at the
# start of a line: HOST:, DR. OKAFOR:, COUNCILLOR BAIRD:, Q:, DB:.
_UPPER_TAG = re.compile(r"(?P<tag>[A-Z][A-Z'\u2019.&-]*(?:[ \t]+[A-Z][A-Z'\u2019.&-]*){0,3})[ \t]*:[ \t]+(?=\S)")
_NAME_WORD = r"[A-Z][\w'\u2019.-]*"
# A letter signed at the end of its paragraph: "— R.P., Harwick" (initials, or a name, then a place).
_SIGNATURE = re.compile(r"(?:^|\s)[\u2014\u2013-][ \t]*(?P<name>(?:[A-Z]\.[ \t]?){1,3}|" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){0,2}),[ \t]*" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")*[ \t]*$")
# Fewer markers than this are a heading or a dateline, not a conversation.
MIN_TURNS = 2


@lru_cache(maxsize=1)
def _turn_words() -> tuple[re.Pattern, frozenset[str]]:
    from workbench.lexicons import load_wordlists

    lists = load_wordlists("turns")
    verbs = "|".join(sorted(map(re.escape, lists["reply_verbs"]), key=lambda v: (-len(v), v)))
    reply = re.compile(r"(?P<tag>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){0,2})[ \t]+(?:" + verbs + r")[ \t]*:[ \t]+(?=\S)")
    return reply, frozenset(w.lower() for w in lists["not_speakers"])


def _tag_at(text: str, pos: int) -> tuple[str, int] | None:
    """The speaker tag that opens the line at ``pos``: (speaker, start of the utterance)."""
    reply, not_speakers = _turn_words()
    m = _UPPER_TAG.match(text, pos) or reply.match(text, pos)
    if not m:
        return None
    speaker = m.group("tag").strip()
    if speaker.lower().rstrip(".") in not_speakers or not any(ch.isalpha() for ch in speaker):
        return None
    return speaker, m.end()


def find_turns(text: str, paragraphs: Sequence[Span]) -> list[Turn]:
    """Speaker-tagged turns of written text, at least :data:`MIN_TURNS` of them or none.

    A turn starts at a tag that opens a line and runs to the next tag or the end of its
    paragraph; a paragraph signed ``— NAME, PLACE`` is a turn of NAME that ends before the
    signature. Untagged paragraphs are the author's narration and belong to no turn.
    """
    found: list[tuple[str, int, int, int, str]] = []  # speaker, tag start, start, end, source
    for p_start, p_end in paragraphs:
        starts = [p_start] + [m.end() for m in re.finditer(r"\n[ \t]*", text[p_start:p_end])]
        tags = []
        for pos in starts:
            pos = pos if pos == p_start else p_start + pos
            tag = _tag_at(text, pos)
            if tag:
                tags.append((pos, *tag))
        for i, (tag_start, speaker, start) in enumerate(tags):
            end = tags[i + 1][0] if i + 1 < len(tags) else p_end
            found.append((speaker, tag_start, start, _rstrip(text, start, end), "tag"))
        if not tags:
            last_line = text.rfind("\n", p_start, p_end) + 1 or p_start
            m = _SIGNATURE.search(text, max(last_line, p_start), p_end)
            if m and m.end() == p_end:
                end = _rstrip(text, p_start, m.start())
                if end > p_start:
                    found.append((m.group("name").strip(), p_start, p_start, end, "signature"))
    if len(found) < MIN_TURNS:
        return []
    return [Turn(i, speaker, start, end, tag_start, source) for i, (speaker, tag_start, start, end, source) in enumerate(found, start=1)]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _table_turns(text: str, given: Sequence[dict[str, Any]]) -> list[Turn]:
    turns = []
    for i, row in enumerate(given, start=1):
        start, end = int(row["start"]), int(row["end"])
        flag = row.get("question")
        turns.append(Turn(i, row.get("speaker"), start, end, start, "table", flag if isinstance(flag, bool) else None))
    return turns
