"""Accuracy of the framing-family detectors: per-layer overlap P/R/F1 (and doc_frame top-1).

Runs every detector behind the ``framing`` alias (frames, loaded, and distancing/actors when
they are registered) on the seed and on the framing test texts, and scores each gold file
separately, so that a gold file covering some layers does not count other layers as errors.
Texts named ``*_dev`` were used to choose cues and weights; ``*_test`` texts were not. The
distancing/actors texts (``dist_*``) have one held-out text (``--held-out``, default
``dist_zoo_elephants``); the others were used to develop those rules, so a gold file holding it
is also scored as ``:dev`` (the others) and ``:held-out``.

The detectors run with their registered defaults, so ``nomination`` leaves out bare surnames
repeated after an actor was introduced (``ActorsDetector(bare_names=False)``, the convention of
the seed gold and of the own-text gold; see docs/framing.md).

    .venv/bin/python benchmarks/accuracy_framing.py [--seeds DIR] [--framing DIR] [--held-out DOC_ID ...] [--loaded [--loaded-held-out]]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from workbench.corpus import load_corpus
from workbench.detectors import aliases
from workbench.evaluate import evaluate
from workbench.findings import read_findings
from workbench.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
FRAMING_LAYERS = ("frame", "doc_frame", "loaded", "distancing", "nomination", "predication")


def _split(doc_id: str, _held_out: frozenset[str] = frozenset()) -> str:
    """dev/test from the file name suffix (same signature as `_held_out_split`)."""
    for name in ("dev", "test"):
        if doc_id.endswith("_" + name):
            return name
    return "other"


def _held_out_split(doc_id: str, held_out: frozenset[str]) -> str:
    """held-out for the listed texts, dev for the others (the dist_* texts have no suffix)."""
    return "held-out" if doc_id in held_out else "dev"


def _rows(findings: pd.DataFrame, gold: pd.DataFrame, corpus, name: str) -> list[dict]:
    rows = []
    layers = [layer for layer in FRAMING_LAYERS if layer in set(gold["layer"])]
    if not layers:
        return rows
    scores = {mode: evaluate(findings, gold, match=mode, corpus=corpus, layers=layers) for mode in ("overlap", "exact")}
    for layer in layers:
        over = scores["overlap"][scores["overlap"]["layer"] == layer].set_index("label")
        if layer == "doc_frame":
            top = over.loc["top1"]
            rows.append({"data": name, "layer": layer, "support": int(top["support"]), "top1_accuracy": round(float(top["accuracy"]), 3)})
            continue
        exact = scores["exact"][scores["exact"]["layer"] == layer].set_index("label")
        micro, macro = over.loc["micro"], over.loc["macro"]
        rows.append(
            {
                "data": name,
                "layer": layer,
                "support": int(micro["support"]),
                "predicted": int(micro["predicted"]),
                "P": round(float(micro["precision"]), 3),
                "R": round(float(micro["recall"]), 3),
                "F1": round(float(micro["f1"]), 3),
                "macro_F1": round(float(macro["f1"]), 3),
                "exact_F1": round(float(exact.loc["micro", "f1"]), 3),
            }
        )
    return rows


def score_folder(corpus_path: Path, gold_paths: list[Path], label: str, *, split: bool, held_out: frozenset[str] = frozenset()) -> list[dict]:
    """Analyse one corpus with the framing detectors and score it against each gold file."""
    corpus = load_corpus(corpus_path)
    findings = analyze(corpus, detectors="framing", progress=False)
    rows: list[dict] = []
    for gold_path in gold_paths:
        gold = read_findings(gold_path)
        splitter = _split
        if split and held_out & set(gold["doc_id"]):
            splitter = _held_out_split
        parts = sorted(set(gold["doc_id"].map(lambda d: splitter(d, held_out)))) if split else []
        if len(parts) > 1:
            for part in parts:
                chosen = gold[gold["doc_id"].map(lambda d: splitter(d, held_out)) == part]
                rows.extend(_rows(findings, chosen, corpus, f"{label}:{gold_path.stem}:{part}"))
        rows.extend(_rows(findings, gold, corpus, f"{label}:{gold_path.stem}" + (":all" if len(parts) > 1 else "")))
    return rows


def loaded_benchmarks(*, held_out: bool = False) -> None:
    """Loaded language on real and news-like text (issue 14): BABE development half, 5 folds by
    article beside the learned-list baseline, and tests/data/loaded_news (dev half; with
    ``held_out`` the held-out half and all 8 texts too). The scoring lives in
    ``benchmarks/accuracy_loaded.py``; see its docstring for the matching procedure."""
    import accuracy_loaded

    news, babe = accuracy_loaded.loaded_rows(held_out=held_out)
    print()
    print("loaded language: loaded_news and BABE dev (benchmarks/accuracy_loaded.py)")
    accuracy_loaded.print_tables(news, babe)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="seed folder (texts + *.gold.jsonl)")
    parser.add_argument("--framing", type=Path, default=ROOT / "tests" / "data" / "framing", help="framing test texts + *.gold.jsonl")
    parser.add_argument("--held-out", nargs="*", default=["dist_zoo_elephants"], help="doc ids of held-out distancing/actors texts")
    parser.add_argument("--loaded", action="store_true", help="also score loaded language on BABE dev and tests/data/loaded_news (dev half)")
    parser.add_argument("--loaded-held-out", action="store_true", help="with --loaded: also the held-out half of loaded_news")
    args = parser.parse_args()
    print("framing alias:", ", ".join(aliases().get("framing", ())))
    rows = score_folder(args.seeds, sorted(args.seeds.glob("*.gold.jsonl")), "seed", split=False)
    rows += score_folder(args.framing, sorted(args.framing.glob("*.gold.jsonl")), "framing", split=True, held_out=frozenset(args.held_out))
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(table.astype(object).where(table.notna(), "").to_string(index=False))
    if args.loaded:
        loaded_benchmarks(held_out=args.loaded_held_out)


if __name__ == "__main__":
    main()
