"""Actors (Discourse-Historical Approach): nomination and predication (issue 5).

``nomination`` — each mention that makes a naming choice for an actor, labelled with the actor:

* proper names found automatically: capitalised sequences of two or more words
  (``Vladimir Putin``) become persons (label: the last word) when there is evidence
  that they are people (a title or role before them, an apposition, a bare surname
  used again, a reporting verb after them); sequences ending with an organisation
  head (``Council``, ``United``, ``Hospital``) become organisations;
* later first names and organisation short forms; bare surnames (``Putin``) are
  found too (they tell discovery that ``Putin`` is a person) but are reported only
  with ``bare_names=True``: a nomination is a naming *choice* (full name, role noun,
  group label), and a surname repeated after the actor was introduced is coreference
  (the convention of the seed gold; see docs/framing.md);
* role nouns (``the Russian president``, ``his Russian counterpart``, ``the club``),
  resolved to an actor by apposition (``the chairman, Graham Pellow``), by a role
  title before a name (``Health Minister Rachel Dunmore``), by an earlier binding of
  the same role, by organisation head (``the club`` -> ``Northgate United``) or, for
  a nationality adjective, by the person most associated with that nation in the text
  (``Russian and Belarusian rulers`` -> ``Putin+Lukashenko``);
* group labels (``the civilized world`` -> ``West``, ``Ukrainian defenders`` -> ``Ukraine``,
  ``shopkeepers``);
* an optional user-supplied actor list (YAML: actor -> aliases) which wins over
  discovery.

Pronouns are never nominations; unresolved role nouns are not reported. A name that can
denote a place (a country name from the actor list, a bloc label such as ``the West``) is a
location, not an acting nomination, right after a spatial preposition (``in Belarus``,
``across the West``) or as a modifier after a determiner (``the Belarus border``); as a
subject or possessor (``Belarus decided``, ``Belarus's army``) it stays an actor.

``predication`` — a span that attributes a quality or act to an actor: copular
clauses (``Putin, too, is weak``, ``Both Lukashenko and Putin are weak``), clefts
(``it is not only Lukashenko who is weak``), acts on the actor's own attributes
(``he lost his subjectivity``), indefinite appositions (``Dunmore, a former hospital
manager``) and naming (``calling the chairman a "businessman"``). A ``he``/``she``
subject is resolved to the nearest named person.

The package is split by job: ``lexicon`` (the actor list, the ``actors_*.tsv`` lexicons and the
rule word lists of ``workbench/lexicons/actors_rules.yaml``), ``discovery`` (names), ``roles``
(role nouns and group labels), ``predication`` and ``detector`` (the registered detector).
"""

from workbench.detectors.actors.detector import ActorsDetector
from workbench.detectors.actors.lexicon import DETERMINERS, ActorListError, load_actor_list
from workbench.detectors.actors.model import NAME

__all__ = ["DETERMINERS", "NAME", "ActorListError", "ActorsDetector", "load_actor_list"]
