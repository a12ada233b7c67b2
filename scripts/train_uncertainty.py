"""Rebuild workbench/models/uncertainty.json: cue weights for sentence uncertainty.

Trains an L2-regularised logistic regression on the stance cues found in the CoNLL-2010
Wikipedia sample's dev split only (test.csv is never read). The regularisation strength is
chosen by 5-fold cross-validation on dev with fixed folds, so the output is deterministic.

    .venv/bin/python scripts/train_uncertainty.py [--dev PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import pandas as pd

from workbench.corpus import Document
from workbench.detectors.stance.model import cue_features, fit_logistic, score
from workbench.detectors.stance.cues import find_cues

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "benchmarks" / "uncertainty-conll2010" / "dev.csv"
DEFAULT_OUT = ROOT / "workbench" / "models" / "uncertainty.json"
L2_GRID = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55)
FOLDS = 5


def row_features(texts: list[str]) -> list[dict[str, float]]:
    """Cue features of each benchmark sentence (each wrapped as its own Document)."""
    rows = []
    for i, text in enumerate(texts):
        cues = find_cues(Document(doc_id=str(i), text=text))
        rows.append(cue_features({"label": c.label, "type": c.type, "cue": c.cue} for c in cues))
    return rows


def predict(model: dict, feats: dict[str, float]) -> int:
    has_hedge = any(name.startswith("cue=") for name in feats)
    return int(has_hedge and score(feats, model) >= model["threshold"])


def f1(gold: list[int], pred: list[int]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    frame = pd.read_csv(args.dev, dtype=str, keep_default_na=False)
    feats = row_features(frame["text"].tolist())
    gold = [int(label == "uncertain") for label in frame["label"]]
    cv: dict[str, float] = {}
    for l2 in L2_GRID:
        preds = {t: [0] * len(gold) for t in THRESHOLDS}
        for fold in range(FOLDS):
            train = [i for i in range(len(gold)) if i % FOLDS != fold]
            model = fit_logistic([feats[i] for i in train], [gold[i] for i in train], l2=l2, min_count=3)
            for threshold in THRESHOLDS:
                model["threshold"] = threshold
                for i in range(fold, len(gold), FOLDS):
                    preds[threshold][i] = predict(model, feats[i])
        for threshold in THRESHOLDS:
            key = f"l2={l2} threshold={threshold}"
            accuracy = sum(g == p for g, p in zip(gold, preds[threshold])) / len(gold)
            cv[key] = {"f1": round(f1(gold, preds[threshold]), 4), "accuracy": round(accuracy, 4)}
            print(f"{key}: cross-validated uncertain F1 {cv[key]['f1']}, accuracy {cv[key]['accuracy']}")
    grid = [(l2, t) for l2 in L2_GRID for t in THRESHOLDS]
    # The issue asks for both F1 and accuracy, so the sum is maximised; ties go to the
    # stronger regularisation and the threshold nearest 0.5.
    best, threshold = max(grid, key=lambda g: (cv[f"l2={g[0]} threshold={g[1]}"]["f1"] + cv[f"l2={g[0]} threshold={g[1]}"]["accuracy"], g[0], -abs(g[1] - 0.5)))
    model = fit_logistic(feats, gold, l2=best, min_count=3)
    model = {
        "description": "Logistic regression on stance cue features (workbench.detectors.stance.model.cue_features); "
        "a sentence is uncertain when it has a hedge cue and the probability reaches threshold.",
        "trained_on": f"uncertainty-conll2010/dev.csv sha256 {hashlib.sha256(args.dev.read_bytes()).hexdigest()}",
        "rebuild": "python scripts/train_uncertainty.py",
        "l2": best,
        "cross_validated_f1": cv,
        "threshold": threshold,
        "bias": model["bias"],
        "weights": dict(sorted(model["weights"].items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model['weights'])} weights, l2={best}, threshold={threshold})")


if __name__ == "__main__":
    main()
