"""The shapes mean the same in every SHACL engine, and on one article or many.

- The SPARQL-based constraints follow SHACL 1.0 section 5.3.1 (pre-binding of ``$this``): every
  sub-query projects ``$this``, and none uses MINUS, VALUES, SERVICE or binds ``$this`` with
  AS. An engine that substitutes the focus node into the query (as the specification defines)
  then gives the results of one that evaluates it with ``$this`` bound (as pySHACL and kg do);
  engines that check these rules refuse a file that breaks them. (``.ci/shacl-crosscheck`` runs
  Apache Jena's engine on the flagship and the corpus and compares its findings with kg's.)
- A graph that merges several articles validates as the articles do one by one: a shape never
  compares one article's spans (character offsets into its own text) with another's.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from rdflib import Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.article import parse_article
from kg.export import to_dataset
from kg.pipeline import build_article
from kg.validate import SH, shapes_graph, validate

THIS = Variable("this")
_BINDS_THIS = re.compile(r"\bAS\s*[?$]this\b", re.IGNORECASE)  # in SELECT (... AS $this) or BIND(... AS $this)


def _select_texts() -> list[tuple[str, str]]:
    """(shape, SELECT text with its prefixes) of every SPARQL-based constraint of shapes/."""
    shapes = shapes_graph()
    found = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        prefixes = "".join(
            f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>\n"
            for source in shapes.objects(constraint, SH.prefixes)
            for decl in shapes.objects(source, SH.declare)
        )
        found.append((shapes.namespace_manager.normalizeUri(shape), prefixes + str(shapes.value(constraint, SH.select))))
    return sorted(found)


def _parts(node: Any, seen: set[int]) -> list[CompValue]:
    """Every algebra node under *node*, including the patterns of (NOT) EXISTS."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    found: list[CompValue] = []
    if isinstance(node, CompValue):
        found.append(node)
        values = list(dict.values(node)) + [v for k, v in vars(node).items() if k not in ("ctx", "_evalfn")]
    elif isinstance(node, (list, tuple)):
        values = list(node)
    else:
        return []
    for value in values:
        found += _parts(value, seen)
    return found


def _prebinding_breaks(text: str) -> list[str]:
    algebra = prepareQuery(text).algebra
    parts = _parts(algebra["p"], set())
    breaks = []
    for part in parts[1:]:  # the first is the query's own projection
        if part.name == "Project" and THIS not in part["PV"]:
            breaks.append(f"a sub-query projects {[str(v) for v in part['PV']]} without $this")
    for part in parts:
        if part.name in ("Minus", "values", "ServiceGraphPattern"):
            breaks.append(f"it uses {part.name}")
    if _BINDS_THIS.search(text):
        breaks.append("it binds $this with AS")
    return breaks


SELECTS = _select_texts()


def test_the_shapes_have_sparql_constraints_to_check():
    assert {"kgsh:Claim-casualtiesWithinStrength", "kgsh:Claim-infoboxUpperBoundSupported"} <= {s for s, _ in SELECTS}


@pytest.mark.parametrize("shape, text", [pytest.param(s, t, id=s) for s, t in SELECTS])
def test_a_sparql_constraint_follows_the_prebinding_rules(shape: str, text: str):
    assert _prebinding_breaks(text) == []


@pytest.mark.parametrize("text, breaks", [
    ("SELECT $this WHERE { $this ?p ?o . { SELECT (COUNT(?x) AS ?n) WHERE { ?x ?p ?o } } }",
     ["a sub-query projects ['n'] without $this"]),
    ("SELECT $this WHERE { $this ?p ?o . MINUS { $this a ?o } }", ["it uses Minus"]),
    ("SELECT $this WHERE { VALUES ?o { 1 } $this ?p ?o }", ["it uses values"]),
    ("SELECT $this WHERE { ?x ?p ?o BIND (?x AS $this) }", ["it binds $this with AS"]),
    ("SELECT $this WHERE { $this ?p ?o . { SELECT $this (COUNT(?x) AS ?n) WHERE { $this ?p ?x } GROUP BY $this } }", []),
])
def test_queries_that_break_the_prebinding_rules_are_caught(text: str, breaks: list[str]):
    assert _prebinding_breaks(text) == breaks


# --- one article or many: two invented articles whose character offsets overlap


def _article(title: str, infobox: list[str], prose: str) -> str:
    return f"= {title} =\n\nInfobox\n" + "".join(f"- {line}\n" for line in infobox) + "\n" + prose + "\n"


# Greyford's infobox says 5-9 killed; its prose gives five (chars 172-240) and forty (258-326).
GREYFORD = _article(
    "Battle of Greyford",
    ["Date: 3 May 1900", "Combatant1: Redland", "Combatant2: Blue Army", "Casualties1: 5–9 killed"],
    "On 3 May 1900, the Blue Army attacked Greyford. The Redland Gazette reported that five Redland soldiers "
    "were killed.\n\n== Aftermath ==\nThe Blue Army later claimed that forty Redland soldiers were killed.",
)
# Ashmoor's infobox (chars 23-252) covers Greyford's first prose claim and ends before its second.
ASHMOOR = _article(
    "Battle of Ashmoor",
    ["Date: 9 June 1901", "Combatant1: Redland", "Combatant2: Blue Army"] + [f"Notes: an unread note {i}" for i in range(6)],
    "On 9 June 1901, the Blue Army attacked Ashmoor.",
)


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_a_merged_graph_gives_the_findings_of_its_articles_alone(engine: str):
    graphs = [build_article(parse_article(text)).graph for text in (GREYFORD, ASHMOOR)]

    def findings(mapped: list) -> set[tuple[str, str, str]]:
        return {(f.severity, f.shape, f.focus) for f in validate(to_dataset(mapped), engine=engine).findings}

    alone = findings(graphs[:1]) | findings(graphs[1:])
    assert ("Warning", "kgsh:Claim-infoboxUpperBoundSupported", str(graphs[0].iri).replace("/graph/", "/event/")
            + "/claim/casualties1-1") in alone  # nothing in Greyford's prose supports its 9
    assert findings(graphs) == alone
