"""Fuzz the whole mapper: generated articles -> read -> extract -> map -> N-Quads -> parsed back.

Not part of the test suite (it takes minutes). Run it from the repository root:

    python bench/fuzz.py --articles 100000 --seed 1            # all cores
    python bench/fuzz.py --replay 4711 --seed 1                # show article 4711 and its failure
    python bench/fuzz.py --long                                # 1-5 MB articles: build time per MB
    python bench/fuzz.py --long-line                           # one prose line of 35-280 KB full of triggers

Each article is made by a seeded generator that mutates real article structures: a title (Latin,
Cyrillic, Arabic with bidi controls, emoji, IRI breakers), an infobox of real keys with values
drawn from a pool of messy corpus values (flag icons, glued status markers, dashes, ranges,
unknowns; ISO and impossible dates, short year ranges, numbers in scientific and exponent notation,
slashes, control characters), mutated (spliced, cut mid-word, doubled, stripped of its colon, keys
repeated), then
prose of sentences with numbers, dates, names and Unicode, headings, CRLF or LF, a BOM or not.
Article *i* of seed *s* is always the same text, so a failure is replayed by its number.

For every article the pipeline must give a graph whose N-Quads text (kg.store.nquads, as the
corpus build and the stores write it) parses with pyoxigraph to the same number of distinct
triples, where every IRI is a correct IRI (RFC 3987 grammar via pyoxigraph, no bidi controls)
and every kg IRI has a slug; no figure is read from a number written in a notation kg does not
read exactly (``10^400``, ``1.5e3``, ``1/0``), and no year of the battle's time is missing from
its Date values (an impossible date is never read as another one). Every ``--formats-every``-th article is also exported in every
format (Turtle, N-Triples, N-Quads, TriG, JSON-LD via rdflib) and each is parsed back with
pyoxigraph to the same triples; every ``--validate-every``-th is validated with the SHACL
shapes and must have no violation. Any other outcome, or any exception, is a failure; the
failures are listed with their article numbers and the exit status is 1.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.article import parse_article  # noqa: E402
from kg.parse.clean import clean_value  # noqa: E402
from kg.pipeline import build_article, default_base  # noqa: E402
from kg.store.nquads import quads_nq  # noqa: E402

__all__ = ["make_article", "check_article", "main"]

# ---- the generator ---------------------------------------------------------------------------------

KEYS = [
    "Conflict", "Partof", "Place", "Date", "Result", "Territory", "Status", "Combatant1", "Combatant2",
    "Combatant3", "Combatant1a", "Commander1", "Commander2", "Units1", "Units2", "Strength1", "Strength2",
    "Casualties1", "Casualties2", "Casualties3", "Map Type", "Coordinates", "Image", "Caption", "Notes",
]
#: Messy values of the kind the corpus holds (copied from it), by the key they fit.
VALUES: dict[str, list[str]] = {
    "place": ["near Araouane, Mali", "Ephesus, (modern-day Selçuk, İzmir, Turkey)", "Zacatecas, Zacatecas",
              "Babanusa, West Kordofan, Sudan", "British Egypt and Ottoman Syria", "Kurram Valley, Afghanistan",
              "Bhamdoun, Aley District", "north of the river", "Белая Церковь, Украина", "القدس", "?", ""],
    "date": ["July 4, 2009", "21 May – 12 June 2021", "598, 612–614", "February 22, 2017", "680–1355 (675 years)",
             "October 1641 – April 1653, ()", "c. 1500 BC", "3 March 2019 – present", "1990s", "31 February 2009",
             "Between 3 and 4am", "4–5 July 2009", "Summer 1812", "0", "-5 BC", "9999", "10000",
             # ISO and impossible dates, decades, short and reversed ranges, two calendars (issue 10, 11)
             "2009-07-04", "2009-02-30", "2009-13-01", "2009-07", "July 40, 2009", "40 July 2009", "1998–99",
             "1998–97", "1999–00", "1230s", "711–1230s", "c. 1990s", "490s BC", "9 June [O.S. 30 May] 1688",
             "24 April (6 May) 1827", "19 June 1688 (O.S. 9 June)", "2009-07-04 – 2009-07-06", "1620–1621: phase"],
    "result": ["Ottoman victory", "AQIM and allied victory", "Indecisive", "Stalemate", "Pyrrhic Russian victory",
               "Ceasefire and mutual disengagement to pre-battle positions", "RSF takes full control over the city.",
               "Mozambique Victory", "See aftermath", "Decisive victory for the North", ""],
    "combatant": ["Mali", "AQIM and affiliated drug traffickers", "Cossack Hetmanate , Crimean Khanate", "MNLA",
                  "Boko Haram", ",", "25pxFrance", "Abu Sayyaf, 25px Rogue MNLF fighters Jemaah Islamiyah",
                  "Supported by:, United States", "Россия", "🐉 army", "Kingdom of \"X\" <Y>"],
    "commander": ["Hamma Ould Mohamed YahyaPOW", "Unknown", "WIA", "Vyacheslav Tikhomirov,", "Yoav Gallant, Itzik Cohen",
                  "Serasker Hasan BeyKIA, Murad PashaKIA, Hadım Ali PashaKIA, , Haydar PashaKIA",
                  "Gen. Sami Sadat, , Colonel Sharifullah Sartayib", "Lt. Col. A. B. Smith †", "Иван Петров (POW)",
                  "\u2067\u0639\u0644\u064a\u2069 (KIA)"],
    "strength": ["70 men, 12 pick-ups", "~40 men", "70,000", "500 cavalry", "~1,500", "Unknown",
                 "Burmese sources:, 60,000+ men, 2,400 horses, 360 elephants Thai sources:, 120,000+ men|",
                 "Unknown (Initially), 50–60 (HOR estimate, 14 June 2018), 46 (12 February 2019)",
                 "several hundred", "dozens", "at least 4 battalions", "10^9", "99999999999999999999 men",
                 # notations kg cannot read exactly, year and unit labels (issue 10, 11)
                 "10^400 men", "1.5e3 men", "1/0 men", "10 ** 3 men", "2.5 men", "1612: 4,000 men, 1620: 6,000 men",
                 "1620–1621", "212 Brigade: 1,500 men", "3 Commando Brigade", "1612 – 4,000 men", "1,000s"],
    "casualties": ["16–28 killed, 3-30 prisoners", "1–20 killed", "17–22+ killed, 2 captured, 2 killed",
                   "Unofficial estimate:, 2 killed and 1 wounded", "31+ killed", "1,200 – 3,000, (estimate)",
                   "None, 1 killed, 2 wounded, border|20pxborder|20px 3 killed, 5 wounded", "70 killed (by 5 August)",
                   "heavy", "many civilians", "30–20 killed", "−5 killed", "1e6 killed", "twenty-six killed",
                   "1.5e3 killed", "1/0 dead", "10/12 killed", "Several wounded", "Dozens killed (per X)",
                   "Russian claim: 190 killed Chechen claim: 20 killed", "15 killed. According to Y: 40 killed",
                   "11 killed (Moroccan claim), 31 captured (per MSA)"],
    "other": ["Tigray war", "War in the Sahel", "Somali Civil War (2009–present)", "the Anglophone problem",
              "Formation of the Cossack Hetmanate", "Ongoing (Map of the current military situation)", "", "-",
              "13°N 4°W", "File:Map.png", "<hr>", "[1][2]", "()"],
}
#: Values that were read wrong or crashed something (issue 11): ISO and impossible dates, short and
#: reversed year ranges, scientific and exponent notation, slashes, control characters.
VALUES["date"] += ["Date: 2009-07-04", "2009-07-04", "2009-02-30", "July 40, 2009", "1998–99", "1999–98",
                   "2009-07-04/2009-07-05", "04/07/2009", "0000-00-00", "2009-13-01T25:61:00"]
VALUES["strength"] += ["10^400 men", "1.5e3 men", "1E6", "2×10^3 soldiers", "1/0 men", "3/4 of the army", "½ battalion"]
VALUES["casualties"] += ["1.5e3 killed", "1/0 dead", "10^400 killed", "5/6 wounded", "1e-3 killed", "∞ killed",
                         "A\x01B killed", "12\x1b[31m killed"]
KEY_KIND = {"place": "place", "date": "date", "result": "result", "status": "result", "territory": "other",
            "combatant": "combatant", "commander": "commander", "units": "combatant", "strength": "strength",
            "casualties": "casualties"}
TITLES = ["Battle of Araouane (2009)", "Siege of Urgun", "Battle of Hrvatska Kostajnica", "Битва под Белой Церковью",
          "معركة \u202eالعرعر\u202c", "💥🔥", "Battle of \"A\" <b> #c %20 d\\e {f}", "2017 Tilwa attack",
          "Operation Ōkami", "Battles of La Güera and Tichla", "   Spaced   out   ", "%%%", "Battle of X_Y__Z"]
NOISE = ["25px", "KIA", "POW", "†", "[1]", "[citation needed]", "<hr>", "|", "()", "(", ")", ":", ";", "–", "—", "−",
         "~", "c.", "+", "±", "?", "\u00a0", "\u200b", "\u200f", "\u202e", "\ufeff", "\t", "💥", "🇲🇱", "e\u0301", "ﬁ",
         "Ⅻ", "٣", "𝟕", "\\", "\"", "'", "<", ">", "#", "%", "&", "{", "}", "`", "^", "\x07", "\x7f", "\u2028",
         "\x01", "\x1b", "\x0b", "\x0c", "\x1f", "/", "e3", "^400", "10^"]
WORDS = ["forces", "attacked", "near", "the", "village", "killed", "wounded", "captured", "soldiers", "jihadists",
         "civilians", "Malian", "General", "Colonel", "army", "convoy", "on", "in", "between", "and", "about",
         "at least", "some", "dozens", "of", "were", "Гвардия", "القوات", "部隊", "Ōtomo", "Smith"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Sept"]


def _number(r: random.Random) -> str:
    return r.choice([
        str(r.randint(0, 30)), f"{r.randint(1, 999):,}", f"{r.randint(1000, 10**7):,}", r.choice(["sixteen", "twenty-eight",
        "a dozen", "one hundred", "three thousand", "several hundred", "dozens"]), f"{r.randint(1, 50)}–{r.randint(1, 80)}",
        f"{r.randint(1, 9)}.{r.randint(0, 9)} million", str(r.randint(0, 10**30)),
        # notations kg cannot read exactly: never truncated to their first digits
        f"{r.randint(1, 99)}^{r.randint(0, 500)}", f"{r.randint(1, 9)}.{r.randint(0, 9)}e{r.randint(0, 400)}",
        f"{r.randint(0, 99)}/{r.randint(0, 99)}", f"{r.randint(1, 99)} ** {r.randint(1, 9)}",
    ])


def _date(r: random.Random) -> str:
    day, month, year = r.randint(0, 32), r.choice(MONTHS), r.randint(-600, 2200)
    return r.choice([f"{month} {day}, {year}", f"{day} {month} {year}", f"{month} {year}", str(year),
                     f"{day}–{r.randint(0, 32)} {month} {year}", f"{year}–{r.randint(-600, 2200)}", f"{r.randint(0, 25)}:{r.randint(0, 61):02d}",
                     f"{r.randint(1, 12)}am", f"the {r.randint(1, 20)}th century",
                     # ISO dates (possible or not), decades, short ranges, two calendars
                     f"{r.randint(0, 2200):04d}-{r.randint(0, 14):02d}-{r.randint(0, 33):02d}", f"{r.randint(10, 220)}0s",
                     f"{year}–{r.randint(0, 99):02d}", f"{day} {month} [O.S. {r.randint(0, 32)} {r.choice(MONTHS)}] {year}",
                     f"{day} {month} ({r.randint(0, 32)} {r.choice(MONTHS)}) {year}"])


def _mutate(r: random.Random, value: str) -> str:
    for _ in range(r.choice([0, 0, 1, 1, 2, 4])):
        op = r.randrange(6)
        pos = r.randint(0, len(value))
        if op == 0:
            value = value[:pos] + r.choice(NOISE) + value[pos:]
        elif op == 1:
            value = value[:pos]  # cut mid-word, as the corpus does
        elif op == 2:
            value = value[:pos] + _number(r) + value[pos:]
        elif op == 3:
            value = value + ", " + r.choice(VALUES[r.choice(list(VALUES))])
        elif op == 4:
            value = value[:pos] + " " + _date(r) + " " + value[pos:]
        else:
            value = value * 2
    return value


def _sentence(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(3, 18)):
        roll = r.random()
        if roll < 0.12:
            parts.append(_number(r))
        elif roll < 0.2:
            parts.append(_date(r))
        elif roll < 0.25:
            parts.append(r.choice(NOISE))
        elif roll < 0.3:
            parts.append(r.choice(VALUES[r.choice(list(VALUES))]))
        else:
            parts.append(r.choice(WORDS))
    text = " ".join(parts)
    return text[:1].upper() + text[1:] + r.choice([".", ".", "!", "?", "", ".\"", "..."])


def make_article(seed: int, index: int) -> str:
    """Article *index* of the run with *seed*: always the same text."""
    r = random.Random(seed * 1_000_003 + index)
    title = _mutate(r, r.choice(TITLES)) if r.random() < 0.5 else r.choice(TITLES)
    if not title.strip() or "\n" in title or "\r" in title or "\u2028" in title:
        title = "Battle of Nowhere"
    nl = r.choice(["\n", "\n", "\r\n"])
    lines = [r.choice(["", "", "\ufeff"]) + f"= {title} =", ""]
    if r.random() < 0.9:
        lines.append("Infobox")
        for _ in range(r.randint(0, 18)):
            key = r.choice(KEYS)
            kind = KEY_KIND.get(key.rstrip("0123456789abc").lower(), "other")
            value = _mutate(r, r.choice(VALUES[kind]))
            sep = r.choice([": ", ": ", ": ", ":", " : ", " ", ":: "])
            lines.append(f"- {key}{sep}{value}".replace("\n", " ").replace("\r", " "))
        lines.append("")
    for _ in range(r.randint(0, 6)):
        if r.random() < 0.4:
            lines += ["", f"{'=' * r.randint(2, 4)} {r.choice(['Background', 'Battle', 'Aftermath', 'Casualties', '', 'Последствия'])} {'=' * r.randint(2, 4)}"]
        paragraph = " ".join(_sentence(r) for _ in range(r.randint(1, 6)))
        lines.append(paragraph.replace("\n", " "))
        if r.random() < 0.1:  # cut off mid-sentence, as many corpus articles are
            lines[-1] = lines[-1][: r.randint(0, len(lines[-1]))]
    return nl.join(lines) + r.choice(["", nl])


# ---- the checks ------------------------------------------------------------------------------------

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "json-ld-framed": ox.RdfFormat.JSON_LD}


def _iri_problem(iri: str, base: str) -> str | None:
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        return f"bad IRI {iri!r}: {exc}"
    if _BIDI.search(iri):
        return f"IRI with a bidi control {iri!r}"
    if iri.startswith(base):
        kind, _, slug = iri[len(base):].partition("/")
        if not kind or not slug or slug[0] in "/#":
            return f"kg IRI without a slug {iri!r}"
    return None


def _triples(quads) -> tuple[int, set[tuple[str, str, str]]]:
    """The number of distinct triples, and the set of those without a blank node (comparable
    across formats, where blank node labels change)."""
    every = {(q.subject, q.predicate, q.object) for q in quads}
    ground = {(str(s), str(p), str(o)) for s, p, o in every
              if not isinstance(s, ox.BlankNode) and not isinstance(o, ox.BlankNode)}
    return len(every), ground


#: a figure whose number (or range) is written in a notation kg does not read exactly ("10^400",
#: "1.5e3", "1/0", "10 ** 3", "16–2.8e21"): kg read its first digits
_NOTATION = re.compile(
    r"^[^\w]*(?:(?:c|ca|approx|about|around|over|some|nearly|at least|up to|more than)\.?\s+)?"
    r"\d[\d,.]*(?:\s*[–—-]\s*\d[\d,.]*)?(?:\s*(?:\^|\*\*)\s*\d|[eE][+-]?\d|\s*/\s*\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)\d{1,4}(?!\d)")


def _guessed_values(built) -> list[str]:
    """Values kg would have guessed: a figure read from a notation it cannot read exactly (so
    from its first digits), a time whose year is not written in any Date value (not even as the
    short end of a range, at most 20 years after a written year: "1998–99"; nor the year before
    a range's written end year, where the year turns within the range)."""
    problems = []
    for claim in built.facts.claims:
        f = claim.figure
        if f is not None and _NOTATION.match(f.text):
            problems.append(f"figure read from a notation kg cannot read exactly: {f.text!r}")
    time = built.facts.battle.time
    dates = [
        clean_value(fd.value) for fd in built.facts.article.infobox
        if fd.name == "date" and time is not None and fd.line == time.span
    ]
    if time is not None and dates:
        written = {int(y) for value in dates for y in _YEAR.findall(value)}
        for stamp in (time.range.start, time.range.end):
            if stamp is None or stamp.year < 1 or stamp.year in written:
                continue
            end = time.range.end
            if stamp is time.range.start and end is not None and stamp.year + 1 == end.year and end.year in written:
                continue  # the year turns within the range: "26 December – 3 January 2023" starts in 2022
            year = stamp.year  # else the short end of a range: "1998–99", "1999–00" (a century crossed by 20 years at most)
            if not any(
                0 < year - y < 100 and year % 100 in written and (year // 100 == y // 100 or year - y <= 20) for y in written
            ):
                problems.append(f"date year {year} written nowhere in the Date value: {dates!r}")
    return problems


def check_article(text: str, *, formats: bool = False, validate: bool = False) -> list[str]:
    """What goes wrong with *text* through the whole mapper: an empty list when all is well."""
    base = default_base()
    built = build_article(parse_article(text, source="fuzz"))
    graph = built.graph
    nq = quads_nq(str(graph.iri), graph.triples)
    quads = list(ox.parse(nq.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    problems: list[str] = _guessed_values(built)
    expected = len(set(graph.triples))
    if len(quads) != len(graph.triples):
        problems.append(f"N-Quads gave {len(quads)} quads for {len(graph.triples)} triples")
    seen: set[str] = set()
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode) and term.value not in seen:
                seen.add(term.value)
                why = _iri_problem(term.value, base)
                if why:
                    problems.append(why)
    if formats:
        from kg.export import FORMATS, serialize

        ds = built.dataset()
        _, reference = _triples(quads)
        for fmt in FORMATS:
            data = serialize(ds, fmt)
            count, ground = _triples(ox.parse(data.encode("utf-8"), format=_OX_FORMATS[fmt]))
            if count != expected:
                problems.append(f"{fmt} export parses back to {count} triples, not {expected}")
            elif ground != reference:
                problems.append(f"{fmt} export parses back to other triples: {sorted(ground ^ reference)[:1]}")
    if validate:
        from kg.validate import validate as shacl

        report = shacl(built.dataset(), warnings=False)
        if not report.conforms:
            problems += [f"SHACL: {f.message}" for f in report.findings][:3]
    return problems


# ---- the run ---------------------------------------------------------------------------------------


@dataclass
class Outcome:
    checked: int = 0
    chars: int = 0
    triples: int = 0
    formats: int = 0
    validated: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


_RUN: dict[str, int] = {}


def _init(seed: int, formats_every: int, validate_every: int) -> None:
    _RUN.update(seed=seed, formats_every=formats_every, validate_every=validate_every)


def _chunk(bounds: tuple[int, int]) -> Outcome:
    seed = _RUN["seed"]
    out = Outcome()
    for i in range(*bounds):
        text = make_article(seed, i)
        formats = _RUN["formats_every"] > 0 and i % _RUN["formats_every"] == 0
        validate = _RUN["validate_every"] > 0 and i % _RUN["validate_every"] == 0
        try:
            problems = check_article(text, formats=formats, validate=validate)
        except Exception as exc:  # noqa: BLE001 - a fuzz run records every crash
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            problems = [f"{type(exc).__name__} at {where}: {' '.join(str(exc).split())[:160]}"]
        out.checked += 1
        out.chars += len(text)
        out.formats += formats
        out.validated += validate
        for p in problems:
            out.failures.append((i, p))
            out.kinds[re.sub(r"'.*", "", p)[:90]] += 1
    return out


def _chunks(n: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n, size):
        yield start, min(n, start + size)


def run(articles: int, seed: int, jobs: int, formats_every: int, validate_every: int) -> tuple[Outcome, float]:
    total = Outcome()
    started = time.perf_counter()
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(jobs, initializer=_init, initargs=(seed, formats_every, validate_every)) as pool:
        for done in pool.imap_unordered(_chunk, _chunks(articles, 250)):
            total.checked += done.checked
            total.chars += done.chars
            total.formats += done.formats
            total.validated += done.validated
            total.failures += done.failures
            total.kinds.update(done.kinds)
            if sys.stderr.isatty():
                print(f"\r{total.checked:,}/{articles:,} articles, {len(total.failures)} failures", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return total, time.perf_counter() - started


def long_articles(sizes_mb: list[float]) -> None:
    """Build time of articles of growing size: linear growth means no quadratic scan."""
    from kg.article import MAX_ARTICLE_CHARS

    r = random.Random(0)
    paragraphs = [" ".join(_sentence(r) for _ in range(5)) for _ in range(200)]
    for mb in sizes_mb:
        target = min(int(mb * 1_000_000), MAX_ARTICLE_CHARS)
        parts, size = ["= Battle of Anywhere =", "", "Infobox", "- Date: July 4, 2009", "- Strength1: 70 men", ""], 0
        i = 0
        while size < target:
            p = paragraphs[i % len(paragraphs)] if i % 40 else f"== Part {i} =="
            parts.append(p)
            size += len(p) + 1
            i += 1
        text = "\n".join(parts)[:target]
        started = time.perf_counter()
        built = build_article(parse_article(text))
        seconds = time.perf_counter() - started
        print(f"{len(text):>10,} chars: {seconds:6.2f} s, {seconds / len(text) * 1e6:6.2f} µs/char, "
              f"{len(built.graph.triples):,} triples")


#: One clause after another with trigger words, actors, places and dates, and no full stop: the
#: whole line is one sentence (invented text).
LINE_UNIT = ("the rebels attacked the town of Anywhere on 4 July 2009, but the army ambushed the convoy "
             "and clashes broke out between the rebels and the army the next day; the militia withdrew in 2010 "
             "and the garrison was besieged, including the governor, ")


def long_line(sizes_kb: list[int]) -> None:
    """Build time of an article whose prose is one line of growing size full of trigger words:
    linear growth means no scan of the sentence per trigger (issue 11, item 16)."""
    for kb in sizes_kb:
        body = (LINE_UNIT * (kb * 1000 // len(LINE_UNIT) + 1))[: kb * 1000]
        text = "\n".join(["= Battle of Anywhere =", "", "Infobox", "- Date: July 4, 2009", "- Combatant1: Rebels",
                          "- Combatant2: Army", "", "== Battle ==", body, ""])
        started = time.perf_counter()
        built = build_article(parse_article(text))
        seconds = time.perf_counter() - started
        print(f"{kb:>5} KB line: {seconds:6.2f} s, {seconds / len(body) * 1e6:6.2f} µs/char, "
              f"{len(built.facts.events):,} events, {len(built.graph.triples):,} triples")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to generate [100000]")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator [1]")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes [all cores]")
    parser.add_argument("--formats-every", type=int, default=100, help="export every format for every N-th article [100; 0: never]")
    parser.add_argument("--validate-every", type=int, default=1000, help="SHACL-validate every N-th article [1000; 0: never]")
    parser.add_argument("--replay", type=int, metavar="INDEX", help="print article INDEX of --seed and check it alone")
    parser.add_argument("--report", metavar="FILE", help="write the failures as JSON to FILE")
    parser.add_argument("--long", action="store_true", help="time 1, 2, 3, 4 and 5 MB articles instead")
    parser.add_argument("--long-line", action="store_true", help="time one prose line of 35, 70, 140 and 280 KB instead")
    args = parser.parse_args(argv)
    if args.long:
        long_articles([1, 2, 3, 4, 5])
        return 0
    if args.long_line:
        long_line([35, 70, 140, 280])
        return 0
    if args.replay is not None:
        text = make_article(args.seed, args.replay)
        print(text)
        problems = check_article(text, formats=True, validate=True)
        print("\n".join(problems) or "no failure", file=sys.stderr)
        return 1 if problems else 0
    outcome, seconds = run(args.articles, args.seed, args.jobs, args.formats_every, args.validate_every)
    for kind, count in outcome.kinds.most_common():
        example = next(i for i, p in outcome.failures if re.sub(r"'.*", "", p)[:90] == kind)
        print(f"{count:>7}  {kind}  (e.g. --replay {example})")
    failed_articles = len({i for i, _ in outcome.failures})
    print(f"fuzz: seed {args.seed}, {outcome.checked:,} articles ({outcome.chars / 1e6:.1f} M chars), "
          f"{outcome.formats:,} exported in every format, {outcome.validated:,} validated, {args.jobs} jobs, "
          f"{seconds:.0f} s ({seconds / max(outcome.checked, 1) * 1000:.2f} ms/article): "
          f"{failed_articles} failing article(s), {len(outcome.failures)} failure(s)")
    if args.report:
        Path(args.report).write_text(json.dumps({"seed": args.seed, "articles": outcome.checked, "seconds": round(seconds, 1),
                                                 "failures": outcome.failures}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
