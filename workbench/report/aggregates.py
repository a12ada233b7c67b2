"""Corpus figures for the report, computed while the findings stream past: their size does not
grow with the corpus.

Per layer and label: findings, documents with any, and the distribution of per-document rates
(per 1,000 words) from a reservoir sample of documents; the documents with the highest rates;
the most frequent cues (texts). Per group of a metadata column (``compare_by``: ``source``,
``month`` ...): words and findings per label, for rates with intervals. Everything is
deterministic: the same corpus gives the same figures.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter
from typing import Any, Iterable

import pandas as pd

from workbench.corpus import Document, meta_value
from workbench.segment import per_thousand

# Documents whose rates feed the distributions (a reservoir: exact below this many documents).
RESERVOIR = 5_000
# The highest-rate documents kept per label; a short document's rate is noise, so it needs this many words.
TOP_DOCUMENTS, MIN_WORDS_FOR_TOP = 10, 100
# Distinct cue texts kept per label: past the cap the rarest half is dropped (counts stay exact for frequent cues).
CUE_CAP = 2_000
# Groups of a compare_by column; further values are pooled as "(other)".
MAX_GROUPS = 24
NO_GROUP = "(none)"
ALL_LABELS = "(all)"


class Aggregator:
    """Feed it each analysed document with its findings (:meth:`add`); :meth:`result` gives the figures."""

    def __init__(self, *, compare_by: str | None = None, layer_units: dict[str, str] | None = None, open_layers: Iterable[str] = ()):
        self.compare_by = compare_by
        self.units = dict(layer_units or {})
        # Layers whose labels are open (actor names): one row for the layer, its labels counted like cues.
        self.open = frozenset(open_layers)
        self.documents = self.words = self.findings = 0
        self.labels: dict[str, dict[str, Any]] = {}
        self.reservoir: list[tuple[str, int, dict[str, int]]] = []
        self.top: dict[str, list[tuple[float, int, str, int, int]]] = {}
        self.cues: dict[str, Counter] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.ranked: dict[str, Counter] = {"rank1": Counter(), "present": Counter()}
        self._random = random.Random(0)

    def add(self, doc: Document, findings: pd.DataFrame) -> None:
        words = doc.word_count
        self.documents += 1
        self.words += words
        counts: Counter = Counter()
        for layer, label, text, cue, extras in zip(findings["layer"], findings["label"], findings["text"], findings["cue"], findings["extras"]):
            layer, label = str(layer), str(label)
            if self.units.get(layer) == "document":
                # A ranking, not a count of findings: which frames lead and which are present.
                extras = dict(extras or {})
                if int(extras.get("rank", 0)) == 1:
                    self.ranked["rank1"][label] += 1
                if extras.get("present", True):
                    self.ranked["present"][label] += 1
                continue
            key = f"{layer}/{ALL_LABELS}" if layer in self.open else f"{layer}/{label}"
            counts[key] += 1
            cues = self.cues.setdefault(key, Counter())
            # A sentence-level finding's text is its whole sentence: its cue says what made it.
            shown = label if layer in self.open else (cue if self.units.get(layer) == "sentence" else text)
            cues[" ".join(str(shown).split())[:80] if layer in self.open else " ".join(str(shown).lower().split())[:80]] += 1
            if len(cues) > CUE_CAP:
                self.cues[key] = Counter(dict(cues.most_common(CUE_CAP // 2)))
        self.findings += sum(counts.values())
        for key, n in counts.items():
            entry = self.labels.setdefault(key, {"findings": 0, "documents": 0})
            entry["findings"] += n
            entry["documents"] += 1
            if words >= MIN_WORDS_FOR_TOP:
                heap = self.top.setdefault(key, [])
                item = (per_thousand(n, words), -self.documents, doc.doc_id, n, words)
                (heapq.heappush if len(heap) < TOP_DOCUMENTS else heapq.heappushpop)(heap, item)
        self._sample(doc.doc_id, words, counts)
        if self.compare_by:
            self._group(doc, words, counts)

    def _sample(self, doc_id: str, words: int, counts: Counter) -> None:
        item = (doc_id, words, dict(counts))
        if len(self.reservoir) < RESERVOIR:
            self.reservoir.append(item)
            return
        slot = self._random.randrange(self.documents)
        if slot < RESERVOIR:
            self.reservoir[slot] = item

    def _group(self, doc: Document, words: int, counts: Counter) -> None:
        value = meta_value(doc, self.compare_by)
        name = NO_GROUP if value is None else str(value)
        if name not in self.groups and len(self.groups) >= MAX_GROUPS:
            name = "(other)"
        group = self.groups.setdefault(name, {"documents": 0, "words": 0, "labels": Counter()})
        group["documents"] += 1
        group["words"] += words
        group["labels"].update(counts)

    def result(self) -> dict[str, Any]:
        """The figures as plain JSON-ready data."""
        labels = {}
        for key in sorted(self.labels):
            rates = sorted(per_thousand(counts.get(key, 0), words) for _, words, counts in self.reservoir)
            labels[key] = {
                **self.labels[key],
                "per_1000_words": per_thousand(self.labels[key]["findings"], self.words),
                "median_per_1000": _quantile(rates, 0.5),
                "p90_per_1000": _quantile(rates, 0.9),
                "max_per_1000": rates[-1] if rates else 0.0,
                "top_documents": [
                    {"doc_id": doc_id, "findings": n, "words": words, "per_1000_words": rate}
                    for rate, _, doc_id, n, words in sorted(self.top.get(key, []), reverse=True)
                ],
                "top_cues": [{"text": text, "findings": n} for text, n in sorted(self.cues[key].items(), key=lambda kv: (-kv[1], kv[0]))[:20]],
                "distinct_cues": len(self.cues[key]),
            }
        groups = {
            name: {"documents": g["documents"], "words": g["words"], "labels": dict(sorted(g["labels"].items()))}
            for name, g in sorted(self.groups.items())
        }
        return {
            "documents": self.documents,
            "words": self.words,
            "findings": self.findings,
            "sampled_documents": len(self.reservoir),
            "labels": labels,
            "rankings": {kind: dict(sorted(c.items())) for kind, c in self.ranked.items()},
            "compare_by": self.compare_by,
            "groups": groups,
        }


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    position = q * (len(values) - 1)
    low, high = math.floor(position), math.ceil(position)
    return round(values[low] + (values[high] - values[low]) * (position - low), 4)


def group_rates(aggregates: dict[str, Any], labels: Iterable[str]) -> pd.DataFrame:
    """Per group and label: findings per 1,000 words with a 95 % interval (Poisson, normal approximation
    on the count, which is adequate from about ten findings on; fewer are flagged)."""
    rows = []
    for name, group in aggregates.get("groups", {}).items():
        for key in labels:
            n = int(group["labels"].get(key, 0))
            words = max(int(group["words"]), 1)
            half = 1.96 * math.sqrt(n) * 1000.0 / words
            rate = 1000.0 * n / words
            rows.append({"group": name, "label": key, "findings": n, "words": group["words"], "per_1000_words": round(rate, 2),
                         "low": round(max(rate - half, 0.0), 2), "high": round(rate + half, 2), "few": n < 10})
    return pd.DataFrame(rows, columns=["group", "label", "findings", "words", "per_1000_words", "low", "high", "few"])


def differing_labels(aggregates: dict[str, Any], *, top: int = 5) -> pd.DataFrame:
    """The labels whose rates differ most between groups: log-likelihood (G2) of the label's
    counts across groups against their words, with the highest and lowest group."""
    from workbench.stats import log_likelihood

    groups = aggregates.get("groups", {})
    if len(groups) < 2:
        return pd.DataFrame(columns=["label", "log_likelihood", "highest", "lowest", "ratio"])
    rows = []
    for key in aggregates.get("labels", {}):
        rates = {name: 1000.0 * g["labels"].get(key, 0) / max(g["words"], 1) for name, g in groups.items()}
        high, low = max(rates, key=rates.get), min(rates, key=rates.get)
        a, b = groups[high]["labels"].get(key, 0), groups[low]["labels"].get(key, 0)
        g2 = log_likelihood(a, b, max(groups[high]["words"], 1), max(groups[low]["words"], 1))
        ratio = (rates[high] / rates[low]) if rates[low] else math.inf
        rows.append({"label": key, "log_likelihood": round(g2, 2), "highest": f"{high} ({rates[high]:.2f})",
                     "lowest": f"{low} ({rates[low]:.2f})", "ratio": round(ratio, 2) if math.isfinite(ratio) else "only in one"})
    frame = pd.DataFrame(rows).sort_values(["log_likelihood", "label"], ascending=[False, True])
    return frame.head(top).reset_index(drop=True)
