"""Corpus statistics on word tokens: frequency lists, collocates, keyness and dispersion.

Words are the document's word tokens (``doc.segments.tokens`` that hold a letter or digit),
lower-cased. Counting uses NLTK's ``FreqDist`` and ``BigramCollocationFinder``; no NLTK data
is ever needed. A *source* of words is a :class:`~workbench.corpus.Document`, a
:class:`~workbench.corpus.Corpus` or any iterable of documents; keyness also accepts a
ready word list or a mapping of word counts.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import pandas as pd
from nltk import FreqDist
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from workbench.corpus import Document, load_corpus
from workbench.matching import phrase_pattern

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_WORD = re.compile(r"\w")
MEASURES = ("log_likelihood", "pmi")


# --------------------------------------------------------------------------- words


def documents(source: Document | Iterable[Document] | str | Path) -> list[Document]:
    """The documents of a source: one document, a Corpus, an iterable of documents, or a corpus path to load."""
    if isinstance(source, Document):
        return [source]
    if isinstance(source, (str, Path)):
        return list(load_corpus(source))
    docs = list(source)
    for doc in docs:
        if not isinstance(doc, Document):
            raise TypeError(f"expected Document objects, got {type(doc).__name__}")
    return docs


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The small English function-word list shipped in ``workbench/data/stopwords_en.txt``."""
    text = resources.files("workbench.data").joinpath("stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def word_spans(doc: Document) -> list[tuple[int, int]]:
    """Character spans of the document's word tokens (punctuation tokens left out)."""
    text = doc.text
    return [(s, e) for s, e in doc.segments.tokens if _WORD.search(text, s, e)]


def words(doc: Document, *, exclude_stopwords: bool = False) -> list[str]:
    """The document's word tokens, lower-cased, in text order."""
    found = [doc.text[s:e].lower() for s, e in word_spans(doc)]
    if exclude_stopwords:
        stop = stopwords()
        found = [w for w in found if w not in stop]
    return found


def _counts(source: Document | Iterable[Document] | Mapping[str, int] | Sequence[str], *, exclude_stopwords: bool) -> Counter:
    """Word counts of documents, of a word list, or a ready mapping of counts."""
    if isinstance(source, Mapping):
        counts = Counter({str(k): int(v) for k, v in source.items()})
    elif isinstance(source, (list, tuple)) and source and all(isinstance(w, str) for w in source):
        counts = Counter(w.lower() for w in source)
    else:
        counts = Counter()
        for doc in documents(source):
            counts.update(words(doc))
    if exclude_stopwords:
        for word in stopwords() & set(counts):
            del counts[word]
    return counts


# --------------------------------------------------------------------------- frequency


def frequency(
    source: Document | Iterable[Document],
    *,
    top: int | None = None,
    min_count: int = 1,
    exclude_stopwords: bool = False,
) -> pd.DataFrame:
    """Frequency list: word, count, per_1000 (of all words) and documents (how many contain it).

    Rows are ordered by count (descending), then alphabetically; ``per_1000`` uses the total
    number of words including any stopwords that were left out of the list.
    """
    docs = documents(source)
    dist: FreqDist = FreqDist()
    doc_freq: Counter = Counter()
    total = 0
    stop = stopwords() if exclude_stopwords else frozenset()
    for doc in docs:
        tokens = words(doc)
        total += len(tokens)
        kept = [w for w in tokens if w not in stop]
        dist.update(kept)
        doc_freq.update(set(kept))
    rows = sorted(((w, n) for w, n in dist.items() if n >= min_count), key=lambda item: (-item[1], item[0]))
    if top is not None:
        rows = rows[:top]
    frame = pd.DataFrame(
        {
            "word": [w for w, _ in rows],
            "count": [n for _, n in rows],
            "per_1000": [round(1000.0 * n / total, 4) if total else 0.0 for _, n in rows],
            "documents": [doc_freq[w] for w, _ in rows],
        }
    )
    return frame.astype({"word": "string", "count": "int64", "per_1000": "float64", "documents": "int64"})


# --------------------------------------------------------------------------- collocates


def collocation_finder(source: Document | Iterable[Document], *, span: int = 1) -> BigramCollocationFinder:
    """NLTK's bigram finder over all documents; pairs never cross a document boundary.

    ``span`` is how many words after the first word of a pair the second may stand
    (1 = adjacent words only), i.e. NLTK's ``window_size - 1``.
    """
    if span < 1:
        raise ValueError("span must be at least 1")
    sequence: list[str | None] = []
    for doc in documents(source):
        sequence.extend(words(doc))
        # NLTK skips windows that start with None and pairs that end in None: padding cuts documents apart.
        sequence.extend([None] * span)
    return BigramCollocationFinder.from_words(sequence, window_size=span + 1)


def collocates(
    source: Document | Iterable[Document],
    node: str | None = None,
    *,
    span: int = 1,
    min_count: int = 2,
    measure: str = "log_likelihood",
    exclude_stopwords: bool = False,
    top: int | None = None,
) -> pd.DataFrame:
    """Word pairs with PMI and log-likelihood (Dunning's G2), or the collocates of ``node``.

    Columns: w1, w2, count (pairs within the span), pmi (log2), log_likelihood, and with a
    ``node`` also ``collocate`` and ``position`` (``left`` when the collocate comes before
    the node, ``right`` after it). Scores are NLTK's ``BigramAssocMeasures.pmi`` and
    ``.likelihood_ratio``; with ``span > 1`` NLTK scales the pair count by ``1/span`` as in
    Church and Hanks (1990). Rows are sorted by ``measure`` (descending), then by the pair.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    finder = collocation_finder(source, span=span)
    finder.apply_freq_filter(min_count)
    node_word = node.lower() if node else None
    if exclude_stopwords:
        stop = stopwords() - ({node_word} if node_word else set())
        finder.apply_word_filter(lambda w: w in stop)
    if node_word:
        finder.apply_ngram_filter(lambda w1, w2: node_word not in (w1, w2))
    rows = []
    for (w1, w2), count in finder.ngram_fd.items():
        rows.append(
            {
                "w1": w1,
                "w2": w2,
                "count": int(count),
                "pmi": finder.score_ngram(BigramAssocMeasures.pmi, w1, w2),
                "log_likelihood": finder.score_ngram(BigramAssocMeasures.likelihood_ratio, w1, w2),
            }
        )
    columns = ["w1", "w2", "count", "pmi", "log_likelihood"]
    frame = pd.DataFrame(rows, columns=columns)
    if node_word:
        frame.insert(0, "position", ["right" if w1 == node_word else "left" for w1 in frame["w1"]])
        frame.insert(0, "collocate", [w2 if w1 == node_word else w1 for w1, w2 in zip(frame["w1"], frame["w2"])])
    frame = frame.sort_values([measure, "w1", "w2"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
    if top is not None:
        frame = frame.head(top)
    return frame.astype({"count": "int64", "pmi": "float64", "log_likelihood": "float64"})


# --------------------------------------------------------------------------- keyness


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Keyness log-likelihood G2 of a word seen ``a`` times in ``c`` target words and ``b`` times in ``d`` reference words.

    The two-cell form used in corpus linguistics (Rayson and Garside 2000):
    ``E1 = c(a+b)/(c+d)``, ``E2 = d(a+b)/(c+d)``, ``G2 = 2(a ln(a/E1) + b ln(b/E2))``, with 0 ln 0 = 0.
    """
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    total = 0.0
    if a:
        total += a * math.log(a / expected_a)
    if b:
        total += b * math.log(b / expected_b)
    return 2.0 * total


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Effect size: binary log of the ratio of relative frequencies (Hardie 2014); a zero count counts as 0.5."""
    return math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))


def keyness(
    target: Document | Iterable[Document] | Mapping[str, int] | Sequence[str],
    reference: Document | Iterable[Document] | Mapping[str, int] | Sequence[str],
    *,
    min_count: int = 1,
    exclude_stopwords: bool = True,
    max_p: float | None = 0.05,
    min_log_ratio: float | None = 1.0,
    top: int | None = None,
) -> pd.DataFrame:
    """Keywords of a target (sub-)corpus against a reference: G2 with log ratio as effect size.

    Columns: word, target_count, reference_count, target_per_1000, reference_per_1000,
    log_likelihood, log_ratio, p_value (chi-square with one degree of freedom) and key
    (``target`` when the word is relatively more frequent in the target, else ``reference``).

    A keyword must be both significant and large: by default its p-value is at most
    ``max_p`` = 0.05 (G2 ≥ 3.84) and its log ratio at least ``min_log_ratio`` = 1 in size
    (twice as frequent in one part as in the other, Hardie 2014), it occurs ``min_count``
    times in both parts together, and stopwords (the shipped English list) are left out.
    Pass None to drop a cut-off, ``exclude_stopwords=False`` to keep function words. With
    thousands of words tested, p = 0.05 lets many chance words through: for a strict list use
    ``max_p=0.0001`` (G2 ≥ 15.13). Rows are sorted by log-likelihood (descending), then by word.
    """
    target_counts = _counts(target, exclude_stopwords=False)
    reference_counts = _counts(reference, exclude_stopwords=False)
    # Totals include stopwords, so relative frequencies do not change when the list hides them.
    c, d = sum(target_counts.values()), sum(reference_counts.values())
    if not c or not d:
        raise ValueError("keyness needs words in both the target and the reference")
    vocabulary = set(target_counts) | set(reference_counts)
    if exclude_stopwords:
        vocabulary -= stopwords()
    rows = []
    for word in vocabulary:
        a, b = target_counts.get(word, 0), reference_counts.get(word, 0)
        if a + b < min_count:
            continue
        g2 = log_likelihood(a, b, c, d)
        ratio = log_ratio(a, b, c, d)
        p_value = math.erfc(math.sqrt(max(g2, 0.0) / 2.0))
        if (max_p is not None and p_value > max_p) or (min_log_ratio is not None and abs(ratio) < min_log_ratio):
            continue
        rows.append(
            {
                "word": word,
                "target_count": a,
                "reference_count": b,
                "target_per_1000": 1000.0 * a / c,
                "reference_per_1000": 1000.0 * b / d,
                "log_likelihood": g2,
                "log_ratio": ratio,
                # Survival function of chi-square with 1 df: P(X > g2) = erfc(sqrt(g2 / 2)).
                "p_value": p_value,
                "key": "target" if a / c >= b / d else "reference",
            }
        )
    columns = ["word", "target_count", "reference_count", "target_per_1000", "reference_per_1000", "log_likelihood", "log_ratio", "p_value", "key"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["log_likelihood", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if top is not None:
        frame = frame.head(top)
    return frame.astype({"target_count": "int64", "reference_count": "int64", "log_likelihood": "float64", "log_ratio": "float64"})


# --------------------------------------------------------------------------- matching and dispersion


def find_spans(doc: Document, query: str, *, regex: bool = False, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Character spans where ``query`` occurs: a whole-word phrase (``*`` ends a word with any ending) or a regex."""
    if not query or not query.strip():
        raise ValueError("empty query")
    if regex:
        pattern = re.compile(query, 0 if case_sensitive else re.IGNORECASE)
        return [m.span() for m in pattern.finditer(doc.text) if m.end() > m.start()]
    return [m.span() for m in _phrase_regex(query.strip(), case_sensitive).finditer(doc.text)]


@lru_cache(maxsize=256)
def _phrase_regex(phrase: str, case_sensitive: bool) -> re.Pattern:
    # Whole words: a boundary is required only where the phrase begins or ends with a word
    # character, so punctuation queries such as "?" or "-" still match after a word.
    source = phrase_pattern(phrase)
    if re.match(r"\w", phrase):
        source = r"(?<!\w)" + source
    if re.search(r"\w\*?$", phrase):
        source += r"(?!\w)"
    return re.compile(source, 0 if case_sensitive else re.IGNORECASE)


def _label_mask(findings: pd.DataFrame, name: str) -> pd.Series:
    """Rows of ``layer/label``, or of a bare label or layer name."""
    if "/" in name:
        layer, label = name.split("/", 1)
        return (findings["layer"] == layer) & (findings["label"] == label)
    return (findings["label"] == name) | (findings["layer"] == name)


def dispersion(
    source: Document | Iterable[Document],
    *,
    cues: Iterable[str] = (),
    labels: Iterable[str] = (),
    findings: pd.DataFrame | None = None,
    regex: bool = False,
) -> pd.DataFrame:
    """Where each cue (a phrase or regex) and each finding label occurs across the corpus.

    One row per hit: target, doc_id, start, end, word_index (in its document), doc_words,
    doc_position (0-1 through the document), corpus_position (word index with the documents
    laid end to end in corpus order) and date (``meta['date']`` or None). ``labels`` name
    findings as ``layer/label``, a bare label or a layer, and need ``findings``.
    """
    docs = documents(source)
    labels = list(labels)
    if labels and findings is None:
        raise ValueError("labels need a findings table (findings=...)")
    rows = []
    offset = 0
    for doc in docs:
        starts = [s for s, _ in word_spans(doc)]
        n_words = len(starts)
        hits: list[tuple[str, int, int]] = []
        for cue in cues:
            hits.extend((cue, s, e) for s, e in find_spans(doc, cue, regex=regex))
        if labels:
            in_doc = findings[findings["doc_id"] == doc.doc_id]
            for name in labels:
                chosen = in_doc[_label_mask(in_doc, name)]
                hits.extend((name, int(s), int(e)) for s, e in zip(chosen["start"], chosen["end"]))
        for target, start, end in hits:
            index = max(bisect.bisect_right(starts, start) - 1, 0)
            rows.append(
                {
                    "target": target,
                    "doc_id": doc.doc_id,
                    "start": start,
                    "end": end,
                    "word_index": index,
                    "doc_words": n_words,
                    "doc_position": index / n_words if n_words else 0.0,
                    "corpus_position": offset + index,
                    "date": doc.meta.get("date"),
                }
            )
        offset += n_words
    columns = ["target", "doc_id", "start", "end", "word_index", "doc_words", "doc_position", "corpus_position", "date"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["corpus_position", "start", "target"], kind="stable").reset_index(drop=True)
    frame.attrs["documents"] = [(d.doc_id, d.meta.get("date")) for d in docs]
    frame.attrs["total_words"] = offset
    return frame


def dispersion_plot(
    source: Document | Iterable[Document],
    *,
    cues: Iterable[str] = (),
    labels: Iterable[str] = (),
    findings: pd.DataFrame | None = None,
    regex: bool = False,
    x: str = "auto",
    title: str | None = None,
) -> "Figure":
    """Dispersion plot: one row per cue or label, one tick per hit.

    ``x="corpus"`` places hits by word position with the documents laid end to end (thin
    lines mark document boundaries); ``x="date"`` places them at their document's date
    (documents without a date are left out); ``"auto"`` uses dates when every document
    has one and there are at least two distinct dates.
    """
    import matplotlib.pyplot as plt

    cues, labels = list(cues), list(labels)
    targets = cues + [name for name in labels if name not in cues]
    docs = documents(source)
    hits = dispersion(docs, cues=cues, labels=labels, findings=findings, regex=regex)
    dates = [d.meta.get("date") for d in docs]
    if x == "auto":
        x = "date" if all(dates) and len(set(dates)) > 1 else "corpus"
    if x not in ("corpus", "date"):
        raise ValueError("x must be 'auto', 'corpus' or 'date'")
    fig, ax = plt.subplots(figsize=(9, 0.5 * max(len(targets), 1) + 1.4))
    rows = {target: i for i, target in enumerate(targets)}
    if x == "date":
        hits = hits[hits["date"].notna()]
        positions = pd.to_datetime(hits["date"], errors="coerce")
        ax.set_xlabel("document date")
    else:
        positions = hits["corpus_position"]
        ax.set_xlabel("word position in the corpus (documents in corpus order)")
        offset = 0
        for doc in docs[:-1]:
            offset += len(word_spans(doc))
            ax.axvline(offset, color="#bbbbbb", linewidth=0.8)
        ax.set_xlim(0, max(hits.attrs.get("total_words", 0), 1))
    ax.plot(positions, [rows[t] for t in hits["target"]], "|", color="#1f4e79", markersize=14, markeredgewidth=1.5)
    ax.set_yticks(range(len(targets)), targets)
    ax.set_ylim(-0.7, len(targets) - 0.3)
    ax.invert_yaxis()
    counts = hits["target"].value_counts()
    ax.set_title(title or "Dispersion: " + ", ".join(f"{t} ({int(counts.get(t, 0))})" for t in targets))
    fig.tight_layout()
    return fig
