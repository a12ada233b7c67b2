"""Loaded language and labelling: wording with a strong emotional or evaluative charge, as spans.

A finding is a span of loaded wording in one of eight types — ``pejorative_label`` and
``glorifying_label`` (naming people or groups by an insult or by praise), ``emotive_verb``,
``emotive_adjective``, ``emotive_noun``, ``intensifier`` (an intensified charged word),
``metaphor`` (war, disease, flood and other figures for people and politics) and
``superlative`` (praise or blame by superlative or "than ever") — with its polarity, its voice
(``author`` or ``quoted``: quotation marks, naming verbs, opinion frames), the person or group it
is about when there is one (``target``), the rule that fired and a score.

Evidence comes from three sources: the typed lexicon ``lexicons/loaded.tsv`` (own entries, each
with its type, part of speech, polarity and reason), context rules (``lexicons/loaded_rules.yaml``:
span rules by part of speech, labels by a person noun as head, superlatives with a hyperbolic
scope, flood and disease metaphors for people, neutral uses such as a charged noun classifying a
legal process) and VADER's valence lexicon (``lexicons/vader.tsv``, MIT) as one feature: a word
with strong valence after a degree word, in a superlative or before a person noun is charged.

The package is split by job: ``lexicon`` (data), ``spans`` (where a finding is and how far it
reaches), ``context`` (type, voice, target, score) and ``detector`` (the registered detector).
"""

from workbench.detectors.loaded.detector import LoadedDetector
from workbench.detectors.loaded.lexicon import LABEL, LABEL_TYPES, TYPES, Entry, rules
from workbench.detectors.loaded.spans import Span, loaded_spans

__all__ = ["LABEL", "LABEL_TYPES", "TYPES", "Entry", "LoadedDetector", "Span", "loaded_spans", "rules"]
