"""The exceptions the workbench raises on purpose.

* :class:`InputError` — the user's input is wrong (a corpus file or row, a findings or gold
  file, a parameter, a detector or engine name, a detector option). The message names the
  file, row or key and the problem. The command line reports it in one line and exits 2.
* :class:`ReportError` — a report could not be produced (the notebook failed or could not
  start); the command line exits 1 and says where the partial output is.
* :class:`WorkbenchError` — the base of both, for callers that want to catch everything the
  workbench raises deliberately.

Anything else that escapes is a bug and the command line calls it an internal error (exit 1).
``InputError`` also derives from ``ValueError`` so that Python callers who catch
``ValueError`` for bad arguments keep working; the command line only looks at ``InputError``.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base of every exception the workbench raises deliberately."""


class InputError(WorkbenchError, ValueError):
    """Bad input: the message names the file, row or key and what is wrong with it."""


class ReportError(WorkbenchError):
    """A report could not be produced; the message says why and where partial output is."""


__all__ = ["InputError", "ReportError", "WorkbenchError"]
