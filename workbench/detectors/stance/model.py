"""Sentence uncertainty from stance cues: features, a small logistic regression, its weights file.

The model only re-weights the cues the stance detector found (so the findings stay the
explanation): a sentence without a ``hedge`` finding is always *certain*. Weights are shipped
in ``workbench/models/uncertainty.json`` and rebuilt by ``scripts/train_uncertainty.py``.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

MODEL_FILE = "uncertainty.json"


def cue_features(cues: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Binary features of one sentence from its stance cues (dicts with label, type, cue)."""
    feats: dict[str, float] = {}
    hedges = 0
    for cue in cues:
        label, typ, name = cue["label"], cue["type"], cue["cue"]
        if label == "hedge":
            hedges += 1
            feats[f"cue={name}"] = 1.0
            feats[f"type={typ}"] = 1.0
        else:
            feats[f"{label}"] = 1.0
    if hedges >= 2:
        feats["hedges>=2"] = 1.0
    if hedges >= 3:
        feats["hedges>=3"] = 1.0
    return feats


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The shipped weights: ``bias``, ``weights`` (feature -> weight), ``threshold``, training notes."""
    entry = resources.files("workbench").joinpath("models", MODEL_FILE)
    return json.loads(entry.read_text(encoding="utf-8"))


def score(features: Mapping[str, float], model: Mapping[str, Any] | None = None) -> float:
    """Probability that the sentence is uncertain under the logistic model."""
    model = model or load_model()
    weights = model["weights"]
    z = model["bias"] + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    *,
    l2: float = 1.0,
    iterations: int = 3000,
    learning_rate: float = 0.5,
    min_count: int = 2,
) -> dict[str, Any]:
    """L2-regularised logistic regression by full-batch gradient descent (deterministic).

    Features seen in fewer than ``min_count`` rows are dropped, so a cue met once cannot get
    a weight of its own (its type feature still carries it).
    """
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[r, index[name]] = value
    y = np.asarray(labels, dtype=float)
    w = np.zeros(len(names))
    b = 0.0
    n = len(rows)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / n + l2 * w / n
        grad_b = float(np.mean(p - y))
        w -= learning_rate * grad_w
        b -= learning_rate * grad_b
    return {"bias": round(b, 6), "weights": {name: round(float(v), 6) for name, v in zip(names, w)}}
