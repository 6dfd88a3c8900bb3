"""The fast SHACL engine's shortcuts give pySHACL's findings on invented shapes and data.

sh:or, sh:and and sh:not ask only whether a member shape conforms for a value node; the engine
answers from the members' focus tests (kg.validate.compiled.checks) without making results,
when the member's checks all have one and its path is none or one property. Each case puts one
member shape inside sh:or, sh:and and sh:not over value nodes of every kind, and compares the
findings with pySHACL's.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, URIRef

from kg.validate.compiled import compile_shapes
from kg.validate.compiled.checks import focus_test
from kg.validate.compiled.run import validate_compiled

PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

DATA = PREFIXES + """
ex:a a ex:C ; ex:v 3, "abc", ex:x, ex:k1, _:b1, "a"@en, "2"^^xsd:integer, "s"^^xsd:string, "7"^^xsd:byte .
ex:b a ex:C ; ex:v 1.5, "x"^^xsd:integer, ex:y, "b", ex:k2, "300"^^xsd:byte, "-5"^^xsd:nonNegativeInteger .
ex:k1 a ex:K ; ex:w 1 ; ex:low 1 ; ex:high 2 ; ex:name "x"@en, "y"@fr .
ex:k2 a ex:Sub ; ex:w 2 ; ex:name "x"@en, "y"@EN .
ex:Sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:K .
ex:x ex:w 1, 2 ; ex:low 5 ; ex:high 2 .
ex:y ex:low 1 ; ex:high 1.5 .
_:b1 ex:w 1 .
ex:Inner a sh:NodeShape ; sh:property [ sh:path ex:w ; sh:minCount 1 ] .
"""

MEMBERS = [
    pytest.param("[ sh:datatype xsd:integer ]", id="datatype"),
    pytest.param("[ sh:datatype xsd:string ]", id="datatype xsd:string"),
    pytest.param("[ sh:datatype <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> ]", id="datatype rdf:langString"),
    pytest.param("[ sh:datatype <http://www.w3.org/2000/01/rdf-schema#Literal> ]", id="datatype rdfs:Literal"),
    pytest.param("[ sh:datatype xsd:byte ]", id="datatype xsd:byte, one ill-typed"),
    pytest.param("[ sh:class ex:K ]", id="class, with a subclass"),
    pytest.param("[ sh:nodeKind sh:IRI ]", id="nodeKind"),
    pytest.param("[ sh:in ( ex:x ex:y 3 ) ]", id="in"),
    pytest.param('[ sh:pattern "^a" ]', id="pattern"),
    pytest.param("[ sh:minInclusive 2 ]", id="minInclusive over numbers, strings and IRIs"),
    pytest.param("[ sh:hasValue ex:x ]", id="hasValue of a node shape"),
    pytest.param("[ sh:path ex:w ; sh:minCount 1 ]", id="minCount of a path"),
    pytest.param("[ sh:path ex:w ; sh:maxCount 1 ]", id="maxCount of a path"),
    pytest.param("[ sh:path ex:w ; sh:hasValue 1 ]", id="hasValue of a path"),
    pytest.param("[ sh:path ex:low ; sh:lessThan ex:high ]", id="lessThan"),
    pytest.param("[ sh:path ex:name ; sh:uniqueLang true ]", id="uniqueLang"),
    pytest.param("[ sh:datatype xsd:integer ; sh:severity sh:Warning ]", id="a warning member always conforms"),
    pytest.param("[ sh:datatype xsd:string ; sh:deactivated true ]", id="a deactivated member conforms"),
    pytest.param("[ sh:path ( ex:w ex:w ) ; sh:minCount 1 ]", id="a sequence path: no focus test"),
    pytest.param("[ sh:node ex:Inner ]", id="sh:node: no focus test"),
    pytest.param("[ sh:nodeKind sh:IRI ; sh:property [ sh:path ex:w ; sh:minCount 1 ] ]", id="sh:property: no focus test"),
    pytest.param("[ sh:datatype xsd:integer ; sh:maxInclusive 2 ]", id="two checks"),
]


def _shapes(member: str) -> str:
    return PREFIXES + f"""
ex:Or a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:v ; sh:message "or" ;
    sh:or ( {member} [ sh:datatype xsd:decimal ] ) .
ex:And a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:v ; sh:message "and" ; sh:and ( {member} ) .
ex:Not a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:v ; sh:message "not" ; sh:not {member} .
"""


@pytest.mark.parametrize("member", MEMBERS)
def test_logical_constraints_agree_with_pyshacl(member):
    import pyshacl

    shapes = Graph().parse(data=_shapes(member), format="turtle")
    data = Graph().parse(data=DATA, format="turtle")
    ours = validate_compiled(compile_shapes(shapes), data)
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = "http://www.w3.org/ns/shacl#"
    theirs = Counter(
        (str(results.value(r, URIRef(sh + "sourceShape"))).rsplit("/", 1)[1], str(results.value(r, URIRef(sh + "value"))))
        for r in results.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(sh + "ValidationResult"))
    )
    # a finding's value is the text of the term (every value of DATA has a text of its own)
    mine = Counter((f.shape.rsplit(":", 1)[-1].rsplit("/", 1)[-1], f.value) for f in ours.findings)
    assert mine == theirs
    assert sum(mine.values()) > 0  # sh:and and sh:not of one member: every value fails one of the two


@pytest.mark.parametrize(
    ("turtle", "tested"),
    [
        pytest.param("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:datatype xsd:string ; sh:message 'm' .", True, id="datatype"),
        pytest.param("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:Inner ; sh:message 'm' .", False, id="sh:node"),
        pytest.param("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( ex:Inner ) ; sh:message 'm' .", False, id="sh:or"),
    ],
)
def test_only_the_checks_of_a_shapes_own_results_have_a_focus_test(turtle, tested):
    shapes = compile_shapes(Graph().parse(data=PREFIXES + "ex:Inner a sh:NodeShape ; sh:nodeKind sh:IRI ; sh:message 'i' .\n" + turtle, format="turtle"))
    (shape,) = [s for s in shapes.targeted if s.name.endswith("S")]
    assert (focus_test(shape.checks[0]) is not None) is tested
    assert (shape.focus_tests is not None) is tested


TARGET_DATA = PREFIXES + """
ex:a a ex:K ; ex:w 1 .
ex:b a ex:K, ex:L .
ex:c a ex:L ; ex:w 2 .
"""


@pytest.mark.parametrize(
    ("targets", "subclass", "expected"),
    [
        pytest.param("sh:targetClass ex:K", False, {"a", "b"}, id="one class: its instances"),
        pytest.param("sh:targetClass ex:K", True, {"a", "b", "c"}, id="one class with a subclass in the data"),
        pytest.param("sh:targetClass ex:K, ex:L", False, {"a", "b", "c"}, id="two classes, a node in both once"),
        pytest.param("sh:targetClass ex:K ; sh:targetSubjectsOf ex:w", False, {"a", "b", "c"}, id="a class and the subjects of a property"),
        pytest.param("sh:targetClass ex:M", False, set(), id="a class without instances"),
    ],
)
def test_focus_nodes_are_pyshacls(targets, subclass, expected):
    import pyshacl

    shapes = Graph().parse(data=PREFIXES + f'ex:S a sh:NodeShape ; {targets} ; sh:nodeKind sh:BlankNode ; sh:message "m" .', format="turtle")
    data = Graph().parse(data=TARGET_DATA, format="turtle")
    if subclass:
        data.parse(data=PREFIXES + "ex:L <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:K .", format="turtle")
    ours = validate_compiled(compile_shapes(shapes), data)
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    theirs = Counter(str(o) for o in results.objects(None, URIRef("http://www.w3.org/ns/shacl#focusNode")))
    assert Counter(f.focus for f in ours.findings) == theirs
    assert {f.focus.rsplit("/", 1)[1] for f in ours.findings} == expected
