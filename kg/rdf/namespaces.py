"""Namespaces: the established vocabularies kg reuses, and its own (``KG``).

``KG`` is an rdflib ``DefinedNamespace`` with ``_fail = True``: a term that is not defined in
``data/vocab/kg.ttl`` is an error at the line that names it, not a silent typo in the graph.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

__all__ = [
    "KG", "SEM", "SCHEMA", "NIF", "PROV", "RDF", "RDFS", "XSD", "TIME", "DCTERMS", "SKOS", "WD", "PREFIXES", "VOCAB_IRI",
    "turtle_prefixes",
]

VOCAB_IRI = "https://w3id.org/conflict-kg/vocab#"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """The kg vocabulary (see ``data/vocab/kg.ttl`` for labels and comments)."""

    _NS = Namespace(VOCAB_IRI)
    _fail = True
    _extras = ["in"]  # a Python keyword: use KG["in"]

    # classes
    ArticleGraph: URIRef
    Article: URIRef
    Infobox: URIRef
    InfoboxField: URIRef
    Side: URIRef
    Claim: URIRef
    Location: URIRef
    Result: URIRef
    UnknownActor: URIRef
    Captivity: URIRef
    EventType: URIRef
    ActorType: URIRef
    RoleType: URIRef
    Status: URIRef
    Category: URIRef
    CountedKind: URIRef
    Attribution: URIRef
    Outcome: URIRef
    SpatialRelation: URIRef
    ParseStatus: URIRef

    # properties
    mapperVersion: URIRef
    text: URIRef
    location: URIRef
    place: URIRef
    spatialRelation: URIRef
    side: URIRef
    sideIndex: URIRef
    supporter: URIRef
    participation: URIRef
    status: URIRef
    rank: URIRef
    note: URIRef
    result: URIRef
    outcome: URIRef
    victor: URIRef
    consequence: URIRef
    category: URIRef
    attribution: URIRef
    statedOn: URIRef
    statedIn: URIRef
    statement: URIRef
    approximate: URIRef
    vagueTerm: URIRef
    countedKind: URIRef
    affiliatedWith: URIRef
    timePrecision: URIRef
    ongoing: URIRef
    calendar: URIRef
    unparsedField: URIRef
    fieldKey: URIRef
    fieldValue: URIRef
    parseStatus: URIRef
    leftover: URIRef
    cause: URIRef
    after: URIRef
    captive: URIRef
    startedBy: URIRef
    endedBy: URIRef
    territorialChange: URIRef
    dateLabel: URIRef

    # controlled values
    mapper: URIRef
    Battle: URIRef
    Conflict: URIRef
    Attack: URIRef
    Ambush: URIRef
    Assassination: URIRef
    Offensive: URIRef
    Patrol: URIRef
    IntelligenceReport: URIRef
    ClaimOfResponsibility: URIRef
    Statement: URIRef
    Capture: URIRef
    Release: URIRef
    Clash: URIRef
    Killing: URIRef
    Escape: URIRef
    Withdrawal: URIRef
    Siege: URIRef
    Bombing: URIRef
    Ceasefire: URIRef
    Invasion: URIRef
    Sighting: URIRef
    Event: URIRef
    State: URIRef
    ArmedForce: URIRef
    ArmedGroup: URIRef
    Organization: URIRef
    NewsMedia: URIRef
    Person: URIRef
    Group: URIRef
    Combatant: URIRef
    Commander: URIRef
    Unit: URIRef
    Perpetrator: URIRef
    Target: URIRef
    Victim: URIRef
    Organiser: URIRef
    Participant: URIRef
    Killed: URIRef
    Wounded: URIRef
    Captured: URIRef
    Missing: URIRef
    Defected: URIRef
    Deserted: URIRef
    Released: URIRef
    Executed: URIRef
    Died: URIRef
    Surrendered: URIRef
    Escaped: URIRef
    Strength: URIRef
    KilledOrWounded: URIRef
    KilledOrMissing: URIRef
    WoundedOrMissing: URIRef
    KilledWoundedOrCaptured: URIRef
    Casualties: URIRef
    Destroyed: URIRef
    Damaged: URIRef
    Displaced: URIRef
    Personnel: URIRef
    Civilian: URIRef
    Vehicle: URIRef
    Aircraft: URIRef
    Vessel: URIRef
    Artillery: URIRef
    Weapon: URIRef
    Animal: URIRef
    Building: URIRef
    OtherKind: URIRef
    InfoboxAttribution: URIRef
    ExplicitAttribution: URIRef
    CarriedAttribution: URIRef
    ArticleAttribution: URIRef
    Victory: URIRef
    DecisiveVictory: URIRef
    TacticalVictory: URIRef
    StrategicVictory: URIRef
    PyrrhicVictory: URIRef
    Indecisive: URIRef
    Stalemate: URIRef
    OngoingOutcome: URIRef
    CeasefireOutcome: URIRef
    Treaty: URIRef
    WithdrawalOutcome: URIRef
    OtherOutcome: URIRef
    near: URIRef
    between: URIRef
    northOf: URIRef
    southOf: URIRef
    eastOf: URIRef
    westOf: URIRef
    along: URIRef
    around: URIRef
    outskirts: URIRef
    at: URIRef
    Unparsed: URIRef
    PartlyParsed: URIRef
    Ignored: URIRef

#: Prefixes bound in every graph and export, in this order.
PREFIXES: dict[str, str] = {
    "kg": VOCAB_IRI,
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "nif": str(NIF),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def turtle_prefixes() -> str:
    """The :data:`PREFIXES` as Turtle ``@prefix`` lines."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items())
