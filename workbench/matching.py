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
from functools import cached_property, lru_cache
from typing import Hashable, Iterable, Iterator, Mapping

_APOSTROPHES = "'\u2019"
_HYPHENS = "-\u2010\u2011"
_KEY_LENGTH = 2
# MatcherSet indexes its matchers by up to this many first characters of their phrases.
_INDEX_LENGTH = 4
_FOLD_PAIRS = (("\u2019", "'"), ("\u2010", "-"), ("\u2011", "-"))
_FOLD = str.maketrans(dict(_FOLD_PAIRS))


def _atoms(phrase: str, *, case_sensitive: bool = True) -> list[str]:
    """The phrase as a sequence of regex atoms: one per character, word gap or wildcard."""
    words = phrase.split()
    if not words:
        raise ValueError("empty phrase")
    atoms: list[str] = []
    for number, word in enumerate(words):
        if not word.rstrip("*"):
            # "*" alone would match the empty string: no phrase, and a scan that never advances.
            raise ValueError(f"phrase {phrase!r}: a word needs at least one character before '*'")
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


# Non-ASCII characters that IGNORECASE matches to an ASCII letter although lower() does not
# turn them into it (dotless i, long s); U+0130 is caught by its two-character lower case.
_LOWER_MISSES = re.compile("[\u0131\u017f]")


class _Scanner:
    """Finds where any of some phrases matches, on the text folded once when that is exact.

    Matching ignoring case makes ``re`` fold every character it compares. When the phrases
    are ASCII and lower-casing the text keeps every offset and every IGNORECASE match,
    scanning the lower-cased text case-sensitively finds the same positions about twice as
    fast, and the bucket keys are slices of it.
    """

    def __init__(self, phrases: list[str], *, case_sensitive: bool, overlapping: bool):
        trie = _trie_pattern(phrases, case_sensitive=case_sensitive)
        # A lookahead matches no characters, so overlapping starts are all reported.
        self._source = f"(?={trie})" if overlapping else trie
        self.case_sensitive = case_sensitive
        self.can_fold = case_sensitive or "".join(phrases).translate(_FOLD).isascii()

    # Compiled on first use: a matcher used only inside a MatcherSet never needs its own,
    # and compiling the tries was most of the start-up time.
    @cached_property
    def exact(self) -> re.Pattern[str]:
        return re.compile(self._source, 0 if self.case_sensitive else re.IGNORECASE)

    @cached_property
    def folded(self) -> re.Pattern[str]:
        return re.compile(self._source)

    def fold(self, text: str) -> str | None:
        """The text folded like the keys, or None when the fast scan would not be exact."""
        if not self.can_fold:
            return None
        folded, lowered = _folded(text)
        return folded if self.case_sensitive else lowered

    def pattern_for(self, folded: str | None) -> re.Pattern[str]:
        return self.exact if folded is None else self.folded


_last_folded: tuple[str, str, str | None] = ("", "", "")


def _folded(text: str) -> tuple[str, str | None]:
    """The text with typographic apostrophes and hyphens folded, and that lower-cased (None
    when lower-casing is not exact). Every detector scans the same document, so the last
    answer is kept."""
    global _last_folded
    last = _last_folded
    if last[0] is text:
        return last[1], last[2]
    folded = text
    for typographic, plain in _FOLD_PAIRS:
        if typographic in folded:
            folded = folded.replace(typographic, plain)
    lowered: str | None = folded.lower()
    if len(lowered) != len(text) or _LOWER_MISSES.search(text):
        lowered = None
    _last_folded = (text, folded, lowered)
    return folded, lowered


def _keys_at(text: str, folded: str | None, position: int, case_sensitive: bool) -> tuple[str, str, str]:
    """The folded text of the 0, 1 and 2 characters at ``position`` (buckets use 1 or 2)."""
    if folded is not None:
        return "", folded[position : position + 1], folded[position : position + 2]
    # Folded one by one: lower() may change a string's length (dotted capital I).
    return "", _key(text[position : position + 1], case_sensitive), _key(text[position : position + 2], case_sensitive)


class PhraseMatcher:
    """All phrases of a lexicon; ``finditer`` yields (start, end, phrase) in text order."""

    def __init__(self, phrases: Iterable[str], *, case_sensitive: bool = False):
        # Longest first, so that at one position the longest phrase is tried first.
        self.phrases = sorted(set(phrases), key=lambda p: (-len(p), p))
        if not self.phrases:
            raise ValueError("a PhraseMatcher needs at least one phrase")
        self.case_sensitive = case_sensitive
        flags = 0 if case_sensitive else re.IGNORECASE
        # Buckets are filed by the first one or two characters of the phrase, folded; the
        # length counts characters of the phrase (and of the text), not of the folded key,
        # which lower() may make longer (dotted capital I).
        buckets: dict[tuple[int, str], list[int]] = {}
        for index, phrase in enumerate(self.phrases):
            head = phrase.split()[0].rstrip("*")[:_KEY_LENGTH]
            buckets.setdefault((len(head), _key(head, case_sensitive)), []).append(index)
        # Within a bucket the alternation keeps the global order, so the first alternative
        # that matches is the one the whole lexicon would have chosen.
        self._buckets: dict[int, dict[str, tuple[re.Pattern[str], int]]] = {}
        for (length, key), indices in buckets.items():
            alternation = "|".join(f"(?P<p{i}>{phrase_pattern(self.phrases[i])})" for i in indices)
            self._buckets.setdefault(length, {})[key] = (re.compile(f"(?:{alternation})(?!\\w)", flags), indices[0])
        self._key_lengths = sorted(self._buckets, reverse=True)
        # Finds the next position where some phrase matches; the buckets then choose which.
        self._scanner = _Scanner(self.phrases, case_sensitive=case_sensitive, overlapping=False)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        end = len(text) if end is None else end
        folded = self._scanner.fold(text)
        search = self._scanner.pattern_for(folded).search
        scanned = text if folded is None else folded
        position = start
        while True:
            hit = search(scanned, position, end)
            if hit is None:
                return
            position = hit.start()
            best = self._best_at(text, position, end, _keys_at(text, folded, position, self.case_sensitive))
            if best is None:  # a case fold the keys do not share; move on
                position += 1
                continue
            yield position, best[1], self.phrases[best[0]]
            position = best[1]

    def _best_at(self, text: str, position: int, end: int, keys: tuple[str, str, str]) -> tuple[int, int] | None:
        """(phrase index, match end) of the longest phrase matching at ``position``, if any.

        ``keys[n]`` is the folded text of the ``n`` characters at ``position``.
        """
        best: tuple[int, int] | None = None
        for length in self._key_lengths:
            bucket = self._buckets[length].get(keys[length])
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

    def __init__(self, matchers: Mapping[Hashable, PhraseMatcher]):
        if not matchers:
            raise ValueError("a MatcherSet needs at least one matcher")
        modes = {m.case_sensitive for m in matchers.values()}
        if len(modes) != 1:
            raise ValueError("the matchers of a MatcherSet must all ignore case or all respect it")
        self.matchers = dict(matchers)
        self.case_sensitive = modes.pop()
        phrases = sorted({p for m in self.matchers.values() for p in m.phrases})
        self._scanner = _Scanner(phrases, case_sensitive=self.case_sensitive, overlapping=True)
        # Folded first characters of a phrase (up to _INDEX_LENGTH, fewer when its first word is
        # shorter or ends in "*") -> the matchers with such a phrase. At a candidate position
        # only the matchers indexed under a prefix of the text there can match, so the others
        # are not asked (with dozens of matchers, asking each at every candidate was most of
        # the scan's time).
        by_prefix: dict[str, set[int]] = {}
        for number, matcher in enumerate(self.matchers.values()):
            for phrase in matcher.phrases:
                head = _key(phrase.split()[0].rstrip("*"), self.case_sensitive)[:_INDEX_LENGTH]
                by_prefix.setdefault(head, set()).add(number)
        self._by_prefix = {key: tuple(sorted(numbers)) for key, numbers in by_prefix.items()}
        self._prefix_lengths = tuple(sorted({len(key) for key in self._by_prefix}))

    def finditer_all(self, text: str, start: int = 0, end: int | None = None) -> dict[Hashable, list[tuple[int, int, str]]]:
        """Matcher name -> its (start, end, phrase) matches in ``text[start:end]``, in text order."""
        end = len(text) if end is None else end
        folded = self._scanner.fold(text)
        scanned = text if folded is None else folded
        candidates = [hit.start() for hit in self._scanner.pattern_for(folded).finditer(scanned, start, end)]
        names = list(self.matchers)
        matchers = list(self.matchers.values())
        found: list[list[tuple[int, int, str]]] = [[] for _ in matchers]
        resume = [start] * len(matchers)
        by_prefix, lengths, longest = self._by_prefix, self._prefix_lengths, max(self._prefix_lengths)
        case_sensitive = self.case_sensitive
        everyone = tuple(range(len(matchers)))
        for position in candidates:
            if folded is None:
                # Lower-casing this text is not exact (it changes lengths): ask every matcher.
                asked = everyone
            else:
                ahead = scanned[position : position + longest]
                asked = ()
                for length in lengths:
                    asked += by_prefix.get(ahead[:length], ())
                if not asked:
                    continue
            keys = _keys_at(text, folded, position, case_sensitive)
            # Ascending order, each once (a matcher may be indexed under several prefixes here).
            for number in sorted(set(asked)) if len(asked) > 1 else asked:
                if position < resume[number]:
                    continue
                matcher = matchers[number]
                best = matcher._best_at(text, position, end, keys)
                if best is not None:
                    found[number].append((position, best[1], matcher.phrases[best[0]]))
                    resume[number] = best[1]
        return dict(zip(names, found))


# Above this many (characters x phrases) one matcher for all phrases beats a search per phrase:
# building it costs about as much as a few hundred thousand characters searched, and then the
# text is scanned once, however many names a long document holds.
_ONE_PASS_WORK = 2_000_000


def find_phrases(text: str, phrases: Iterable[str]) -> list[tuple[int, int, str]]:
    """The matches a case-sensitive :class:`PhraseMatcher` gives, for phrases known only now
    (names discovered in one document).

    For a news article with a handful of names, building a matcher (or even one small regex
    per name) cost more than the search, so each literal phrase is looked up with ``str.find``;
    at each position the longest phrase wins and matches do not overlap, as in the matcher.
    A long document with many names gets one matcher, so the time stays linear in the length
    of the text. Phrases with ``*`` get a regex each.
    """
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    literal = not any("*" in p for p in ordered)
    if literal and len(text) * len(ordered) > _ONE_PASS_WORK:
        return _find_literal_phrases(text, ordered)
    best_at: dict[int, tuple[int, int]] = {}  # start -> (rank of the phrase, end)
    if literal:
        # Names change from one document to the next, so compiling a regex for each one cost
        # more than the search; the folded text is searched with str.find instead.
        folded = _folded(text)[0]
        for rank, phrase in enumerate(ordered):
            for start, end in _literal_occurrences(folded, phrase):
                if start not in best_at:
                    best_at[start] = (rank, end)
        return _leftmost_longest(best_at, ordered)
    for rank, phrase in enumerate(ordered):
        search = _phrase_regex(phrase).search
        match = search(text)
        while match is not None:
            start = match.start()
            # The word boundary is checked here: a leading look-behind would stop re from
            # jumping straight to the phrase's first letters.
            if start not in best_at and not (start and _is_word_char(text[start - 1])):
                best_at[start] = (rank, match.end())
            match = search(text, start + 1)
    return _leftmost_longest(best_at, ordered)


def _leftmost_longest(best_at: dict[int, tuple[int, int]], ordered: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches from the best phrase at each start, taken left to right."""
    out: list[tuple[int, int, str]] = []
    resume = 0
    for start in sorted(best_at):
        if start >= resume:
            rank, end = best_at[start]
            out.append((start, end, ordered[rank]))
            resume = end
    return out


def _find_literal_phrases(text: str, ordered: list[str]) -> list[tuple[int, int, str]]:
    """Literal phrases (names) found in one scan of one trie-shaped regex.

    The trie tries a longer continuation before it ends a phrase, so at each position the
    longest phrase wins, and ``finditer`` gives leftmost, non-overlapping matches: what the
    per-phrase search gives, in time linear in the text. Each match is mapped back to its phrase
    through the same folding the pattern applies (whitespace runs, apostrophes, hyphens).
    """
    by_key: dict[str, str] = {}
    for phrase in reversed(ordered):  # the first phrase in the lexicon's order wins a shared key
        by_key[_literal_key(phrase)] = phrase
    pattern = re.compile(_trie_pattern(ordered, case_sensitive=True))
    out = []
    for match in pattern.finditer(text):
        phrase = by_key.get(_literal_key(match.group()))
        if phrase is not None:
            out.append((match.start(), match.end(), phrase))
    return out


def _literal_occurrences(folded: str, phrase: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of a literal ``phrase`` in ``folded`` (the
    text with apostrophes and hyphens folded): exactly where its regex would match, words
    separated by any run of whitespace."""
    first, *rest = phrase.translate(_FOLD).split()
    length = len(folded)
    start = folded.find(first)
    while start >= 0:
        end = start + len(first)
        if not (start and _is_word_char(folded[start - 1])):
            for word in rest:
                gap = end
                while end < length and folded[end].isspace():
                    end += 1
                if end == gap or not folded.startswith(word, end):
                    end = -1
                    break
                end += len(word)
            if end >= 0 and not (end < length and _is_word_char(folded[end])):
                yield start, end
        start = folded.find(first, start + 1)


def _literal_key(value: str) -> str:
    return " ".join(value.translate(_FOLD).split())


@lru_cache(maxsize=4096)
def _phrase_regex(phrase: str) -> re.Pattern[str]:
    return re.compile(phrase_pattern(phrase) + r"(?!\w)")


def _is_word_char(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern: letters, digits (any script) and the underscore."""
    return ch.isalnum() or ch == "_"
