"""Roles and groups: definite role-noun phrases (the Russian president, the club), how they
are resolved to an actor (apposition, an earlier binding, the organisation's head, the
nation's person), and group labels (the West, Ukrainian defenders, shopkeepers)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterator

from workbench.corpus import Document
from workbench.detectors.actors import lexicon as lx
from workbench.detectors.actors.model import Actor, Binding, Form, Mention, Spans, is_sentence_start, strip_possessive, words_before


def role_mentions(doc: Document, claimed: Spans) -> list[dict]:
    """Definite role-noun phrases (``the Russian president``, ``his agent``, ``the club``) not yet claimed."""
    text = doc.text
    out = []
    adjectives = lx.nation_adjectives()
    countries = lx.countries()
    for s, e, cue in lx.role_matcher().finditer(text):
        if claimed.overlaps(s, e):
            continue
        role_class, kind = lx.role_info()[cue.lower()]
        matched = text[s:e]
        # "General", "President" etc. in a capitalised sequence before a name are titles (handled with the name).
        if re.match(r"[ \t]+[A-Z]\w+", text[e : e + 60]) and not lx.TITLE_CONNECTOR_AFTER.match(text[e : e + 60]) and matched[0].isupper() and not is_sentence_start(doc, s):
            nxt = re.match(r"[ \t]+([A-Z]\w+)", text[e : e + 60]).group(1)
            if nxt not in lx.names().get("not_name", {}):
                continue
        begin, end = s, e
        mods: list[str] = []
        nations: list[str] = []
        det, det_start = None, s
        sent_start = doc.segments.sentences[doc.segments.sentence_index(s)][0]
        collected: list[re.Match] = []
        for w in reversed(words_before(text, s, 4, sent_start)):
            if text[w.end() : (collected[-1].start() if collected else s)].strip():
                break
            low = w.group().lower()
            if low in lx.DETERMINERS or low in lx.INDEFINITE:
                det, det_start = low, w.start()
                break
            if claimed.overlaps(w.start(), w.end()) or (low in lx.LEFT_STOP and low != "and"):
                break
            collected.append(w)
        if det is not None:
            # Everything between the determiner and the role noun modifies it.
            begin = det_start
            accepted = collected
        else:
            # Without a determiner only nationality adjectives (Russian and Belarusian rulers)
            # and capitalised title words (Council leader) count.
            accepted = []
            for k, w in enumerate(collected):
                word = w.group()
                nxt = collected[k + 1].group() if k + 1 < len(collected) else ""
                if word in adjectives or (word.lower() == "and" and nxt in adjectives and accepted) or (word[0].isupper() and word.lower() != "and"):
                    accepted.append(w)
                else:
                    break
            begin = accepted[-1].start() if accepted else s
        for w in accepted:
            word = w.group()
            if word in adjectives:
                nations.append(adjectives[word])
            elif word.lower() != "and":
                mods.append(strip_possessive(word.lower())[0])
        # "the President of Russia", "the leader of the opposition group"
        of = re.match(r"\s+of\s+(?:the\s+)?((?:[\w'\u2019-]+)(?:\s+[\w'\u2019-]+)?)", text[end : end + 80])
        if of:
            head = of.group(1)
            first_word = head.split()[0]
            if first_word in countries:
                nations.append(countries[first_word])
                end = end + of.start(1) + len(first_word)
            elif kind == "person" and not claimed.overlaps(end + of.start(1), end + of.end(1)):
                phrase_words = [w for w in head.split() if w.lower() not in lx.OF_PHRASE_SKIP]
                if phrase_words and all(w[0].islower() for w in phrase_words):
                    mods.extend(w.lower() for w in phrase_words)
                    end = end + of.end(1)
        if det in lx.INDEFINITE:
            continue  # an indefinite role phrase describes; it does not name (see predications)
        plural = cue.lower().endswith("s") and not cue.lower().endswith("ss")
        if det is None and not nations and not (kind == "person" and mods and text[begin].isupper()):
            continue
        if det is None and kind == "org":
            continue
        if plural and len(nations) < 2 and det is None:
            continue
        out.append(
            dict(start=begin, end=end, cue=cue, kind=kind, det=det, mods=frozenset(mods), nations=frozenset(nations), plural=plural, actor=None, how="", **{"class": role_class})
        )
    out.sort(key=lambda r: (r["start"], -(r["end"] - r["start"])))
    kept: list[dict] = []
    for r in out:
        # Sorted by start, longest first: only the last kept phrase can overlap this one.
        if not kept or r["start"] >= kept[-1]["end"]:
            kept.append(r)
    return kept


def apposed(text: str, rm: dict, person_at: tuple[dict[int, str], dict[int, str]]) -> str | None:
    """The person a role phrase stands in apposition to (``the chairman, Graham Pellow``), if any."""
    if rm["kind"] != "person" or rm["plural"]:
        return None
    starts, ends = person_at
    after = lx.COMMA_AFTER.match(text, rm["end"])
    if after and after.end() in starts:
        return starts[after.end()]
    before = re.search(r",\s*$", text[max(0, rm["start"] - 10) : rm["start"]])
    if before:
        return ends.get(max(0, rm["start"] - 10) + before.start())
    return None


def resolve_role(rm: dict, bindings: list[Binding], association: dict[str, str], org_by_class: dict[str, list[Actor]]) -> None:
    """Resolve a role phrase to an actor in place: organisation head, nationality, or an earlier binding of the role."""
    if rm["kind"] == "org":
        if rm["nations"]:
            return
        orgs = org_by_class.get(rm["class"], [])
        if orgs:
            before = [o for o in orgs if o.first < rm["start"]] or orgs
            rm["actor"] = max(before, key=lambda o: o.first).label
            rm["how"] = "organisation head"
        return
    if rm["plural"] and len(rm["nations"]) < 2:
        return  # a plural role noun names a group, not the one person bound to the role
    if len(rm["nations"]) >= 2:
        people = [association.get(n) for n in sorted(rm["nations"])]
        if all(people) and len(set(people)) == len(people):
            rm["actor"] = tuple(people)
            rm["how"] = "nationality"
        return
    compatible = [
        b
        for b in bindings
        if b.role_class == rm["class"] and rm["mods"] <= b.modifiers | lx.BINDING_FREE_MODIFIERS and (not rm["nations"] or rm["nations"] <= b.nations)
    ]
    if compatible:
        earlier = [b for b in compatible if b.at < rm["start"]]
        chosen = max(earlier, key=lambda b: b.at) if earlier else min(compatible, key=lambda b: b.at)
        rm["actor"] = chosen.actor
        rm["how"] = "role binding"
        return
    if len(rm["nations"]) == 1:
        person = association.get(next(iter(rm["nations"])))
        if person:
            rm["actor"] = person
            rm["how"] = "nationality"


def nation_association(doc: Document, mentions: list[Mention], actors: dict[str, Actor], role_mentions: list[dict]) -> dict[str, str]:
    """Nation -> the person its role nouns (the Russian president) refer to.

    Evidence for a person: sentences that name the person and the nation. Evidence
    against: a role noun of that nation in a sentence that names the person (a role
    noun rarely refers to someone named beside it: "Putin needs the Belarusian ruler").
    Nations are assigned one-to-one, strongest first; a nation left over goes to the one
    remaining person not excluded, when the others were excluded by that evidence.
    """
    text = doc.text
    seg = doc.segments
    wanted = {n for rm in role_mentions if rm["kind"] == "person" for n in rm["nations"]}
    person_sentences: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        if len(m.actors) == 1 and actors.get(m.actors[0]) is not None and actors[m.actors[0]].kind == "person":
            person_sentences[m.actors[0]].add(seg.sentence_index(m.start))
    if not wanted or not person_sentences:
        return {}
    lookup = lx.nations()
    nation_sentences: dict[str, set[int]] = defaultdict(set)
    for s, cue in lx.nation_words(text):
        country = lookup.get(cue)
        if country in wanted:
            nation_sentences[country].add(seg.sentence_index(s))
    against: dict[tuple[str, str], int] = Counter()
    for rm in role_mentions:
        if rm["kind"] != "person":
            continue
        i = seg.sentence_index(rm["start"])
        for person, sentences in person_sentences.items():
            if i in sentences:
                for country in rm["nations"]:
                    against[(country, person)] += 1
    scores = []
    for country in sorted(wanted):
        for person in sorted(person_sentences):
            together = len(nation_sentences[country] & person_sentences[person])
            scores.append((together - 3 * against[(country, person)], country, person))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for score, country, person in sorted(scores, key=lambda t: (-t[0], t[1], t[2])):
        if score > 0 and country not in out and person not in taken:
            out[country] = person
            taken.add(person)
    for country in sorted(wanted - set(out)):
        excluded = {p for p in person_sentences if against[(country, p)] > 0}
        left = [p for p in sorted(person_sentences) if p not in taken and p not in excluded]
        if excluded and len(left) == 1:
            out[country] = left[0]
            taken.add(left[0])
    return out


def group_mentions(doc: Document, claimed: Spans) -> Iterator[Mention]:
    """Group labels: blocs (the West), nationality adjective + group noun (Ukrainian defenders), social groups."""
    text = doc.text
    adjectives = lx.nation_adjectives()
    labels = lx.group_label("bloc")
    found = lx.group_matchers().finditer_all(text)
    for s, e, cue in found["bloc"]:
        # Capitalised cue words (the West) must be capitalised in the text: "the west of the city" is a place.
        if any(a[0].isupper() and not b[0].isupper() for a, b in zip(cue.split(), text[s:e].split())):
            continue
        yield Mention(s, e, (labels[cue.lower()],), Form.GROUP, cue, "group lexicon", score=0.8)
    for s, e, cue in found["national"]:
        before = words_before(text, s, 2, 0)
        if not before or text[before[-1].end() : s].strip() or before[-1].group() not in adjectives:
            continue
        start = before[-1].start()
        if len(before) == 2 and before[0].group().lower() in lx.GROUP_ARTICLES and not text[before[0].end() : start].strip():
            start = before[0].start()
        yield Mention(start, e, (adjectives[before[-1].group()],), Form.NATION_GROUP, cue, "nationality adjective", score=0.75)
    labels = lx.group_label("social")
    for s, e, cue in found["social"]:
        before = words_before(text, s, 1, 0)
        if before and not text[before[-1].end() : s].strip():
            word = before[-1].group()
            # "his own citizens", "our patients": relational, like a pronoun.
            if word.lower() in lx.RELATIONAL_BEFORE_GROUP or word in adjectives:
                continue
        yield Mention(s, e, (labels[cue.lower()],), Form.GROUP, cue, "group lexicon", score=0.7)
