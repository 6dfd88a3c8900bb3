"""Generate a benchmark corpus: N distinct, realistic articles made from the real ones.

Usage (from the repository root)::

    python -m bench.generate -n 10000 -o /tmp/kg-bench/corpus-10000 [--seed 1] [--source ../shared/corpus]
    python -m bench.generate --big-mb 5 -o /tmp/kg-bench/big [--seed 1]

Each generated article is one real article of ``--source`` (read at generation time, never copied
into the repository) with its particulars varied, consistently through the infobox and the prose:

- the distinctive words of the title (and the non-country words of the Place value) become
  invented place names; the first one is unique to the article's index, so titles, slugs and IRIs
  never collide;
- commanders' names (and their surnames where the prose repeats them) become invented names with
  the same number of words; residue such as glued ``KIA``/``POW`` markers and flag icons is kept;
- years move by a per-article offset (a multiple of 4, so 29 February stays a real day);
- other figures are scaled by a per-article factor, keeping their written form (thousands
  separators, round numbers stay round, ranges stay ordered); day numbers next to a month name,
  ordinals, clock times, flag icons (``24px``) and numbers glued to words are left alone.

Article *i* depends only on (seed, i), so a corpus of 1,000 is the first 1,000 of a corpus of
10,000. ``--big-mb`` writes one article of about that many megabytes (one generated article whose
prose is followed by the prose of the next ones) to check that cost stays linear in size.

The library functions (:func:`load_sources`, :func:`generate_article`, :func:`write_corpus`,
:func:`big_article`) return text and never print; :func:`main` is the command line.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Source",
    "load_sources",
    "generate_article",
    "generate",
    "write_corpus",
    "big_article",
    "DEFAULT_SOURCE",
    "main",
]

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpus"

_TITLE = re.compile(r"^=[ \t]*(.*?)[ \t]*=[ \t]*$", re.MULTILINE)
_FIELD = re.compile(r"^- ([^:\n]+):[ \t]*(.*)$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

# Words of a title that name the kind of event, not the event: they are kept.
_TITLE_KEEP = frozenset(
    """battle battles siege sieges attack attacks war wars campaign campaigns conflict offensive offensives
    crisis insurgency massacre raid raids operation uprising rebellion revolt clashes clash skirmish
    ambush bombing invasion occupation expedition incident fall capture sack first second third fourth
    fifth civil of the on in at and de del la le des du von van al el front line river island islands
    mount bay pass north south east west northern southern eastern western upper lower greater
    lesser new old great holy""".split()
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# A number as written: 1,300 / 12 / 3.5 / 10000.
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w.,:/-])(?<![A-Za-z]-)(?P<a>{_NUM})"
    rf"(?:(?P<sep>\s*[-–—]\s*|\s+to\s+)(?P<b>{_NUM}))?"
    r"(?![\w:]|,\d|\.\d)"
)
_MONTH_NEAR = re.compile(rf"(?:{_MONTHS})\.?\s*$|^\s*(?:[-–—]\s*\d{{1,2}}\s*)?(?:{_MONTHS})\b")
_PERSON_RESIDUE = re.compile(r"(\s*(?:\(?(?:KIA|POW|WIA|MIA|†|\(X\))\)?)\s*)+$")
_ICON = re.compile(r"\b\d+px\b")
_NAME_SPLIT = re.compile(r",|\||\band\b|;")
_LINK_PREFIX = re.compile(r"^:?[a-z]{2,3}:")
_PARTICLES = frozenset("al el bin ibn ben de da del della di du la le van von der ould ag abu abd ag".split())

# Syllables for invented names: places and people sound different, and never collide with each other.
_PLACE_SYLLABLES = (
    "ka ra lo mi ten vas dor bel sa nu ki ro ta zan mer gol vi ar en tul ba ost lin ha da fer pe mon "
    "sil cor an we ul yar bri gan te"
).split()
_PLACE_ENDS = "ia a o en ar is ek ul ina ovo abad ville grad pur heim".split()
_GIVEN = (
    "Adan Bako Carel Dima Esko Farid Goran Hamu Idris Jovan Kemal Lio Mato Nadir Oskar Pavo Rami Sefu "
    "Tomas Ugo Vasil Wale Yusuf Zoran Amadou Bertin Cheikh Dario Emre Fodé Gaspar Hugo Ilya Jalil Kofi "
    "Luca Moussa Nikos Omar Pedro Quentin Rafael Samir Tariq Umar Viktor Yannick"
).split()
_SURNAME_SYLLABLES = "ba ko ren di mar su lan te vik ho ran zu mel go nar pi sad ul tor fe ka li mo ne".split()


@dataclass(frozen=True, slots=True)
class Source:
    """A real article: its text, title, and the commanders / places its infobox names."""

    name: str
    text: str
    title: str


def load_sources(folder: str | Path = DEFAULT_SOURCE) -> tuple[Source, ...]:
    """The real articles of *folder* (``*.txt`` with a title line), sorted by file name."""
    out = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        m = _TITLE.search(text)
        if m and "\nInfobox" in text:
            out.append(Source(path.name, text, m.group(1)))
    if not out:
        raise FileNotFoundError(f"no articles (*.txt with a '= Title =' line and an Infobox) in {folder}")
    return tuple(out)


def _is_country(word: str) -> bool:
    from kg.gazetteer import country, country_by_adjective

    return country(word) is not None or country_by_adjective(word) is not None


class _Namer:
    """Invented names for one article, from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def place(self) -> str:
        r = self.rng
        word = "".join(r.choice(_PLACE_SYLLABLES) for _ in range(r.randint(2, 3))) + r.choice(_PLACE_ENDS)
        return word.capitalize()

    def surname(self) -> str:
        r = self.rng
        return "".join(r.choice(_SURNAME_SYLLABLES) for _ in range(r.randint(2, 3))).capitalize() + r.choice(
            ("", "i", "ov", "ez", "a", "o", "ane")
        )

    def person(self, words: int) -> list[str]:
        given = [self.rng.choice(_GIVEN) for _ in range(max(1, words - 1))]
        return given + [self.surname()]


def unique_place(index: int, seed: int) -> str:
    """An invented place name that no other index gets (for the same seed)."""
    n = len(_PLACE_SYLLABLES)
    width, space = 3, n**3
    while index >= space:  # beyond 64,000 articles: one more syllable
        index -= space
        width += 1
        space = n**width
    # an affine permutation of [0, space): neighbouring indexes get unrelated names
    a = 7919 if space % 7919 else 7907
    k = (a * index + seed * 104729) % space
    parts = []
    for _ in range(width):
        k, d = divmod(k, n)
        parts.append(_PLACE_SYLLABLES[d])
    return "".join(parts).capitalize() + "ia"


def _fields(text: str) -> list[tuple[str, str]]:
    start = text.find("Infobox")
    block = text[start : text.find("\n\n", start)] if start >= 0 else ""
    return [(m.group(1).strip(), m.group(2)) for m in _FIELD.finditer(block)]


def _people(value: str) -> list[str]:
    """Names of people in a Commander value: pieces of two to five capitalised words."""
    out = []
    for piece in _NAME_SPLIT.split(_ICON.sub(" ", value)):
        piece = _LINK_PREFIX.sub("", _PERSON_RESIDUE.sub("", piece.strip())).strip()
        piece = re.sub(r"(KIA|POW|WIA)$", "", piece).strip()
        words = piece.split()
        if not 2 <= len(words) <= 5 or "(" in piece or ")" in piece:
            continue
        if all(w[:1].isupper() or w.lower() in _PARTICLES or "-" in w for w in words) and words[-1][:1].isupper():
            out.append(piece)
    return out


def _place_words(value: str) -> list[str]:
    """Capitalised words of a Place value that are not countries (nor their adjectives)."""
    out = []
    for part in value.split(",")[:-1] or value.split(","):
        for word in _WORD.findall(part):
            w = word.strip(".'’-")
            if len(w) > 2 and w[:1].isupper() and w.lower() not in _TITLE_KEEP and not _is_country(w):
                out.append(w)
    return out


def _title_words(title: str) -> list[str]:
    out = []
    for word in _WORD.findall(title):
        w = word.strip(".'’-")
        if len(w) > 2 and w[:1].isupper() and w.lower() not in _TITLE_KEEP and not _is_country(w):
            out.append(w)
    return out


def _round_like(original: str, value: float) -> str:
    """*value* written like *original*: thousands separators, decimals, round numbers stay round."""
    if "." in original:
        decimals = len(original.split(".")[1])
        return f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"
    digits = original.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    keep = min(zeros, max(0, len(digits) - 2))
    step = 10**keep
    n = max(1, round(value / step) * step)
    return f"{n:,}" if "," in original else str(n)


def _shift_year(text: str, offset: int) -> str | None:
    if "," in text or "." in text or len(text) != 4:
        return None
    year = int(text)
    if 1000 <= year <= 2030:
        return str(max(1000, year + offset))
    return None


def _vary_numbers(text: str, factor: float, offset: int) -> str:
    def one(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 14]
        a, b, sep = m.group("a"), m.group("b"), m.group("sep")
        if after[:1] in ("s",) and a.isdigit() and len(a) == 4:  # the 1990s
            return m.group(0)
        if re.match(r"(?:st|nd|rd|th|am|pm|px|km|\s*(?:am|pm|a\.m|p\.m)\b)", after, re.IGNORECASE):
            return m.group(0)
        ya = _shift_year(a, offset)
        yb = _shift_year(b, offset) if b else None
        if ya is not None and (b is None or yb is not None):
            return ya + (sep + yb if b else "")
        if b and ya is not None and len(b) <= 2:  # 1997–98
            return ya + sep + b
        date_context = _MONTH_NEAR.search(before) or _MONTH_NEAR.search(after)
        small = all(int(float(x.replace(",", ""))) <= 31 for x in (a, b) if x)
        if date_context and small:
            return m.group(0)
        va = float(a.replace(",", "")) * factor
        if b is None:
            return _round_like(a, va)
        vb = float(b.replace(",", "")) * factor
        ta, tb = _round_like(a, va), _round_like(b, vb)
        if float(tb.replace(",", "")) < float(ta.replace(",", "")):
            tb = ta
        return ta + sep + tb

    return _NUMBER.sub(one, text)


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    keys = sorted(mapping, key=len, reverse=True)
    # a name may be followed by a glued marker in capitals ("SoumainKIA"), never by more of a word
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!(?![A-Z])\w)")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def generate_article(sources: tuple[Source, ...], index: int, *, seed: int = 1) -> tuple[str, str]:
    """Article number *index*: ``(title, text)``. Depends only on (*seed*, *index*)."""
    rng = random.Random(seed * 1_000_003 + index)
    src = sources[rng.randrange(len(sources))]
    namer = _Namer(rng)
    fields = _fields(src.text)
    mapping: dict[str, str] = {}
    unique = unique_place(index, seed)
    for n, word in enumerate(_title_words(src.title)):
        mapping.setdefault(word, unique if n == 0 else namer.place())
    for key, value in fields:
        if key.lower() == "place":
            for word in _place_words(value):
                mapping.setdefault(word, namer.place())
        elif key.lower().startswith("commander"):
            for person in _people(value):
                if person in mapping:
                    continue
                words = person.split()
                new = namer.person(len(words))
                mapping[person] = " ".join(new)
                surname = words[-1]
                if len(surname) > 3 and surname not in mapping and not _is_country(surname):
                    mapping[surname] = new[-1]
    text = _replace_all(src.text, mapping)
    factor = rng.uniform(0.6, 1.8)
    offset = -4 * rng.randint(0, 40)
    text = _vary_numbers(text, factor, offset)
    m = _TITLE.search(text)
    title = m.group(1) if m else src.title
    if unique not in title:  # no distinctive word in the title: name the place in it
        new_title = f"{title} at {unique}"
        text = text.replace(f"= {title} =", f"= {new_title} =", 1)
        title = new_title
    return title, text


def generate(n: int, *, seed: int = 1, sources: tuple[Source, ...] | None = None, start: int = 0) -> Iterator[tuple[str, str]]:
    """Articles *start* .. *start* + *n* - 1 as ``(title, text)``."""
    src = sources if sources is not None else load_sources()
    for i in range(start, start + n):
        yield generate_article(src, i, seed=seed)


def write_corpus(out: str | Path, n: int, *, seed: int = 1, source: str | Path = DEFAULT_SOURCE) -> list[Path]:
    """Write *n* articles into the folder *out* (created); return their paths.

    File names are ``NNNNNN-slug.txt``; a slug seen twice (never so far) gets the index appended
    to its title so that every article keeps its own IRI.
    """
    from kg.rdf.iris import slugify

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    sources = load_sources(source)
    seen: set[str] = set()
    paths = []
    for i, (title, text) in enumerate(generate(n, seed=seed, sources=sources)):
        slug = slugify(title)
        if slug in seen:
            new_title = f"{title} ({i})"
            text = text.replace(f"= {title} =", f"= {new_title} =", 1)
            slug = slugify(new_title)
        seen.add(slug)
        path = folder / f"{i:06d}-{slug[:60]}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def big_article(megabytes: float, *, seed: int = 1, source: str | Path = DEFAULT_SOURCE, max_chars: int | None = None) -> str:
    """One article of about *megabytes* MB (10^6 bytes, UTF-8): generated article 0 (title,
    infobox, prose) followed by the prose of articles 1, 2 ... as more sections.

    Never longer than *max_chars* characters (default: kg's ``MAX_ARTICLE_CHARS``).
    """
    from kg.article import MAX_ARTICLE_CHARS

    limit_bytes = int(megabytes * 1_000_000)
    limit_chars = max_chars or MAX_ARTICLE_CHARS
    sources = load_sources(source)
    _, head = generate_article(sources, 0, seed=seed)
    parts = [head.rstrip("\n") + "\n"]
    size = len(parts[0].encode("utf-8"))
    chars = len(parts[0])
    i = 1
    while True:
        _, text = generate_article(sources, i, seed=seed)
        i += 1
        cut = text.find("\n\n", text.find("Infobox"))
        prose = text[cut:].strip("\n") if cut >= 0 else ""
        if not prose:
            continue
        if not prose.startswith("=="):
            prose = f"== Part {i} ==\n{prose}"
        piece = "\n" + prose + "\n"
        b = len(piece.encode("utf-8"))
        if size + b > limit_bytes or chars + len(piece) > limit_chars:
            break
        parts.append(piece)
        size += b
        chars += len(piece)
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="number of articles [1000]")
    ap.add_argument("-o", "--out", required=True, help="output folder (created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", default=str(DEFAULT_SOURCE), help="folder of real articles [%(default)s]")
    ap.add_argument("--big-mb", type=float, default=None, help="write one article of this many MB instead")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    if args.big_mb:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        text = big_article(args.big_mb, seed=args.seed, source=args.source)
        path = out / f"big-{args.big_mb:g}mb.txt"
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {len(text.encode('utf-8')) / 1e6:.2f} MB, {len(text):,} characters "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return 0
    paths = write_corpus(args.out, args.n, seed=args.seed, source=args.source)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.out} in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
