"""The package's layering and module size, checked on the source (see docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
MAX_LINES = 600
# What the detectors may build on: presentation (views, report, explore, highlight) imports them, never the reverse.
DETECTOR_BASES = ("workbench.corpus", "workbench.segment", "workbench.findings", "workbench.matching", "workbench.lexicons", "workbench.errors", "workbench.detectors")


def workbench_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``workbench`` import in a file, at any depth (imports inside functions too)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        out += [(node.lineno, name) for name in names if name == "workbench" or name.startswith("workbench.")]
    return out


def test_no_module_is_longer_than_600_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_detectors_import_only_the_core():
    outside = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in (PACKAGE / "detectors").rglob("*.py")
        for line, module in workbench_imports(path)
        if not any(module == base or module.startswith(base + ".") for base in DETECTOR_BASES)
    ]
    assert outside == []


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("import os\nfrom workbench.views import x\n\ndef f():\n    import workbench.report.pages\n", encoding="utf-8")
    assert workbench_imports(source) == [(2, "workbench.views"), (5, "workbench.report.pages")]
