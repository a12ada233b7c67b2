"""A report folder is replaced whole or not at all, and one run at a time writes it.

The report is built in a hidden folder beside the target and swapped in when every file is
written; a failed run leaves the previous report untouched (its partial output goes to
``NAME.failed/``). A lock file beside the target refuses a second run into the same folder
while the first is alive; leftovers of a run that was killed are cleaned at the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from workbench.report.parameters import ParameterError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


@contextlib.contextmanager
def report_lock(final: Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside the report folder for the run; refuse when a live run holds it."""
    final.parent.mkdir(parents=True, exist_ok=True)
    lock = final.parent / f".{final.name}.lock"
    for _ in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            try:
                holder = int(lock.read_text(encoding="ascii").strip() or 0)
            except (OSError, ValueError):
                holder = 0
            if holder and holder != os.getpid() and _alive(holder):
                raise ParameterError(f"{final}: another report run (process {holder}) is writing this folder; wait for it to end or choose another --out") from None
            lock.unlink(missing_ok=True)  # left by a run that was killed
    else:
        raise ParameterError(f"{final}: cannot take the lock {lock.name}")
    try:
        os.write(handle, str(os.getpid()).encode("ascii"))
        os.close(handle)
        _clean_leftovers(final)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _clean_leftovers(final: Path) -> None:
    """Folders of runs that were killed half-way (only ever touched under the lock)."""
    for pattern in (f".{final.name}.*.building", f".{final.name}.old-*"):
        for path in final.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staged_folder(final: Path) -> Iterator[Path]:
    """A hidden folder beside ``final`` to build the report in; swapped in when the block succeeds.

    On an exception the staging folder is moved to ``NAME.failed`` (replacing an older one), so
    partial output can be read, and ``final`` is left as it was.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".building", dir=final.parent))
    try:
        yield staging
    except BaseException:
        failed = failed_folder(final)
        shutil.rmtree(failed, ignore_errors=True)
        try:
            os.replace(staging, failed)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, final)


def failed_folder(final: Path) -> Path:
    return final.parent / f"{final.name}.failed"


def _swap(new: Path, final: Path) -> None:
    """Put ``new`` in the place of ``final`` (two renames in one folder; the old one is removed last)."""
    if not final.exists():
        os.replace(new, final)
        return
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    os.replace(final, old)
    try:
        os.replace(new, final)
    except BaseException:
        os.replace(old, final)
        raise
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(failed_folder(final), ignore_errors=True)  # a success makes an older failure's leftovers moot
