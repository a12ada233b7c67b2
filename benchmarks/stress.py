"""One-document stress: time each detector on inputs far larger than a news article.

* a document of 1,003,569 characters made by repeating the seed article (blank lines between copies);
* a 76,799-character text naming 1,500 different people (discovery and name matching in ``actors``);
* one sentence of 1,000 quotations (quote pairing in ``distancing``).

Nothing here is asserted: it prints seconds, so that a change that makes a detector grow faster
than the text shows up. Usage::

    python benchmarks/stress.py
"""

from __future__ import annotations

import time
from pathlib import Path

from workbench.corpus import Document
from workbench.detectors import resolve_detectors

ROOT = Path(__file__).resolve().parents[1]
BIG = 1_003_569


def timed(detector_name: str, doc: Document) -> tuple[float, int]:
    detector = resolve_detectors(detector_name)[0]
    doc.segments  # segmentation is shared by all detectors; time the detector alone
    start = time.perf_counter()
    found = sum(1 for _ in detector.detect(doc))
    return time.perf_counter() - start, found


def main() -> None:
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    names = [d.name for d in resolve_detectors(None)]
    for name in names:  # load lexicons and compile patterns outside the timings
        timed(name, Document("warm-up", seed))
    big = ("\n\n".join([seed] * (BIG // (len(seed) + 2) + 1)))[:BIG]
    print(f"one document of {len(big):,} characters (the seed repeated):")
    for name in names:
        seconds, found = timed(name, Document("big", big))
        print(f"  {name:<12} {seconds:6.2f} s  {found:6d} findings")

    first = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Katya", "Lars", "Mira", "Nils", "Olga"]
    last = [a + b for a in ["Kov", "Mar", "Sel", "Tor", "Wen", "Bal", "Rud", "Fen", "Lom", "Pav"] for b in ["ak", "ich", "sen", "ova", "ard", "ini", "ez", "uk", "man", "berg"]]
    people = [f"{f} {l}" for f in first for l in last][:1500]
    text = " ".join(f"{p} said the plan was late. {p.split()[1]} agreed." for p in people)
    seconds, found = timed("actors", Document("names", text))
    print(f"actors on {len(people):,} names in {len(text):,} characters: {seconds:.2f} s, {found} findings")

    quotes = "and \u201cit may rain\u201d " * 1000
    seconds, found = timed("distancing", Document("quotes", quotes))
    print(f"distancing on one sentence of 1,000 quotations ({len(quotes):,} characters): {seconds:.3f} s, {found} findings")


if __name__ == "__main__":
    main()
