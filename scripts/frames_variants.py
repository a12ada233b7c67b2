"""Cross-validate alternative ways of turning frame items into document frames (issue 16).

Every variant is fitted inside the training folds only and scored on the held-out fold, over
the same fixed 5 folds as ``scripts/train_frames.py`` (``folds()``), on the Narrative Frames
development half; ``--seeds N`` also averages over N other fold shuffles (seeds 0..N-1), which
tells a real difference from the luck of one partition. The shipped model is the first row;
docs/framing.md records the table. Nothing here is shipped: the package reads only
``workbench/models/frames_weights.json``.

Variants (per frame; "defining answers" are the corpus's rule for the frame, ``NF_FRAME_RULES``):

* ``logistic``: the shipped model (logistic regression over the frame's own items, non-negative
  weights, threshold for best training F1);
* ``rule``: the corpus's rule ("k of its defining answers") over the detectors' answers (an item
  answered in at least one counted sentence);
* ``rule, counts fitted``: the same with a minimum number of sentences per item (1-3) chosen for
  training F1;
* ``instrument``: each defining item calibrated against its own answer (P(yes) from its sentence
  count, logistic, training folds), the frame's probability = P(at least k answers yes) with the
  items independent, threshold for training F1;
* ``logistic + k-th item``: the shipped inputs plus the k-th largest input among the defining items
  (the rule as a feature);
* ``logistic, defining items``: only the items mapped to the defining answers;
* ``logistic, all items``: every item of every frame, weights of any sign (L2 3);
* ``evidence requirement``: the shipped model plus, per frame, the requirement chosen for training
  F1 among none, two sentences, and sentences in two thirds of the article (the development
  articles have no paragraphs, so the two-paragraph rule itself cannot be fitted);
* ``every voice counts``: the shipped model with reported answers of voice-author items counted;
* ``rank by margin``: the shipped model, frames ranked by logit minus the threshold's logit.

Usage::

    .venv/bin/python scripts/frames_variants.py [--dev PATH] [--seeds 20]
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


import train_frames as T  # noqa: E402  (a sibling script: Python puts this folder on sys.path when it runs)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


class Data:
    """The development half as the variants need it: per article, counted and all item sentences."""

    def __init__(self, dev: Path) -> None:
        import json

        from workbench.corpus import Document
        from workbench.detectors.frames import FRAMES, item_hits, items

        rows = T.read_dev(dev)
        self.ids = [row["ID"] for row in rows]
        self.labels = [T.gold_frames(row) for row in rows]
        self.frames = FRAMES
        self.items = {f: [i.id for i in items([f])] for f in FRAMES}
        self.answers = {}
        with open(dev.parent / "dev_questions.jsonl", encoding="utf-8") as handle:
            for line in handle:
                entry = json.loads(line)
                self.answers[entry["ID"]] = entry["answers"]
        by_answer = {item.nf_answer: item.id for item in items() if item.nf_answer}
        self.defining = {f: ([by_answer[c] for c in codes if c in by_answer], [c for c in codes if c in by_answer], k) for f, (codes, k) in T.NF_FRAME_RULES.items()}
        self.counted, self.every, self.spread = [], [], []
        for row in rows:
            doc = Document(row["ID"], row["text"])
            hits = item_hits(doc)
            n = max(1, len(doc.segments.sentences))
            counted: dict[str, set[int]] = {}
            every: dict[str, set[int]] = {}
            frames: dict[str, set[int]] = {}
            for hit in hits:
                every.setdefault(hit.item, set()).add(hit.sentence)
                if hit.counts:
                    counted.setdefault(hit.item, set()).add(hit.sentence)
                    frames.setdefault(hit.frame, set()).add(hit.sentence)
            self.counted.append({k: len(v) for k, v in counted.items()})
            self.every.append({k: len(v) for k, v in every.items()})
            self.spread.append({f: (len(s), len({min(2, 3 * x // n) for x in s})) for f, s in frames.items()})


def _fit_frame(X: np.ndarray, y: np.ndarray, l2: float, free: bool = False) -> tuple[float, np.ndarray, float]:
    if free:
        n, k = X.shape
        A = np.hstack([np.ones((n, 1)), X])
        w = np.zeros(k + 1)
        pen = np.full(k + 1, l2)
        pen[0] = 0.0
        for _ in range(T.NEWTON_STEPS):
            p = 1.0 / (1.0 + np.exp(-A @ w))
            step = np.linalg.solve((A.T * (p * (1 - p))) @ A + np.diag(pen + 1e-9), A.T @ (p - y) + pen * w)
            w = w - step
            if np.max(np.abs(step)) < 1e-10:
                break
        b, weights = float(w[0]), w[1:]
    else:
        b, weights = T.fit(X, y, l2=l2)
    return b, weights, T.best_threshold(T.predict(b, weights, X), y)


def _cv(data: Data, assignment: dict[str, int], probability: Callable, rank_key: Callable | None = None) -> dict:
    """``probability(train, frame)`` -> (function doc index -> (probability, present)); scored once over all folds."""
    n = len(data.ids)
    predicted: list[set[str]] = [set() for _ in range(n)]
    top: list[str | None] = [None] * n
    for k in range(T.FOLDS):
        train = [i for i, d in enumerate(data.ids) if assignment[d] != k]
        test = [i for i, d in enumerate(data.ids) if assignment[d] == k]
        scorers = {f: probability(train, f) for f in data.frames}
        for i in test:
            scored = {f: scorers[f](i) for f in data.frames}
            predicted[i] = {f for f, (_, present) in scored.items() if present}
            evidence = {f: any(c.startswith(f + ".") for c in data.counted[i]) for f in data.frames}
            key = rank_key or (lambda f, p, present, th: (not present, not evidence[f], -p, data.frames.index(f)))
            ranked = sorted(data.frames, key=lambda f: key(f, scored[f][0], scored[f][1], getattr(scorers[f], "threshold", 0.5)))
            top[i] = ranked[0] if data.counted[i] else None
    return T.scores(predicted, top, data.labels)


def _logistic(data: Data, inputs: Callable, counts: Sequence[dict] | None = None, l2: float = 1.0, free: bool = False, require: Callable | None = None):
    counts = data.counted if counts is None else counts

    def probability(train, frame):
        X = np.array([inputs(counts[i], frame) for i in train], dtype=float)
        y = np.array([frame in data.labels[i] for i in train], dtype=float)
        b, w, th = _fit_frame(X, y, l2, free)
        rule = require(train, frame, b, w, th, counts) if require else (lambda i: True)

        def score(i):
            p = float(T.predict(b, w, np.array([inputs(counts[i], frame)], dtype=float))[0])
            return p, p >= th and rule(i)

        score.threshold = th
        return score

    return probability


def _own(data: Data) -> Callable:
    return lambda c, f: [math.log1p(c.get(i, 0)) for i in data.items[f]]


def variants(data: Data, assignment: dict[str, int]) -> list[tuple[str, dict]]:
    own = _own(data)
    out = [("logistic over the frame's items (shipped)", _cv(data, assignment, _logistic(data, own)))]

    def rule(grid):
        def probability(train, frame):
            item_ids, _, k = data.defining[frame]
            best = None
            for mins in itertools.product(grid, repeat=len(item_ids)):
                pred = [sum(data.counted[i].get(it, 0) >= m for it, m in zip(item_ids, mins)) >= k for i in train]
                gold = [frame in data.labels[i] for i in train]
                tp = sum(p and g for p, g in zip(pred, gold))
                f1 = 2 * tp / (sum(pred) + sum(gold)) if tp else 0.0
                if best is None or f1 > best[0] + 1e-9:
                    best = (f1, mins)
            mins = best[1]

            def score(i):
                yes = sum(data.counted[i].get(it, 0) >= m for it, m in zip(item_ids, mins))
                return yes / max(1, len(item_ids)), yes >= k

            return score

        return probability

    out.append(("corpus rule (k of the defining answers), 1 sentence", _cv(data, assignment, rule((1,)))))
    out.append(("corpus rule, minimum sentences per item fitted (1-3)", _cv(data, assignment, rule((1, 2, 3)))))

    def instrument(train, frame):
        item_ids, codes, k = data.defining[frame]
        calibrated = []
        for it, code in zip(item_ids, codes):
            X = np.array([[math.log1p(data.counted[i].get(it, 0))] for i in train])
            y = np.array([data.answers[data.ids[i]][code] == "yes" for i in train], dtype=float)
            calibrated.append((it, *T.fit(X, y, l2=1.0)))

        def prob(i):
            dist = [1.0]
            for it, b, w in calibrated:
                p = float(T.predict(b, w, np.array([[math.log1p(data.counted[i].get(it, 0))]]))[0])
                dist = [a * (1 - p) + (dist[j - 1] * p if j else 0.0) for j, a in enumerate(dist + [0.0])]
            return sum(dist[k:])

        th = T.best_threshold(np.array([prob(i) for i in train]), np.array([frame in data.labels[i] for i in train], dtype=float))

        def score(i):
            p = prob(i)
            return p, p >= th

        return score

    out.append(("instrument: items calibrated on their answers, P(k of n yes)", _cv(data, assignment, instrument)))

    def kth(c, f):
        item_ids, _, k = data.defining[f]
        values = sorted((math.log1p(c.get(i, 0)) for i in item_ids), reverse=True)
        return own(c, f) + [values[k - 1] if len(values) >= k else 0.0]

    out.append(("logistic + k-th largest defining item", _cv(data, assignment, _logistic(data, kth))))
    out.append(("logistic over the defining items only", _cv(data, assignment, _logistic(data, lambda c, f: [math.log1p(c.get(i, 0)) for i in data.defining[f][0]]))))
    every = [i for f in data.frames for i in data.items[f]]
    out.append(("logistic over all 19 items, any sign (L2 3)", _cv(data, assignment, _logistic(data, lambda c, f: [math.log1p(c.get(i, 0)) for i in every], l2=3.0, free=True))))

    def require(train, frame, b, w, th, counts):
        options = {"none": lambda s: True, "two sentences": lambda s: s[0] >= 2, "two thirds": lambda s: s[1] >= 2}
        gold = [frame in data.labels[i] for i in train]
        base = [float(T.predict(b, w, np.array([own(counts[i], frame)], dtype=float))[0]) >= th for i in train]
        best = None
        for name, test in options.items():
            pred = [p and test(data.spread[i].get(frame, (0, 0))) for p, i in zip(base, train)]
            tp = sum(p and g for p, g in zip(pred, gold))
            f1 = 2 * tp / (sum(pred) + sum(gold)) if tp else 0.0
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, test)
        return lambda i: best[1](data.spread[i].get(frame, (0, 0)))

    out.append(("shipped + evidence requirement fitted per frame", _cv(data, assignment, _logistic(data, own, require=require))))
    out.append(("shipped inputs, every voice counts", _cv(data, assignment, _logistic(data, own, counts=data.every))))
    margin = lambda f, p, present, th: (-(_logit(p) - _logit(th)), data.frames.index(f))  # noqa: E731
    out.append(("shipped, ranked by margin over the threshold", _cv(data, assignment, _logistic(data, own), rank_key=margin)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=T.DEFAULT_DEV)
    parser.add_argument("--seeds", type=int, default=0, help="also average over this many other fold shuffles (seeds 0..N-1)")
    args = parser.parse_args(argv)
    if not args.dev.exists():
        print(f"no development data at {args.dev}", file=sys.stderr)
        return 2
    data = Data(args.dev)
    fixed = variants(data, T.folds(data.ids))
    averaged: dict[str, list[tuple[float, float]]] = {}
    for seed in range(args.seeds):
        for name, got in variants(data, T.folds(data.ids, seed=seed)):
            averaged.setdefault(name, []).append((got["macro_f1"], got["rank1_among_labelled"]))
    header = f"{'variant':58s} {'macro F1':>8s} {'rank-1':>7s}" + (f" {'mean over ' + str(args.seeds) + ' seeds':>22s}" if args.seeds else "") + "  per frame F1"
    print(header)
    for name, got in fixed:
        line = f"{name:58s} {got['macro_f1']:8.3f} {got['rank1_among_labelled']:7.3f}"
        if args.seeds:
            m = np.mean([a for a, _ in averaged[name]])
            r = np.mean([b for _, b in averaged[name]])
            line += f" {m:13.3f} / {r:.3f}"
        line += "  " + " ".join(f"{f[:4]} {v['f1']:.2f}" for f, v in got["frames"].items())
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
