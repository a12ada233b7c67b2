"""Model search for sentence uncertainty on the CoNLL-2010 dev split (third round, docs/stance.md).

Asks whether a richer learner over the stance detector's cues, or words beside them, would
lift cross-validated F1 and accuracy on ``dev.csv``. Every variant is scored by 5-fold
cross-validation on five fixed fold assignments (file order, then permutations with seeds
1-4); the regularisation strength and threshold are the best of the same small grid for
every variant, so the figures compare like with like (and are slightly optimistic alike).
``test.csv`` is never read.

This is an experiment record, not part of the package: it needs scikit-learn and lightgbm,
which the workbench does not depend on::

    pip install scikit-learn lightgbm
    .venv/bin/python benchmarks/experiments/stance_model_search.py [--dev PATH]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from workbench.corpus import Document
from workbench.detectors.stance.model import cue_features
from workbench.detectors.stance.cues import Cue, find_cues

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DEV = ROOT.parent / "shared" / "benchmarks" / "uncertainty-conll2010" / "dev.csv"
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+")
REGULARISATION = (3.0, 1.0, 1 / 3, 0.1)  # scikit-learn C = 1 / L2
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55)
ASSIGNMENTS = 5
MIN_COUNT = 3

Features = Callable[[int], dict[str, float]]


class Data:
    """Dev sentences with their cues and words, computed once."""

    def __init__(self, path: Path) -> None:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        self.texts = frame["text"].tolist()
        self.y = np.array([label == "uncertain" for label in frame["label"]])
        self.cues: list[list[Cue]] = [find_cues(Document(doc_id=str(i), text=t)) for i, t in enumerate(self.texts)]
        self.words = [[(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(t)] for t in self.texts]
        self.gate = np.array([any(c.label == "hedge" for c in cues) for cues in self.cues])

    def __len__(self) -> int:
        return len(self.texts)

    def shipped(self, i: int) -> dict[str, float]:
        return cue_features({"label": c.label, "type": c.type, "cue": c.cue} for c in self.cues[i])

    def window(self, i: int, *, per_cue: bool, per_type: bool) -> dict[str, float]:
        """Shipped features plus the word before and after every hedge, crossed with its cue or type."""
        feats = self.shipped(i)
        for cue in self.cues[i]:
            if cue.label != "hedge":
                continue
            before = [w for _, end, w in self.words[i] if end <= cue.start][-1:] or ["<s>"]
            after = [w for start, _, w in self.words[i] if start >= cue.end][:1] or ["</s>"]
            for key, on in ((f"cue={cue.cue}", per_cue), (f"type={cue.type}", per_type)):
                if on:
                    feats[f"{key}|before={before[0]}"] = 1.0
                    feats[f"{key}|after={after[0]}"] = 1.0
        return feats

    def bag(self, i: int, *, weight: float = 1.0, bigrams: bool = False) -> dict[str, float]:
        """Shipped features plus every word (and bigram) of the sentence."""
        feats = self.shipped(i)
        words = [w for _, _, w in self.words[i]]
        for w in words:
            feats["w=" + w] = weight
        if bigrams:
            padded = ["<s>", *words, "</s>"]
            for a, b in zip(padded, padded[1:]):
                feats[f"b={a}_{b}"] = weight
        return feats


def fold_assignment(n: int, repeat: int) -> np.ndarray:
    base = np.arange(n) % 5
    return base if repeat == 0 else np.random.RandomState(repeat).permutation(base)


def out_of_fold(data: Data, feats: list[dict[str, float]], fold: np.ndarray, make_model: Callable) -> np.ndarray:
    p = np.zeros(len(data))
    for k in range(5):
        train = np.flatnonzero(fold != k)
        test = np.flatnonzero(fold == k)
        counts = Counter(name for j in train for name in feats[j])
        vectoriser = DictVectorizer()
        x_train = vectoriser.fit_transform([{n: v for n, v in feats[j].items() if counts[n] >= MIN_COUNT} for j in train])
        model = make_model().fit(x_train.astype(np.float64), data.y[train])
        p[test] = model.predict_proba(vectoriser.transform([feats[j] for j in test]).astype(np.float64))[:, 1]
    return p


def score(data: Data, features: Features, *, gated: bool = True, learner: str = "logistic") -> tuple[float, float, str]:
    """Mean cross-validated (F1, accuracy) at the grid point with the best mean F1 + accuracy."""
    feats = [features(i) for i in range(len(data))]
    gate = data.gate if gated else np.ones(len(data), bool)
    if learner == "logistic":
        settings = {f"C={c:.3g}": (lambda c=c: LogisticRegression(C=c, max_iter=5000)) for c in REGULARISATION}
    else:
        import lightgbm

        grid = [(4, 200, 0.05, 10), (8, 300, 0.03, 20), (2, 400, 0.05, 5)]
        settings = {
            f"leaves={l} trees={t}": (
                lambda l=l, t=t, r=r, m=m: lightgbm.LGBMClassifier(
                    num_leaves=l, n_estimators=t, learning_rate=r, min_child_samples=m, n_jobs=1, verbose=-1
                )
            )
            for l, t, r, m in grid
        }
    results: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for repeat in range(ASSIGNMENTS):
        fold = fold_assignment(len(data), repeat)
        for name, make_model in settings.items():
            p = out_of_fold(data, feats, fold, make_model)
            for threshold in THRESHOLDS:
                pred = gate & (p >= threshold)
                tp = int((pred & data.y).sum())
                fp = int((pred & ~data.y).sum())
                fn = int((~pred & data.y).sum())
                f1 = 2 * tp / (2 * tp + fp + fn)
                results.setdefault((name, threshold), []).append((f1, float((pred == data.y).mean())))
    best = max(results, key=lambda k: np.mean([f + a for f, a in results[k]]))
    f1 = float(np.mean([f for f, _ in results[best]]))
    accuracy = float(np.mean([a for _, a in results[best]]))
    return f1, accuracy, f"{best[0]}, threshold {best[1]}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args(argv)
    data = Data(args.dev)
    variants: list[tuple[str, Features, dict]] = [
        ("shipped cue features (logistic)", data.shipped, {}),
        ("+ word before/after each hedge, per cue and type", lambda i: data.window(i, per_cue=True, per_type=True), {}),
        ("+ word before/after each hedge, per type", lambda i: data.window(i, per_cue=False, per_type=True), {}),
        ("+ word before/after each hedge, per cue", lambda i: data.window(i, per_cue=True, per_type=False), {}),
        ("+ all words of the sentence", data.bag, {}),
        ("+ all words, weight 0.3", lambda i: data.bag(i, weight=0.3), {}),
        ("+ all words and bigrams", lambda i: data.bag(i, bigrams=True), {}),
        ("+ all words, no hedge gate", data.bag, {"gated": False}),
        ("shipped cue features (gradient-boosted trees)", data.shipped, {"learner": "trees"}),
    ]
    print(f"{len(data)} dev sentences; {ASSIGNMENTS} fold assignments x 5 folds; mean at the best grid point\n")
    print(f"{'variant':52s} {'CV F1':>7s} {'CV acc':>7s}  best setting")
    for name, features, options in variants:
        f1, accuracy, setting = score(data, features, **options)
        print(f"{name:52s} {f1:7.3f} {accuracy:7.3f}  {setting}")


if __name__ == "__main__":
    main()
