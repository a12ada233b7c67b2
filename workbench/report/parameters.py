"""Report parameters: read from YAML safely, checked against their schema, expanded into runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workbench.corpus import CorpusError, group_values, load_corpus
from workbench.errors import InputError

REPORT_FILES = ("report.ipynb", "report.html", "findings.parquet", "findings.csv", "summary.json", "aggregates.json", "manifest.json")

KNOWN_PARAMETERS = {
    "corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted", "group_by", "runs",
    "execution_timeout", "start_timeout", "kernel_name", "name", "engine", "formats", "compare_by", "max_document_pages",
}

RUN_PARAMETERS = (
    "corpus", "detectors", "options", "reading", "title", "gold", "filter", "max_highlighted", "engine", "formats", "compare_by",
    "max_document_pages",
)

DEFAULTS: dict[str, Any] = {
    "title": "Discourse report", "detectors": None, "options": None, "reading": None, "gold": None, "filter": None,
    "max_highlighted": 20, "engine": None, "formats": ["parquet"], "compare_by": None, "max_document_pages": 500,
}
FORMATS = ("parquet", "csv")

# A parameters file is a few lines; anything larger is a mistake (or an attack) and is refused before parsing.
MAX_PARAMETERS_BYTES = 1_000_000
_READING_KEYS = {"recursive": bool, "follow_links": bool, "max_chars": int}


class ParameterError(InputError):
    """A report parameter (file, key or value) that cannot be used; the message names it."""


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: parameters never need them, and nested aliases
    expand exponentially (a few hundred bytes can ask for gigabytes)."""

    def compose_node(self, parent, index):  # noqa: ANN001 (PyYAML's signature)
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ParameterError(f"line {event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not allowed in parameters")
        return super().compose_node(parent, index)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def validate_parameters(data: dict[str, Any], *, source: str = "parameters") -> None:
    """Check every known parameter's type before anything runs; the error names the key and the problem."""

    def fail(key: str, problem: str) -> None:
        raise ParameterError(f"{source}: {key}: {problem}")

    for key, value in data.items():
        if value is None:
            continue
        if key in ("corpus", "gold", "title", "group_by", "kernel_name", "name", "compare_by") and not isinstance(value, str):
            fail(key, f"expected text, got {type(value).__name__} {value!r}")
        elif key == "detectors" and not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            fail(key, f"expected a list of detector names, got {value!r}")
        elif key in ("max_highlighted", "max_document_pages") and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            fail(key, f"expected a whole number of documents (0 or more), got {value!r}")
        elif key in ("execution_timeout", "start_timeout") and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            fail(key, f"expected a whole number of seconds (1 or more), got {value!r}")
        elif key == "filter":
            if not isinstance(value, dict):
                fail(key, f"expected a mapping of metadata keys to values, e.g. {{source: bbc}}, got {value!r}")
            for name, wanted in value.items():
                if not isinstance(name, str) or not (_is_scalar(wanted) or (isinstance(wanted, list) and all(map(_is_scalar, wanted)))):
                    fail(key, f"{name!r}: expected a value or a list of values, got {wanted!r}")
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, dict) for k, v in value.items()):
                fail(key, f"expected a mapping of detector names to {{option: value}} mappings, got {value!r}")
        elif key == "reading":
            if not isinstance(value, dict):
                fail(key, f"expected a mapping such as {{recursive: true}}, got {value!r}")
            for name, option in value.items():
                expected = _READING_KEYS.get(name)
                if expected is None:
                    fail(key, f"unknown option {name!r}; known: {', '.join(_READING_KEYS)}")
                if not (isinstance(option, expected) and not (expected is int and isinstance(option, bool))) and not (name == "max_chars" and option is None):
                    fail(f"{key}.{name}", f"expected {expected.__name__}, got {option!r}")
        elif key == "formats":
            if not isinstance(value, list) or not value or any(f not in FORMATS for f in value) or "parquet" not in value:
                fail(key, f"expected a list of {' and '.join(FORMATS)} that holds parquet, e.g. [parquet, csv], got {value!r}")
        elif key == "engine":
            spec = {"name": value} if isinstance(value, str) else value
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
                fail(key, f"expected an engine name (serial, processes, dask) or {{name: processes, workers: 2}}, got {value!r}")
            from workbench.engines import engine_named

            engine_named(spec["name"]).check({k: v for k, v in spec.items() if k != "name"})
        elif key == "runs":
            if not isinstance(value, list) or not value:
                fail(key, "expected a list of runs, each a mapping with a 'name'")
            for number, run in enumerate(value, start=1):
                if not isinstance(run, dict) or not isinstance(run.get("name"), str) or not run["name"].strip():
                    fail(f"runs[{number}]", "each run needs a mapping with a 'name'")
                unknown = sorted(set(run) - set(RUN_PARAMETERS) - {"name"})
                if unknown:
                    fail(f"runs[{number}] ({run['name']})", f"unknown parameter(s) {', '.join(map(str, unknown))}")
                validate_parameters({k: v for k, v in run.items() if k != "name"}, source=f"{source}: runs[{number}]")


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
        size = path.stat().st_size
        if size > MAX_PARAMETERS_BYTES:
            raise ParameterError(f"{path}: {size:,} bytes is too large for a parameters file (at most {MAX_PARAMETERS_BYTES:,})")
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoAliasLoader) or {}  # noqa: S506 (a safe loader)
    except FileNotFoundError:
        raise ParameterError(f"{path}: parameters file not found") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text") from None
    except ParameterError as exc:
        raise ParameterError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values, got {type(data).__name__}")
    unknown = sorted(set(data) - KNOWN_PARAMETERS)
    if unknown:
        raise ParameterError(f"{path}: unknown parameter(s) {', '.join(map(str, unknown))}; known: {', '.join(sorted(KNOWN_PARAMETERS))}")
    validate_parameters(data, source=str(path))
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

