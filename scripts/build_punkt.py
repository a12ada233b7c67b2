"""Rebuild workbench/data/punkt_params.json from the bundled training text.

Punkt learns abbreviations, collocations and sentence starters without supervision from
``workbench/data/punkt_training.txt`` (original prose written for this project); the
abbreviations in ``workbench/data/abbreviations.tsv`` are added because a few thousand
words cannot show every abbreviation often enough. The output is sorted JSON, so a
rebuild from the same files gives the same bytes.

    python scripts/build_punkt.py
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

DATA = Path(__file__).resolve().parent.parent / "workbench" / "data"


def build() -> dict:
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train((DATA / "punkt_training.txt").read_text(encoding="utf-8"), finalize=True)
    params = trainer.get_params()
    with open(DATA / "abbreviations.tsv", encoding="utf-8", newline="") as handle:
        listed = {row["abbreviation"].strip().lower() for row in csv.DictReader(handle, delimiter="\t") if row["abbreviation"].strip()}
    return {
        "abbrev_types": sorted(set(params.abbrev_types) | listed),
        "collocations": sorted([list(pair) for pair in params.collocations]),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }


def main() -> None:
    params = build()
    out = DATA / "punkt_params.json"
    out.write_text(json.dumps(params, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out}: {len(params['abbrev_types'])} abbreviations, {len(params['collocations'])} collocations, "
          f"{len(params['sent_starters'])} sentence starters, {len(params['ortho_context'])} words with orthographic context")


if __name__ == "__main__":
    main()
