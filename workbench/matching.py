"""Find lexicon phrases in text quickly, with exact offsets.

Phrases are written as plain words separated by spaces. ``*`` at the end of a word
matches any word ending (``suggest*`` finds suggests, suggested). Matching ignores
case (unless asked not to), treats any run of whitespace as one space, a typographic
apostrophe as a straight one and the Unicode hyphens as ``-``, and only matches whole
words. When phrases overlap at one position the longest wins; matches do not overlap.

A single alternation of hundreds of phrases makes Python's ``re`` try every phrase at
every word start. :class:`PhraseMatcher` instead files phrases under their first
characters and, at each token start, tries only the few phrases that can begin there.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

_APOSTROPHES = "'\u2019"
_HYPHENS = "-\u2010\u2011"
# Where a phrase may start: a token start with no word character before it.
_CANDIDATE = re.compile(r"(?<!\w)(?:\w+|[^\w\s])")
_KEY_LENGTH = 2
_FOLD = str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"})


def phrase_pattern(phrase: str) -> str:
    """The regex source for one phrase (without word boundaries)."""
    words = phrase.split()
    if not words:
        raise ValueError("empty phrase")
    parts = []
    for word in words:
        wildcard = word.endswith("*")
        core = word.rstrip("*")
        pieces = []
        for ch in core:
            if ch in _APOSTROPHES:
                pieces.append(f"[{_APOSTROPHES}]")
            elif ch in _HYPHENS:
                pieces.append(f"[{_HYPHENS}]")
            else:
                pieces.append(re.escape(ch))
        parts.append("".join(pieces) + (r"\w*" if wildcard else ""))
    return r"\s+".join(parts)


def _key(text: str, case_sensitive: bool) -> str:
    text = text.translate(_FOLD)
    return text if case_sensitive else text.lower()


class PhraseMatcher:
    """All phrases of a lexicon; ``finditer`` yields (start, end, phrase) in text order."""

    def __init__(self, phrases: Iterable[str], *, case_sensitive: bool = False):
        # Longest first, so that at one position the longest phrase is tried first.
        self.phrases = sorted(set(phrases), key=lambda p: (-len(p), p))
        if not self.phrases:
            raise ValueError("a PhraseMatcher needs at least one phrase")
        self.case_sensitive = case_sensitive
        flags = 0 if case_sensitive else re.IGNORECASE
        buckets: dict[str, list[int]] = {}
        for index, phrase in enumerate(self.phrases):
            first_word = phrase.split()[0].rstrip("*")
            buckets.setdefault(_key(first_word[:_KEY_LENGTH], case_sensitive), []).append(index)
        # Within a bucket the alternation keeps the global order, so the first alternative
        # that matches is the one the whole lexicon would have chosen.
        self._buckets: dict[str, tuple[re.Pattern[str], int]] = {}
        for key, indices in buckets.items():
            alternation = "|".join(f"(?P<p{i}>{phrase_pattern(self.phrases[i])})" for i in indices)
            self._buckets[key] = (re.compile(f"(?:{alternation})(?!\\w)", flags), indices[0])
        self._key_lengths = sorted({len(k) for k in self._buckets}, reverse=True)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        end = len(text) if end is None else end
        # Fold the window once instead of every key; lower() may change a string's length
        # (e.g. dotted capital I), and then keys are folded one by one.
        window_end = min(len(text), end + _KEY_LENGTH)
        folded = _key(text[start:window_end], self.case_sensitive)
        aligned = len(folded) == window_end - start
        resume = start
        for token in _CANDIDATE.finditer(text, start, end):
            position = token.start()
            if position < resume:
                continue
            best: tuple[int, int] | None = None  # (phrase index, match end)
            for length in self._key_lengths:
                if aligned:
                    key = folded[position - start : position - start + length]
                else:
                    key = _key(text[position : position + length], self.case_sensitive)
                bucket = self._buckets.get(key)
                if bucket is None or (best is not None and bucket[1] > best[0]):
                    continue
                match = bucket[0].match(text, position, end)
                if match and (best is None or int(match.lastgroup[1:]) < best[0]):
                    best = (int(match.lastgroup[1:]), match.end())
            if best is not None:
                yield position, best[1], self.phrases[best[0]]
                resume = best[1]
