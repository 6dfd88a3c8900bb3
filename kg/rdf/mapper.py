"""Map the facts of one article to the triples of its named graph (see docs/model.md).

The mapper emits plain ``(subject, predicate, object)`` tuples of rdflib terms into a list: cheap
to make, and turned into an rdflib graph, N-Quads text or a store load only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from .. import __version__
from ..article import Span
from ..facts import ArticleFacts, CaptivityFact, ClaimFact, Entity, EventFact
from ..parse.date_types import DateRange
from ..resources import load_toml
from . import namespaces as _ns
from .guards import cyclic_edges, figure_numbers, name_triples
from .iris import IriScheme
from .links import link_triples
from .literals import generated_at
from .roles import role_triples
from .shortcuts import figure_shortcut
from .stamps import STAMP_PROPERTIES, date_literal, stamps_precision, time_stamps
from .terms import term

__all__ = ["Triple", "MappedGraph", "map_facts", "generated_at"]

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]

# every term the mapper names is made once (see Terms)
DCTERMS, KG, NIF, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, TIME, XSD = _ns.terms_of(
    _ns.DCTERMS, _ns.KG, _ns.NIF, _ns.PROV, _ns.RDF, _ns.RDFS, _ns.SCHEMA, _ns.SEM, _ns.SKOS, _ns.TIME, _ns.XSD
)

_PRECISION_UNIT = {
    "hour": TIME.unitHour,
    "day": TIME.unitDay,
    "month": TIME.unitMonth,
    "year": TIME.unitYear,
    "decade": KG.unitDecade,
}

_TRUE = Literal(True)
_FALSE = Literal(False)


@dataclass(slots=True)
class MappedGraph:
    """The triples of one article's named graph."""

    iri: URIRef
    triples: list[Triple]
    scheme: IriScheme
    warnings: list[str] = field(default_factory=list)


def counted_kind(kind: str | None, category: str) -> str | None:
    """The kind a figure counts: its own, else the default of ``data/mapping/figures.toml``."""
    if kind:
        return kind
    rules = load_toml("mapping", "figures.toml")
    return None if category in rules["materiel_categories"] else rules["default_kind"]


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


@lru_cache(maxsize=1 << 16)
def _offset(n: int) -> Literal:
    """A character offset (nif:beginIndex, nif:endIndex); the same offsets recur in every article."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


class _Emitter:
    def __init__(self, facts: ArticleFacts, scheme: IriScheme) -> None:
        self.facts = facts
        self.scheme = scheme
        self.out: list[Triple] = []
        self.shortcuts: list[Triple] = []  # side -> figure links (kg.rdf.shortcuts), added last
        self.spans: dict[Span, URIRef] = {}
        self.entity_iris: dict[str, URIRef] = {}
        self.warnings: list[str] = []
        self.add = self.out.append
        self.cyclic_after = cyclic_edges((k, b) for k, ev in facts.events.items() for b in ev.after)  # none written
        self.warnings += [
            f"{facts.events[k].label!r} after {facts.events[b].label!r} closes a cycle of 'after'; left out"
            for k, b in sorted(self.cyclic_after)
        ]

    # -- helpers ----------------------------------------------------------------------------------

    def span(self, span: Span) -> URIRef:
        iri = self.spans.get(span)
        if iri is None:
            iri = self.spans[span] = self.scheme.span(span.start, span.end)
        return iri

    def derived(self, node: URIRef, span: Span) -> None:
        self.add((node, PROV.wasDerivedFrom, self.span(span)))

    def kg_term(self, section: str, identifier: str) -> URIRef | None:
        found = term(section, identifier)
        if found is None:
            self.warnings.append(f"no vocabulary term for {section} {identifier!r}; left out")
        return found

    def entity(self, key: str) -> URIRef:
        iri = self.entity_iris.get(key)
        if iri is None:
            ent = self.facts.entities[key]
            iri = self.entity_iris[key] = self._entity_iri(ent)
        return iri

    def _entity_iri(self, ent: Entity) -> URIRef:
        if ent.local:
            return self.scheme.sub(self.scheme.battle, ent.local)
        if ent.kind == "state":
            return self.scheme.country(ent.name)
        if ent.kind == "person":
            return self.scheme.person(ent.name)
        if ent.kind == "place":
            return self.scheme.place(ent.name)
        return self.scheme.actor(ent.name)

    def event_iri(self, key: str) -> URIRef:
        ev = self.facts.events[key]
        return self.scheme.external_event(ev.label) if ev.external else self.scheme.event(ev.key)

    # -- parts ------------------------------------------------------------------------------------

    def provenance(self, iri: URIRef, when: datetime, source_name: str | None) -> None:
        s, a = self.scheme, self.facts.article
        doc = s.article
        context = s.span(0, len(a.text))
        self.add((iri, RDF.type, KG.ArticleGraph))
        self.add((iri, PROV.wasDerivedFrom, doc))
        self.add((iri, PROV.wasAttributedTo, KG.mapper))
        self.add((iri, KG.mapperVersion, Literal(__version__)))
        self.add((iri, PROV.generatedAtTime, Literal(when.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
        self.add((KG.mapper, RDF.type, PROV.SoftwareAgent))
        self.add((KG.mapper, RDFS.label, _en("kg mapper")))
        self.add((doc, RDF.type, KG.Article))
        self.add((doc, DCTERMS.title, _en(a.title)))
        self.add((doc, RDFS.label, _en(a.title)))  # named like any authority, for what it states itself
        if source_name:
            self.add((doc, DCTERMS.source, Literal(source_name)))
        self.add((doc, KG.text, context))
        self.add((doc, SCHEMA.about, s.battle))
        self.add((context, RDF.type, NIF.Context))
        self.add((context, RDF.type, NIF.RFC5147String))
        self.add((context, NIF.isString, Literal(a.text)))
        self.add((context, NIF.beginIndex, _offset(0)))
        self.add((context, NIF.endIndex, _offset(len(a.text))))
        self.spans[Span(0, len(a.text))] = context
        if a.infobox_span is not None:  # its span tells which claims come from the infobox
            self.add((s.infobox, RDF.type, KG.Infobox))
            self.add((s.infobox, RDFS.label, _en(f"infobox of {a.title}")))
            self.derived(s.infobox, a.infobox_span)

    def time(self, node: URIRef, rng: DateRange, span: Span) -> None:
        t = self.scheme.sub(node, "time")
        self.add((node, SEM.hasTime, t))
        self.add((t, RDF.type, SEM.Time))
        stamps = time_stamps(rng)
        for prop, value in stamps.items():
            self.add((t, STAMP_PROPERTIES[prop], value))
        if rng.ongoing:
            self.add((t, KG.ongoing, _TRUE))
        self.add((t, KG.timePrecision, _PRECISION_UNIT[stamps_precision(rng)]))
        if rng.calendar:
            self.add((t, KG.calendar, Literal(rng.calendar)))
        if rng.label:
            self.add((t, KG.dateLabel, _en(rng.label)))
        self.derived(t, span)

    def entities(self) -> None:
        for key, ent in self.facts.entities.items():
            iri = self.entity(key)
            self.add((iri, RDFS.label, _en(ent.name)))
            for alias in ent.aliases:
                self.add((iri, SCHEMA.alternateName, _en(alias)))
            if ent.kind == "place":
                self.add((iri, RDF.type, SEM.Place))
                self.add((iri, RDF.type, SCHEMA.Place))
            else:
                self.add((iri, RDF.type, SEM.Actor))
                actor_type = self.kg_term("actor_type", ent.kind)
                if actor_type is not None:
                    self.add((iri, SEM.actorType, actor_type))
                if ent.kind == "state":
                    self.add((iri, RDF.type, SEM.Place))
                    self.add((iri, RDF.type, SCHEMA.Country))
                elif ent.kind == "person":
                    self.add((iri, RDF.type, SCHEMA.Person))
                elif ent.kind == "unknown":
                    self.add((iri, RDF.type, KG.UnknownActor))
                else:
                    self.add((iri, RDF.type, SCHEMA.Organization))
            self.out.extend(name_triples(self.scheme, iri, ent))  # the link across articles, if any
            if ent.authority:
                self.add((iri, RDF.type, SEM.Authority))
            if ent.contained_in:
                self.add((iri, SCHEMA.containedInPlace, self.entity(ent.contained_in)))
            if ent.affiliated_with:
                self.add((iri, KG.affiliatedWith, self.entity(ent.affiliated_with)))
            if ent.body_of:  # "Ostian forces", "the Ostian government": a body of the state, not the state
                self.add((iri, KG.forcesOf if ent.kind == "armed_force" else KG.governmentOf, self.entity(ent.body_of)))
            if ent.spans:
                self.derived(iri, ent.spans[0])

    def event(self, ev: EventFact) -> None:
        node = self.event_iri(ev.key)
        self.add((node, RDF.type, SEM.Event))
        for t in ev.types:
            et = self.kg_term("event_type", t)
            if et is not None:
                self.add((node, SEM.eventType, et))
        self.add((node, RDFS.label, _en(ev.label)))
        for alias in ev.aliases:
            self.add((node, SCHEMA.alternateName, _en(alias)))
        self.derived(node, ev.span)
        if ev.time is not None:
            self.time(node, ev.time.range, ev.time.span)
        for n, loc in enumerate(ev.locations, 1):
            place = self.entity(loc.place)
            ln = self.scheme.sub(node, f"location/{n}")
            self.add((node, SEM.hasPlace, place))
            self.add((node, KG.location, ln))
            self.add((ln, RDF.type, KG.Location))
            self.add((ln, KG.place, place))
            relation = self.kg_term("relation", loc.relation)
            if relation is not None:
                self.add((ln, KG.spatialRelation, relation))
            if loc.present_day_of is not None:
                self.add((ln, KG.presentDayOf, self.scheme.sub(node, f"location/{loc.present_day_of + 1}")))
            self.derived(ln, loc.span)
        role_triples(self, node, ev)
        for about in ev.about:  # a statement (a claim of responsibility) about another event
            self.add((node, SCHEMA.about, self.event_iri(about)))
        for parent in ev.parents:
            self.add((node, SEM.subEventOf, self.event_iri(parent)))
        for cause in ev.causes:
            self.add((node, KG.cause, self.event_iri(cause)))
        for before in ev.after:
            if (ev.key, before) not in self.cyclic_after:
                self.add((node, TIME.after, self.event_iri(before)))  # OWL-Time: begins after the other ends
        if ev.territorial_change:
            self.add((node, KG.territorialChange, _en(ev.territorial_change)))

    def captivity(self, c: CaptivityFact) -> None:
        node = self.scheme.event(c.key)
        captive = self.entity(c.captive)
        self.add((node, RDF.type, KG.Captivity))
        self.add((node, RDF.type, SEM.Event))  # kg:Captivity ⊑ sem:Event, stated for engines without inference
        self.add((node, SEM.eventType, KG.Event))
        self.add((node, RDFS.label, _en(f"captivity of {self.facts.entities[c.captive].name}")))
        self.add((node, KG.captive, captive))
        if c.started_by is not None:
            self.add((node, TIME.intervalStartedBy, self.event_iri(c.started_by)))
        if c.ended_by is not None:
            self.add((node, TIME.intervalFinishedBy, self.event_iri(c.ended_by)))
        if c.time is not None:
            self.time(node, c.time.range, c.time.span)
        self.derived(node, c.span)

    def side_token(self, key: int | None) -> str:
        """A side key as infobox keys write the side (``2``, ``2a``); ``x`` for none."""
        side = self.facts.sides.get(key) if key is not None else None
        return side.token if side is not None else ("x" if key is None else str(key))

    def side_iri(self, key: int) -> URIRef:
        return self.scheme.side(self.side_token(key))

    def sides(self) -> None:
        battle = self.scheme.battle
        for key, side in sorted(self.facts.sides.items()):
            sn = self.side_iri(key)
            self.add((battle, KG.side, sn))
            self.add((sn, RDF.type, KG.Side))
            self.add((sn, KG.sideIndex, Literal(side.index)))
            if side.column:
                self.add((sn, KG.sideColumn, Literal(side.column)))
            self.add((sn, RDFS.label, _en(side.label)))
            for member in side.members:
                actor = self.entity(member)
                self.add((sn, SCHEMA.member, actor))
                self.add((battle, SEM.hasActor, actor))
            for supporter in side.supporters:
                self.add((sn, KG.supporter, self.entity(supporter)))
            self.derived(sn, side.span)

    def result(self) -> None:
        r = self.facts.result
        if r is None:
            return
        rn = self.scheme.sub(self.scheme.battle, "result")
        self.add((self.scheme.battle, KG.result, rn))
        self.add((rn, RDF.type, KG.Result))
        self.add((rn, RDFS.label, _en(r.text)))
        outcome = self.kg_term("outcome", r.outcome)
        if outcome is not None:
            self.add((rn, KG.outcome, outcome))
        if r.victor_side is not None:
            self.add((rn, KG.victor, self.side_iri(r.victor_side)))
        elif r.victor_text:  # a winner no side's names match ("Kelvar victory"): kept as named
            self.add((rn, KG.victorName, _en(r.victor_text)))
        for consequence in r.consequences:
            self.add((rn, KG.consequence, _en(consequence)))
        self.derived(rn, r.span)

    def claim(self, c: ClaimFact) -> None:
        cn = self.scheme.sub(self.scheme.battle, f"claim/{c.key}")
        self.add((cn, RDF.type, KG.Claim))
        self.add((cn, SCHEMA.about, self.event_iri(c.event)))
        category = self.kg_term("category", c.category)
        if category is not None:
            self.add((cn, KG.category, category))
        if c.side is not None:
            self.add((cn, KG.side, self.side_iri(c.side)))
        if c.authority == "infobox":
            authority = self.scheme.infobox
        elif c.authority == "article":
            authority = self.scheme.article
        else:
            authority = self.entity(c.authority)
        self.add((cn, SEM.accordingTo, authority))
        attribution = self.kg_term("attribution", c.attribution)
        if attribution is not None:
            self.add((cn, KG.attribution, attribution))
        if c.authority_text:
            self.add((cn, KG.authorityText, _en(c.authority_text)))
        if c.stated is not None:
            self.add((cn, KG.statedOn, date_literal(c.stated.start)))
        if c.stated_in is not None:
            self.add((cn, KG.statedIn, self.event_iri(c.stated_in)))
        if c.statement:
            self.add((cn, KG.statement, _en(c.statement)))
            if c.vague:
                self.add((cn, KG.vagueTerm, Literal(c.vague)))
        if c.subject is not None:
            self.add((cn, SCHEMA.object, self.entity(c.subject)))
        f = c.figure
        if f is not None:
            qv = self.scheme.sub(cn, "value")
            self.add((cn, RDF.value, qv))
            if c.event == "" and c.side is not None:  # side -> its figures, for JSON trees (kg.rdf.shortcuts)
                self.shortcuts.append(figure_shortcut(self.side_iri(c.side), c.category, qv))
            self.add((qv, RDF.type, SCHEMA.QuantitativeValue))
            for prop, number in figure_numbers(f.min, f.max, approximate=f.approximate):
                self.add((qv, prop, Literal(number)))
            if f.unit:
                self.add((qv, SCHEMA.unitText, Literal(f.unit)))
            kind_id = counted_kind(f.kind, c.category)
            if kind_id:
                kind = self.kg_term("kind", kind_id)
                if kind is not None:
                    self.add((qv, KG.countedKind, kind))
            self.add((qv, KG.approximate, _TRUE if f.approximate else _FALSE))
        self.derived(cn, c.span)

    def fields(self) -> None:
        doc = self.scheme.article
        counters: dict[str, int] = {}
        for report in self.facts.fields:
            if report.status not in ("unparsed", "partial"):
                continue
            key = report.field.key or "field"
            counters[key] = counters.get(key, 0) + 1
            fn = self.scheme.field(key, counters[key])
            self.add((doc, KG.unparsedField, fn))
            self.add((fn, RDF.type, KG.InfoboxField))
            self.add((fn, KG.fieldKey, Literal(report.field.key)))
            self.add((fn, KG.fieldValue, Literal(report.field.value)))
            self.add((fn, KG.parseStatus, KG.Unparsed if report.status == "unparsed" else KG.PartlyParsed))
            for piece in report.leftover:
                self.add((fn, KG.leftover, Literal(piece)))
            self.derived(fn, report.field.line)

    def span_nodes(self) -> None:
        text = self.facts.article.text
        context = self.scheme.span(0, len(text))
        for span, iri in self.spans.items():
            if iri == context:
                continue
            self.add((iri, RDF.type, NIF.RFC5147String))
            self.add((iri, NIF.beginIndex, _offset(span.start)))
            self.add((iri, NIF.endIndex, _offset(span.end)))
            self.add((iri, NIF.anchorOf, Literal(text[span.start : span.end])))
            self.add((iri, NIF.referenceContext, context))


def map_facts(facts: ArticleFacts, scheme: IriScheme, *, when: datetime | None = None) -> MappedGraph:
    """Map *facts* to the triples of the article's named graph."""
    em = _Emitter(facts, scheme)
    source = facts.article.source
    when = when or generated_at()
    em.provenance(scheme.graph, when, Path(source).name if source else None)
    for ev in facts.events.values():
        em.event(ev)
    em.sides()
    em.result()
    for claim in facts.claims:
        em.claim(claim)
    for captivity in facts.captivities:
        em.captivity(captivity)
    em.entities()
    em.out.extend(link_triples(facts, scheme, em.entity, when))  # codes, coordinates, sources (kg.rdf.links)
    em.fields()
    em.span_nodes()
    em.out.extend(sorted(em.shortcuts))
    return MappedGraph(scheme.graph, list(dict.fromkeys(em.out)), scheme, em.warnings)
