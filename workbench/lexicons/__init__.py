"""Cue lexicons shipped as data files (TSV with a header row).

Every lexicon has at least the columns ``cue``, ``label`` and ``source``
(where the entry comes from, or why it is there). Detectors load them through
:func:`load_lexicon`, which caches each file once per process.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

import pandas as pd

from workbench.errors import InputError, WorkbenchError

REQUIRED_COLUMNS = ("cue", "label", "source")
SUFFIXES = (".tsv",)


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


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> pd.DataFrame:
    """The lexicon as a DataFrame of strings; checked for the required columns and empty cues."""
    entry = lexicon_path(name)
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
