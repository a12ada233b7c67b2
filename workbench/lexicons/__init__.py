"""Every word list the detectors use, shipped as data files and checked when loaded.

Two kinds of file:

* **cue lexicons** (``NAME.tsv``, a header row): at least the columns ``cue``, ``label`` and
  ``source`` (where the entry comes from, or why it is there); read by :func:`load_lexicon`.
* **rule word lists** (``NAME.yaml``): the function words and small word classes the
  detectors' context rules read around a cue. The file has a ``description`` and ``lists``,
  each list a ``reason`` and its ``words``; optional ``patterns`` are regular expressions with
  an ``id``, a ``reason`` and their own fields. Read by :func:`load_wordlists`.

Both are checked against their schema on loading (the error names the file, the list or
row, and the problem), cached once per process, hashed into the report manifest and listed
by ``workbench lexicon list``. Detector code holds no word lists of its own
(``tests/test_lexicons.py`` fails on one).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from workbench.errors import InputError, WorkbenchError

REQUIRED_COLUMNS = ("cue", "label", "source")
TABLE_SUFFIX, WORDLIST_SUFFIX = ".tsv", ".yaml"
SUFFIXES = (TABLE_SUFFIX, WORDLIST_SUFFIX)


class LexiconError(WorkbenchError):
    """A shipped lexicon file that is malformed; the message names the file and row."""


class UnknownLexiconError(LexiconError, InputError):
    """A lexicon name that is not shipped."""


def _files():
    return resources.files(__name__)


def available_lexicons() -> list[str]:
    """Names of the shipped lexicons (file names without suffix), sorted."""
    return sorted(entry.name.rsplit(".", 1)[0] for entry in _files().iterdir() if entry.name.endswith(SUFFIXES))


def lexicon_path(name: str):
    for suffix in SUFFIXES:
        entry = _files().joinpath(name + suffix)
        if entry.is_file():
            return entry
    raise UnknownLexiconError(f"unknown lexicon {name!r}; available: {', '.join(available_lexicons()) or 'none'}")


def lexicon_kind(name: str) -> str:
    """``"cues"`` for a TSV cue lexicon, ``"wordlists"`` for a YAML file of rule word lists."""
    return "wordlists" if lexicon_path(name).name.endswith(WORDLIST_SUFFIX) else "cues"


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> pd.DataFrame:
    """The lexicon as a DataFrame of strings; checked for the required columns and empty cues.

    A word-list file comes back as a table too: one row per word, with the columns ``cue``
    (the word), ``label`` (its list) and ``source`` (the list's reason).
    """
    entry = lexicon_path(name)
    if entry.name.endswith(WORDLIST_SUFFIX):
        lists = load_wordlists(name)
        rows = [(word, list_name, lists.reasons[list_name]) for list_name, words in lists.items() for word in sorted(words)]
        return pd.DataFrame(rows, columns=list(REQUIRED_COLUMNS))
    with resources.as_file(entry) as path:
        try:
            frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, comment=None, quoting=3)
        except Exception as exc:
            raise LexiconError(f"{entry.name}: cannot be read as TSV: {exc}") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise LexiconError(f"{entry.name}: missing column(s) {', '.join(missing)}")
    for number, (cue, source) in enumerate(zip(frame["cue"], frame["source"]), start=2):
        if not cue.strip():
            raise LexiconError(f"{entry.name}, line {number}: empty cue")
        if not source.strip():
            raise LexiconError(f"{entry.name}, line {number}: entry {cue!r} has no source/rationale")
    return frame


def lexicon_hashes() -> dict[str, str]:
    """sha256 of every shipped lexicon file, for the report manifest."""
    return {entry.name: hashlib.sha256(entry.read_bytes()).hexdigest() for entry in sorted(_files().iterdir(), key=lambda e: e.name) if entry.name.endswith(SUFFIXES)}


class WordLists(dict):
    """Named word lists (each a frozenset of strings) with the reason for each, and optional patterns."""

    def __init__(self, lists: dict[str, frozenset[str]], *, reasons: dict[str, str], patterns: tuple[dict[str, Any], ...], description: str):
        super().__init__(lists)
        self.reasons = reasons
        self.patterns = patterns
        self.description = description


_LIST_KEYS = {"reason", "words"}
_FILE_KEYS = {"description", "lists", "patterns"}


@lru_cache(maxsize=None)
def load_wordlists(name: str) -> WordLists:
    """The rule word lists of ``NAME.yaml``, checked: every list has a reason and non-empty words."""
    import yaml

    entry = lexicon_path(name)
    if not entry.name.endswith(WORDLIST_SUFFIX):
        raise UnknownLexiconError(f"{entry.name} is a cue lexicon, not a file of word lists")
    try:
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LexiconError(f"{entry.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("lists"), dict) or not str(data.get("description", "")).strip():
        raise LexiconError(f"{entry.name}: expected a mapping with a 'description' and 'lists'")
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise LexiconError(f"{entry.name}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_FILE_KEYS))}")
    lists: dict[str, frozenset[str]] = {}
    reasons: dict[str, str] = {}
    for list_name, spec in data["lists"].items():
        where = f"{entry.name}, list {list_name!r}"
        if not isinstance(spec, dict) or set(spec) != _LIST_KEYS:
            raise LexiconError(f"{where}: expected exactly the keys 'reason' and 'words'")
        if not isinstance(spec["reason"], str) or not spec["reason"].strip():
            raise LexiconError(f"{where}: the reason is empty")
        words = spec["words"]
        if not isinstance(words, list) or not words:
            raise LexiconError(f"{where}: 'words' must be a non-empty list")
        bad = [w for w in words if not isinstance(w, str) or not w.strip() or w != w.strip()]
        if bad:
            # YAML reads a bare no, on or yes as a boolean: quote such words.
            raise LexiconError(f"{where}: {bad[0]!r} is not a word (quote words that YAML reads as booleans or numbers)")
        lists[str(list_name)] = frozenset(words)
        reasons[str(list_name)] = spec["reason"].strip()
    patterns = []
    for number, item in enumerate(data.get("patterns") or [], start=1):
        if not isinstance(item, dict) or not {"id", "reason", "regex"} <= set(item):
            raise LexiconError(f"{entry.name}, pattern {number}: needs 'id', 'reason' and 'regex'")
        try:
            re.compile(item["regex"])
        except re.error as exc:
            raise LexiconError(f"{entry.name}, pattern {item['id']!r}: bad regular expression: {exc}") from None
        patterns.append(dict(item))
    return WordLists(lists, reasons=reasons, patterns=tuple(patterns), description=str(data["description"]).strip())
