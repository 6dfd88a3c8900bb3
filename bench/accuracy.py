"""Accuracy against gold: build the corpus with kg, read each graph back, score it against the gold.

    python bench/accuracy.py                      # the table, then every miss and false hit
    python bench/accuracy.py --quiet              # the table only
    python bench/accuracy.py --field casualties   # the errors of one field
    python bench/accuracy.py --check              # CI: fail when a ratcheted figure drops below its floor
    python bench/accuracy.py --raise-floor        # after an improvement: raise the floors (never lowers)
    python bench/accuracy.py --json out.json      # the figures, for RESULTS.md and comparisons

The gold is ``../shared/corpus-gold/<file>.json`` for each ``../shared/corpus/<file>.txt`` (schema and
annotation rules in its ``GUIDE.md``); ``--corpus``/``--gold`` point elsewhere. The graph is read
through ``bench/graph_reading.py`` only. Matching rules (the same everywhere, from issue 10):

- names: NFKD without diacritics, case-folded, every run of non-alphanumerics one space, a leading
  "the" dropped; a predicted entity matches on its label or any alternate name;
- dates: equal at the gold's precision (a dateTime compared on its day);
- infobox figures: one-to-one on (side, category, min, max), the side being the graph's own;
  gold ``civilians_killed/wounded`` match killed/wounded; ``materiel`` matches destroyed/damaged
  figures or figures counting vehicles, aircraft, ships, guns or buildings;
- rank, status, approximate and source are scored over matched commanders/figures;
- prose dates: one-to-one on the date against the dated events of the prose; a gold date equal to
  the battle's own begin or end counts as found when the battle carries it;
- prose figures: one-to-one on (category, min, max); side and source agreement reported apart.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.graph_reading import read_graph  # noqa: E402
from kg.article import read_article  # noqa: E402
from kg.pipeline import build_article  # noqa: E402

SHARED = ROOT.parent / "shared"
FLOOR_FILE = ROOT / "bench" / "accuracy_floor.toml"

#: the fields of each tier, in the order they are printed; fields outside a tier are reported apart
TIERS = {
    "infobox": ["partof", "date_start", "date_end", "places", "place_qualifier", "victor_side", "combatants",
                "commanders", "commander_rank", "commander_status", "strength", "casualties", "figure_approx",
                "figure_source"],
    "prose": ["prose_dates", "prose_figures"],
}
APART = ["prose_figure_side", "prose_figure_source", "prose_dates_without_battle"]


# ------------------------------------------------------------------------------------------ matching
def norm(name: str | None) -> str:
    """A name as the matching rules compare it."""
    if not name:
        return ""
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    text = " ".join("".join(c if c.isalnum() else " " for c in text).split())
    return text[4:] if text.startswith("the ") else text


def date_equal(gold: str | None, pred: str | None) -> bool:
    """Equal at the gold's precision (the prediction must be at least as precise)."""
    if not gold or not pred:
        return False
    g, p = _parts(gold), _parts(pred)
    return len(p) >= len(g) and p[: len(g)] == g


def _parts(date: str) -> list[str]:
    negative = date.startswith("-")
    parts = (date[1:] if negative else date).split("-")
    if negative:
        parts[0] = "-" + parts[0]
    return parts


def match(gold: list[Any], pred: list[Any], ok: Callable[[Any, Any], bool], *,
          start: list[tuple[int, int]] = (), prefer: Callable[[Any, Any], int] | None = None) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (index pairs) of gold and predicted items under *ok*, grown
    from the matching *start* (a predicted item matched there stays matched). Among equal
    candidates, those *prefer* ranks higher are tried first (two gold figures "11 killed", one of
    each side, pair with the predicted figures of their own sides)."""
    options = [[j for j, p in enumerate(pred) if ok(g, p)] for g in gold]
    if prefer is not None:
        options = [sorted(js, key=lambda j, g=g: -prefer(g, pred[j])) for g, js in zip(gold, options)]
    owner: dict[int, int] = {j: i for i, j in start}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        if i not in owner.values():
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


# ------------------------------------------------------------------------------------------ scoring
@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Count) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Error:
    field: str
    article: str
    kind: str  # "miss" | "false"
    gold: Any
    pred: Any
    text: str = ""


@dataclass
class Score:
    counts: dict[str, Count] = field(default_factory=lambda: defaultdict(Count))
    errors: list[Error] = field(default_factory=list)

    def items(self, name: str, article: str, gold: list[Any], pred: list[Any], ok: Callable[[Any, Any], bool],
              *, show_gold: Callable[[Any], Any] = lambda g: g, show_pred: Callable[[Any], Any] = lambda p: p,
              text: Callable[[Any], str] = lambda p: "", gold_text: str = "",
              prefer: Callable[[Any, Any], int] | None = None) -> list[tuple[Any, Any]]:
        """Score a one-to-one field; return the matched (gold, predicted) pairs."""
        pairs = match(gold, pred, ok, prefer=prefer)
        count = self.counts[name]
        count.tp += len(pairs)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        leftover = [p for j, p in enumerate(pred) if j not in matched_p]
        for i, g in enumerate(gold):
            if i not in matched_g:
                count.fn += 1
                self.errors.append(Error(name, article, "miss", show_gold(g), [show_pred(p) for p in leftover] or None,
                                         gold_text))
        for j, p in enumerate(pred):
            if j not in matched_p:
                count.fp += 1
                self.errors.append(Error(name, article, "false", None, show_pred(p), text(p)))
        return [(gold[i], pred[j]) for i, j in pairs]

    def value(self, name: str, article: str, gold: Any, pred: Any, *, equal: Callable[[Any, Any], bool] | None = None,
              text: str = "") -> None:
        """Score a single value (None = nothing)."""
        same = (equal or (lambda a, b: a == b))(gold, pred) if gold is not None and pred is not None else gold == pred
        count = self.counts[name]
        if same:
            count.tp += gold is not None
            return
        if gold is not None:
            count.fn += 1
        if pred is not None:
            count.fp += 1
        self.errors.append(Error(name, article, "miss" if gold is not None else "false", gold, pred, text))

    def sets(self, name: str, article: str, gold: set[Any], pred: set[Any], text: str = "") -> None:
        count = self.counts[name]
        count.tp += len(gold & pred)
        count.fp += len(pred - gold)
        count.fn += len(gold - pred)
        if gold != pred:
            self.errors.append(Error(name, article, "miss" if gold - pred else "false", sorted(gold), sorted(pred), text))


def _names_match(gold_name: str, names: list[str]) -> bool:
    target = norm(gold_name)
    return bool(target) and any(norm(n) == target for n in names)


def abbreviates(short: str | None, full: str | None) -> bool:
    """*short* (a normalised rank as written, "brig gen") abbreviates *full* ("brigadier general"): word for
    word, each short word starts like its full word and its letters come in order in it ("lt" in
    "lieutenant"), or one short word is the initials of all the full words ("fm", "field marshal")."""
    if not short or not full:
        return short == full
    s, f = short.split(), full.split()
    if len(s) == 1 and len(f) > 1 and s[0] == "".join(w[0] for w in f):
        return True
    return len(s) == len(f) and all(a[0] == b[0] and _subsequence(a, b) for a, b in zip(s, f))


def _subsequence(a: str, b: str) -> bool:
    letters = iter(b)
    return all(c in letters for c in a)


def _same_source(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The gold's source is the predicted one's label or an alternate name (both None: the same)."""
    if not gold.get("according_to"):
        return not pred["according_to"]
    return _names_match(gold["according_to"], pred.get("source_names") or [pred["according_to"] or ""])


def _agreement(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    return (gold.get("side") == pred["side"]) + _same_source(gold, pred)


def _score_source(score: Score, name: str, art: str, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    """A source scored like a single value, matched on the source's names."""
    g, p = gold.get("according_to") or None, pred["according_to"] or None
    score.value(name, art, g, p, equal=lambda a, b: _same_source(gold, pred), text=pred["text"])


def _category_ok(gold_category: str, pred: dict[str, Any]) -> bool:
    if gold_category == "materiel":
        return pred["materiel"]
    if pred["materiel"] and pred["category"] not in ("killed", "wounded", "captured", "missing"):
        return False
    wanted = {"civilians_killed": "killed", "civilians_wounded": "wounded"}.get(gold_category, gold_category)
    return pred["category"] == wanted


def _show_figure(f: dict[str, Any]) -> str:
    side = f.get("side")
    cat = f.get("category", "strength")
    extra = []
    if f.get("approx"):
        extra.append("~")
    if f.get("according_to"):
        extra.append(f"per {f['according_to']}")
    return f"side {side} {cat} {f.get('min')}-{f.get('max')}" + (f" ({', '.join(extra)})" if extra else "")


def _score_prose_dates(score: Score, name: str, art: str, gold: list[dict[str, Any]], events: list[dict[str, Any]],
                       battle_dates: list[str]) -> None:
    """One-to-one on the date: each dated prose event matches one gold date, a range event up to two
    (a range "28 June - 10 July" states both dates the gold may list apart); the battle's own begin
    and end find the gold dates that restate them, and are no false hit when unused. An event that
    matches no gold date is a false hit; as many events as possible are matched first."""
    dates = [d["date"] for d in gold]
    # first as many events as can be matched, each on any of its dates; then, keeping those, the
    # battle's dates and the second date of range events take what is left
    slots: list[tuple[int | None, list[str]]] = [(j, e["dates"]) for j, e in enumerate(events)]
    first = match(dates, slots, lambda g, slot: any(date_equal(g, d) for d in slot[1]))
    slots += [(None, [d]) for d in battle_dates] + [(j, e["dates"]) for j, e in enumerate(events) if len(e["dates"]) > 1]
    pairs = match(dates, slots, lambda g, slot: any(date_equal(g, d) for d in slot[1]), start=first)
    count = score.counts[name]
    count.tp += len(pairs)
    matched_g = {i for i, _ in pairs}
    matched_e = {slots[k][0] for _, k in pairs}
    record = name == "prose_dates"
    for i, d in enumerate(gold):
        if i not in matched_g:
            count.fn += 1
            if record:
                score.errors.append(Error(name, art, "miss", f"{d['date']}: {d['event']}", None))
    for j, e in enumerate(events):
        if j not in matched_e:
            count.fp += 1
            if record:
                score.errors.append(Error(name, art, "false", None, f"{'/'.join(e['dates'])} {e['types']}", e["text"]))


def score_article(score: Score, gold: dict[str, Any], got: dict[str, Any], raw: dict[str, str]) -> None:
    art = gold["file"]
    score.items("partof", art, gold.get("partof") or [], got["partof"], lambda g, p: _names_match(g, [p or ""]))
    score.value("date_start", art, gold["date"]["start"], got["date"]["start"], equal=date_equal, text=got["date_text"])
    score.value("date_end", art, gold["date"]["end"], got["date"]["end"], equal=date_equal, text=got["date_text"])
    score.items("places", art, gold.get("places") or [], got["places"], _names_match,
                show_pred=lambda p: (p or ["?"])[0], gold_text=raw.get("place", ""))
    score.value("place_qualifier", art, gold.get("place_qualifier"), got["place_qualifier"], text=raw.get("place", ""))
    victor = gold.get("victor_side")
    # the gold's victor_side is a side number: a sub-column the graph names ("1A") is that side's
    victors = list(dict.fromkeys(v.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if v else v for v in got["victors"]))
    score.value("victor_side", art, None if victor is None else str(victor),
                victors[0] if len(victors) == 1 else (",".join(map(str, victors)) or None), text=raw.get("result", ""))

    commanders_gold, commanders_pred = [], []
    combatants_gold, combatants_pred = [], []
    strength_gold, strength_pred = [], []
    casualties_gold, casualties_pred = [], []
    for key, side in (gold.get("sides") or {}).items():
        combatants_gold += [(key, c) for c in side.get("combatants") or []]
        commanders_gold += [dict(c, side=key) for c in side.get("commanders") or []]
        strength_gold += [dict(s, side=key) for s in side.get("strength") or []]
        casualties_gold += [dict(c, side=key) for c in side.get("casualties") or []]
    for key, side in got["sides"].items():
        combatants_pred += [(key, c) for c in side["combatants"]]
        commanders_pred += side["commanders"]
        strength_pred += side["strength"]
        casualties_pred += side["casualties"]
    commanders_pred += got["orphans"]["commanders"]
    strength_pred += got["orphans"]["strength"]
    casualties_pred += got["orphans"]["casualties"]

    score.items("combatants", art, combatants_gold, combatants_pred,
                lambda g, p: g[0] == p[0] and _names_match(g[1], p[1]["names"]),
                show_gold=lambda g: f"side {g[0]}: {g[1]}", show_pred=lambda p: f"side {p[0]}: {(p[1]['names'] or ['?'])[0]}",
                gold_text="")
    pairs = score.items("commanders", art, commanders_gold, commanders_pred,
                        lambda g, p: g["side"] == p["side"] and _names_match(g["name"], p["names"]),
                        show_gold=lambda g: f"side {g['side']}: {g['name']}",
                        show_pred=lambda p: f"side {p['side']}: {(p['names'] or ['?'])[0]}", text=lambda p: p["text"])
    for g, p in pairs:
        score.value("commander_rank", art, norm(g.get("rank")) or None, norm(p["rank"]) or None,
                    equal=lambda a, b: abbreviates(a, b) or abbreviates(b, a), text=p["text"])
        score.sets("commander_status", art, {g["status"]} if g.get("status") else set(), set(p["status"]), text=p["text"])

    def figure_ok(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return g["side"] == p["side"] and g["min"] == p["min"] and g["max"] == p["max"]

    matched = score.items("strength", art, strength_gold, strength_pred, figure_ok, show_gold=_show_figure,
                          show_pred=_show_figure, text=lambda p: p["text"],
                          gold_text="")
    matched += score.items("casualties", art, casualties_gold, casualties_pred,
                           lambda g, p: figure_ok(g, p) and _category_ok(g["category"], p),
                           show_gold=_show_figure, show_pred=_show_figure, text=lambda p: p["text"],
                           prefer=lambda g, p: int(_same_source(g, p)))
    for g, p in matched:
        score.sets("figure_approx", art, {"approx"} if g.get("approx") else set(), {"approx"} if p["approx"] else set(),
                   text=p["text"])
        if "category" in g:
            _score_source(score, "figure_source", art, g, p)

    # ---- prose
    battle_dates = [d for d in dict.fromkeys((got["main_time"]["start"], got["main_time"]["end"])) if d]
    _score_prose_dates(score, "prose_dates", art, gold["prose"]["dates"], got["prose"]["dates"], battle_dates)
    _score_prose_dates(score, "prose_dates_without_battle", art, gold["prose"]["dates"], got["prose"]["dates"], [])

    pairs = score.items("prose_figures", art, gold["prose"]["figures"], got["prose"]["figures"],
                        lambda g, p: g["min"] == p["min"] and g["max"] == p["max"] and _category_ok(g["category"], p),
                        show_gold=lambda g: f"{g['category']} {g['min']}-{g['max']} of {g.get('of')} (side {g.get('side')})",
                        show_pred=_show_figure, text=lambda p: p["text"], prefer=_agreement)
    for g, p in pairs:
        score.value("prose_figure_side", art, g.get("side"), p["side"], text=p["text"])
        _score_source(score, "prose_figure_source", art, g, p)


# ------------------------------------------------------------------------------------------ running
def run(corpus: Path, gold_dir: Path) -> Score:
    score = Score()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = read_article(corpus / gold["file"])
        built = build_article(article)
        got = read_graph(built.graph.triples)
        raw = {f.name: f"{f.key}: {f.value}" for f in article.infobox} if hasattr(article, "infobox") else {}
        score_article(score, gold, got, raw)
    return score


def tier(score: Score, name: str) -> Count:
    total = Count()
    for f in TIERS[name]:
        total.add(score.counts[f])
    return total


def figures(score: Score) -> dict[str, dict[str, float]]:
    out = {}
    for name in [f for fields in TIERS.values() for f in fields] + APART:
        c = score.counts[name]
        out[name] = {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                     "tp": c.tp, "fp": c.fp, "fn": c.fn}
    for name in TIERS:
        c = tier(score, name)
        out[f"tier:{name}"] = {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                               "tp": c.tp, "fp": c.fp, "fn": c.fn}
    return out


def table(result: dict[str, dict[str, float]]) -> str:
    lines = [f"{'field':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for group, names in [*TIERS.items(), ("reported apart", APART)]:
        lines.append(f"-- {group}")
        for name in names + ([f"tier:{group}"] if group in TIERS else []):
            r = result[name]
            label = f"micro ({group})" if name.startswith("tier:") else name
            lines.append(f"{label:<28} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
                         f"{r['tp']:>5} {r['fp']:>5} {r['fn']:>5}")
    return "\n".join(lines)


def check(result: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """The ratcheted figures that dropped below their floor."""
    return [f"{name} {metric} {result[name][metric]:.4f} < floor {floor:.4f}"
            for name, metrics in floors.items() for metric, floor in metrics.items()
            if result[name][metric] < floor]


def raise_floor(result: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {name: {m: max(v, result[name][m]) for m, v in metrics.items()} for name, metrics in floors.items()}


def _write_floor(floors: dict[str, dict[str, float]]) -> None:
    lines = ["# Ratchet of bench/accuracy.py: `--check` fails when a figure drops below its floor.",
             "# Raise with `python bench/accuracy.py --raise-floor` after an improvement; never lower a floor.", ""]
    for name, metrics in floors.items():
        lines.append(f'["{name}"]')
        lines += [f"{m} = {v:.4f}" for m, v in metrics.items()]
        lines.append("")
    FLOOR_FILE.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "corpus-gold")
    parser.add_argument("--quiet", action="store_true", help="the table only")
    parser.add_argument("--field", action="append", help="print the errors of this field only (repeatable)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratcheted figure is below its floor")
    parser.add_argument("--raise-floor", action="store_true", help="raise the floors to today's figures")
    args = parser.parse_args(argv)
    if not args.gold.is_dir() or not args.corpus.is_dir():
        print(f"accuracy: no gold or corpus at {args.gold} / {args.corpus}", file=sys.stderr)
        return 2
    score = run(args.corpus, args.gold)
    result = figures(score)
    if not args.quiet and not args.check:
        wanted = set(args.field or [])
        for e in score.errors:
            if wanted and e.field not in wanted:
                continue
            shown = f"gold {e.gold!r}" if e.kind == "miss" else f"kg {e.pred!r}"
            extra = f"   kg had {e.pred!r}" if e.kind == "miss" and e.pred else ""
            text = f"   text: {e.text!r}" if e.text else ""
            print(f"{e.field:<20} {e.kind:<5} {e.article:<45} {shown}{extra}{text}")
        print()
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    floors = tomllib.loads(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.exists() else {}
    if args.raise_floor:
        _write_floor(raise_floor(result, floors))
    if args.check:
        failed = check(result, floors)
        for line in failed:
            print(f"accuracy: below the floor: {line}", file=sys.stderr)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
