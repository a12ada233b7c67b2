"""Report parameters: read from YAML safely, checked against their schema, expanded into runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workbench.corpus import CorpusError, group_values, load_corpus
from workbench.errors import InputError

REPORT_FILES = ("report.ipynb", "report.html", "findings.parquet", "findings.csv", "summary.json", "manifest.json")

KNOWN_PARAMETERS = {
    "corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted", "group_by", "runs",
    "execution_timeout", "start_timeout", "kernel_name", "name",
}

RUN_PARAMETERS = ("corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted")

DEFAULTS: dict[str, Any] = {"title": "Discourse report", "detectors": None, "options": None, "reading": None, "gold": None, "filter": None, "max_highlighted": 20}



class ParameterError(InputError):
    """A report parameter (file, key or value) that cannot be used; the message names it."""



@dataclass
class PlannedRun:
    """One report to write: its name, folder and parameters (filled in by :func:`plan_runs`)."""

    name: str
    out_dir: Path
    parameters: dict[str, Any]
    summary: dict[str, Any] = field(default_factory=dict)



def load_parameters(path: str | Path | None) -> dict[str, Any]:
    """Read a YAML parameters file and check its keys; lists stay lists (unlike papermill ``-p``)."""
    if path is None:
        return {}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ParameterError(f"{path}: parameters file not found") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values, got {type(data).__name__}")
    unknown = sorted(set(data) - KNOWN_PARAMETERS)
    if unknown:
        raise ParameterError(f"{path}: unknown parameter(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_PARAMETERS))}")
    base = path.parent
    for key in ("corpus", "gold"):
        if isinstance(data.get(key), str):
            data[key] = str((base / data[key]).resolve()) if not Path(data[key]).is_absolute() else data[key]
    for run in data.get("runs") or []:
        for key in ("corpus", "gold"):
            if isinstance(run, dict) and isinstance(run.get(key), str) and not Path(run[key]).is_absolute():
                run[key] = str((base / run[key]).resolve())
    return data



def _slug(value: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", str(value)).strip("-.")
    return slug or "run"



def plan_runs(parameters: dict[str, Any], out_dir: Path) -> list[PlannedRun]:
    """Expand ``runs`` or ``group_by`` into one run per subfolder; otherwise one run into ``out_dir``."""
    base = {k: parameters.get(k, DEFAULTS.get(k)) for k in RUN_PARAMETERS}
    if parameters.get("runs"):
        runs = []
        for i, spec in enumerate(parameters["runs"], start=1):
            if not isinstance(spec, dict) or not spec.get("name"):
                raise ParameterError(f"runs[{i}]: each run needs a mapping with a 'name'")
            unknown = sorted(set(spec) - set(RUN_PARAMETERS) - {"name"})
            if unknown:
                raise ParameterError(f"runs[{i}] ({spec['name']}): unknown parameter(s) {', '.join(unknown)}")
            merged = {**base, **{k: v for k, v in spec.items() if k != "name"}}
            merged["title"] = spec.get("title") or f"{base['title']}: {spec['name']}"
            runs.append(PlannedRun(str(spec["name"]), out_dir / _slug(spec["name"]), merged))
        _check_unique(runs)
        return runs
    if parameters.get("group_by"):
        key = str(parameters["group_by"])
        try:
            corpus = load_corpus(base["corpus"], **(base.get("reading") or {}))
        except CorpusError as exc:
            raise ParameterError(str(exc)) from None
        runs = []
        for value in group_values(corpus, key):
            merged = {**base, "filter": {**(base.get("filter") or {}), key: value}, "title": f"{base['title']}: {key} = {value}"}
            runs.append(PlannedRun(f"{key}={value}", out_dir / _slug(f"{key}-{value}"), merged))
        _check_unique(runs)
        return runs
    return [PlannedRun("report", out_dir, base)]



def _check_unique(runs: list[PlannedRun]) -> None:
    seen: dict[Path, str] = {}
    for run in runs:
        if run.out_dir in seen:
            raise ParameterError(f"runs {seen[run.out_dir]!r} and {run.name!r} would write to the same folder {run.out_dir.name}")
        seen[run.out_dir] = run.name

