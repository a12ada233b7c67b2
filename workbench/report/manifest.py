"""What a report records about itself: the manifest of inputs, parameters, versions and hashes, and the index of runs."""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from workbench.atomic import write_text
from workbench.corpus import sha256_file
from workbench.report.parameters import REPORT_FILES, PlannedRun

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOCK_FILE = PROJECT_ROOT / "requirements.lock"

def _sha256(path: Path) -> str:
    # Read in blocks: the findings and summary of a large corpus are gigabytes.
    return sha256_file(path)



def _created() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch else _dt.datetime.now(_dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat()



def environment_versions() -> dict[str, Any]:
    """Python, platform, and every installed distribution with its version (sorted)."""
    packages = {}
    for dist in metadata.distributions():
        name = dist.metadata.get("Name")
        if name:
            packages[name.lower()] = dist.version
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": f"{platform.system()}-{platform.machine()}",
        "packages": dict(sorted(packages.items())),
    }



def data_file_hashes() -> dict[str, str]:
    """sha256 of every data file shipped in the package (lexicons, models, tokenizer parameters, report templates)."""
    package = Path(__file__).resolve().parents[1]
    hashes = {}
    for folder in ("lexicons", "data", "models", "templates"):
        root = package / folder
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix not in (".py", ".pyc"):
                    hashes[path.relative_to(package).as_posix()] = _sha256(path)
    return hashes



def write_manifest(run: PlannedRun, *, notebook: Path) -> Path:
    from workbench import __version__

    parameters = run.parameters
    manifest = {
        "created": _created(),
        "workbench": __version__,
        "name": run.name,
        "parameters": parameters,
        "corpus": {"path": parameters["corpus"], "inputs": run.summary.get("inputs", [])},
        "gold": {"path": parameters["gold"], "sha256": _sha256(Path(parameters["gold"]))} if parameters.get("gold") else None,
        "notebook": {"path": notebook.name, "sha256": _sha256(notebook)},
        "rejected": run.summary.get("rejected", []),
        "outputs": {name: _sha256(run.out_dir / name) for name in REPORT_FILES if name != "manifest.json" and (run.out_dir / name).is_file()},
        "data_files": data_file_hashes(),
        "lock_file": {"path": LOCK_FILE.name, "sha256": _sha256(LOCK_FILE)} if LOCK_FILE.is_file() else None,
        "environment": environment_versions(),
    }
    return write_text(run.out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n")



def write_index(out_dir: Path, runs: list[PlannedRun], *, title: str) -> Path:
    """An index.html that links every run's report with its document and finding counts."""
    rows = []
    for run in runs:
        totals = run.summary.get("totals", {})
        link = html.escape(f"{run.out_dir.relative_to(out_dir).as_posix()}/report.html", quote=True)
        rows.append(
            f"<tr><td><a href=\"{link}\">{html.escape(run.name)}</a></td><td>{totals.get('documents', '')}</td>"
            f"<td>{totals.get('words', '')}</td><td>{totals.get('findings', '')}</td><td>{totals.get('per_1000_words', '')}</td>"
            f"<td>{totals.get('rejected', '')}</td></tr>"
        )
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.escape(title) + "</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .8em}</style>"
        "</head><body><h1>" + html.escape(title) + "</h1><table><tr><th>run</th><th>documents</th><th>words</th>"
        "<th>findings</th><th>per 1,000 words</th><th>rejected</th></tr>" + "".join(rows) + "</table></body></html>\n"
    )
    return write_text(out_dir / "index.html", page)



def main_runs_summary(runs: list[PlannedRun]) -> str:
    lines = []
    for run in runs:
        totals = run.summary.get("totals", {})
        lines.append(f"{run.name}: {totals.get('documents', 0)} documents, {totals.get('findings', 0)} findings -> {run.out_dir}")
    return "\n".join(lines)

