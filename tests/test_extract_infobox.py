"""Infobox extraction driven by data/mapping/infobox.toml: one small article per rule."""
from __future__ import annotations

import pytest

from kg.article import parse_article
from kg.extract import extract, main_event_type
from kg.extract.infobox import match_rule


def facts_of(*lines: str, title: str = "Battle of Somewhere"):
    return extract(parse_article(f"= {title} =\n\nInfobox\n" + "\n".join(f"- {line}" for line in lines) + "\n\nProse.\n"))


@pytest.mark.parametrize(
    "name, handler, side, column",
    [
        ("casualties1", "figures", 1, ""),
        ("combatant2a", "side_members", 2, "A"),
        ("commander3", "commanders", 3, ""),
        ("units1", "side_members", 1, ""),
        ("partof", "parent_events", None, ""),
        ("status", "result", None, ""),
        ("maptype", None, None, ""),
        ("wibble", None, None, ""),
        ("combatant1234", None, None, ""),
    ],
)
def test_mapping_rules(name, handler, side, column):
    found = match_rule(name)
    if handler is None:
        assert found is None
    else:
        rule, n, letter = found
        assert (rule.handler, n, letter) == (handler, side, column)


@pytest.mark.parametrize(
    "title, event_type",
    [
        ("Battle of Aguelhok (2012)", "battle"),
        ("Siege of Urgun", "siege"),
        ("2017 Tilwa attack", "attack"),
        ("Amhara offensive", "offensive"),
        ("2022 Kyrgyzstan–Tajikistan clashes", "clash"),
        ("Afghan–Sikh Wars", "conflict"),
        ("Sieges of Dover Castle (1216–17)", "siege"),  # a plural title word names the type too
        ("Northland–Southland conflicts", "conflict"),
    ],
)
def test_main_event_type_from_title(title, event_type):
    assert main_event_type(title) == event_type


def test_field_statuses_and_coverage():
    f = facts_of("Date: 1 May 1900", "Map Type: Nowhere", "Result:", "Territory: Town annexed", "Wibble: x", "Strength1: a great many")
    assert [(r.field.key, r.status) for r in f.fields] == [
        ("Date", "parsed"),
        ("Map Type", "ignored"),
        ("Result", "empty"),
        ("Territory", "parsed"),
        ("Wibble", "unparsed"),
        ("Strength1", "unparsed"),
    ]


def test_partly_parsed_field_keeps_its_leftover():
    f = facts_of("Combatant1: Kingdom of A", "Strength1: 300 men, Superior numbers")
    (report,) = [r for r in f.fields if r.field.key == "Strength1"]
    assert (report.status, report.leftover) == ("partial", ("Superior numbers",))
    assert [(c.figure.min, c.figure.unit) for c in f.claims] == [(300, "men")]


def test_unknown_number_is_a_claim_in_words_not_a_figure():
    f = facts_of("Combatant1: Kingdom of A", "Strength1: 10,000 men, Unknown number of elephants")
    assert [(c.figure.min if c.figure else None, c.statement) for c in f.claims] == [
        (10000, None),
        (None, "Unknown number of elephants"),
    ]


def test_parenthetical_source_is_an_explicit_attribution_to_a_state():
    f = facts_of("Combatant1: Niger", "Combatant2: Some Front", "Casualties1: 23 killed (per Niger)")
    (claim,) = f.claims
    assert (claim.authority, claim.attribution, claim.category, claim.side) == ("state:niger", "explicit", "killed", 1)
    assert f.entities["state:niger"].authority is True


def test_casualties3_without_a_combatant3_make_side_3():
    f = facts_of("Combatant1: Niger", "Combatant2: Some Front", "Casualties3: 4 civilians killed")
    (claim,) = f.claims
    assert claim.side == 3 and claim.figure.kind == "civilian"
    assert (f.sides[3].label, f.sides[3].members) == ("side 3", [])


@pytest.mark.parametrize("lines", [
    ("Commander1: Idris Morane", "Strength1: 500 soldiers", "Casualties2: 400 dead"),
    ("Combatant2: ,", "Commander1: Idris Morane", "Strength1: 500 soldiers", "Casualties2: 400 dead"),
])
def test_every_numbered_key_makes_its_side_without_a_combatant_line(lines):
    f = facts_of(*lines)
    assert sorted(f.sides) == [1, 2]
    assert [r.side for r in f.battle.roles if r.role == "commander"] == [1]
    assert sorted((c.category, c.side) for c in f.claims) == [("killed", 2), ("strength", 1)]
    assert f.sides[1].label == "side 1"


def test_a_side_keeps_its_combatant_label_and_the_span_of_its_combatant_line():
    f = facts_of("Commander1: Idris Morane", "Combatant1: Niger")
    assert f.sides[1].label == "Niger"
    assert f.article.text[f.sides[1].span.start:f.sides[1].span.end] == "- Combatant1: Niger"


def test_repeated_keys_are_all_read():
    f = facts_of("Combatant1: Niger", "Combatant1: Chad")
    assert [f.entities[k].name for k in f.sides[1].members] == ["Niger", "Chad"]
    assert f.sides[1].label == "Niger; Chad"


def test_status_after_result_adds_a_consequence():
    f = facts_of("Combatant1: Niger", "Combatant2: Mali", "Result: Nigerien victory", "Status: Ongoing")
    assert (f.result.outcome, f.result.victor_side, f.result.consequences) == ("victory", 1, ("Ongoing",))


def test_sides_are_read_before_the_result_whatever_the_order():
    f = facts_of("Result: Chadian victory", "Combatant1: Niger", "Combatant2: Chad")
    assert f.result.victor_side == 2


def test_part_of_gives_conflict_events():
    f = facts_of("Partof: the Tuareg rebellion (2012) and Mali War")
    assert [f.events[k].label for k in f.battle.parents] == ["Tuareg rebellion (2012)", "Mali War"]
    assert all(f.events[k].external and f.events[k].types == ["conflict"] for k in f.battle.parents)


def test_place_containment_chain_and_qualifier():
    f = facts_of("Place: near Dagne, Tillaberi Region, Niger")
    (loc,) = f.battle.locations
    assert loc.relation == "near"
    chain, key = [], loc.place
    while key:
        chain.append(f.entities[key].name)
        key = f.entities[key].contained_in
    assert chain == ["Dagne", "Tillaberi Region", "Niger"]
    assert f.entities["state:niger"].kind == "state"


def test_a_present_day_name_is_a_location_of_its_own_linked_to_the_historical_one():
    from kg.pipeline import build_text
    from kg.rdf.namespaces import KG

    text = "= Battle of Valtoria =\n\nInfobox\n- Place: Valtoria, Grey Province (present-day Ostrava, Czechia)\n\nProse.\n"
    built = build_text(text)
    then, now = built.facts.battle.locations
    assert (then.present_day_of, now.present_day_of, now.relation) == (None, 0, "in")
    assert [built.facts.entities[k].name for k in (then.place, now.place)] == ["Valtoria", "Ostrava"]
    assert built.facts.entities[built.facts.entities[now.place].contained_in].kind == "state"
    assert built.facts.entities[then.place].contained_in == "place:grey province"
    graph = built.dataset()
    links = list(graph.subject_objects(KG.presentDayOf))
    assert [(str(s).rsplit("/", 2)[-2:], str(o).rsplit("/", 2)[-2:]) for s, o in links] == [
        (["location", "2"], ["location", "1"])
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9 June [O.S. 30 May] 1688", ("1688-06-09", "1688-06-09", "day")),
        ("24 April (6 May) 1827", ("1827-05-06", "1827-05-06", "day")),
        ("27 January 1708 (O.S.) , 28 January 1708 (Swedish calendar) , 7 February 1708 (N.S.)",
         ("1708-02-07", "1708-02-07", "day")),
        ("2009-07-04", ("2009-07-04", "2009-07-04", "day")),
        ("1230s", ("1230", "1230", "decade")),
        ("711–1230s", ("0711", "1230", "decade")),
        ("1998–99", ("1998", "1999", "year")),
    ],
)
def test_a_date_value_gives_one_time(value, expected):
    r = facts_of(f"Date: {value}").battle.time.range
    assert (r.start.iso(), r.end.iso(), r.precision) == expected


@pytest.mark.parametrize("value", ["2009-02-30", "July 40, 2009", "1998–97", "2009-07"])
def test_an_impossible_date_is_left_unread_and_reported(value):
    f = facts_of(f"Date: {value}")
    assert f.battle.time is None
    (report,) = [r for r in f.fields if r.field.key == "Date"]
    assert (report.status, report.leftover) == ("unparsed", (value,))


def test_a_date_value_read_in_part_is_reported_partly_parsed():
    f = facts_of("Date: 5 June 2019 and some 40 days later")
    (report,) = [r for r in f.fields if r.field.key == "Date"]
    assert (report.status, report.leftover) == ("partial", ("40",))


def test_a_decade_has_the_decade_precision_in_the_graph():
    from kg.pipeline import build_text
    from kg.rdf.namespaces import KG, SEM
    from kg.validate import validate

    built = build_text("= Battle of Somewhere =\n\nInfobox\n- Date: 1230s\n\nProse.\n")
    graph = built.dataset()
    (time,) = graph.subjects(KG.timePrecision, KG.unitDecade)
    assert str(graph.value(time, SEM.hasBeginTimeStamp)) == "1230"
    assert str(graph.value(time, SEM.hasLatestEndTimeStamp)) == "1239-12-31T23:59:59"
    assert validate(graph).conforms


def test_a_place_note_read_as_no_place_is_reported_partly_parsed():
    f = facts_of("Place: Khamnor (Haldighati), Rajasthan (near Nathdwara)")
    (report,) = [r for r in f.fields if r.field.key == "Place"]
    assert (report.status, report.leftover) == ("partial", ("Haldighati",))
    assert [loc.relation for loc in f.battle.locations] == ["in", "near"]


def test_several_dates_give_their_envelope():
    f = facts_of("Date: 27 January 2022 , 10 March 2022 , 14–20 September 2022")
    r = f.battle.time.range
    assert (r.start.iso(), r.end.iso(), r.precision) == ("2022-01-27", "2022-09-20", "day")


def test_commanders_with_rank_and_status():
    f = facts_of("Combatant1: Niger", "Commander1: Col. Ag Moussa25px Iyad Ag Ghaly, Abdel KhanKIA")
    roles = [(f.entities[r.actor].name, r.rank, r.status) for r in f.battle.roles]
    assert roles == [("Ag Moussa", "Colonel", ()), ("Iyad Ag Ghaly", None, ()), ("Abdel Khan", None, ("killed",))]


def test_conflict_label_different_from_title_is_an_alias():
    f = facts_of("Conflict: Second Battle of X", title="Battle of X (1990)")
    assert f.battle.aliases == ["Second Battle of X"]


def test_a_commander_written_twice_is_one_role_with_every_status():
    f = facts_of("Combatant1: Niger", "Commander1: Issa Kone, Issa Kone POW, Hamadou Sy")
    roles = [(f.entities[r.actor].name, r.status) for r in f.battle.roles if r.role == "commander"]
    assert roles == [("Issa Kone", ("captured",)), ("Hamadou Sy", ())]


def test_a_sub_column_is_a_side_of_its_own_under_its_sides_number():
    f = facts_of("Combatant1: Niger", "Combatant1A: Chad", "Commander1A: Idris MoraneKIA", "Commander1B: Issa Kone",
                 "Combatant2: Some Front", "Casualties1A: 40 killed")
    sides = {key: (side.index, side.column, side.label) for key, side in f.sides.items()}
    a, b = f.side_key(1, "A"), f.side_key(1, "B")
    assert sides == {1: (1, "", "Niger"), 2: (2, "", "Some Front"), a: (1, "A", "Chad"), b: (1, "B", "side 1B")}
    assert [(f.entities[r.actor].name, r.side) for r in f.battle.roles if r.role == "commander"] == [
        ("Idris Morane", a), ("Issa Kone", b)]
    assert [(c.category, c.side) for c in f.claims] == [("killed", a)]


@pytest.mark.parametrize(("result", "victor", "name"), [
    ("Red Front victory", 2, None),
    ("Communist victory", None, "Communist"),
])
def test_a_winner_no_side_matches_is_kept_by_name(result, victor, name):
    from kg.pipeline import build_text
    from kg.rdf.namespaces import KG

    text = ("= Battle of Somewhere =\n\nInfobox\n- Combatant1: Niger\n- Combatant2: Red Front\n"
            f"- Result: {result}\n")
    built = build_text(text)
    assert built.facts.result.victor_side == victor
    names = [str(o) for s, p, o in built.graph.triples if p == KG.victorName]
    assert names == ([name] if name else [])


@pytest.mark.parametrize(("units", "victor"), [
    ("- Units1: Royal Army of Osterland\n- Units2: Ridge Brigade\n", 2),   # the winner is a unit of side 2
    ("- Units1: Royal Army of Osterland\n- Units2: Ridge Brigade, Ridge Militia\n", 2),
    ("- Units1: Harbour Guard\n- Units2: Hill Guard\n", None),           # no unit names the winner
    ("", None),
])
def test_a_winner_named_after_a_unit_is_that_units_side(units, victor):
    from kg.pipeline import build_text

    text = ("= Battle of Somewhere =\n\nInfobox\n- Result: Ridge victory\n- Combatant1: Osterland\n"
            f"- Combatant2: Hill Folk\n{units}")
    assert build_text(text).facts.result.victor_side == victor


@pytest.mark.parametrize(("result", "lead", "victor"), [
    ("Ostian Socialist Party victory",
     "It was fought between the Ostian Socialist Party (OSP) and the Hill Folk in 1901.", 1),
    ("Decisive Ostian Socialist Party victory",
     "It was fought between the Ostian Socialist Party (OSP) and the Hill Folk in 1901.", 1),
    ("Ostian victory", "It was fought between Ostian forces under Ada Varo and Kessel's men in 1901.", 1),
    ("Ostian Socialist Party victory",
     "It was fought between Osterland and the Hill Folk in 1901.", None),   # the lead names no new side
    ("Ostian Socialist Party victory", "It was fought in 1901.", None),
])
def test_a_winner_named_as_the_lead_names_a_side_is_that_side(result, lead, victor):
    from kg.pipeline import build_text

    text = (f"= Battle of Somewhere =\n\nInfobox\n- Result: {result}\n- Combatant1: OMF\n"
            f"- Combatant2: Hill Folk\n- Commander1: Ada Varo\n- Commander2: Tem Orsk\n\n{lead}\n")
    assert build_text(text).facts.result.victor_side == victor


@pytest.mark.parametrize(("prose", "victor"), [
    ("Fighters of the Ostian Liberation Front - North (NOLF) attacked the town.", 2),
    ("Fighters of the Ostian Liberation Front - North attacked the town.", None),  # no acronym given
])
def test_a_winner_named_by_an_acronym_the_prose_gives_a_member_is_its_side(prose, victor):
    from kg.pipeline import build_text

    text = ("= Battle of Somewhere =\n\nInfobox\n- Result: The town falls under NOLF control\n"
            f"- Combatant1: Osterland\n- Combatant2: Ostian Liberation Front - North\n\n{prose}\n")
    assert build_text(text).facts.result.victor_side == victor


@pytest.mark.parametrize(("result", "commanders", "victor"), [
    ("Victory for Ada Varo", ("Tem Orsk", "Ada Varo"), 2),          # a commander's name
    ("Decisive Varo victory", ("Tem Orsk", "Ada Varo"), 2),         # a word of it: a family, a dynasty
    ("Orsk victory", ("Tem Orsk", "Ada al-Varo"), 1),
    ("Varo victory", ("Tem Varo", "Ada Varo"), None),               # commanders of both sides share it
    ("Varo victory", ("Tem Orsk", "Ada Kessel"), None),             # no commander's
])
def test_a_winner_named_after_a_sides_commander_is_that_side(result, commanders, victor):
    from kg.pipeline import build_text

    text = (f"= Battle of Somewhere =\n\nInfobox\n- Result: {result}\n- Combatant1: Osterland\n"
            f"- Combatant2: Hill Folk\n- Commander1: {commanders[0]}\n- Commander2: {commanders[1]}\n")
    assert build_text(text).facts.result.victor_side == victor
