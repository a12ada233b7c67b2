"""Write each lesson's student notebook from its solutions notebook, the source of truth.

Cell tags in ``notebooks/lessons/*_solutions.ipynb`` (edit them in Jupyter):
``solution`` marks an exercise cell whose ``metadata["student_source"]`` (the blank version)
replaces its source in the student copy; ``teacher`` (markdown) and ``final-check`` (code)
cells are left out. The student copy's title drops the words " (solutions)". Outputs are
never written, and the script clears them from the solutions notebooks too::

    python scripts/make_student_lessons.py           # write every student notebook
    python scripts/make_student_lessons.py --check   # only list stale ones (exit 1)
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

LESSONS = Path(__file__).resolve().parent.parent / "notebooks" / "lessons"
SUFFIX = " (solutions)"
OWN_TAGS = {"solution": "code", "teacher": "markdown", "final-check": "code"}


def clear_outputs(nb: nbformat.NotebookNode) -> None:
    """Remove in place what running a notebook stores: outputs, counts, timings, widget state, Python version."""
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None


def student_notebook(solutions: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student copy of a solutions notebook (which is not changed)."""
    nb = copy.deepcopy(solutions)
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.pop("tags", [])
        for tag in set(tags) & OWN_TAGS.keys():
            if cell.cell_type != OWN_TAGS[tag]:
                raise ValueError(f"cell {cell.get('id')}: the {tag!r} tag belongs on a {OWN_TAGS[tag]} cell")
        if ("solution" in tags) != ("student_source" in cell.metadata):
            raise ValueError(f"cell {cell.get('id')}: a 'solution' cell needs metadata student_source, and only such a cell has one")
        if "teacher" in tags or "final-check" in tags:
            continue
        if "solution" in tags:
            blank = cell.metadata.pop("student_source")
            cell.source = "".join(blank) if isinstance(blank, list) else blank
        if [t for t in tags if t not in OWN_TAGS]:  # other tags (e.g. nbval's) stay
            cell.metadata["tags"] = [t for t in tags if t not in OWN_TAGS]
        cells.append(cell)
    title, newline, rest = cells[0].source.partition("\n")
    if not title.endswith(SUFFIX):
        raise ValueError(f"the first line should end with {SUFFIX!r}: {title!r}")
    cells[0].source = title[: -len(SUFFIX)] + newline + rest
    nb.cells = cells
    clear_outputs(nb)
    return nb


def main(argv: list[str]) -> int:
    check, stale = "--check" in argv, []
    for path in sorted(LESSONS.glob("*_solutions.ipynb")):
        solutions = nbformat.read(path, as_version=4)
        student = student_notebook(solutions)
        clear_outputs(solutions)
        for target, nb in ((path, solutions), (path.with_name(path.name.replace("_solutions", "")), student)):
            text = nbformat.writes(nb) + "\n"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
                if not check:
                    target.write_text(text, encoding="utf-8")
    print(("Out of date: " if check else "Written: ") + (", ".join(stale) or "none"))
    return 1 if stale and check else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
