"""The actors detector: nominations (the naming choices for each actor) and predications,
assembled from discovery, role resolution and the predication patterns."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator, Mapping

from workbench.corpus import Document
from workbench.detectors.actors.discovery import discover, title_before, used_as_place
from workbench.detectors.actors.lexicon import load_actor_list, normalise_actor_list
from workbench.detectors.actors.model import NAME, Actor, Binding, Form, Mention, Spans, first_positions, name_matches
from workbench.detectors.actors.predication import predications
from workbench.detectors.actors.roles import apposed, group_mentions, nation_association, resolve_role, role_mentions
from workbench.detectors.base import make_finding
from workbench.detectors.registry import Layer, detector
from workbench.findings import Finding
from workbench.matching import PhraseMatcher

# Nomination forms that name a person outright: a role phrase in apposition to one is bound to it.
_PERSON_NAMING = frozenset((Form.FULL_NAME, Form.SURNAME, Form.ALIAS))


@detector(
    NAME,
    layers=[
        Layer("nomination", "span", (), "a mention that names an actor (label: the actor)"),
        Layer("predication", "span", (), "a span that attributes a quality to an actor (label: the actor)"),
    ],
    groups=["framing"],
    title="Actors: how they are named and what is said of them",
    view="workbench.views.actors",
)
class ActorsDetector:
    """Nominations and predications of actors, with automatic discovery and an optional actor list."""

    def __init__(self, *, actor_list: str | Path | Mapping[str, Any] | None = None, bare_names: bool = False):
        """``actor_list``: a YAML path or a mapping actor -> aliases. By default a bare surname
        repeated after the actor was introduced is not a finding (it is coreference, not a naming
        choice; the seed gold's convention); ``bare_names=True`` reports every bare surname too.
        Bare surnames are found either way: they still tell discovery who is a person, and
        :func:`actor_table` counts them."""
        if actor_list is None:
            self.actor_list: dict[str, list[str]] = {}
        elif isinstance(actor_list, Mapping):
            self.actor_list = normalise_actor_list(actor_list, source="actor list")
        else:
            self.actor_list = load_actor_list(actor_list)
        self.bare_names = bare_names
        pairs = [(alias, actor) for actor, aliases in self.actor_list.items() for alias in aliases]
        self._alias_actor = {alias.lower(): actor for alias, actor in pairs}
        self._alias_matcher = PhraseMatcher([a for a, _ in pairs]) if pairs else None

    # -------------------------------------------------------- public

    def detect(self, doc: Document) -> Iterator[Finding]:
        """Nomination findings (bare surnames only with ``bare_names=True``), then predication findings."""
        mentions = self.nominations(doc)
        # Carried on every finding of the actor, so the actor table can show the bare surnames
        # the default does not report without running the detector again.
        bare = Counter(m.actors[0] for m in mentions if m.form == Form.SURNAME)
        for m in mentions:
            if not self.bare_names and m.form == Form.SURNAME:
                continue
            label = "+".join(m.actors)
            yield make_finding(
                doc,
                detector=NAME,
                layer="nomination",
                label=label,
                start=m.start,
                end=m.end,
                cue=m.cue,
                explanation=_NOMINATION_WHY[m.form].format(actor=label, how=_HOW.get(m.resolved_by, m.resolved_by)),
                score=m.score,
                extras={"actor": label, "form": m.form, "resolved_by": m.resolved_by, "bare_name_mentions": bare.get(label, 0)},
            )
        for start, end, actors, pattern in self.predications(doc, mentions):
            label = "+".join(actors)
            yield make_finding(
                doc,
                detector=NAME,
                layer="predication",
                label=label,
                start=start,
                end=end,
                cue=pattern,
                explanation=_PREDICATION_WHY[pattern].format(actor=label),
                score=0.7,
                extras={"actor": label, "pattern": pattern, "bare_name_mentions": bare.get(label, 0)},
            )

    # -------------------------------------------------------- nomination

    def nominations(self, doc: Document) -> list[Mention]:
        """All nominations of the document, sorted by position."""
        text = doc.text
        claimed = Spans()
        mentions: list[Mention] = []

        def add(m: Mention) -> None:
            if m.end > m.start and not claimed.overlaps(m.start, m.end):
                claimed.add(m.start, m.end)
                mentions.append(m)

        # 1. The user's actor list wins over everything discovered.
        if self._alias_matcher is not None:
            for start, end, alias in self._alias_matcher.finditer(text):
                add(Mention(start, end, (self._alias_actor[alias.lower()],), Form.ALIAS, alias, "actor list", score=1.0))

        actors = discover(doc, self._alias_actor)
        bindings: list[Binding] = []

        # 2. Full names (with a role title before them) and organisation names, all in one pass
        # (a regex per name over the whole text made documents with many names quadratic).
        full_owner: dict[str, Actor] = {}
        for actor in actors.values():
            for full in sorted(actor.full_names, key=lambda n: (-len(n), n)):
                full_owner.setdefault(full, actor)  # a name two actors share goes to the first, as before
        for start, end, full in name_matches(text, full_owner):
            actor = full_owner[full]
            title_start, role = title_before(doc, start)
            if role is not None and actor.kind == "person":
                cls, mods, nations = role
                bindings.append(Binding(cls, mods, nations, actor.label, start))
                start = title_start
            add(Mention(start, end, (actor.label,), Form.FULL_NAME if actor.kind == "person" else Form.ORG_NAME, full, "capitalised name", score=0.95))

        # 3. Bare surnames, first names and organisation short forms (with or without 's), in one pass.
        short_owner: dict[str, tuple[Actor, str]] = {}
        for actor in actors.values():
            for short in sorted(actor.short_names, key=lambda n: (-len(n), n)):
                if short not in short_owner:
                    short_owner[short] = (actor, short)
                    short_owner.setdefault(short + "'s", (actor, short))
        for start, end, phrase in name_matches(text, short_owner):
            actor, short = short_owner[phrase]
            name_end = start + len(short)
            form = Form.SURNAME if actor.kind == "person" and short == actor.label else (Form.FIRST_NAME if actor.kind == "person" else Form.ORG_NAME)
            add(Mention(start, name_end, (actor.label,), form, short, "repeated name", possessive=name_end < end, score=0.9))

        # 4. Appositions bind roles to persons: "the chairman, Graham Pellow" / "Luca Ferrante, the Italian striker".
        roles = role_mentions(doc, claimed)
        person_mentions = [m for m in mentions if m.form in _PERSON_NAMING and len(m.actors) == 1]
        person_at = ({m.start: m.actors[0] for m in person_mentions}, {m.end: m.actors[0] for m in person_mentions})
        for rm in roles:
            target = apposed(text, rm, person_at)
            if target is not None:
                rm["actor"] = target
                rm["how"] = "apposition"
                bindings.append(Binding(rm["class"], rm["mods"], rm["nations"], target, rm["start"]))

        # 5. Resolve the other role nouns.
        association = nation_association(doc, mentions, actors, roles)
        org_by_class: dict[str, list[Actor]] = defaultdict(list)
        for actor in actors.values():
            if actor.kind == "org":
                org_by_class[actor.org_class].append(actor)
        for rm in roles:
            if rm.get("actor") is None:
                resolve_role(rm, bindings, association, org_by_class)
            if rm.get("actor") is None:
                continue
            labels = rm["actor"] if isinstance(rm["actor"], tuple) else (rm["actor"],)
            add(Mention(rm["start"], rm["end"], labels, Form.ROLE, rm["cue"], rm["how"], score=0.8))

        # 6. Group labels.
        for m in group_mentions(doc, claimed):
            add(m)

        mentions = [m for m in mentions if not used_as_place(doc, m)]
        first = first_positions(mentions)
        out = []
        for m in mentions:
            if len(m.actors) > 1:
                m.actors = tuple(sorted(m.actors, key=lambda a: (first.get(a, 1 << 30), a)))
            out.append(m)
        return sorted(out, key=lambda m: (m.start, m.end))

    # -------------------------------------------------------- predication

    def predications(self, doc: Document, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...], str]]:
        """Spans attributing a quality or act to an actor: (start, end, actors, pattern)."""
        return predications(doc, mentions)


_NOMINATION_WHY = {
    "alias": "Alias of {actor} from the user's actor list.",
    "full_name": "Proper name of {actor} (capitalised name with evidence of a person).",
    "org_name": "Name of the organisation {actor}.",
    "surname": "Bare name of {actor}, named in full elsewhere in the text.",
    "first_name": "First name of {actor}, named in full elsewhere in the text.",
    "role": "Role noun naming {actor}, resolved by {how}.",
    "group": "Group label naming the collective actor {actor}.",
    "nation_group": "Nationality adjective and group noun naming {actor} as a collective actor.",
}
_HOW = {
    "apposition": "apposition to the name",
    "role binding": "an earlier apposition or title with the same role",
    "nationality": "the person most associated with that nation in the text",
    "organisation head": "the organisation named earlier with that kind of name",
}
_PREDICATION_WHY = {
    "copular": "Copular clause attributing a quality to {actor}.",
    "cleft": "Cleft sentence singling out {actor} for a quality.",
    "act": "Clause attributing an act or loss of its own attribute to {actor}.",
    "naming": "Naming verb attributing a label to {actor}.",
    "apposition": "Indefinite apposition describing {actor}.",
}
