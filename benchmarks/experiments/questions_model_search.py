"""Model search for the dialogue question model on SWDA train.csv (third round, docs/questions.md).

Compares, on the trainer's five fixed fold assignments, the shipped logistic regression with a
weighted ridge regression on the same features (targets +-1, positives weighted as in the
trainer, unpenalised intercept), whose weights are averaged over alpha 30, 50 and 100 so the
result is still one linear model. ``--nested`` chooses alpha inside each training part
instead (inner 5-fold cross-validation by average precision), which is the honest figure: the
alpha range of the averaged model was picked on these folds. test.csv is never read.

Runs on the workbench's own dependencies (numpy)::

    .venv/bin/python benchmarks/experiments/questions_model_search.py [--nested] [--train PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
AVERAGED_ALPHAS = (30.0, 50.0, 100.0)
NESTED_ALPHAS = (20.0, 30.0, 50.0, 70.0, 100.0, 150.0)
BASELINE_L2 = 3.0


def _trainer():
    spec = importlib.util.spec_from_file_location("train_questions", ROOT / "scripts" / "train_questions.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


trainer = _trainer()


def ridge(X, y: np.ndarray, alpha: float, *, tol: float = 1e-10, max_iterations: int = 3000) -> tuple[np.ndarray, float]:
    """Weighted ridge regression on +-1 targets by conjugate gradients, centring implicitly (X stays sparse)."""
    target = 2 * y - 1
    weight = np.where(y > 0, trainer.POSITIVE_WEIGHT_SHARE * (len(y) - y.sum()) / y.sum(), 1.0)
    weight = weight / weight.mean()
    total = weight.sum()
    x_mean = X.tdot(weight) / total
    t_mean = float(weight @ target) / total

    def normal(v: np.ndarray) -> np.ndarray:
        u = X.dot(v) - x_mean @ v
        return X.tdot(weight * u) - x_mean * float(weight @ u) + alpha * v

    residual_t = weight * (target - t_mean)
    rhs = X.tdot(residual_t) - x_mean * residual_t.sum()
    w = np.zeros(X.shape[1])
    r = rhs.copy()
    p = r.copy()
    rs = r @ r
    for _ in range(max_iterations):
        ap = normal(p)
        step = rs / (p @ ap)
        w += step * p
        r -= step * ap
        rs_next = r @ r
        if rs_next < tol * (rhs @ rhs):
            break
        p = r + (rs_next / rs) * p
        rs = rs_next
    return w, t_mean - x_mean @ w


def average_precision(score: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(-score, kind="stable")
    hits = y[order]
    precision = np.cumsum(hits) / np.arange(1, len(y) + 1)
    return float((precision * hits).sum() / hits.sum())


def ridge_out_of_fold(feats, y: np.ndarray, fold: np.ndarray, *, nested: bool, seed: int) -> np.ndarray:
    score = np.zeros(len(y))
    for k in range(trainer.FOLDS):
        train = fold != k
        vocab = [v for v in trainer.vocabulary([f for f, keep in zip(feats, train) if keep], min_count=trainer.MIN_COUNT) if v != "bias"]
        X = trainer.matrix(feats, vocab)
        X_train, y_train = X.subset(train), y[train]
        if nested:
            inner = trainer.folds(y_train, trainer.FOLDS, repeat=seed + k + 1)
            quality = {}
            for alpha in NESTED_ALPHAS:
                inner_score = np.zeros(len(y_train))
                for j in range(trainer.FOLDS):
                    w, b = ridge(X_train.subset(inner != j), y_train[inner != j], alpha)
                    inner_score[inner == j] = X_train.subset(inner == j).dot(w) + b
                quality[alpha] = average_precision(inner_score, y_train)
            w, b = ridge(X_train, y_train, max(NESTED_ALPHAS, key=quality.get))
        else:
            fits = [ridge(X_train, y_train, alpha) for alpha in AVERAGED_ALPHAS]
            w, b = np.mean([f[0] for f in fits], axis=0), float(np.mean([f[1] for f in fits]))
        score[~train] = X.subset(~train).dot(w) + b
    return score


def best_f1(score: np.ndarray, y: np.ndarray) -> float:
    """F1 of the positive class at the best cut of the pooled out-of-fold scores."""
    order = np.argsort(-score, kind="stable")
    ranked = score[order]
    tp = np.cumsum(y[order])
    f1 = 2 * tp / (np.arange(1, len(y) + 1) + y.sum())
    distinct = np.r_[ranked[1:] != ranked[:-1], True]
    return float(np.max(np.where(distinct, f1, -1)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=trainer.DEFAULT_TRAIN)
    parser.add_argument("--nested", action="store_true", help="choose alpha inside each training part")
    args = parser.parse_args(argv)
    from workbench.detectors.questions.features import dialogue_features

    contexts, y = trainer.contexts(args.train)
    feats = [dialogue_features(c) for c in contexts]
    name = "ridge, alpha nested" if args.nested else "ridge, weights averaged over alpha 30/50/100"
    rows = {"logistic regression (shipped, L2 = 3)": [], name: []}
    for repeat in range(trainer.REPEATS):
        fold = trainer.folds(y, trainer.FOLDS, repeat=repeat)
        baseline = trainer.out_of_fold(feats, y, fold, l2=BASELINE_L2)
        candidate = ridge_out_of_fold(feats, y, fold, nested=args.nested, seed=100 * repeat)
        rows["logistic regression (shipped, L2 = 3)"].append((best_f1(baseline, y), average_precision(baseline, y)))
        rows[name].append((best_f1(candidate, y), average_precision(candidate, y)))
        print(f"assignment {repeat}: logistic {rows['logistic regression (shipped, L2 = 3)'][-1][0]:.3f}, {name} {rows[name][-1][0]:.3f}", flush=True)
    base = np.array([f for f, _ in rows["logistic regression (shipped, L2 = 3)"]])
    print(f"\n{'model':48s} {'OOF F1 (mean ± sd of 5)':>24s} {'AP':>6s} {'diff vs shipped':>16s}")
    for model, values in rows.items():
        f1 = np.array([f for f, _ in values])
        ap = np.mean([a for _, a in values])
        diff = f1 - base
        print(f"{model:48s} {f1.mean():>15.3f} ± {f1.std():.3f} {ap:6.3f} {diff.mean():+9.3f} ± {diff.std(ddof=1) / np.sqrt(len(diff)):.3f}")


if __name__ == "__main__":
    main()
