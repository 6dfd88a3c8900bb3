"""Tests for kg.parse.figures and kg.parse.figure_scan: infobox strength/casualty values and figures in prose.

Inputs are real values from the flagship article and the corpus (after clean_value).
"""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import QuantityParseError
from kg.parse.figure_core import Figure, unit_kind, vague_value
from kg.parse.figure_scan import scan_figures
from kg.parse.figures import parse_figure, parse_quantities

FIELDS = ("min", "max", "approximate", "category", "unit", "kind", "vague", "authority", "as_of", "note")


def F(lo: int | None, hi: int | None, **kw: Any) -> dict[str, Any]:  # noqa: N802 - table helper
    """Expected figure: every field not given must be None (approximate: False)."""
    expected = dict.fromkeys(FIELDS)
    expected.update(min=lo, max=hi, approximate=False)
    expected.update(kw)
    return expected


def fields(figure: Figure) -> dict[str, Any]:
    return {name: getattr(figure, name) for name in FIELDS}


P, C, V, A = "personnel", "civilian", "vehicle", "animal"

VALUES: list[tuple[str, list[dict[str, Any]]]] = [
    # the flagship article
    ("70 men, 12 pick-ups", [F(70, 70, unit="men", kind=P), F(12, 12, unit="pick-ups", kind=V)]),
    ("~40 men", [F(40, 40, approximate=True, unit="men", kind=P)]),
    ("16–28 killed, 3-30 prisoners", [F(16, 28, category="killed"), F(3, 30, category="captured")]),
    ("1–20 killed", [F(1, 20, category="killed")]),
    # single numbers, separators, words
    ("2,500 troops", [F(2500, 2500, unit="troops", kind=P)]),
    ("4,064", [F(4064, 4064)]),
    ("30 killed, five captured", [F(30, 30, category="killed"), F(5, 5, category="captured")]),
    ("At least one truck destroyed", [F(1, None, category="destroyed", unit="truck", kind=V)]),
    # ranges
    ("CAR 5,000 – 7,000 soldiers", [F(5000, 7000, unit="soldiers", kind=P, note="CAR")]),
    ("500-1000 men, 70 vehicles, 1 helicopter",
     [F(500, 1000, unit="men", kind=P), F(70, 70, unit="vehicles", kind=V), F(1, 1, unit="helicopter", kind="aircraft")]),
    ("40,000 to 60,000", [F(40000, 60000)]),
    ("≈126,000 total, ≈24,000 to ≈44,000 field strength",
     [F(126000, 126000, approximate=True, note="total"), F(24000, 44000, approximate=True, note="field strength")]),
    ("17–22+ killed, 2 captured, 2 killed",
     [F(17, None, category="killed"), F(2, 2, category="captured"), F(2, 2, category="killed")]),
    # qualifiers and bounds
    ("~ 2,000 soldiers", [F(2000, 2000, approximate=True, unit="soldiers", kind=P)]),
    ("Approx. 180 Abu Sayyaf militants, Approx. 20 rogue MNLF fighters, 4 Jemaah Islamiyah operatives (3 Malaysians and 1 Arab)",
     [F(180, 180, approximate=True, unit="Abu Sayyaf militants", kind=P),
      F(20, 20, approximate=True, unit="rogue MNLF fighters", kind=P),
      F(4, 4, unit="Jemaah Islamiyah operatives", kind=P, note="3 Malaysians and 1 Arab")]),
    ("At least 302,300 casualties", [F(302300, None, category="casualties")]),
    ("Over 20,000, (estimate)", [F(20000, None, approximate=True)]),
    ("Over 120 bodies recovered", [F(120, None, category="killed", note="recovered")]),
    ("140 knights, and over 140 sergeants",
     [F(140, 140, unit="knights", kind=P), F(140, None, unit="sergeants", kind=P)]),
    ("1+ killed, 6+ wounded", [F(1, None, category="killed"), F(6, None, category="wounded")]),
    ("36 killed, 70 wounded, 360+killed, 261 captured",
     [F(36, 36, category="killed"), F(70, 70, category="wounded"), F(360, None, category="killed"),
      F(261, 261, category="captured")]),
    ("190± killed (Somali gov claim)", [F(190, 190, approximate=True, category="killed", authority="Somali gov")]),
    ("up to 3,000 killed", [F(None, 3000, category="killed")]),
    ("fewer than 100", [F(None, 100)]),
    ("more than 1,000 killed", [F(1000, None, category="killed")]),
    # vague words: kept with the word, never read as a number
    ("Dozens killed, 40 vehicles destroyed (Malian Army claim)",
     [F(None, None, approximate=True, category="killed", vague="dozens", authority="Malian Army"),
      F(40, 40, category="destroyed", unit="vehicles", kind=V, authority="Malian Army")]),
    ("SCBR: several thousand (in 2014)",
     [F(None, None, approximate=True, vague="several thousand", as_of="2014", note="SCBR")]),
    ("CAR 500–800 killed, 1,000s wounded",
     [F(500, 800, category="killed", note="CAR"), F(None, None, approximate=True, category="wounded", vague="1,000s")]),
    ("Dozens of civilians killed",
     [F(None, None, approximate=True, category="killed", unit="civilians", kind=C, vague="dozens")]),
    ("Several dozen killed or injured (per Burkina Faso)",
     [F(None, None, approximate=True, category="killed_or_wounded", vague="several dozen", authority="Burkina Faso")]),
    ("hundreds of thousands displaced",
     [F(None, None, approximate=True, category="displaced", vague="hundreds of thousands")]),
    ("Official figure:, 110–200 soldiers killed, Hundreds wounded, Unknown missing",
     [F(110, 200, category="killed", unit="soldiers", kind=P, authority="official"),
      F(None, None, approximate=True, category="wounded", vague="hundreds", authority="official"),
      F(None, None, category="missing", vague="unknown", authority="official")]),
    # lists of figures, " and " only before a number
    ("3,400 dead and 1,600 wounded or missing", [F(3400, 3400, category="killed"), F(1600, 1600, category="wounded_or_missing")]),
    ("13 dead and 27 wounded, 2 later died in the military hospital in South Africa",
     [F(13, 13, category="killed"), F(27, 27, category="wounded"),
      F(2, 2, category="killed", note="later; in the military hospital in South Africa")]),
    ("22,000 Polish–Lithuanian hussars, cavalry and infantry",
     [F(22000, 22000, unit="Polish–Lithuanian hussars, cavalry and infantry", kind=P)]),
    ("600–650 soldiers and police officers", [F(600, 650, unit="soldiers and police officers", kind=P)]),
    ("Japan: 100,000+ soldiers and sailors killed, captured, or missing, 450 ships",
     [F(100000, None, category="killed_captured_or_missing", unit="soldiers and sailors", kind=P, note="Japan"),
      F(450, 450, unit="ships", kind="vessel", note="Japan")]),
    ("16 killed, 18 injured, 4 pickups destroyed, 7 pickups captured",
     [F(16, 16, category="killed"), F(18, 18, category="wounded"),
      F(4, 4, category="destroyed", unit="pickups", kind=V), F(7, 7, category="captured", unit="pickups", kind=V)]),
    ("16,880 killed/missing, 43,712 wounded, 1,385 captured",
     [F(16880, 16880, category="killed_or_missing"), F(43712, 43712, category="wounded"), F(1385, 1385, category="captured")]),
    ("6,000–7,000 killed and wounded", [F(6000, 7000, category="killed_or_wounded")]),
    ("One killed and one injured CAR Several injured",
     [F(1, 1, category="killed"), F(1, 1, category="wounded"),
      F(None, None, approximate=True, category="wounded", vague="several", note="CAR")]),
    ("23 killed, 17 wounded (per Niger) 30 killed, dozens wounded, 8 vehicles destroyed (per ISGS)",
     [F(23, 23, category="killed", authority="Niger"), F(17, 17, category="wounded", authority="Niger"),
      F(30, 30, category="killed", authority="ISGS"),
      F(None, None, approximate=True, category="wounded", vague="dozens", authority="ISGS"),
      F(8, 8, category="destroyed", unit="vehicles", kind=V, authority="ISGS")]),
    ("2 soldiers killed, 31 wounded, 4 members killed (2nd phase of operations) - 1 marine killed, 14 wounded",
     [F(2, 2, category="killed", unit="soldiers", kind=P), F(31, 31, category="wounded"),
      F(4, 4, category="killed", unit="members", kind=P, note="2nd phase of operations"),
      F(1, 1, category="killed", unit="marine", kind=P), F(14, 14, category="wounded")]),
    # claims after the figures they cover, headers before
    ("11 killed, 10 wounded, (Moroccan claim), 190 killed, 31 captured, (POLISARIO claim)",
     [F(11, 11, category="killed", authority="Moroccan"), F(10, 10, category="wounded", authority="Moroccan"),
      F(190, 190, category="killed", authority="POLISARIO"), F(31, 31, category="captured", authority="POLISARIO")]),
    ("83 killed (per), 200+ killed, 400+ injured (per Kyrgyzstan)",
     [F(83, 83, category="killed"), F(200, None, category="killed", authority="Kyrgyzstan"),
      F(400, None, category="wounded", authority="Kyrgyzstan")]),
    ("63 killed (per locals), 76–150 (per al-Shabaab), 10 killed, 2 injured (per AMISOM)",
     [F(63, 63, category="killed", authority="locals"), F(76, 150, authority="al-Shabaab"),
      F(10, 10, category="killed", authority="AMISOM"), F(2, 2, category="wounded", authority="AMISOM")]),
    ("Russian claim:, 190 fighters killed", [F(190, 190, category="killed", unit="fighters", kind=P, authority="Russian")]),
    ("Soviet claim:, 600 killed", [F(600, 600, category="killed", authority="Soviet")]),
    ("100 killed, 100 captured, (LNA claim, 31 May 2018)",
     [F(100, 100, category="killed", authority="LNA", as_of="31 May 2018"),
      F(100, 100, category="captured", authority="LNA", as_of="31 May 2018")]),
    ("500 dead (According to Abul Fazl), 1,600 dead or wounded (Mewari sources)",
     [F(500, 500, category="killed", authority="Abul Fazl"),
      F(1600, 1600, category="killed_or_wounded", authority="Mewari sources")]),
    ("300+ killed, 800+ wounded, (SLA claim), 1,000+ killed (LTTE claim)",
     [F(300, None, category="killed", authority="SLA"), F(800, None, category="wounded", authority="SLA"),
      F(1000, None, category="killed", authority="LTTE")]),
    ("20-30 killed (per France and MSA), Several captured (per MSA)",
     [F(20, 30, category="killed", authority="France and MSA"),
      F(None, None, approximate=True, category="captured", vague="several", authority="MSA")]),
    ("Burmese sources:, 60,000+ men, 2,400 horses, 360 elephants Thai sources:, 120,000+ men",
     [F(60000, None, unit="men", kind=P, authority="Burmese sources"),
      F(2400, 2400, unit="horses", kind=A, authority="Burmese sources"),
      F(360, 360, unit="elephants", kind=A, authority="Burmese sources"),
      F(120000, None, unit="men", kind=P, authority="Thai sources")]),
    ("Unofficial estimate:, 2 killed and 1 wounded",
     [F(2, 2, approximate=True, category="killed", authority="unofficial"),
      F(1, 1, approximate=True, category="wounded", authority="unofficial")]),
    ("~14,700 killed (Houthi claim; June-Nov. 2021), 1 Mi-24 comb",
     [F(14700, 14700, approximate=True, category="killed", authority="Houthi", as_of="June-Nov. 2021"),
      F(1, 1, unit="Mi-24 comb")]),
    ("28 Yemeni soldiers killed (per medical sources, airport battle",
     [F(28, 28, category="killed", unit="Yemeni soldiers", kind=P, authority="medical sources", note="airport battle")]),
    # dates
    ("70 killed (by 5 August)", [F(70, 70, category="killed", as_of="5 August")]),
    ("2,000–4,000 fighters, (as of May 2019)", [F(2000, 4000, unit="fighters", kind=P, as_of="May 2019")]),
    ("6,000+ civilians killed, (as of January 2023), 700,000 internally displaced, "
     "63,800 refugees in Nigeria, (as of March 2021)",
     [F(6000, None, category="killed", unit="civilians", kind=C, as_of="January 2023"),
      F(700000, 700000, category="displaced", as_of="March 2021"),
      F(63800, 63800, category="displaced", as_of="March 2021", note="in Nigeria")]),
    ("20 killed, 35 wounded, (31 May 2018)",
     [F(20, 20, category="killed", as_of="31 May 2018"), F(35, 35, category="wounded", as_of="31 May 2018")]),
    ("200–300 (2025)", [F(200, 300, as_of="2025")]),
    # notes and estimates
    ("400 dead (all Argentinians)", [F(400, 400, category="killed", note="all Argentinians")]),
    ("9,000, 6,000 killed,, 3,000 captured, (estimate)",
     [F(9000, 9000, approximate=True), F(6000, 6000, approximate=True, category="killed"),
      F(3000, 3000, approximate=True, category="captured")]),
    ("600 killed, including 15 chieftains", [F(600, 600, category="killed", note="including 15 chieftains")]),
    ("~31–150 estimated, 31 confirmed, 61 abducted",
     [F(31, 150, approximate=True), F(31, 31, note="confirmed"), F(61, 61, category="captured")]),
    ("1 infantry division (15,000–20,000)", [F(1, 1, unit="infantry division", kind="formation", note="15,000–20,000")]),
    ("Army: 90 killed, 41 wounded, 17 missing, Civilians: 6 killed, 1 wounded",
     [F(90, 90, category="killed", note="Army"), F(41, 41, category="wounded", note="Army"),
      F(17, 17, category="missing", note="Army"), F(6, 6, category="killed", note="Civilians"),
      F(1, 1, category="wounded", note="Civilians")]),
    # zero, unknown counts
    ("None, 1 killed, 2 wounded, 3 killed, 5 wounded",
     [F(0, 0), F(1, 1, category="killed"), F(2, 2, category="wounded"), F(3, 3, category="killed"), F(5, 5, category="wounded")]),
    ("600 soldiers, 13 mounted infantry, 12 crossbowmen, 7 arquebusiers, No artillery, 800 troops",
     [F(600, 600, unit="soldiers", kind=P), F(13, 13, unit="mounted infantry", kind=P),
      F(12, 12, unit="crossbowmen", kind=P), F(7, 7, unit="arquebusiers", kind=P),
      F(0, 0, unit="artillery", kind="artillery"), F(800, 800, unit="troops", kind=P)]),
    ("3,000 cavalry, 400 Bhil archers, Unknown number of elephants",
     [F(3000, 3000, unit="cavalry", kind=P), F(400, 400, unit="Bhil archers", kind=P),
      F(None, None, unit="elephants", kind=A, vague="unknown")]),
    ("100 Spanish dead, unknown Tlaxcalan losses",
     [F(100, 100, category="killed", unit="Spanish"), F(None, None, category="casualties", unit="Tlaxcalan", vague="unknown")]),
    # a year or a unit name before a colon labels the figures after it; a date alone dates those before
    ("1612: 4,000 men, 1620: 6,000 men",
     [F(4000, 4000, unit="men", kind=P, as_of="1612"), F(6000, 6000, unit="men", kind=P, as_of="1620")]),
    ("1612–1613: 4,000 men; 1620–1621: 2,000 men",
     [F(4000, 4000, unit="men", kind=P, as_of="1612–1613"), F(2000, 2000, unit="men", kind=P, as_of="1620–1621")]),
    ("In 1703: 900 cavalry", [F(900, 900, unit="cavalry", kind=P, as_of="1703")]),
    ("4,000 men, 1620–1621", [F(4000, 4000, unit="men", kind=P, as_of="1620–1621")]),
    ("500 men, May 2019", [F(500, 500, unit="men", kind=P, as_of="May 2019")]),
    ("212 Brigade: 1,500 men", [F(1500, 1500, unit="men", kind=P, note="212 Brigade")]),
    ("3 Commando Brigade: 800 marines", [F(800, 800, unit="marines", kind=P, note="3 Commando Brigade")]),
    # every figure has its own source: headers glued after a figure, "According to X:" after a full stop
    ("Russian claim: 190 killed Chechen claim: 20 killed",
     [F(190, 190, category="killed", authority="Russian"), F(20, 20, category="killed", authority="Chechen")]),
    ("Malian claim: 20 killed, 3 wounded MNLA claim: 5 killed",
     [F(20, 20, category="killed", authority="Malian"), F(3, 3, category="wounded", authority="Malian"),
      F(5, 5, category="killed", authority="MNLA")]),
    ("15 killed. According to the rebels: 40 killed, 2 captured",
     [F(15, 15, category="killed"), F(40, 40, category="killed", authority="the rebels"),
      F(2, 2, category="captured", authority="the rebels")]),
    ("10 killed (Redlander claims), 40 killed (Front claims)",
     [F(10, 10, category="killed", authority="Redlander"), F(40, 40, category="killed", authority="Front")]),
    ("6 killed (per FAR) 12 killed, 3 trucks destroyed (per GSIM)",
     [F(6, 6, category="killed", authority="FAR"), F(12, 12, category="killed", authority="GSIM"),
      F(3, 3, category="destroyed", unit="trucks", kind=V, authority="GSIM")]),
    ("Army: 20 killed Militia: 3 killed",
     [F(20, 20, category="killed", note="Army"), F(3, 3, category="killed", note="Militia")]),
    ("4,000 men 1620: 5,000 men", [F(4000, 4000, unit="men", kind=P), F(5000, 5000, unit="men", kind=P, as_of="1620")]),
    ("5,000 men 1620–1621: 300 men", [F(5000, 5000, unit="men", kind=P), F(300, 300, unit="men", kind=P, as_of="1620–1621")]),
    # casualty words in a label before the figures, or in a parenthesis right after one, are its category
    ("Civilian dead: ≈2,000 to 15,000",
     [F(2000, 15000, approximate=True, category="killed", unit="Civilian", kind=C, note="Civilian dead")]),
    ("Killed: 20, Wounded: 30 (per UN)",
     [F(20, 20, category="killed", note="Killed"), F(30, 30, category="wounded", note="Wounded", authority="UN")]),
    ("800 (killed by the relief column)", [F(800, 800, category="killed", note="by the relief column")]),
    ("12 (wounded), 3 (captured, per the army)",  # a claim covers the figures back to the last one
     [F(12, 12, category="wounded", authority="the army"), F(3, 3, category="captured", authority="the army")]),
    # plurals and "1 brigade" count formations; round ranges of four plain digits are counts
    ("3 battalions, 1 brigade", [F(3, 3, unit="battalions", kind="formation"), F(1, 1, unit="brigade", kind="formation")]),
    ("1500–2000 men", [F(1500, 2000, unit="men", kind=P)]),
    ("1000–1100 men", [F(1000, 1100, unit="men", kind=P)]),
]


@pytest.mark.parametrize(("value", "expected"), VALUES, ids=[v for v, _ in VALUES])
def test_parse_quantities_reads_every_figure(value: str, expected: list[dict[str, Any]]) -> None:
    result = parse_quantities(value)
    assert [fields(f) for f in result.figures] == expected
    assert result.leftover == ()
    for figure in result.figures:
        assert value[figure.start : figure.end] == figure.text


FLAGS = [
    ("Unknown", True, (), ()),
    ("unknown", True, (), ()),
    ("?", True, (), ()),
    ("(Unknown)", True, (), ()),
    ("Unclear", True, (), ()),
    ("ISIL: Unknown", True, (), ()),
    ("Heavy", False, ("heavy",), ()),
    ("Minimal", False, ("minimal",), ()),
    ("Unknown, light", True, ("light",), ()),
    ("Extremely heavy", False, ("extremely heavy",), ()),
    ("Almost completely annihilated", False, ("almost completely annihilated",), ()),
    ("Many killed, many surrendered", False, ("many killed", "many surrendered"), ()),
    ("Heavy but few than Ayutthaya", False, ("heavy",), ("but few than Ayutthaya",)),
    ("Smaller than the Turks", False, (), ("Smaller than the Turks",)),
    ("Unknown, most likely higher", True, (), ("most likely higher",)),
    ("Qin suffered a major defeat, which was rare in the late Warring States period.", False, (),
     ("Qin suffered a major defeat", "which was rare in the late Warring States period")),
]


@pytest.mark.parametrize(("value", "unknown", "qualitative", "leftover"), FLAGS, ids=[v for v, *_ in FLAGS])
def test_values_without_figures(value: str, unknown: bool, qualitative: tuple[str, ...], leftover: tuple[str, ...]) -> None:
    result = parse_quantities(value)
    assert result.figures == ()
    assert (result.unknown, result.qualitative, result.leftover) == (unknown, qualitative, leftover)


PARTLY = [
    ("900, Local militia", [(900, 900)], ("Local militia",)),
    ("Superior numbers, 1 trebuchet", [(1, 1)], ("Superior numbers",)),
    ("Charles Anthony Brigade Jeyanthan Brigade 3,000 fighters", [(3000, 3000)], ("Charles Anthony Brigade Jeyanthan Brigade",)),
    ("Zhao slightly recovered from the Battle of Changping and managed to survive for several more decades.", [],
     ("Zhao slightly recovered from the Battle of Changping and managed to survive for several more decades",)),
    # a range of years, a unit named by a number: never figures
    ("1620–1621", [], ("1620–1621",)),
    ("1914–1918 killed", [], ("1914–1918 killed",)),
    ("212 Brigade", [], ("212 Brigade",)),
    ("1 Battalion, 45 Regiment, 400 men", [(400, 400)], ("1 Battalion", "45 Regiment")),
    ("3rd Battalion, 400 men", [(400, 400)], ("3rd Battalion",)),
    ("3 Commando Brigade, 2 battalions", [(2, 2)], ("3 Commando Brigade",)),
    # two ends written differently are no range kg can read exactly
    ("1612 – 4,000 men", [], ("1612 – 4,000 men",)),
    ("10,000–1500 men, 20 killed", [(20, 20)], ("10,000–1500 men",)),
    # a notation kg cannot read exactly is never cut to its first digits
    ("10^400 men, 1.5e3 killed, 1/0 dead, 5 wounded", [(5, 5)], ("10^400 men", "1.5e3 killed", "1/0 dead")),
    ("16–2.8e21 killed, 1—0/12 dead, 3 captured", [(3, 3)], ("16–2.8e21 killed", "1—0/12 dead")),  # found by the fuzz run
]


@pytest.mark.parametrize(("value", "bounds", "leftover"), PARTLY, ids=[v for v, *_ in PARTLY])
def test_unreadable_fragments_are_reported_in_leftover(
    value: str, bounds: list[tuple[int, int]], leftover: tuple[str, ...]
) -> None:
    result = parse_quantities(value)
    assert [(f.min, f.max) for f in result.figures] == bounds
    assert result.leftover == leftover


def test_figure_offsets_point_into_the_input() -> None:
    value = "16–28 killed, 3-30 prisoners"
    first, second = parse_quantities(value).figures
    assert (first.text, first.start, first.end) == ("16–28 killed", 0, 12)
    assert (second.text, second.start, second.end) == ("3-30 prisoners", 14, 28)


def test_parse_figure_reads_exactly_one() -> None:
    figure = parse_figure("~40 men")
    assert (figure.min, figure.max, figure.approximate, figure.unit, figure.kind) == (40, 40, True, "men", "personnel")


@pytest.mark.parametrize("value", ["70 men, 12 pick-ups", "Unknown", "", "Superior numbers, 1 trebuchet"])
def test_parse_figure_refuses_anything_but_one_figure(value: str) -> None:
    with pytest.raises(QuantityParseError) as caught:
        parse_figure(value)
    assert repr(value) in str(caught.value)


VAGUE = [
    ("several", 3), ("a few", 2), ("tens", 10), ("dozens", 12), ("Dozens of", 12), ("hundreds", 100),
    ("thousands", 1000), ("several hundred", 300), ("several thousand", 3000), ("several dozen", 36),
    ("a few hundred", 200), ("tens of thousands", 10000), ("hundreds of thousands", 100000), ("many", None),
]


@pytest.mark.parametrize(("phrase", "expected"), VAGUE, ids=[p for p, _ in VAGUE])
def test_vague_phrases_are_read_by_rule(phrase: str, expected: int | None) -> None:
    assert vague_value(phrase) == expected


KINDS = [
    ("pick-ups", V), ("pickups", V), ("APCs", V), ("T-55 Tanks", V), ("militiamen", P), ("Bhil archers", P),
    ("soldiers & volunteers", P), ("Mi-8 helicopter", "aircraft"), ("transport ships", "vessel"),
    ("mangonels", "artillery"), ("elephants", A), ("civilians", C), ("people", C), ("battalions", "formation"),
    ("Zaporozhian Cossacks", None),
]


@pytest.mark.parametrize(("unit", "expected"), KINDS, ids=[u for u, _ in KINDS])
def test_unit_kind_is_the_kind_of_the_head_noun(unit: str, expected: str | None) -> None:
    assert unit_kind(unit) == expected


# --- prose -------------------------------------------------------------------------------

PROSE = [
    ("Malian forces launched an offensive against AQIM in retaliation for the assassination on June 16, "
     "near Garn-Akassa, killing sixteen to twenty-six jihadists.",
     [("sixteen to twenty-six jihadists", 16, 26, False, "killed", "jihadists", P)]),
    ("Hamma Ould Mohamed Yahya organized a patrol of seventy men on twelve pick-ups to intersect the convoy.",
     [("seventy men", 70, 70, False, None, "men", P), ("twelve pick-ups", 12, 12, False, None, "pick-ups", V)]),
    ("Between 3 and 4am the following night, around forty AQIM jihadists ambushed the Malian soldiers.",
     [("around forty AQIM jihadists", 40, 40, True, None, "AQIM jihadists", P)]),
    ("Sixteen Malian soldiers were killed and twenty were taken prisoner, including Yahya.",
     [("Sixteen Malian soldiers", 16, 16, False, "killed", "Malian soldiers", P),
      ("twenty", 20, 20, False, "captured", None, None)]),
    ("Between one and twenty jihadists were killed as well.",
     [("Between one and twenty jihadists", 1, 20, False, "killed", "jihadists", P)]),
    ("AQIM claimed responsibility for the ambush on July 8, and claimed the deaths of twenty-eight Malian "
     "soldiers and capture of three others.",
     [("twenty-eight Malian soldiers", 28, 28, False, "killed", "Malian soldiers", P),
      ("three", 3, 3, False, "captured", None, None)]),
    ("Survivors stated that \"of the twelve army vehicles, six were destroyed with their occupants, and the "
     "other six were scattered in the desert.\"",
     [("twelve army vehicles", 12, 12, False, None, "army vehicles", V),
      ("six", 6, 6, False, "destroyed", "army vehicles", V)]),
    ("AQIM also claimed one Mauritanian within their ranks was killed. Yahya was released in March 2012.",
     [("one", 1, 1, False, "killed", None, None)]),
    ("On June 11, 2009, AQIM jihadists assassinated Malian officer Lamana Ould Bou in his home in Timbuktu.", []),
    ("On July 3, 2009, American intelligence alerted Malian officials to a convoy.", []),
    ("The Polisario speaks of 190 dead, 150 wounded, and 36 prisoners among Moroccan soldiers.",
     [("190", 190, 190, False, "killed", None, None), ("150", 150, 150, False, "wounded", None, None),
      ("36", 36, 36, False, "captured", None, None)]),
    ("The attack killed at least eleven soldiers; one of them was a colonel.",
     [("at least eleven soldiers", 11, None, False, "killed", "soldiers", P)]),
    ("In 2009, the offensive resulted in the capture of several key cities and 2 groups.",
     [("2 groups", 2, 2, False, None, "groups", "formation")]),
    ("Two air force personnel were injured as well.",
     [("Two air force personnel", 2, 2, False, "wounded", "air force personnel", P)]),
    ("At 10:30 two soldiers were killed.", [("two soldiers", 2, 2, False, "killed", "soldiers", P)]),
    ("On the 4th of July 300 men died.", [("300 men", 300, 300, False, "killed", "men", P)]),
    ("They sent 5000 men in 1998.", [("5000 men", 5000, 5000, False, None, "men", P)]),
    ("The 1990s saw 40 attacks.", []),
    ("No one was killed, and every one of them returned.", []),
    ("This village of several thousands inhabitants was a trading post.",
     [("several thousands inhabitants", None, None, True, None, "inhabitants", C)]),
    ("Unknown gunmen attacked; an unknown number of civilians were killed.",
     [("an unknown number of civilians", None, None, False, "killed", "civilians", C)]),
    # a vague word is no number; a notation kg cannot read exactly is no figure (never its first digits)
    ("Dozens of soldiers were killed.", [("Dozens of soldiers", None, None, True, "killed", "soldiers", P)]),
    ("Officials said 10^400 civilians were killed and 1.5e3 soldiers died.", []),
    ("Around 1/3 of the men died and 10/12 were wounded.", []),
    ("Forty fighters attacked and killed 3 soldiers.",
     [("Forty fighters", 40, 40, False, None, "fighters", P), ("3 soldiers", 3, 3, False, "killed", "soldiers", P)]),
]


@pytest.mark.parametrize(("sentence", "expected"), PROSE, ids=[s[:60] for s, _ in PROSE])
def test_scan_figures_in_prose(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    found = scan_figures(sentence)
    assert [(f.text, f.min, f.max, f.approximate, f.category, f.unit, f.kind) for f in found] == expected
    for figure in found:
        assert sentence[figure.start : figure.end] == figure.text


def test_scan_figures_offsets_are_relative_to_the_input() -> None:
    text = "Fighting resumed. Sixteen Malian soldiers were killed."
    (figure,) = scan_figures(text)
    assert (figure.start, figure.end) == (18, 41)


# --- properties ----------------------------------------------------------------------------

PIECES = st.sampled_from([
    "0", "7", "12", "1,000", "5 000", "twenty-six", "one", "a dozen", "~", "≈", "c. ", "about ", "at least ",
    "up to ", "over ", "between ", " and ", " to ", "–", "-", "+", "±", "s", " killed", " wounded", " men",
    " pick-ups", "dozens", "several", " hundred", "Unknown", "?", "None", ", ", "; ", "(", ")", "(per X)",
    " claim:", "(as of May 2019)", " of", " or ", "4am", "July ", "2009", "%", ".", " ",
])


def check(text: str, figures: list[Figure] | tuple[Figure, ...]) -> None:
    for f in figures:
        assert f.min is None or f.min >= 0
        assert f.max is None or f.max >= 0
        assert f.min is None or f.max is None or f.min <= f.max
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text


@given(st.one_of(st.lists(PIECES, max_size=20).map("".join), st.text(max_size=80)))
def test_parse_quantities_never_raises_and_keeps_invariants(text: str) -> None:
    check(text, parse_quantities(text).figures)


@given(st.one_of(st.lists(PIECES, max_size=20).map("".join), st.text(max_size=80)))
def test_scan_figures_never_raises_and_keeps_invariants(text: str) -> None:
    check(text, scan_figures(text))


@given(st.one_of(st.lists(PIECES, max_size=12).map("".join), st.text(max_size=40)))
def test_parse_figure_gives_a_figure_or_a_typed_error(text: str) -> None:
    try:
        figure = parse_figure(text)
    except QuantityParseError:
        return
    check(text, [figure])
