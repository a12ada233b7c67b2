"""Find lexicon phrases in text with one compiled regular expression per lexicon.

Phrases are written as plain words separated by spaces. ``*`` at the end of a word
matches any word ending (``suggest*`` finds suggests, suggested). Matching ignores
case, treats any run of whitespace as one space and a typographic apostrophe as a
straight one, and only matches whole words. When phrases overlap at one position the
longest wins.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

_APOSTROPHES = "'\u2019"


def phrase_pattern(phrase: str) -> str:
    """The regex source for one phrase (without word boundaries)."""
    words = phrase.split()
    if not words:
        raise ValueError("empty phrase")
    parts = []
    for word in words:
        wildcard = word.endswith("*")
        core = word.rstrip("*")
        piece = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in core)
        parts.append(piece + (r"\w*" if wildcard else ""))
    return r"\s+".join(parts)


class PhraseMatcher:
    """All phrases of a lexicon as one alternation; ``finditer`` yields (start, end, phrase)."""

    def __init__(self, phrases: Iterable[str], *, case_sensitive: bool = False):
        self.phrases = sorted(set(phrases), key=lambda p: (-len(p), p))
        if not self.phrases:
            raise ValueError("a PhraseMatcher needs at least one phrase")
        groups = [f"(?P<p{i}>{phrase_pattern(p)})" for i, p in enumerate(self.phrases)]
        flags = 0 if case_sensitive else re.IGNORECASE
        self.regex = re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)", flags)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        for match in self.regex.finditer(text, start, len(text) if end is None else end):
            yield match.start(), match.end(), self.phrases[int(match.lastgroup[1:])]
