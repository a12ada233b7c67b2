"""Token view of one document for the stance rules: words around a span, quotation regions."""

from __future__ import annotations

import bisect
import re

from workbench.corpus import Document
from workbench.detectors.stance.lexicon import CLAUSE_PUNCT, CURRENCY, NUMBER_WORDS, lexicon


class Context:
    """Token view of one document used by the rules: words around a span within its sentence."""

    def __init__(self, doc: Document, convention: str = "conll"):
        self.doc = doc
        self.text = doc.text
        seg = doc.segments
        self.seg = seg
        self.tokens = list(seg.tokens)
        self.starts = seg.token_starts
        self.ends = seg.token_ends
        # Words are read tens of thousands of times a document: slice them from the text lowered
        # once, when that gives what lowering each word would (the same length, and no capital
        # sigma, whose lower case depends on the letters around it).
        lowered = self.text.lower()
        self._lowered = lowered.replace("\u2019", "'") if len(lowered) == len(self.text) and "\u03a3" not in self.text else None
        # The insides of quotation pairs (without the marks), from the segmentation's one quote finder.
        self.quotes = [(q.start + 1, q.end - 1) for q in seg.quotes]
        # Regions are paired within a paragraph, so they are sorted and disjoint: bisect finds one.
        self.quote_starts = [qs for qs, _ in self.quotes]
        self.paragraph_starts = [ps for ps, _ in seg.paragraphs]
        self._reporting_outside: dict[int, bool] = {}
        self._inside_names: set[str] | None = None
        self.convention = convention
        self.lex = lexicon(convention)
        self.matches = self.lex.matchers.finditer_all(doc.text)

    def tokens_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Token spans that start in ``lo``..``hi``."""
        return self.tokens[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def capitalised_inside(self, word: str) -> bool:
        """Whether ``word`` occurs capitalised inside a sentence of the document (not as its first
        word): a name ("Vance was blunt" after "Gov. Ellen Vance"), not a common noun that opens a
        sentence ("Pupils in schools ...")."""
        if self._inside_names is None:
            self._inside_names = {re.sub(r"['\u2019]s$", "", self.text[a:b]) for a, b in self.tokens
                                  if self.text[a].isupper() and not self.sentence_start(a)}
        return word in self._inside_names

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        return self.seg.sentences[self.seg.sentence_index(offset)] if self.seg.sentences else (0, len(self.text))

    def before(self, start: int, n: int = 3) -> list[tuple[int, int]]:
        """Up to ``n`` token spans before ``start`` in the same sentence, nearest last."""
        lo, _ = self.sentence_bounds(start)
        i = bisect.bisect_left(self.starts, start)
        first = bisect.bisect_left(self.starts, lo)
        return self.tokens[max(first, i - n):i]

    def after(self, end: int, n: int = 3) -> list[tuple[int, int]]:
        """Up to ``n`` token spans from ``end`` on in the same sentence."""
        _, hi = self.sentence_bounds(max(end - 1, 0))
        i = bisect.bisect_left(self.starts, end)
        # tokens do not overlap, so their ends are sorted too: those ending by ``hi`` come first
        last = bisect.bisect_right(self.ends, hi)
        return self.tokens[i:max(i, min(i + n, last))]

    def word(self, span: tuple[int, int]) -> str:
        if self._lowered is not None:
            return self._lowered[span[0]:span[1]]
        return self.text[span[0]:span[1]].lower().replace("\u2019", "'")

    def words_before(self, start: int, n: int = 3) -> list[str]:
        return [self.word(t) for t in self.before(start, n)]

    def words_after(self, end: int, n: int = 3) -> list[str]:
        return [self.word(t) for t in self.after(end, n)]

    def clause_before(self, start: int, limit: int = 12) -> list[str]:
        """Words between the nearest clause punctuation (or sentence start) and ``start``."""
        words = self.words_before(start, limit)
        for i in range(len(words) - 1, -1, -1):
            if words[i] in CLAUSE_PUNCT:
                return words[i + 1:]
        return words

    def sentence_start(self, start: int) -> bool:
        """No word token precedes ``start`` in its sentence (quotes and brackets do not count)."""
        return not any(re.match(r"\w", w) for w in self.words_before(start, 3))

    def in_quote(self, start: int, end: int) -> tuple[int, int] | None:
        """The quote region that contains ``start``-``end``, if any."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        if i >= 0 and end <= self.quotes[i][1]:
            return self.quotes[i]
        return None

    def reporting_outside_quotes(self, sentence: int) -> bool:
        """Whether the words of sentence ``sentence`` outside its quotation marks hold a reporting verb.

        Computed once per sentence: scanning the sentence again for every quoted cue made a long
        sentence full of quotes quadratic.
        """
        cached = self._reporting_outside.get(sentence)
        if cached is not None:
            return cached
        lo, hi = self.seg.sentences[sentence] if self.seg.sentences else (0, len(self.text))
        pieces = []
        pos = lo
        i = max(bisect.bisect_right(self.quote_starts, lo) - 1, 0)
        while i < len(self.quotes) and self.quotes[i][0] < hi:
            qs, qe = self.quotes[i]
            if qe > lo:
                pieces.append(self.text[pos:max(qs, pos)])
                pos = max(pos, qe)
            i += 1
        pieces.append(self.text[pos:hi] if pos < hi else "")
        outside = " ".join(pieces)
        says = next(lexicon().matchers.matchers["scan"].finditer(outside), None) is not None or re.search(r"\basked\b", outside, re.I) is not None
        self._reporting_outside[sentence] = says
        return says


def _is_number(word: str) -> bool:
    return bool(word) and (word[0].isdigit() or word in NUMBER_WORDS or word in CURRENCY)

