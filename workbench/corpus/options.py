"""How a corpus is read: the keyword options of ``load_corpus`` and ``iter_corpus``."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.errors import InputError

# Longer documents are rejected: 5 million characters is some 800,000 words, far beyond any
# news text, and a document is held in memory whole while its detectors run.
MAX_CHARS = 5_000_000


@dataclass(frozen=True)
class ReadOptions:
    """``recursive``: read the .txt files of sub-folders too (doc_id = relative path without suffix);
    ``follow_links``: read symbolic links that lead outside the corpus folder, and linked folders;
    ``max_chars``: reject a longer document (None: no limit)."""

    recursive: bool = False
    follow_links: bool = False
    max_chars: int | None = MAX_CHARS

    def __post_init__(self) -> None:
        limit = self.max_chars
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise InputError(f"max_chars must be a positive number of characters or None, not {limit!r}")

    @property
    def max_bytes(self) -> int | None:
        """The most bytes a document within ``max_chars`` can take (4 per character, plus a byte-order mark)."""
        return None if self.max_chars is None else 4 * self.max_chars + 3

    def size_problem(self, text: str) -> str | None:
        """Why ``text`` is too large a document, or None."""
        if self.max_chars is not None and len(text) > self.max_chars:
            return f"document too large: {len(text):,} characters, more than max_chars={self.max_chars:,}"
        return None
