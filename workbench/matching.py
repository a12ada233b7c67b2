"""Find lexicon phrases in text quickly, with exact offsets.

Phrases are written as plain words separated by spaces. ``*`` at the end of a word
matches any word ending (``suggest*`` finds suggests, suggested). Matching ignores
case (unless asked not to), treats any run of whitespace as one space, a typographic
apostrophe as a straight one and the Unicode hyphens as ``-``, and only matches whole
words. When phrases overlap at one position the longest wins; matches do not overlap.

A single alternation of hundreds of phrases makes Python's ``re`` try every phrase at
every word start. :class:`PhraseMatcher` instead compiles all phrases into one regex
factored as a trie, which finds the next position where any phrase matches without
leaving C, and files phrases under their first characters so that, at such a position,
only the few phrases that can begin there are tried to pick the longest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

_APOSTROPHES = "'\u2019"
_HYPHENS = "-\u2010\u2011"
_KEY_LENGTH = 2
_FOLD = str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"})


def _atoms(phrase: str, *, case_sensitive: bool = True) -> list[str]:
    """The phrase as a sequence of regex atoms: one per character, word gap or wildcard."""
    words = phrase.split()
    if not words:
        raise ValueError("empty phrase")
    atoms: list[str] = []
    for number, word in enumerate(words):
        if number:
            atoms.append(r"\s+")
        for ch in word.rstrip("*"):
            if ch in _APOSTROPHES:
                atoms.append(f"[{_APOSTROPHES}]")
            elif ch in _HYPHENS:
                atoms.append(f"[{_HYPHENS}]")
            else:
                # Lower-casing merges trie branches that IGNORECASE would treat alike anyway.
                folded = ch if case_sensitive or len(ch.lower()) != 1 else ch.lower()
                atoms.append(re.escape(folded))
        if word.endswith("*"):
            atoms.append(r"\w*")
    return atoms


def phrase_pattern(phrase: str) -> str:
    """The regex source for one phrase (without word boundaries)."""
    return "".join(_atoms(phrase))


def _trie_pattern(phrases: Iterable[str], *, case_sensitive: bool) -> str:
    """One regex, factored as a trie, that matches wherever any of the phrases matches.

    A flat alternation makes ``re`` try every phrase at every position; factoring shared
    prefixes lets the engine reject most positions on their first character, in C.
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        for atom in _atoms(phrase, case_sensitive=case_sensitive):
            node = node.setdefault(atom, {})
        node[""] = {}  # end of a phrase

    def emit(node: dict) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if "" in node:
            branches.append(r"(?!\w)")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return r"(?<!\w)" + emit(root)


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
        # Finds the next position where some phrase matches; the buckets then choose which.
        self._any = re.compile(_trie_pattern(self.phrases, case_sensitive=case_sensitive), flags)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        end = len(text) if end is None else end
        search = self._any.search
        position = start
        while True:
            hit = search(text, position, end)
            if hit is None:
                return
            position = hit.start()
            keys = {n: _key(text[position : position + n], self.case_sensitive) for n in self._key_lengths}
            best = self._best_at(text, position, end, keys)
            if best is None:  # a case fold the keys do not share; move on
                position += 1
                continue
            yield position, best[1], self.phrases[best[0]]
            position = best[1]

    def _best_at(self, text: str, position: int, end: int, keys: Mapping[int, str]) -> tuple[int, int] | None:
        """(phrase index, match end) of the longest phrase matching at ``position``, if any.

        ``keys`` maps a key length to the folded text of that length at ``position``.
        """
        best: tuple[int, int] | None = None
        for length in self._key_lengths:
            bucket = self._buckets.get(keys[length])
            if bucket is None or (best is not None and bucket[1] > best[0]):
                continue
            match = bucket[0].match(text, position, end)
            if match and (best is None or int(match.lastgroup[1:]) < best[0]):
                best = (int(match.lastgroup[1:]), match.end())
        return best


class MatcherSet:
    """Several named :class:`PhraseMatcher` run over a text in one scan.

    ``finditer_all`` gives each matcher exactly the matches its own ``finditer`` would, but
    one regex over all their phrases finds the candidate positions, so a detector with five
    lexicons reads the text once instead of five times.
    """

    def __init__(self, matchers: Mapping[str, PhraseMatcher]):
        if not matchers:
            raise ValueError("a MatcherSet needs at least one matcher")
        modes = {m.case_sensitive for m in matchers.values()}
        if len(modes) != 1:
            raise ValueError("the matchers of a MatcherSet must all ignore case or all respect it")
        self.matchers = dict(matchers)
        self.case_sensitive = modes.pop()
        phrases = sorted({p for m in self.matchers.values() for p in m.phrases})
        trie = _trie_pattern(phrases, case_sensitive=self.case_sensitive)
        # A lookahead matches no characters, so overlapping candidates are all reported.
        self._any = re.compile(f"(?={trie})", 0 if self.case_sensitive else re.IGNORECASE)
        self._key_lengths = sorted({n for m in self.matchers.values() for n in m._key_lengths})

    def finditer_all(self, text: str, start: int = 0, end: int | None = None) -> dict[str, list[tuple[int, int, str]]]:
        """Matcher name -> its (start, end, phrase) matches in ``text[start:end]``, in text order."""
        end = len(text) if end is None else end
        candidates = [
            (position, {n: _key(text[position : position + n], self.case_sensitive) for n in self._key_lengths})
            for position in (hit.start() for hit in self._any.finditer(text, start, end))
        ]
        out: dict[str, list[tuple[int, int, str]]] = {}
        for name, matcher in self.matchers.items():
            found: list[tuple[int, int, str]] = []
            resume = start
            for position, keys in candidates:
                if position < resume:
                    continue
                best = matcher._best_at(text, position, end, keys)
                if best is not None:
                    found.append((position, best[1], matcher.phrases[best[0]]))
                    resume = best[1]
            out[name] = found
        return out


def find_phrases(text: str, phrases: Iterable[str], *, case_sensitive: bool = False) -> list[tuple[int, int, str]]:
    """The matches :class:`PhraseMatcher` would give, for a handful of phrases known only now.

    Names discovered in one document change with every document, and building a matcher
    (or one alternation) for them cost more than the search. Each phrase's own small regex
    is compiled once per process instead; at each position the longest phrase wins and
    matches do not overlap, as in :class:`PhraseMatcher`.
    """
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    flags = 0 if case_sensitive else re.IGNORECASE
    best_at: dict[int, tuple[int, int]] = {}  # start -> (rank of the phrase, end)
    for rank, phrase in enumerate(ordered):
        search = _phrase_regex(phrase, flags).search
        match = search(text)
        while match is not None:
            start = match.start()
            # The word boundary is checked here: a leading look-behind would stop re from
            # jumping straight to the phrase's first letters.
            if start not in best_at and not (start and _is_word_char(text[start - 1])):
                best_at[start] = (rank, match.end())
            match = search(text, start + 1)
    out: list[tuple[int, int, str]] = []
    resume = 0
    for start in sorted(best_at):
        if start >= resume:
            rank, end = best_at[start]
            out.append((start, end, ordered[rank]))
            resume = end
    return out


@lru_cache(maxsize=4096)
def _phrase_regex(phrase: str, flags: int) -> re.Pattern[str]:
    return re.compile(phrase_pattern(phrase) + r"(?!\w)", flags)


def _is_word_char(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern: letters, digits (any script) and the underscore."""
    return ch.isalnum() or ch == "_"
