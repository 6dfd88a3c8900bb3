"""Namespaces: the established vocabularies kg reuses, and its own (``KG``).

``KG`` is an rdflib ``DefinedNamespace`` with ``_fail = True``: a term that is not defined in
``data/vocab/kg.ttl`` is an error at the line that names it, not a silent typo in the graph.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

__all__ = [
    "terms_of",
    "KG",
    "SEM",
    "SCHEMA",
    "NIF",
    "PROV",
    "RDF",
    "RDFS",
    "XSD",
    "TIME",
    "DCTERMS",
    "SKOS",
    "WD",
    "GEO",
    "OWL",
    "PREFIXES",
    "VOCAB_IRI",
    "turtle_prefixes",
    "Terms",
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
    Name: URIRef
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

    # concept schemes (one per controlled list)
    EventTypes: URIRef
    ActorTypes: URIRef
    RoleTypes: URIRef
    Statuses: URIRef
    Categories: URIRef
    CountedKinds: URIRef
    Attributions: URIRef
    Outcomes: URIRef
    SpatialRelations: URIRef
    ParseStatuses: URIRef

    # properties
    mapperVersion: URIRef
    text: URIRef
    location: URIRef
    place: URIRef
    spatialRelation: URIRef
    side: URIRef
    sideIndex: URIRef
    sideColumn: URIRef
    victorName: URIRef
    supporter: URIRef
    participation: URIRef
    status: URIRef
    rank: URIRef
    result: URIRef
    outcome: URIRef
    victor: URIRef
    consequence: URIRef
    category: URIRef
    attribution: URIRef
    statedOn: URIRef
    statedIn: URIRef
    statement: URIRef
    authorityText: URIRef
    approximate: URIRef
    vagueTerm: URIRef
    countedKind: URIRef
    affiliatedWith: URIRef
    forcesOf: URIRef
    governmentOf: URIRef
    sameNameAs: URIRef
    timePrecision: URIRef
    ongoing: URIRef
    calendar: URIRef
    unparsedField: URIRef
    fieldKey: URIRef
    fieldValue: URIRef
    parseStatus: URIRef
    leftover: URIRef
    cause: URIRef
    captive: URIRef
    territorialChange: URIRef
    dateLabel: URIRef
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    gleditschWardNumber: URIRef
    dbpediaResource: URIRef
    ruleSet: URIRef
    strengthFigure: URIRef
    casualtyFigure: URIRef

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
    Occurrence: URIRef
    Beginning: URIRef
    Ending: URIRef
    Seizure: URIRef
    Movement: URIRef
    Surrender: URIRef
    Agreement: URIRef
    Declaration: URIRef
    Election: URIRef
    Coup: URIRef
    Founding: URIRef
    Death: URIRef
    Protest: URIRef
    Accession: URIRef
    Resignation: URIRef
    Event: URIRef
    State: URIRef
    ArmedForce: URIRef
    ArmedGroup: URIRef
    Organization: URIRef
    NewsMedia: URIRef
    Person: URIRef
    Group: URIRef
    Government: URIRef
    Combatant: URIRef
    Commander: URIRef
    Unit: URIRef
    Perpetrator: URIRef
    Target: URIRef
    Victim: URIRef
    Organiser: URIRef
    Participant: URIRef
    Captor: URIRef
    Informant: URIRef
    Recipient: URIRef
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
    outside: URIRef
    across: URIRef
    off: URIRef
    beneath: URIRef
    northeastOf: URIRef
    northwestOf: URIRef
    southeastOf: URIRef
    southwestOf: URIRef
    spilloverInto: URIRef
    presentDayOf: URIRef
    unitDecade: URIRef
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
    "geo": str(GEO),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def turtle_prefixes() -> str:
    """The :data:`PREFIXES` as Turtle ``@prefix`` lines."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items())


class Terms:
    """A view of a namespace whose terms are made once.

    ``Terms(SCHEMA).about`` is the same URIRef object on every access (kept as an attribute of the
    view after the first), where rdflib's namespaces make a new one, through Python-level IRI
    checks, each time: the mapper names terms in its inner loops. A DefinedNamespace's rules
    still hold: ``Terms(KG).typo`` raises AttributeError.
    """

    def __init__(self, namespace: Namespace | type[DefinedNamespace]) -> None:
        self.__dict__["_ns"] = namespace

    def __getattr__(self, name: str) -> URIRef:  # only called for a term not made yet
        if name.startswith("__"):
            raise AttributeError(name)
        made = self.__dict__[name] = getattr(self.__dict__["_ns"], name)
        return made

    def __getitem__(self, name: str) -> URIRef:
        made = self.__dict__.get(name)
        if made is None:
            made = self.__dict__[name] = self.__dict__["_ns"][name]
        return made

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a namespace's terms cannot be set")

    def __str__(self) -> str:
        return str(self.__dict__["_ns"])

    def __repr__(self) -> str:
        return f"Terms({self.__dict__['_ns']!r})"


def terms_of(*namespaces: Namespace | type[DefinedNamespace]) -> tuple[Terms, ...]:
    """A :class:`Terms` view of each namespace, in order (``KG, SEM = terms_of(KG, SEM)``)."""
    return tuple(Terms(namespace) for namespace in namespaces)
