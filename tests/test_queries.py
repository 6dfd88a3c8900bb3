"""The stored queries: their headers, their exact answers, engines agreeing, parameters bound safely."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import GEO, XSD

import kg
from kg.errors import QueryError, ResourceError
from kg.query import (
    GraphTarget,
    OxigraphTarget,
    Param,
    QueryResult,
    StoredQuery,
    bind_params,
    get_query,
    parse_query,
    run_query,
    stored_queries,
)
from kg.rdf.namespaces import turtle_prefixes

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
KG = "https://w3id.org/conflict-kg/vocab#"
PREFIXES = {"kg": KG, "time": "http://www.w3.org/2006/time#"}
_DATE = re.compile(r"-?\d{4}-\d{2}-\d{2}\Z")
_YEAR_MONTH = re.compile(r"-?\d{4}-\d{2}\Z")
_YEAR = re.compile(r"-?\d{4}\Z")


def T(value: object) -> object:
    """A compact way to write expected terms.

    int/bool -> typed literal; "kg:X"/"time:X" -> IRI; "text@en" -> English label;
    "2009-07-04" -> xsd:date, "1901-05" -> xsd:gYearMonth, "1903" -> xsd:gYear; other text -> plain literal.
    """
    if value is None or isinstance(value, (Literal, URIRef)):
        return value
    if isinstance(value, (bool, int)):
        return Literal(value)
    assert isinstance(value, str)
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and local and " " not in value:
        return URIRef(PREFIXES[prefix] + local)
    if value.endswith("@en"):
        return Literal(value[:-3], lang="en")
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def point(lon: str, lat: str) -> Literal:
    return Literal(f"POINT({lon} {lat})", datatype=GEO.wktLiteral)


def decimal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


def rows(*expected: tuple) -> tuple[tuple, ...]:
    return tuple(tuple(T(v) for v in row) for row in expected)


# ---- the flagship article -----------------------------------------------------------------------

B = "Battle of Araouane (2009)@en"
INFOBOX = "infobox of Battle of Araouane (2009)@en"
#: the article itself, as the source of what its prose states with no one named (kg:ArticleAttribution);
#: its name is its title (dcterms:title), the same words as the battle's label
ARTICLE = "Battle of Araouane (2009)@en"
JA = "Jeune Afrique@en"
AQIM = "AQIM@en"
SURVIVORS = "Survivors of the battle@en"
YAHYA = "Hamma Ould Mohamed Yahya@en"
GRAPH_IRI = URIRef("https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)")
DAY = "time:unitDay"
HOUR = "time:unitHour"
MONTH = "time:unitMonth"
BOX = "kg:InfoboxAttribution"
SAID = "kg:ExplicitAttribution"
CARRIED = "kg:CarriedAttribution"
TOLD = "kg:ArticleAttribution"
CAS1 = "- Casualties1: 16\u201328 killed, 3-30 prisoners"
CAS2 = "- Casualties2: 1\u201320 killed"
STR1 = "- Strength1: 70 men, 12 pick-ups"
STR2 = "- Strength2: ~40 men"
# the prose sentences the figures are read from (copied from data/battle_of_araouane_2009.txt)
OFFENSIVE = (
    "Malian forces launched an offensive against AQIM in retaliation for the assassination on June 16, "
    "near Garn-Akassa, killing sixteen to twenty-six jihadists."
)
PATROL = (
    "Hamma Ould Mohamed Yahya, the Malian deputy commander in Tombouctou Region, organized a patrol of "
    "seventy men on twelve pick-ups to intersect the convoy."
)
GUNNER = (
    "The trafficker's vehicle was spotted by the Malian forces, but managed to escape, although Malian forces "
    "killed a machine gunner."
)
AMBUSH = "Between 3 and 4am the following night, around forty AQIM jihadists ambushed the Malian soldiers."
SURVIVED = (
    'Survivors of the battle stated that "of the twelve army vehicles, six were destroyed with their occupants, '
    "and the other six were scattered in the desert. We don't yet know who is alive and who is dead.\""
)
JA_LOSSES = "Sixteen Malian soldiers were killed and twenty were taken prisoner, including Yahya."
JA_JIHADISTS = "Between one and twenty jihadists were killed as well."
AQIM_CLAIM = (
    "AQIM claimed responsibility for the ambush on July 8, and claimed the deaths of twenty-eight Malian "
    "soldiers and capture of three others."
)
AQIM_OWN = "AQIM also claimed one Mauritanian within their ranks was killed."
# the ambush: "Between 3 and 4am the following night" after July 3, 2009: the hours bound its
# beginning (earliest/latest begin), its stamps are its day (issue 12 item 6: no stamp finer than the text)
AMBUSH_START = Literal("2009-07-04", datatype=XSD.date)
AMBUSH_END = Literal("2009-07-04", datatype=XSD.date)
AMBUSH_EVENT = "Ambush by AQIM on 2009-07-04@en"
ASSASSINATION = "Assassination by AQIM on 2009-06-11@en"
# issue 12 item 3: "Malian forces", "American intelligence" are actors of their own, not the states
OFFENSIVE_EVENT = "Offensive by Malian forces on 2009-06-16@en"
ESCAPE = "Escape by drug traffickers on 2009-07-03@en"  # item 5 of issue 12: who escaped
INTELLIGENCE = "Intelligence report by American intelligence on 2009-07-03@en"
KILLING = "Killing by Malian forces on 2009-07-03@en"
PATROL_EVENT = "Patrol by Hamma Ould Mohamed Yahya on 2009-07-03@en"
SIGHTING = "Sighting by Malian forces on 2009-07-03@en"
CAPTURE = "Capture on 2009-07-04@en"
CAPTIVITY = "captivity of Hamma Ould Mohamed Yahya@en"
RESPONSIBILITY = "Claim of responsibility by AQIM on 2009-07-08@en"
RELEASE = "Release on 2012-03@en"


class Wrong(NamedTuple):
    """What the flagship graph gets wrong today for one query (its full answer is a strict xfail, so a fix shows).

    ``given``: rows the query answers that the article does not support (never expected);
    ``missing``: rows of the expected answer the query does not give.
    Every other row is still checked exactly (``test_flagship_answer_apart_from_what_is_wrong``).
    """

    reason: str
    given: tuple[tuple, ...]
    missing: tuple[tuple, ...]


#: Every stored query, with its exact answer on the flagship article (written from the article text and
#: the twelve items of issue 3; rows the graph gets wrong are expected right and listed in WRONG_IN_GRAPH).
EXPECTED: dict[str, tuple[tuple, ...]] = {
    # "Date: July 4, 2009" -> one day; "Place: near Araouane, Mali"; Araouane is GeoNames 2460954
    "when-where": rows((B, "2009-07-04", "2009-07-04", DAY, "kg:near", "Araouane@en", "Mali@en", point("-3.52649", "18.90476"))),
    # the two places GeoNames has in Mali: Araouane (infobox, with Mali) and Timbuktu (prose, no country:
    # the battle's); Garn-Akassa is not a populated place of GeoNames, Tombouctou Region not a town
    "places": rows(
        (B, "Araouane@en", decimal("18.90476"), decimal("-3.52649"), URIRef("https://sws.geonames.org/2460954/"), "Mali@en", "ML"),
        (B, "Timbuktu@en", decimal("16.77348"), decimal("-3.00742"), URIRef("https://sws.geonames.org/2449067/"), "Mali@en", "ML"),
    ),
    # "Combatant1: Mali"; "Combatant2: AQIM and affiliated drug traffickers"
    "sides": rows(
        (B, 1, "Mali@en", "kg:State", "member"),
        (B, 2, AQIM, "kg:ArmedGroup", "member"),
        (B, 2, "drug traffickers@en", "kg:ArmedGroup", "member"),
    ),
    # "Commander1: Hamma Ould Mohamed YahyaPOW" (POW: captured, no rank); "Commander2: Unknown"
    "commanders": rows(
        (B, 1, YAHYA, None, "kg:Captured"),
        (B, 2, "unknown@en", None, None),
    ),
    # of the battle: "Strength1: 70 men, 12 pick-ups"; "Strength2: ~40 men" (about: approximate);
    # the survivors: "of the twelve army vehicles"; the article: "around forty AQIM jihadists ambushed"
    # (the patrol's "seventy men on twelve pick-ups" is about the patrol of July 3, see figures)
    "strength": rows(
        (B, 1, 12, 12, False, "army vehicles", "kg:Vehicle", SURVIVORS),
        (B, 1, 12, 12, False, "pick-ups", "kg:Vehicle", INFOBOX),
        (B, 1, 70, 70, False, "men", "kg:Personnel", INFOBOX),
        (B, 2, 40, 40, True, "AQIM jihadists", "kg:Personnel", ARTICLE),
        (B, 2, 40, 40, True, "men", "kg:Personnel", INFOBOX),
    ),
    # side 1: infobox "16–28 killed, 3-30 prisoners"; survivors "six were destroyed with their occupants,
    # and the other six were scattered in the desert" (army vehicles: destroyed, missing); Jeune Afrique
    # "Sixteen Malian soldiers were killed and twenty were taken prisoner"; AQIM "the deaths of
    # twenty-eight Malian soldiers and capture of three others". Side 2: infobox "1–20 killed";
    # Jeune Afrique "Between one and twenty jihadists were killed"; AQIM "one Mauritanian within their
    # ranks was killed". The government's "losses were recorded on both sides" has no figure.
    "casualties": rows(
        (B, 1, "kg:Captured", 3, 3, False, None, AQIM),
        (B, 1, "kg:Captured", 3, 30, False, None, INFOBOX),
        (B, 1, "kg:Captured", 20, 20, False, None, JA),
        (B, 1, "kg:Destroyed", 6, 6, False, "army vehicles", SURVIVORS),
        (B, 1, "kg:Killed", 16, 16, False, "Malian soldiers", JA),
        (B, 1, "kg:Killed", 16, 28, False, None, INFOBOX),
        (B, 1, "kg:Killed", 28, 28, False, "Malian soldiers", AQIM),
        (B, 1, "kg:Missing", 6, 6, False, "army vehicles", SURVIVORS),
        (B, 2, "kg:Killed", 1, 1, False, None, AQIM),
        (B, 2, "kg:Killed", 1, 20, False, None, INFOBOX),
        (B, 2, "kg:Killed", 1, 20, False, "jihadists", JA),
    ),
    # who claimed each figure and when: only AQIM's claims are dated ("on July 8", and "AQIM also
    # claimed" shares it); Jeune Afrique's figures follow "Jeune Afrique reported that" (carried over);
    # what the prose states with no one named is the article's own (the offensive's sixteen to
    # twenty-six jihadists, the patrol, the machine gunner killed by Mali (so of side 2), the forty)
    # item 7: "The Malian government did not release any information about the ambush, only
    # announcing "very deadly skirmishes" and that "losses were recorded on both sides."": a claim
    # of the government (the Malian government, an actor of its own linked to Mali: issue 12 item 3),
    # in words, with no figure
    "statements": rows(
        (B, None, "kg:Casualties", "very deadly skirmishes; losses were recorded on both sides@en", None, "Malian government@en", SAID, None,
         'The Malian government did not release any information about the ambush, only announcing "very deadly '
         'skirmishes" and that "losses were recorded on both sides."'),
    ),
    "figures": rows(
        (B, 1, "kg:Captured", 3, 3, AQIM, SAID, "2009-07-08", AQIM_CLAIM),
        (B, 1, "kg:Captured", 3, 30, INFOBOX, BOX, None, CAS1),
        (B, 1, "kg:Captured", 20, 20, JA, CARRIED, None, JA_LOSSES),
        (B, 1, "kg:Destroyed", 6, 6, SURVIVORS, SAID, None, SURVIVED),
        (B, 1, "kg:Killed", 16, 16, JA, CARRIED, None, JA_LOSSES),
        (B, 1, "kg:Killed", 16, 28, INFOBOX, BOX, None, CAS1),
        (B, 1, "kg:Killed", 28, 28, AQIM, SAID, "2009-07-08", AQIM_CLAIM),
        (B, 1, "kg:Missing", 6, 6, SURVIVORS, SAID, None, SURVIVED),
        (B, 1, "kg:Strength", 12, 12, SURVIVORS, SAID, None, SURVIVED),
        (B, 1, "kg:Strength", 12, 12, INFOBOX, BOX, None, STR1),
        (B, 1, "kg:Strength", 70, 70, INFOBOX, BOX, None, STR1),
        (B, 2, "kg:Killed", 1, 1, AQIM, SAID, "2009-07-08", AQIM_OWN),
        (B, 2, "kg:Killed", 1, 20, JA, CARRIED, None, JA_JIHADISTS),
        (B, 2, "kg:Killed", 1, 20, INFOBOX, BOX, None, CAS2),
        (B, 2, "kg:Strength", 40, 40, ARTICLE, TOLD, None, AMBUSH),
        (B, 2, "kg:Strength", 40, 40, INFOBOX, BOX, None, STR2),
        (KILLING, 2, "kg:Killed", 1, 1, ARTICLE, TOLD, None, GUNNER),  # killed by Mali: the other side
        (OFFENSIVE_EVENT, 2, "kg:Killed", 16, 26, ARTICLE, TOLD, None, OFFENSIVE),
        (PATROL_EVENT, 1, "kg:Strength", 12, 12, ARTICLE, TOLD, None, PATROL),
        (PATROL_EVENT, 1, "kg:Strength", 70, 70, ARTICLE, TOLD, None, PATROL),
    ),
    # "Result: AQIM and allied victory": side 2 won
    "result": rows(
        (B, "kg:Victory", "AQIM and allied victory@en", 2, AQIM, None),
        (B, "kg:Victory", "AQIM and allied victory@en", 2, "drug traffickers@en", None),
    ),
    # every infobox field of the article is read
    "unparsed-fields": rows(),
    # items 1-11 of issue 3: June 11 (assassination), June 16 (offensive); July 3 (the intelligence, the
    # patrol, the convoy spotted, escaping, its machine gunner killed: told before "the following night");
    # July 4 (the battle, the capture of twenty "including Yahya", the ambush "Between 3 and 4am",
    # hour precision); Yahya's captivity from his capture to his release; July 8 (AQIM's claim);
    # March 2012 (the release, month precision). Same day: by label.
    "timeline": rows(
        (B, "2009-06-11", "2009-06-11", DAY, ASSASSINATION, "kg:Assassination"),
        (B, "2009-06-16", "2009-06-16", DAY, OFFENSIVE_EVENT, "kg:Offensive"),
        (B, "2009-07-03", "2009-07-03", DAY, ESCAPE, "kg:Escape"),
        (B, "2009-07-03", "2009-07-03", DAY, INTELLIGENCE, "kg:IntelligenceReport"),
        (B, "2009-07-03", "2009-07-03", DAY, KILLING, "kg:Killing"),
        (B, "2009-07-03", "2009-07-03", DAY, PATROL_EVENT, "kg:Patrol"),
        (B, "2009-07-03", "2009-07-03", DAY, SIGHTING, "kg:Sighting"),
        (B, "2009-07-04", "2009-07-04", DAY, B, "kg:Battle"),
        (B, "2009-07-04", "2009-07-04", DAY, CAPTURE, "kg:Capture"),
        (B, "2009-07-04", "2012-03", MONTH, CAPTIVITY, "kg:Event"),
        (B, AMBUSH_START, AMBUSH_END, DAY, AMBUSH_EVENT, "kg:Ambush"),
        (B, "2009-07-08", "2009-07-08", DAY, RESPONSIBILITY, "kg:ClaimOfResponsibility"),
        (B, "2012-03", "2012-03", MONTH, RELEASE, "kg:Release"),
    ),
    # the min of the mins and the max of the maxes over every source: killed on side 1, infobox 16-28,
    # Jeune Afrique 16, AQIM 28; captured, infobox 3-30, Jeune Afrique 20, AQIM 3; killed on side 2,
    # infobox 1-20, Jeune Afrique 1-20, AQIM 1; strength of side 2, infobox ~40 and the article's
    # "around forty"; side 1's vehicles, infobox 12 pick-ups and the survivors' twelve army vehicles
    "envelope": rows(
        (B, 1, "kg:Captured", "kg:Personnel", 3, 30, 0, 3, 3),
        (B, 1, "kg:Destroyed", "kg:Vehicle", 6, 6, 0, 1, 1),
        (B, 1, "kg:Killed", "kg:Personnel", 16, 28, 0, 3, 3),
        (B, 1, "kg:Missing", "kg:Vehicle", 6, 6, 0, 1, 1),
        (B, 1, "kg:Strength", "kg:Personnel", 70, 70, 0, 1, 1),
        (B, 1, "kg:Strength", "kg:Vehicle", 12, 12, 0, 2, 2),
        (B, 2, "kg:Killed", "kg:Personnel", 1, 20, 0, 3, 3),
        (B, 2, "kg:Strength", "kg:Personnel", 40, 40, 0, 2, 2),
    ),
    # pairs ordered by source IRI (actor/Battle_of_Araouane_(2009)/AQIM < actor/Battle_of_Araouane_(2009)/Jeune_Afrique < article/.../infobox); the
    # difference is the larger gap between the bounds, the gap the distance between the ranges (0 when
    # they meet). Jeune Afrique and the infobox agree on side 2 (1-20); the strengths all agree.
    "disagreements": rows(
        (B, 1, "kg:Captured", AQIM, 3, 3, JA, 20, 20, 17, 17),
        (B, 1, "kg:Captured", AQIM, 3, 3, INFOBOX, 3, 30, 27, 0),
        (B, 1, "kg:Captured", JA, 20, 20, INFOBOX, 3, 30, 17, 0),
        (B, 1, "kg:Killed", AQIM, 28, 28, JA, 16, 16, 12, 12),
        (B, 1, "kg:Killed", AQIM, 28, 28, INFOBOX, 16, 28, 12, 0),
        (B, 1, "kg:Killed", JA, 16, 16, INFOBOX, 16, 28, 12, 0),
        (B, 2, "kg:Killed", AQIM, 1, 1, JA, 1, 20, 19, 0),
        (B, 2, "kg:Killed", AQIM, 1, 1, INFOBOX, 1, 20, 19, 0),
    ),
    # the battle came after the events of July 3, which came after the offensive of June 16, which
    # came after the assassination of June 11 and was "in retaliation for" it (item 2)
    "causes": rows(
        (B, OFFENSIVE_EVENT, "time:after", ASSASSINATION, "kg:Assassination", "2009-06-11"),
        (B, OFFENSIVE_EVENT, "kg:cause", ASSASSINATION, "kg:Assassination", "2009-06-11"),
        (B, ESCAPE, "time:after", OFFENSIVE_EVENT, "kg:Offensive", "2009-06-16"),
        (B, INTELLIGENCE, "time:after", OFFENSIVE_EVENT, "kg:Offensive", "2009-06-16"),
        (B, KILLING, "time:after", OFFENSIVE_EVENT, "kg:Offensive", "2009-06-16"),
        (B, PATROL_EVENT, "time:after", OFFENSIVE_EVENT, "kg:Offensive", "2009-06-16"),
        (B, SIGHTING, "time:after", OFFENSIVE_EVENT, "kg:Offensive", "2009-06-16"),
        (B, B, "time:after", ESCAPE, "kg:Escape", "2009-07-03"),
        (B, B, "time:after", INTELLIGENCE, "kg:IntelligenceReport", "2009-07-03"),
        (B, B, "time:after", KILLING, "kg:Killing", "2009-07-03"),
        (B, B, "time:after", PATROL_EVENT, "kg:Patrol", "2009-07-03"),
        (B, B, "time:after", SIGHTING, "kg:Sighting", "2009-07-03"),
    ),
    # Yahya "organized a patrol" on July 3; commanded and was captured in the battle ("twenty were taken
    # prisoner, including Yahya"); held from July 4, 2009 until "released in March 2012" (items 4, 9, 11)
    "commander-fates": rows(
        (B, YAHYA, 1, "2009-07-03", "2009-07-03", DAY, PATROL_EVENT, "kg:Patrol", "kg:Organiser", None),
        (B, YAHYA, 1, "2009-07-04", "2009-07-04", DAY, B, "kg:Battle", "kg:Commander", "kg:Captured"),
        (B, YAHYA, 1, "2009-07-04", "2009-07-04", DAY, CAPTURE, "kg:Capture", "kg:Victim", "kg:Captured"),
        (B, YAHYA, 1, "2009-07-04", "2012-03", MONTH, CAPTIVITY, "kg:Event", "kg:captive", None),
        (B, YAHYA, 1, "2012-03", "2012-03", MONTH, RELEASE, "kg:Release", "kg:Victim", "kg:Released"),
    ),
    "actor-battles": rows(
        (AQIM, B, "2009-07-04", 2, "member"),
        (YAHYA, B, "2009-07-04", 1, "commander"),
        ("Mali@en", B, "2009-07-04", 1, "member"),
        ("drug traffickers@en", B, "2009-07-04", 2, "member"),
    ),
    # across a store (tests/test_store_questions.py has a store of several articles); on the flagship:
    # killed, side 1 16-28 (infobox, Jeune Afrique 16, AQIM 28), side 2 1-20: 17 to 48 in 2009, in Mali
    "deaths-per-year": rows((2009, 1, 17, 48)),
    "deaths-per-country": rows(("Mali", 1, 17, 48)),
    # AQIM and its affiliated drug traffickers won (Result: AQIM and allied victory)
    "battles-per-actor": rows((AQIM, 1, 1, 2009, 2009), ("Mali@en", 1, 0, 2009, 2009), ("drug traffickers@en", 1, 1, 2009, 2009)),
    # one battle: no commander of several
    "commanders-across-battles": rows(),
    "articles": rows(
        (
            "Battle of Araouane (2009)@en",
            "battle_of_araouane_2009.txt",
            GRAPH_IRI,
            kg.__version__,
            Literal("2026-01-02T03:04:05Z", datatype=XSD.dateTime),
        ),
    ),
}


def _article_source(expected: tuple[tuple, ...], column: int) -> tuple[tuple, ...]:
    """The rows of an answer whose source is the article, as the query gives them today (no source)."""
    return tuple(row[:column] + (None,) + row[column + 1 :] for row in expected if row[column] == T(ARTICLE))


def _article_rows(expected: tuple[tuple, ...], column: int) -> tuple[tuple, ...]:
    """The rows of an answer whose source is the article, as they should be."""
    return tuple(row for row in expected if row[column] == T(ARTICLE))


_NO_ARTICLE_NAME = (
    "a figure the prose states with no one named is kg:ArticleAttribution with sem:accordingTo the article "
    "(docs/prose.md), but the query names a source by its rdfs:label and the kg:Article node has only "
    "dcterms:title, so the source column is empty for the article's own figures"
)

#: query name -> what the flagship graph (or the query on it) gets wrong today; see Wrong.
WRONG_IN_GRAPH: dict[str, Wrong] = {}

MALI_BATTLES = rows(("Mali@en", B, "2009-07-04", 1, "member"))

#: Queries with parameters on the flagship: (query, params, answer).
PARAM_CASES = [
    # issue 3: side 1 killed across the infobox (16-28), Jeune Afrique (16) and AQIM's claim (28)
    ("envelope", {"side": "1", "category": "Killed"}, rows((B, 1, "kg:Killed", "kg:Personnel", 16, 28, 0, 3, 3))),
    # infobox 3-30, Jeune Afrique 20, AQIM 3
    ("envelope", {"category": "kg:Captured"}, rows((B, 1, "kg:Captured", "kg:Personnel", 3, 30, 0, 3, 3))),
    # infobox 1-20, Jeune Afrique 1-20, AQIM one Mauritanian
    ("envelope", {"side": "2", "category": "killed"}, rows((B, 2, "kg:Killed", "kg:Personnel", 1, 20, 0, 3, 3))),
    # infobox ~40 men, the article's "around forty AQIM jihadists"
    ("envelope", {"side": "2", "category": "strength"}, rows((B, 2, "kg:Strength", "kg:Personnel", 40, 40, 0, 2, 2))),
    ("envelope", {"side": "3"}, rows()),
    ("disagreements", {"side": "1", "category": "Killed"}, EXPECTED["disagreements"][3:6]),
    ("disagreements", {"category": "Captured"}, EXPECTED["disagreements"][:3]),
    ("disagreements", {"side": "2"}, EXPECTED["disagreements"][6:]),
    ("disagreements", {"category": "Strength"}, rows()),  # 12 pick-ups / twelve army vehicles; ~40 / around forty
    ("actor-battles", {"actor": "Mali"}, MALI_BATTLES),
    ("actor-battles", {"actor": "Hamma Ould Mohamed Yahya"}, rows((YAHYA, B, "2009-07-04", 1, "commander"))),
    ("actor-battles", {"actor": "mali"}, MALI_BATTLES),  # a name matches its label whatever the case
    ("actor-battles", {"actor": "MALI"}, MALI_BATTLES),
    ("actor-battles", {"actor": "Mal"}, rows()),  # but the whole name
    ("battles-per-actor", {"actor": "aqim"}, rows((AQIM, 1, 1, 2009, 2009))),
]


@pytest.fixture(scope="module")
def flagship():
    from kg.pipeline import build

    return build(FLAGSHIP, base="https://w3id.org/conflict-kg/id/", when=WHEN).graph


@pytest.fixture(scope="module")
def engines(flagship):
    return {"rdflib": GraphTarget.from_mapped(flagship), "pyoxigraph": OxigraphTarget.from_mapped(flagship)}


@pytest.fixture(scope="module")
def answer(engines):
    """A function: a stored query's answer over the flagship on an engine, computed once for the
    module (the tests only read it)."""
    answers: dict = {}

    def get(name: str, engine: str):
        if (name, engine) not in answers:
            answers[name, engine] = run_query(name, engines[engine])
        return answers[name, engine]

    return get


def _wrong(name: str) -> list:
    """A strict xfail for a query whose flagship answer is wrong today (XPASS, and so failure, once fixed)."""
    return [pytest.mark.xfail(strict=True, reason=WRONG_IN_GRAPH[name].reason)] if name in WRONG_IN_GRAPH else []


def _expected_cases():
    for name in EXPECTED:
        for engine in ("rdflib", "pyoxigraph"):
            yield pytest.param(name, engine, id=f"{name}-{engine}", marks=_wrong(name))


def test_every_stored_query_has_an_expected_answer():
    assert sorted(EXPECTED) == sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert sorted(EXPECTED) == sorted(stored_queries())


@pytest.mark.parametrize(("name", "engine"), _expected_cases())
def test_flagship_answer(answer, name, engine):
    result = answer(name, engine)
    assert result.rows == EXPECTED[name]


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
@pytest.mark.parametrize("name", sorted(WRONG_IN_GRAPH))
def test_flagship_answer_apart_from_what_is_wrong(answer, name, engine):
    """Where a query's answer is wrong today, every row the fault does not touch is still exact."""
    wrong = WRONG_IN_GRAPH[name]
    assert not set(wrong.given) & set(EXPECTED[name]) and set(wrong.missing) <= set(EXPECTED[name])
    got = answer(name, engine).rows
    untouched = [row for row in got if row not in wrong.given and row not in wrong.missing]
    assert untouched == [row for row in EXPECTED[name] if row not in wrong.missing]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rdflib_and_pyoxigraph_agree(answer, name):
    a = answer(name, "rdflib")
    b = answer(name, "pyoxigraph")
    assert a.variables == b.variables
    assert a.rows == b.rows


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    PARAM_CASES,
    ids=[f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items())}" for n, p, _ in PARAM_CASES],
)
@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
def test_flagship_answer_with_params(engines, engine, name, params, expected):
    assert run_query(name, engines[engine], params=params).rows == expected


def test_plain_graph_is_filed_as_the_article_graph(flagship):
    plain = Graph()
    for triple in flagship.triples:
        plain.add(triple)
    assert run_query("when-where", plain).rows == EXPECTED["when-where"]
    assert run_query("articles", OxigraphTarget.from_graph(plain)).rows[0][2] == GRAPH_IRI


# ---- headers ----------------------------------------------------------------------------------

QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_file_is_well_formed(path):
    text = path.read_text(encoding="utf-8")
    q = parse_query(text, name=path.stem, path=path)  # strict: summary, question, parameters
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", q.name)
    assert q.summary[0].isupper() and not q.summary.endswith(".") and len(q.summary) <= 80
    assert "?" in q.question
    head = text.split("PREFIX", 1)[0].splitlines()
    assert all(line.startswith("# ") for line in head if line)
    assert ("# parameters: none" in head) == (not q.params)
    body = text.split("WHERE", 1)[1]
    assert re.search(r"GRAPH \?\w+ \{", body), "the convention: match inside GRAPH ?g { ... }"
    assert re.search(r"\bORDER BY\b", body)
    assert not re.search(r"\b(FROM|SERVICE|INSERT|DELETE|LOAD|CLEAR|DROP)\b", text), "portable SELECT only"
    for p in q.params:
        assert p.description and p.default is None  # "default: none": unbound means every value
        bind_params(q, {})  # a datatype the library knows


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# question: Why?\n# parameters: none\n", "no '# summary:' line"),
        ("# summary: S\n# parameters: none\n", "no '# question:' line"),
        ("# summary: S\n# question: Why?\n", "either '# parameters: none' or '# param:' lines"),
        ("# summary: S\n# question: Why?\n# parameters: some\n", "write '# parameters: none'"),
        ("# summary: S\n# question: Why?\n# param: side xsd:integer  The side\n", "malformed parameter"),
        ("# summary: S\n# question: Why?\n# param: side xsd:float  The side  default: none\n", "unknown parameter datatype 'xsd:float'"),
        ("# summary: S\n# question: Why?\n# param: nope xsd:integer  Not projected  default: none\n", "?nope must be a variable of the SELECT clause"),
        ("# summary: S\n# summary: T\n# question: Why?\n# parameters: none\n", "'summary' given twice"),
        ("# summary: S\n# question: Why?\n# parameters: none\n# author: me\n", "malformed header line '# author: me'"),
    ],
    ids=["no-summary", "no-question", "no-parameters-line", "parameters-not-none", "param-without-default",
         "unknown-datatype", "param-not-projected", "summary-twice", "unknown-header-key"],
)
def test_malformed_header_is_a_resource_error(header, message):
    text = header + "SELECT ?side WHERE { GRAPH ?g { ?s ?p ?side } } ORDER BY ?side\n"
    with pytest.raises(ResourceError, match=re.escape(message)):
        parse_query(text, name="broken")


# ---- parameters ---------------------------------------------------------------------------------


def _param(datatype: str) -> StoredQuery:
    return StoredQuery("q", "S", "Q?", (Param("x", datatype, "d", None),), "SELECT ?x {}", None)


@pytest.mark.parametrize(
    ("datatype", "value", "term"),
    [
        ("xsd:integer", " 2 ", Literal("2", datatype=XSD.integer)),
        ("xsd:integer", "-7", Literal("-7", datatype=XSD.integer)),
        ("xsd:decimal", "2.5", Literal("2.5", datatype=XSD.decimal)),
        ("xsd:date", "2009-07-04", Literal("2009-07-04", datatype=XSD.date)),
        ("xsd:gYear", "2012", Literal("2012", datatype=XSD.gYear)),
        ("xsd:boolean", "TRUE", Literal(True)),
        ("xsd:string", 'x" } ; DROP ALL ; #', Literal('x" } ; DROP ALL ; #')),
        ("rdf:langString@en", "Mali", Literal("Mali", lang="en")),
        ("kg:Category", "Killed", URIRef(KG + "Killed")),
        ("kg:Category", "killed", URIRef(KG + "Killed")),
        ("kg:Category", "kg:KilledOrWounded", URIRef(KG + "KilledOrWounded")),
        ("kg:Category", KG + "Captured", URIRef(KG + "Captured")),
        ("kg:Status", "captured", URIRef(KG + "Captured")),
        ("iri", "kg:near", URIRef(KG + "near")),
        ("iri", "https://w3id.org/conflict-kg/id/country/mali", URIRef("https://w3id.org/conflict-kg/id/country/mali")),
    ],
    ids=["integer-padded", "integer-negative", "decimal", "date", "year", "boolean-upper", "string-with-quotes",
         "english-label", "category", "category-lower", "category-prefixed", "category-full-iri", "status",
         "iri-prefixed", "iri-absolute"],
)
def test_parameter_is_bound_as_a_typed_term(datatype, value, term):
    bound = bind_params(_param(datatype), {"x": value})["x"]
    assert bound == term and type(bound) is type(term)


@pytest.mark.parametrize(
    ("datatype", "value", "message"),
    [
        ("xsd:integer", "one", "parameter x: 'one' is not a valid xsd:integer (write a whole number)"),
        ("xsd:integer", '1 } ; DROP ALL ; #', "parameter x: '1 } ; DROP ALL ; #' is not a valid xsd:integer"),
        ("xsd:integer", "1.5", "parameter x: '1.5' is not a valid xsd:integer"),
        ("xsd:decimal", "1,5", "parameter x: '1,5' is not a valid xsd:decimal"),
        ("xsd:date", "2009-02-30", "parameter x: '2009-02-30' is not a valid xsd:date (no such day)"),
        ("xsd:date", "July 4, 2009", "parameter x: 'July 4, 2009' is not a valid xsd:date (write YYYY-MM-DD)"),
        ("xsd:boolean", "maybe", "parameter x: 'maybe' is not a valid xsd:boolean"),
        ("kg:Category", "Kiled", "parameter x: 'Kiled' is not a valid kg:Category (one of Captured, Casualties,"),
        ("kg:Category", "Victory", "parameter x: 'Victory' is not a valid kg:Category"),
        ("iri", "not an iri", "parameter x: 'not an iri' is not a valid iri"),
        ("iri", "http://x/> } DROP ALL", "parameter x: 'http://x/> } DROP ALL' is not a valid iri"),
    ],
    ids=["integer-word", "integer-injection", "integer-decimal", "decimal-comma", "date-no-such-day",
         "date-prose", "boolean-maybe", "category-typo", "category-is-outcome", "iri-words", "iri-injection"],
)
def test_bad_parameter_value_is_a_query_error(datatype, value, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        bind_params(_param(datatype), {"x": value})


def test_unknown_parameter_is_a_query_error():
    with pytest.raises(QueryError, match=r"^query envelope has no parameter 'sid'; its parameters: side, category$"):
        bind_params(get_query("envelope"), {"sid": "1"})
    with pytest.raises(QueryError, match=r"^query casualties has no parameter 'side'; it takes no parameters$"):
        bind_params(get_query("casualties"), {"side": "1"})


def test_unknown_query_name_lists_the_known_names():
    with pytest.raises(QueryError) as err:
        get_query("casualty")
    assert str(err.value) == "unknown query 'casualty'; known queries: " + ", ".join(sorted(EXPECTED))


class _Recorder:
    """A Target that records what it is asked."""

    def __init__(self):
        self.calls = []

    def select(self, sparql, bindings=None):
        self.calls.append((sparql, dict(bindings or {})))
        return ["actor"], []


INJECTION = 'x" } ; DROP ALL ; #'


def test_parameter_never_changes_the_query_text():
    recorder = _Recorder()
    run_query("actor-battles", recorder, params={"actor": INJECTION})
    # a name is first looked up among the labels (any case), bound as a term there too
    [(lookup, looked_up), (sparql, bindings)] = recorder.calls
    assert INJECTION not in lookup and looked_up == {"name": Literal(INJECTION, lang="en")}
    assert sparql == get_query("actor-battles").text
    assert bindings == {"actor": Literal(INJECTION, lang="en")}


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
def test_injection_attempt_matches_nothing_and_drops_nothing(engines, engine, flagship):
    target = engines[engine]
    assert run_query("actor-battles", target, params={"actor": INJECTION}).rows == ()
    assert run_query("actor-battles", target, params={"actor": 'Mali"@en } } #'}).rows == ()
    # the data is all there afterwards
    assert run_query("actor-battles", target, params={"actor": "Mali"}).rows == MALI_BATTLES
    count = run_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", target)
    assert count.rows == ((Literal(len(set(flagship.triples))),),)


STRING_QUERY = """# summary: Fields by key
# question: Which field has this key?
# param: key xsd:string  The key  default: none
PREFIX kg: <https://w3id.org/conflict-kg/vocab#>
SELECT ?key ?value WHERE { GRAPH ?g { ?field kg:fieldKey ?key ; kg:fieldValue ?value } } ORDER BY ?key ?value
"""


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Casualties3", rows(("Casualties3", "many civilians"))),
        ('Casualties3" } ; DROP ALL ; #', rows()),
        ("Casualties3\" || true) } #", rows()),
    ],
    ids=["plain-key", "drop-all", "filter-escape"],
)
def test_string_parameter_is_a_literal(exampleton, engine, key, expected):
    assert run_query(STRING_QUERY, exampleton[engine], params={"key": key}).rows == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_bound_as_the_same_literal(value):
    q = parse_query(STRING_QUERY, name="fields", strict=True)
    assert bind_params(q, {"key": value}) == {"key": Literal(value)}


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=20))
def test_any_text_for_an_integer_is_a_term_or_a_query_error(value):
    try:
        term = bind_params(get_query("envelope"), {"side": value})["side"]
    except QueryError as exc:
        assert str(exc).startswith("parameter side: ") and "\n" not in str(exc)
    else:
        assert term.datatype == XSD.integer and int(term) == int(value.strip())


def test_engine_error_is_a_one_line_query_error(engines):
    for target in engines.values():
        with pytest.raises(QueryError, match=r"^the query failed: ") as err:
            run_query("SELECT ?x WHERE { GRAPH ?g { ?x ?y } }", target)
        assert "\n" not in str(err.value)


def test_rdflib_parses_a_query_text_once_for_every_run_and_binding(engines, monkeypatch):
    """rdflib parses the text of a query once (parsing takes longer than most answers); each run
    still binds its own values, and answers as pyoxigraph does."""
    from rdflib.plugins.sparql import parser

    parsed: list[str] = []
    real = parser.parseQuery
    monkeypatch.setattr(parser, "parseQuery", lambda text: parsed.append(text) or real(text))
    text = get_query("envelope").text + "\n# parsed once\n"  # a text no other test has run
    answers = {}
    for side in ("1", "2", "1"):
        bound = bind_params(get_query("envelope"), {"side": side, "category": "killed"})
        answers[side] = engines["rdflib"].select(text, bound)
        assert answers[side] == engines["pyoxigraph"].select(text, bound)
    assert len(parsed) == 1
    assert answers["1"] != answers["2"] and answers["1"][1] and answers["2"][1]


# ---- a hand-written graph, for the queries the flagship leaves empty -------------------------------

EXAMPLETON = "@base <https://w3id.org/conflict-kg/id/> .\n" + turtle_prefixes() + """

<graph/battle-of-exampleton> {
  <graph/battle-of-exampleton> a kg:ArticleGraph ; prov:wasDerivedFrom <article/battle-of-exampleton> .
  <article/battle-of-exampleton> a kg:Article ; dcterms:title "Battle of Exampleton"@en ;
      kg:unparsedField <article/battle-of-exampleton/field/casualties3-1>, <article/battle-of-exampleton/field/strength2-1> .
  <article/battle-of-exampleton/infobox> a kg:Infobox ; rdfs:label "infobox of Battle of Exampleton"@en .
  <article/battle-of-exampleton/field/casualties3-1> a kg:InfoboxField ; kg:fieldKey "Casualties3" ; kg:fieldValue "many civilians" ;
      kg:parseStatus kg:Unparsed ; kg:leftover "many civilians" .
  <article/battle-of-exampleton/field/strength2-1> a kg:InfoboxField ; kg:fieldKey "Strength2" ; kg:fieldValue "500 men and some horses" ;
      kg:parseStatus kg:PartlyParsed ; kg:leftover "some horses" .

  <event/battle-of-exampleton> a sem:Event ; sem:eventType kg:Battle ; rdfs:label "Battle of Exampleton"@en ;
      sem:hasTime <event/battle-of-exampleton/time> ; kg:location <event/battle-of-exampleton/location/1> ; kg:side <event/battle-of-exampleton/side/1>, <event/battle-of-exampleton/side/2> ;
      kg:participation <event/battle-of-exampleton/role/commander-1-1>, <event/battle-of-exampleton/role/commander-2-1> ; kg:result <event/battle-of-exampleton/result> ;
      time:after <event/battle-of-exampleton/offensive-1901-04> .
  <event/battle-of-exampleton/time> a sem:Time ; sem:hasBeginTimeStamp "1901-05"^^xsd:gYearMonth ; sem:hasEndTimeStamp "1901-05"^^xsd:gYearMonth ;
      sem:hasEarliestBeginTimeStamp "1901-05-01T00:00:00"^^xsd:dateTime ;
      sem:hasLatestEndTimeStamp "1901-05-31T23:59:59"^^xsd:dateTime ; kg:timePrecision time:unitMonth .
  <event/battle-of-exampleton/location/1> a kg:Location ; kg:place <place/exampleton> ; kg:spatialRelation kg:in .
  <place/exampleton> a sem:Place, schema:Place ; rdfs:label "Exampleton"@en ; schema:containedInPlace <place/west-march> ;
      owl:sameAs <https://sws.geonames.org/1000001/> ; geo:hasGeometry <place/exampleton/geometry/geonames-1000001> .
  <place/exampleton/geometry/geonames-1000001> a geo:Geometry ; geo:asWKT "POINT(12.5 -41.25)"^^geo:wktLiteral .
  <place/west-march> a sem:Place, schema:Place ; rdfs:label "West March"@en ; schema:containedInPlace <country/freedonia> .
  <country/freedonia> a sem:Actor, sem:Place, schema:Country ; sem:actorType kg:State ; rdfs:label "Freedonia"@en ;
      kg:iso3166Alpha2 "FD" .

  <event/battle-of-exampleton/side/1> a kg:Side ; kg:sideIndex 1 ; schema:member <country/freedonia> ; kg:supporter <actor/sylvanian-legion> .
  <event/battle-of-exampleton/side/2> a kg:Side ; kg:sideIndex 2 ; schema:member <actor/red-band> .
  <actor/sylvanian-legion> a sem:Actor, schema:Organization ; sem:actorType kg:ArmedGroup ; rdfs:label "Sylvanian Legion"@en .
  <actor/red-band> a sem:Actor, sem:Authority, schema:Organization ; sem:actorType kg:ArmedGroup ; rdfs:label "Red Band"@en .
  <actor/example-gazette> a sem:Actor, sem:Authority, schema:Organization ; sem:actorType kg:NewsMedia ; rdfs:label "Example Gazette"@en .

  <event/battle-of-exampleton/role/commander-1-1> a sem:Role ; rdf:value <person/rufus-firefly> ; sem:roleType kg:Commander ;
      kg:side <event/battle-of-exampleton/side/1> ; kg:rank "Colonel" ; kg:status kg:Captured .
  <event/battle-of-exampleton/role/commander-2-1> a sem:Role ; rdf:value <person/trentino> ; sem:roleType kg:Commander ; kg:side <event/battle-of-exampleton/side/2> .
  <person/rufus-firefly> a sem:Actor, schema:Person ; sem:actorType kg:Person ; rdfs:label "Rufus Firefly"@en .
  <person/trentino> a sem:Actor, schema:Person ; sem:actorType kg:Person ; rdfs:label "Trentino"@en .

  <event/battle-of-exampleton/result> a kg:Result ; kg:outcome kg:DecisiveVictory ; kg:victor <event/battle-of-exampleton/side/2> ; rdfs:label "Decisive Red Band victory"@en .

  <event/battle-of-exampleton/claim/casualties1-1> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/1> ; kg:category kg:Killed ;
      rdf:value <event/battle-of-exampleton/claim/casualties1-1/value> ; sem:accordingTo <article/battle-of-exampleton/infobox> ; kg:attribution kg:InfoboxAttribution .
  <event/battle-of-exampleton/claim/casualties1-1/value> a schema:QuantitativeValue ; schema:minValue 10 ; schema:maxValue 20 ; kg:approximate false .
  <event/battle-of-exampleton/claim/sentence-1> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/1> ; kg:category kg:Killed ;
      rdf:value <event/battle-of-exampleton/claim/sentence-1/value> ; sem:accordingTo <actor/example-gazette> ; kg:attribution kg:ExplicitAttribution ;
      kg:statedOn "1901-06-02"^^xsd:date .
  <event/battle-of-exampleton/claim/sentence-1/value> a schema:QuantitativeValue ; schema:minValue 25 ; schema:maxValue 25 ; schema:value 25 ; kg:approximate false .
  <event/battle-of-exampleton/claim/sentence-2> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/1> ; kg:category kg:Killed ;
      rdf:value <event/battle-of-exampleton/claim/sentence-2/value> ; sem:accordingTo <actor/red-band> ; kg:attribution kg:ExplicitAttribution .
  <event/battle-of-exampleton/claim/sentence-2/value> a schema:QuantitativeValue ; schema:minValue 40 ; schema:maxValue 40 ; schema:value 40 ; kg:approximate false .
  <event/battle-of-exampleton/claim/casualties2-1> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/2> ; kg:category kg:Killed ;
      rdf:value <event/battle-of-exampleton/claim/casualties2-1/value> ; sem:accordingTo <article/battle-of-exampleton/infobox> ; kg:attribution kg:InfoboxAttribution .
  <event/battle-of-exampleton/claim/casualties2-1/value> a schema:QuantitativeValue ; schema:minValue 5 ; schema:maxValue 5 ; schema:value 5 ; kg:approximate false .
  <event/battle-of-exampleton/claim/sentence-4> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/2> ; kg:category kg:Killed ;
      rdf:value <event/battle-of-exampleton/claim/sentence-4/value> ; sem:accordingTo <actor/example-gazette> ; kg:attribution kg:ExplicitAttribution .
  <event/battle-of-exampleton/claim/sentence-4/value> a schema:QuantitativeValue ; schema:minValue 8 ; kg:approximate true .
  <event/battle-of-exampleton/claim/sentence-5> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/2> ; kg:category kg:Wounded ;
      rdf:value <event/battle-of-exampleton/claim/sentence-5/value> ; sem:accordingTo <actor/example-gazette> ; kg:attribution kg:ExplicitAttribution .
  <event/battle-of-exampleton/claim/sentence-5/value> a schema:QuantitativeValue ; schema:maxValue 30 ; kg:approximate false .
  <event/battle-of-exampleton/claim/strength1-1> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/1> ; kg:category kg:Strength ;
      rdf:value <event/battle-of-exampleton/claim/strength1-1/value> ; sem:accordingTo <article/battle-of-exampleton/infobox> ; kg:attribution kg:InfoboxAttribution .
  <event/battle-of-exampleton/claim/strength1-1/value> a schema:QuantitativeValue ; schema:minValue 300 ; schema:maxValue 300 ; schema:value 300 ;
      schema:unitText "men" ; kg:countedKind kg:Personnel ; kg:approximate false .
  <event/battle-of-exampleton/claim/sentence-3> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/1> ; kg:category kg:Strength ;
      rdf:value <event/battle-of-exampleton/claim/sentence-3/value> ; sem:accordingTo <actor/example-gazette> ; kg:attribution kg:ExplicitAttribution .
  <event/battle-of-exampleton/claim/sentence-3/value> a schema:QuantitativeValue ; schema:minValue 250 ; schema:maxValue 350 ;
      schema:unitText "soldiers" ; kg:countedKind kg:Personnel ; kg:approximate true .
  <event/battle-of-exampleton/claim/strength1-2> a kg:Claim ; schema:about <event/battle-of-exampleton> ; kg:side <event/battle-of-exampleton/side/1> ; kg:category kg:Strength ;
      rdf:value <event/battle-of-exampleton/claim/strength1-2/value> ; sem:accordingTo <article/battle-of-exampleton/infobox> ; kg:attribution kg:InfoboxAttribution .
  <event/battle-of-exampleton/claim/strength1-2/value> a schema:QuantitativeValue ; schema:minValue 4 ; schema:maxValue 4 ; schema:value 4 ;
      schema:unitText "cannons" ; kg:countedKind kg:Artillery ; kg:approximate false .

  <event/battle-of-exampleton/offensive-1901-04> a sem:Event ; sem:eventType kg:Offensive ; rdfs:label "Offensive on the West March"@en ;
      sem:hasTime <event/battle-of-exampleton/offensive-1901-04/time> ; kg:cause <event/battle-of-exampleton/assassination-1901-03-10> .
  <event/battle-of-exampleton/offensive-1901-04/time> a sem:Time ; sem:hasBeginTimeStamp "1901-04"^^xsd:gYearMonth ;
      sem:hasEarliestBeginTimeStamp "1901-04-01T00:00:00"^^xsd:dateTime ; kg:timePrecision time:unitMonth .
  <event/battle-of-exampleton/assassination-1901-03-10> a sem:Event ; sem:eventType kg:Assassination ; rdfs:label "Assassination of the mayor"@en ;
      sem:hasTime <event/battle-of-exampleton/assassination-1901-03-10/time> .
  <event/battle-of-exampleton/assassination-1901-03-10/time> a sem:Time ; sem:hasBeginTimeStamp "1901-03-10"^^xsd:date ; sem:hasEndTimeStamp "1901-03-10"^^xsd:date ;
      sem:hasEarliestBeginTimeStamp "1901-03-10T00:00:00"^^xsd:dateTime ;
      sem:hasLatestEndTimeStamp "1901-03-10T23:59:59"^^xsd:dateTime ; kg:timePrecision time:unitDay .

  <event/battle-of-exampleton/captivity-1> a sem:Event, kg:Captivity ; rdfs:label "Captivity of Rufus Firefly"@en ; kg:captive <person/rufus-firefly> ;
      sem:hasTime <event/battle-of-exampleton/captivity-1/time> .
  <event/battle-of-exampleton/captivity-1/time> a sem:Time ; sem:hasBeginTimeStamp "1901-05"^^xsd:gYearMonth ; sem:hasEndTimeStamp "1903"^^xsd:gYear ;
      sem:hasEarliestBeginTimeStamp "1901-05-01T00:00:00"^^xsd:dateTime ;
      sem:hasLatestEndTimeStamp "1903-12-31T23:59:59"^^xsd:dateTime ; kg:timePrecision time:unitYear .
  <event/battle-of-exampleton/release-1903> a sem:Event ; sem:eventType kg:Release ; rdfs:label "Release of Rufus Firefly"@en ;
      kg:participation <event/battle-of-exampleton/release-1903/role/participant-x-1> ; sem:hasTime <event/battle-of-exampleton/release-1903/time> .
  <event/battle-of-exampleton/release-1903/role/participant-x-1> a sem:Role ; rdf:value <person/rufus-firefly> ; sem:roleType kg:Participant ;
      kg:status kg:Released .
  <event/battle-of-exampleton/release-1903/time> a sem:Time ; sem:hasBeginTimeStamp "1903"^^xsd:gYear ; sem:hasEndTimeStamp "1903"^^xsd:gYear ;
      sem:hasEarliestBeginTimeStamp "1903-01-01T00:00:00"^^xsd:dateTime ;
      sem:hasLatestEndTimeStamp "1903-12-31T23:59:59"^^xsd:dateTime ; kg:timePrecision time:unitYear .
}
"""

X = "Battle of Exampleton@en"
XBOX = "infobox of Battle of Exampleton@en"
GAZETTE = "Example Gazette@en"
RED = "Red Band@en"
RUFUS = "Rufus Firefly@en"

#: Exact answers on the hand-written graph (facts written above, read off by hand).
EXAMPLETON_EXPECTED = {
    # the place chain Exampleton < West March < Freedonia: the country is the one state on it
    "when-where": rows((X, "1901-05", "1901-05", "time:unitMonth", "kg:in", "Exampleton@en", "Freedonia@en", point("12.5", "-41.25"))),
    # the state of a place is found up its chain (Exampleton < West March < Freedonia); West March has no point
    "places": rows(
        (X, "Exampleton@en", decimal("-41.25"), decimal("12.5"), URIRef("https://sws.geonames.org/1000001/"), "Freedonia@en", "FD")
    ),
    "sides": rows(
        (X, 1, "Freedonia@en", "kg:State", "member"),
        (X, 1, "Sylvanian Legion@en", "kg:ArmedGroup", "supporter"),
        (X, 2, RED, "kg:ArmedGroup", "member"),
    ),
    "commanders": rows((X, 1, RUFUS, "Colonel", "kg:Captured"), (X, 2, "Trentino@en", None, None)),
    "result": rows((X, "kg:DecisiveVictory", "Decisive Red Band victory@en", 2, RED, None)),
    "unparsed-fields": rows(
        (X, "Casualties3", "many civilians", "kg:Unparsed", "many civilians"),
        (X, "Strength2", "500 men and some horses", "kg:PartlyParsed", "some horses"),
    ),
    "timeline": rows(
        (X, "1901-03-10", "1901-03-10", "time:unitDay", "Assassination of the mayor@en", "kg:Assassination"),
        (X, "1901-04", None, "time:unitMonth", "Offensive on the West March@en", "kg:Offensive"),
        (X, "1901-05", "1901-05", "time:unitMonth", X, "kg:Battle"),
        (X, "1901-05", "1903", "time:unitYear", "Captivity of Rufus Firefly@en", None),
        (X, "1903", "1903", "time:unitYear", "Release of Rufus Firefly@en", "kg:Release"),
    ),
    # side 1 killed: infobox 10-20, the Gazette 25, the Red Band 40; strength: infobox 300 men and
    # 4 cannons, the Gazette 250-350 soldiers; side 2: killed infobox 5, the Gazette over 8;
    # wounded: the Gazette up to 30
    "envelope": rows(
        (X, 1, "kg:Killed", None, 10, 40, 0, 3, 3),
        (X, 1, "kg:Strength", "kg:Artillery", 4, 4, 0, 1, 1),
        (X, 1, "kg:Strength", "kg:Personnel", 250, 350, 0, 2, 2),
        (X, 2, "kg:Killed", None, 5, 8, 1, 2, 2),  # infobox 5, the Gazette "over 8" (no upper bound)
        (X, 2, "kg:Wounded", None, 0, 30, 0, 1, 1),  # the Gazette "up to 30" (no lower bound)
    ),
    # pairs ordered by source IRI (actor/example-gazette < actor/red-band < article/.../infobox);
    # difference: the larger gap between the bounds; gap: distance between the ranges, 0 if they meet
    "disagreements": rows(
        (X, 1, "kg:Killed", GAZETTE, 25, 25, RED, 40, 40, 15, 15),
        (X, 1, "kg:Killed", GAZETTE, 25, 25, XBOX, 10, 20, 15, 5),
        (X, 1, "kg:Killed", RED, 40, 40, XBOX, 10, 20, 30, 20),
        (X, 1, "kg:Strength", GAZETTE, 250, 350, XBOX, 300, 300, 50, 0),
    ),
    # the battle came after the offensive, which the assassination caused
    "causes": rows(
        (X, "Offensive on the West March@en", "kg:cause", "Assassination of the mayor@en", "kg:Assassination", "1901-03-10"),
        (X, X, "time:after", "Offensive on the West March@en", "kg:Offensive", "1901-04"),
    ),
    "commander-fates": rows(
        (X, RUFUS, 1, "1901-05", "1901-05", "time:unitMonth", X, "kg:Battle", "kg:Commander", "kg:Captured"),
        (X, RUFUS, 1, "1901-05", "1903", "time:unitYear", "Captivity of Rufus Firefly@en", None, "kg:captive", None),
        (X, RUFUS, 1, "1903", "1903", "time:unitYear", "Release of Rufus Firefly@en", "kg:Release", "kg:Participant", "kg:Released"),
        (X, "Trentino@en", 2, "1901-05", "1901-05", "time:unitMonth", X, "kg:Battle", "kg:Commander", None),
    ),
    "actor-battles": rows(
        ("Freedonia@en", X, "1901-05", 1, "member"),
        (RED, X, "1901-05", 2, "member"),
        (RUFUS, X, "1901-05", 1, "commander"),
        ("Sylvanian Legion@en", X, "1901-05", 1, "supporter"),
        ("Trentino@en", X, "1901-05", 2, "commander"),
    ),
}

EXAMPLETON_PARAM_CASES = [
    ("envelope", {"side": "1", "category": "Killed"}, rows((X, 1, "kg:Killed", None, 10, 40, 0, 3, 3))),
    ("disagreements", {"category": "Strength"}, rows((X, 1, "kg:Strength", GAZETTE, 250, 350, XBOX, 300, 300, 50, 0))),
    ("disagreements", {"side": "2"}, rows()),
    ("actor-battles", {"actor": "Sylvanian Legion"}, rows(("Sylvanian Legion@en", X, "1901-05", 1, "supporter"))),
]


@pytest.fixture(scope="module")
def exampleton():
    ds = Dataset(default_union=True)
    ds.parse(data=EXAMPLETON, format="trig")
    return {"rdflib": GraphTarget(ds), "pyoxigraph": OxigraphTarget.from_graph(ds)}


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
@pytest.mark.parametrize("name", sorted(EXAMPLETON_EXPECTED))
def test_handwritten_graph_answer(exampleton, name, engine):
    assert run_query(name, exampleton[engine]).rows == EXAMPLETON_EXPECTED[name]


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
@pytest.mark.parametrize(
    ("name", "params", "expected"),
    EXAMPLETON_PARAM_CASES,
    ids=[f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items())}" for n, p, _ in EXAMPLETON_PARAM_CASES],
)
def test_handwritten_graph_answer_with_params(exampleton, engine, name, params, expected):
    assert run_query(name, exampleton[engine], params=params).rows == expected


def test_two_articles_in_one_store_stay_apart(flagship, exampleton):
    """Each article's rows come from its own graph: no cross products across graphs."""
    ds = Dataset(default_union=True)
    ds.parse(data=EXAMPLETON, format="trig")
    both = OxigraphTarget.from_graph(ds)
    both.load(flagship.iri, flagship.triples)
    assert run_query("commanders", both).rows == EXPECTED["commanders"] + EXAMPLETON_EXPECTED["commanders"]
    assert run_query("when-where", both).rows == EXPECTED["when-where"] + EXAMPLETON_EXPECTED["when-where"]


# ---- result formats -----------------------------------------------------------------------------

SMALL = QueryResult(
    ("side", "member", "type", "note", "when"),
    (
        (Literal(1), Literal("Mali", lang="en"), URIRef(KG + "State"), None, Literal("2009-07-04", datatype=XSD.date)),
        (Literal(12), Literal('a "quoted", comma'), URIRef("http://example.org/x"), Literal("two\nlines"), None),
        (Literal(2), BNode("b0"), URIRef("https://schema.org/Person"), Literal("日本"), None),
    ),
)


def test_to_table_aligns_and_shows_values():
    assert SMALL.to_table() == (
        "side  member             type                    note        when\n"
        "----  -----------------  ----------------------  ----------  ----------\n"
        "   1  Mali               kg:State                            2009-07-04\n"
        '  12  a "quoted", comma  <http://example.org/x>  two\\nlines\n'
        "   2  _:b0               schema:Person           日本\n"
    )


def test_to_table_of_no_rows_is_the_header():
    assert QueryResult(("a", "bc"), ()).to_table() == "a  bc\n-  --\n"


def test_to_csv_is_rfc4180_with_compact_names():
    assert SMALL.to_csv() == (
        "side,member,type,note,when\r\n"
        "1,Mali,kg:State,,2009-07-04\r\n"
        '12,"a ""quoted"", comma",http://example.org/x,"two\nlines",\r\n'
        "2,_:b0,schema:Person,日本,\r\n"
    )


def test_to_csv_with_full_iris_is_sparql_csv():
    assert SMALL.to_csv(full_iris=True) == (
        "side,member,type,note,when\r\n"
        "1,Mali,https://w3id.org/conflict-kg/vocab#State,,2009-07-04\r\n"
        '12,"a ""quoted"", comma",http://example.org/x,"two\nlines",\r\n'
        "2,_:b0,https://schema.org/Person,日本,\r\n"
    )


def test_to_json_is_sparql_results_json():
    assert json.loads(SMALL.to_json()) == {
        "head": {"vars": ["side", "member", "type", "note", "when"]},
        "results": {
            "bindings": [
                {
                    "side": {"type": "literal", "value": "1", "datatype": str(XSD.integer)},
                    "member": {"type": "literal", "value": "Mali", "xml:lang": "en"},
                    "type": {"type": "uri", "value": KG + "State"},
                    "when": {"type": "literal", "value": "2009-07-04", "datatype": str(XSD.date)},
                },
                {
                    "side": {"type": "literal", "value": "12", "datatype": str(XSD.integer)},
                    "member": {"type": "literal", "value": 'a "quoted", comma'},
                    "type": {"type": "uri", "value": "http://example.org/x"},
                    "note": {"type": "literal", "value": "two\nlines"},
                },
                {
                    "side": {"type": "literal", "value": "2", "datatype": str(XSD.integer)},
                    "member": {"type": "bnode", "value": "b0"},
                    "type": {"type": "uri", "value": "https://schema.org/Person"},
                    "note": {"type": "literal", "value": "日本"},
                },
            ]
        },
    }


def test_json_reads_back_with_pyoxigraph():
    import pyoxigraph as ox

    parsed = ox.parse_query_results(SMALL.to_json().encode(), format=ox.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == list(SMALL.variables)
    assert len(list(parsed)) == 3


# ---- the store helper's embedded store (VALUES-block binding, as remote endpoints get) ------------


@pytest.fixture(scope="module")
def embedded(flagship, tmp_path_factory):
    from kg.store.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("store") / "kg")
    store.replace_graph(str(flagship.iri), flagship.triples)
    yield store
    store.close()


@pytest.mark.parametrize("name", [pytest.param(n, marks=_wrong(n)) for n in sorted(EXPECTED)])
def test_embedded_store_gives_the_same_answers(embedded, name):
    assert run_query(name, embedded).rows == EXPECTED[name]


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    PARAM_CASES,
    ids=[f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items())}" for n, p, _ in PARAM_CASES],
)
def test_embedded_store_binds_params_the_same(embedded, name, params, expected):
    assert run_query(name, embedded, params=params).rows == expected


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
def test_containment_cycle_gives_one_row(engine):
    """A cycle Exampleton < West March < Exampleton (seen in the corpus: a country inside its region)."""
    ds = Dataset(default_union=True)
    ds.parse(data=EXAMPLETON, format="trig")
    west = URIRef("https://w3id.org/conflict-kg/id/place/west-march")
    town = URIRef("https://w3id.org/conflict-kg/id/place/exampleton")
    ds.graph(URIRef("https://w3id.org/conflict-kg/id/graph/battle-of-exampleton")).add(
        (west, URIRef("https://schema.org/containedInPlace"), town)
    )
    target = GraphTarget(ds) if engine == "rdflib" else OxigraphTarget.from_graph(ds)
    assert run_query("when-where", target).rows == EXAMPLETON_EXPECTED["when-where"]
