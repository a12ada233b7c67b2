"""A folder of ``.txt`` files, or one ``.txt`` file: one document per file.

Every name ending in ``.txt`` in the folder is an entry and becomes a document or a rejection
(a broken link, a link out of the folder, a pipe, bad bytes, a file over ``max_chars``).
Sub-folders are read only with ``recursive=True`` and never when hidden (``.git``,
``.ipynb_checkpoints``); what was not read is reported in one :class:`Skipped` note.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from workbench.corpus.decoding import decode_text, header_meta
from workbench.corpus.document import CorpusError, Document, Rejected, Skipped
from workbench.corpus.options import ReadOptions

_DEFAULT = ReadOptions()


@dataclass
class Listing:
    """The ``.txt`` entries of a folder ('/'-separated paths relative to it, in corpus order),
    and the sub-folders not read, by why."""

    names: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)

    def note(self, folder: Path) -> Skipped | None:
        """One note naming every sub-folder that was not read, or None."""
        if not self.skipped:
            return None
        parts = [f"{', '.join(sorted(names))} ({why})" for why, names in sorted(self.skipped.items())]
        count = sum(len(names) for names in self.skipped.values())
        return Skipped(source=str(folder), reason=f"{count} sub-folder{'s' * (count != 1)} not read: {'; '.join(parts)}")


def list_folder(folder: Path, *, options: ReadOptions = _DEFAULT) -> Listing:
    """List a corpus folder without reading any file (one directory scan per folder)."""
    listing = Listing()
    visited = {os.path.realpath(folder)}
    pending = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError as exc:
            if not prefix:
                raise CorpusError(folder, f"cannot list the folder: {exc.strerror or exc}") from None
            listing.skipped.setdefault(f"cannot be listed ({exc.strerror or exc})", []).append(prefix)
            continue
        for entry in entries:
            relative = prefix + entry.name
            if _is_dir(entry):
                why = _why_not_descend(entry, visited, options)
                if why:
                    listing.skipped.setdefault(why, []).append(relative + "/")
                else:
                    visited.add(os.path.realpath(entry.path))
                    pending.append((Path(entry.path), relative + "/"))
            elif os.path.splitext(entry.name)[1].lower() == ".txt":
                listing.names.append(relative)
    # Sorted as paths (component by component), the order the loader has always used.
    listing.names.sort(key=lambda name: folder / name)
    return listing


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: the entry is read (and rejected) as a file
        return False


def _why_not_descend(entry: os.DirEntry, visited: set[str], options: ReadOptions) -> str | None:
    if entry.name.startswith("."):
        return "hidden folders are never read"
    if not options.recursive:
        return "read them with --recursive, or recursive=True"
    if entry.is_symlink():
        if not options.follow_links:
            return "linked folders: follow_links=True reads them"
        if os.path.realpath(entry.path) in visited:
            return "links back to a folder already read"
    return None


def txt_file_names(folder: Path, *, recursive: bool = False) -> list[str]:
    """The ``.txt`` entries of ``folder`` in corpus order ('/'-separated paths when ``recursive``).

    Names, not Path objects, because a streaming run keeps the list for its whole length:
    a quarter of the memory for an archive of a million files.
    """
    return list_folder(folder, options=ReadOptions(recursive=recursive)).names


def entry_problem(path: Path, *, root: str | None, options: ReadOptions) -> tuple[str | None, os.stat_result | None]:
    """Why the entry at ``path`` is no file to read (or None) and its stat, without opening it.

    ``root`` is the corpus folder's real path: a symbolic link must lead inside it unless
    ``follow_links``; None for a file named on its own.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            try:
                info = os.stat(path)
            except FileNotFoundError:
                return f"dangling symbolic link: its target {os.readlink(path)} does not exist", None
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return "symbolic link loop: the links lead to each other", None
                return f"cannot follow the symbolic link: {exc.strerror or exc}", None
            if root is not None and not options.follow_links and not _inside(os.path.realpath(path), root):
                return "symbolic link leads outside the corpus folder (follow_links=True reads it)", None
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}", None
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, socket or device is never opened)", None
    return None, info


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive (Windows)
        return False


def read_txt(path: Path, *, doc_id: str | None = None, root: str | None = None, options: ReadOptions = _DEFAULT) -> Document | Rejected:
    """One ``.txt`` file as a document (doc_id: the file stem unless given), or why it cannot be one."""
    doc_id = path.stem if doc_id is None else doc_id

    def reject(reason: str) -> Rejected:
        return Rejected(source=str(path), reason=reason, doc_id=doc_id)

    problem, info = entry_problem(path, root=root, options=options)
    if problem:
        return reject(problem)
    if options.max_bytes is not None and info.st_size > options.max_bytes:
        return reject(f"document too large: {info.st_size:,} bytes, more than max_chars={options.max_chars:,} characters can take")
    try:
        with open(path, "rb") as handle:
            # Never more than a document within the limit can take, even if the file grows.
            data = handle.read() if options.max_bytes is None else handle.read(options.max_bytes + 1)
        text = decode_text(data, path)
    except CorpusError as exc:
        return reject(exc.reason)
    except OSError as exc:
        return reject(f"cannot read file: {exc.strerror or exc}")
    problem = options.size_problem(text) or (None if text.strip() else "empty document")
    if problem:
        return reject(problem)
    return Document(doc_id=doc_id, text=text, meta={"source_file": path.name, **header_meta(text)})


def iter_txt_folder(folder: Path, *, options: ReadOptions = _DEFAULT) -> Iterator[Document | Rejected]:
    """The folder's ``.txt`` entries in corpus order, after a note on sub-folders not read; a repeated doc_id is rejected."""
    listing = list_folder(folder, options=options)
    note = listing.note(folder)
    if note:
        yield note
    root = os.path.realpath(folder)
    seen: dict[str, str] = {}
    for name in listing.names:
        path = folder / name
        item = read_txt(path, doc_id=os.path.splitext(name)[0], root=root, options=options)
        if isinstance(item, Document):
            item.meta["source_file"] = name
            if item.doc_id in seen:
                yield Rejected(source=str(path), reason=f"duplicate doc_id {item.doc_id!r} (also {seen[item.doc_id]})", doc_id=item.doc_id)
                continue
            seen[item.doc_id] = name
        yield item


def input_files(folder: Path, *, options: ReadOptions = _DEFAULT) -> list[Path]:
    """The folder's corpus files for the manifest: refused links, pipes and missing targets left out."""
    root = os.path.realpath(folder)
    names = list_folder(folder, options=options).names
    return [folder / name for name in names if entry_problem(folder / name, root=root, options=options)[0] is None]
