"""Every command, given bad or hostile input: one clear ``kg: error:`` line and a non-zero exit,
or a valid graph with correct IRIs. Never a traceback, never a half-written output file.

The table of inputs is crossed with every command that reads an article; the store, query and
server commands get their own bad inputs below.
"""
from __future__ import annotations

import pathlib
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from iri_checks import OX_FORMATS, graph_problems

from kg.article import MAX_ARTICLE_CHARS
from kg.cli import main
from kg.export import read_graph
from kg.validate import validate

# ---- the inputs ---------------------------------------------------------------------------------

Maker = Callable[[Path], Path]


def _text(name: str, text: str, *, encoding: str = "utf-8") -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return path

    return make


def _bytes(name: str, data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _missing(folder: Path) -> Path:
    return folder / "missing.txt"


def _directory(folder: Path) -> Path:
    path = folder / "articles"
    path.mkdir()
    return path


def _huge(folder: Path) -> Path:
    """A 50 MB article: a title, then a hole (sparse, so the test writes almost nothing)."""
    path = folder / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"= Battle of Anywhere =\n\n")
        fh.truncate(50_000_000)
    return path


def _over_limit(folder: Path) -> Path:
    """One character more than the limit: small enough on disk to be read, too long to parse."""
    path = folder / "long.txt"
    head = "= Battle of Anywhere =\n\nInfobox\n- Date: 4 July 2009\n\n"
    line = "Some forty men were killed on 4 July 2009 near a town.\n"
    body = line * ((MAX_ARTICLE_CHARS - len(head)) // len(line) + 1)
    path.write_text((head + body)[: MAX_ARTICLE_CHARS + 1], encoding="utf-8")
    return path


BOX = "Infobox\n- Date: 4 July 2009\n- Place: near Exampleton\n- Combatant1: Northland\n- Combatant2: Southland\n"

#: (id, make the input, None for a valid graph or the words of the one error line)
BAD: list[tuple[str, Maker, str]] = [
    ("missing-file", _missing, "no such file"),
    ("empty-directory", _directory, "articles"),
    ("empty-file", _text("empty.txt", ""), "is empty"),
    ("blank-lines-only", _text("blank.txt", "\n \n\t\n"), "is empty"),
    ("binary-png-header", _bytes("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8), "is not UTF-8 text"),
    ("binary-with-nul", _bytes("nul.txt", b"= Battle =\n\x00\x01\x02\x03"), "NUL bytes"),
    ("latin-1", _text("latin.txt", "= Bataille de Montréal =\n\n" + BOX, encoding="latin-1"), "is not UTF-8 text (bad byte 0xe9"),
    ("utf-16-with-bom", _text("utf16.txt", "= Battle of Anywhere =\n\n" + BOX, encoding="utf-16"), "is not UTF-8 text (bad byte 0xff at offset 0)"),
    ("no-title-line", _text("notitle.txt", BOX), "is not a title line"),
    ("50-MB-file", _huge, "50,000,000 bytes, more than an article can be; the limit is 5,000,000 characters"),
    ("one-char-over-the-limit", _over_limit, "has 5,000,001 characters, more than the limit of 5,000,000"),
]

GOOD: list[tuple[str, Maker]] = [
    ("no-infobox", _text("nobox.txt", "= Battle of Nowhere =\n\nThe battle was fought on 4 July 2009 near a town.\n")),
    ("title-only", _text("title.txt", "= Battle of Nowhere =\n")),
    ("infobox-line-without-value", _text("novalue.txt", "= Battle of Nowhere =\n\nInfobox\n- Date:\n- Place: \n- Strength1\n-\n- : 5\n- Result: :\n")),
    ("key-repeated", _text("repeat.txt", "= Battle of Nowhere =\n\nInfobox\n- Date: 4 July 2009\n- Date: 5 August 2010\n- Combatant1: Northland\n- Combatant1: Southland\n- Casualties1: 5 killed\n- Casualties1: 7 killed\n")),
    ("title-with-iri-breakers", _text("breakers.txt", '= Battle of "A" <b> #c %20 %zz d\\e {f} |g^ `h` ?i&j=k =\n\n' + "Infobox\n- Date: 4 July 2009\n- Place: \"X\" <Y>, #Z %41\n- Combatant1: A<b> | C\n- Commander1: \"Q\" <q> #1 %\n")),
    ("title-only-symbols", _text("symbols.txt", "= %%% <<>> ### =\n\nInfobox\n- Combatant1: ###\n- Commander1: <>\n")),
    ("non-latin-letters", _text("cyrillic.txt", "= Битва под Белой Церковью =\n\nInfobox\n- Date: 4 July 2009\n- Place: Белая Церковь, Украина\n- Combatant1: Россия\n- Commander1: Иван Петров\n")),
    ("right-to-left-text", _text("rtl.txt", "= \u0645\u0639\u0631\u0643\u0629 \u202e\u0627\u0644\u0639\u0631\u0639\u0631\u202c (2009) =\n\nInfobox\n- Date: 4 July 2009\n- Place: \u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd\u200f\n- Combatant1: \u0645\u0635\u0631\n- Commander1: \u2067\u0639\u0644\u064a\u2069\n")),
    ("emoji", _text("emoji.txt", "= 💥🔥 Battle 🏳️‍🌈 =\n\nInfobox\n- Date: 4 July 2009 🎉\n- Place: 🏰, 🇫🇷\n- Combatant1: 🐉 army\n- Strength1: 💯 men\n- Casualties1: 5 killed 💀\n")),
    ("bom-and-crlf", _text("crlf.txt", "\ufeff= Battle of Nowhere =\r\n\r\nInfobox\r\n- Date: 4 July 2009\r\n- Strength1: 70 men\r\n\r\nA battle.\r\n")),
    ("control-characters", _text("controls.txt", "= Battle\x07 of\x1b[31m Nowhere\x7f =\n\nInfobox\n- Date: 4 July 2009\x0b\n- Combatant1: North\x0cland\n")),
    ("unpaired-surrogate-escape-text", _text("odd.txt", "= Battle of \ufffd\ufffe\uffff =\n\nInfobox\n- Place: \ufdd0town\n")),
]

#: Commands that read an article: the arguments, given the input and a scratch folder.
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "build": lambda src, out: ["build", str(src), "-o", str(out / "graph.ttl")],
    "export": lambda src, out: ["export", str(src), "--format", "nq", "-o", str(out / "graph.nq")],
    "coverage": lambda src, out: ["coverage", str(src)],
    "run": lambda src, out: ["run", str(src), "--out", str(out / "run")],
    "validate": lambda src, out: ["validate", str(src)],
    "query": lambda src, out: ["query", "casualties", str(src), "-o", str(out / "answer.txt")],
    "load": lambda src, out: ["load", str(src), "--store", str(out / "store")],
}


def _invoke(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, catch_exceptions=True)


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture()
def scratch(tmp_path: Path) -> tuple[Path, Path]:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    return inputs, out


# ---- bad input: one line, non-zero, nothing written ----------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("make", "message"), [pytest.param(m, msg, id=i) for i, m, msg in BAD])
def test_bad_input_is_one_clear_line(scratch, monkeypatch, command, make, message):
    inputs, out = scratch
    src = make(inputs)
    if src.name == "huge.txt":  # the size is checked before anything reads the file
        real = pathlib.Path.read_bytes
        monkeypatch.setattr(pathlib.Path, "read_bytes", lambda p: pytest.fail(f"read {p}") if p == src else real(p))
        monkeypatch.setattr(pathlib.Path, "read_text", lambda p, *a, **k: pytest.fail(f"read {p}") if p == src else real(p).decode())
    result = _invoke(COMMANDS[command](src, out))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("kg: error: ") and message in lines[0]
    assert _files(out) <= {"run"}, _files(out)  # kg run may have made its folder, never a file in it
    assert not list(out.rglob("*.*")), "a half-written output file"


def test_a_failed_export_keeps_the_previous_file(scratch):
    inputs, out = scratch
    previous = out / "graph.nq"
    previous.write_text("previous\n")
    result = _invoke(COMMANDS["export"](_text("bad.txt", "no title\n")(inputs), out))
    assert result.exit_code == 2
    assert previous.read_text() == "previous\n"
    assert _files(out) == {"graph.nq"}


# ---- hostile but readable input: a valid graph, every IRI correct -------------------------------


def _check_graph_file(path: Path) -> None:
    assert graph_problems(path) == []
    report = validate(read_graph(path))
    assert report.conforms, [f.message for f in report.findings if f.severity == "Violation"]


@pytest.mark.parametrize(("make"), [pytest.param(m, id=i) for i, m in GOOD])
def test_build_and_export_give_a_valid_graph_with_correct_iris(scratch, make):
    inputs, out = scratch
    src = make(inputs)
    for command in ("build", "export"):
        result = _invoke(COMMANDS[command](src, out))
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    _check_graph_file(out / "graph.ttl")
    _check_graph_file(out / "graph.nq")


@pytest.mark.parametrize(("make"), [pytest.param(m, id=i) for i, m in GOOD])
def test_run_exports_every_format_with_correct_iris(scratch, make):
    inputs, out = scratch
    result = _invoke(COMMANDS["run"](make(inputs), out))
    assert result.exit_code == 0, result.output
    assert "validation: conforms" in result.stdout or "validation: 0 violations" in result.stdout
    files = sorted((out / "run").iterdir())
    assert sorted(p.suffix for p in files) == [".jsonld", ".jsonld", ".nq", ".nt", ".trig", ".ttl"]  # flat and framed
    sizes = set()
    for path in files:
        assert graph_problems(path) == []
        sizes.add(len({(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX_FORMATS[path.suffix])}))
    assert len(sizes) == 1, f"the formats disagree on the number of triples: {sizes}"


@pytest.mark.parametrize(("make"), [pytest.param(m, id=i) for i, m in GOOD])
def test_validate_query_coverage_and_load_accept_it(scratch, make):
    inputs, out = scratch
    src = make(inputs)
    assert _invoke(COMMANDS["validate"](src, out)).exit_code == 0
    answer = _invoke(COMMANDS["query"](src, out))
    assert answer.exit_code == 0 and (out / "answer.txt").is_file(), answer.output
    coverage = _invoke(COMMANDS["coverage"](src, out))
    assert coverage.exit_code == 0 and coverage.stdout.startswith("articles: 1 (0 failed)\n")
    loaded = _invoke(COMMANDS["load"](src, out))
    assert loaded.exit_code == 0, loaded.output
    dumped = _invoke(["store", "dump", "--format", "nq", "--store", str(out / "store"), "-o", str(out / "dump.nq")])
    assert dumped.exit_code == 0, dumped.output
    assert graph_problems(out / "dump.nq") == []


# ---- the other commands: queries, sparql, store, serve --------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("store") / "kg"
    src = Path(__file__).resolve().parents[2] / "data" / "battle_of_araouane_2009.txt"
    assert _invoke(["load", str(src), "--store", str(where), "-q"]).exit_code == 0
    return where


OTHER: list[tuple[str, Callable[[Path, Path], list[str]], str]] = [
    ("queries-unknown-name", lambda s, d: ["queries", "no-such-query"], "unknown query 'no-such-query'"),
    ("query-binary-rq-file", lambda s, d: ["query", str(_bytes("q.rq", b"\xff\xfe\x00S")(d)), "--store", str(s)], "is not UTF-8 text"),
    ("query-empty-rq-file", lambda s, d: ["query", str(_text("q.rq", "")(d)), "--store", str(s)], "the SPARQL query is malformed"),
    ("query-graph-file-that-is-binary", lambda s, d: ["query", "casualties", str(_bytes("g.ttl", bytes(range(256)))(d))], "cannot parse"),
    ("query-graph-file-missing", lambda s, d: ["query", "casualties", str(d / "none.ttl")], "no such graph file"),
    ("query-unknown-extension", lambda s, d: ["query", "casualties", str(_text("g.pdf", "x")(d))], "cannot query"),
    ("sparql-binary-query-file", lambda s, d: ["sparql", str(_bytes("q.rq", bytes(range(128, 256)))(d)), "--store", str(s)], "is not UTF-8 text"),
    ("sparql-syntax-error", lambda s, d: ["sparql", "SELECT * WHERE { ?s ?p", "--store", str(s)], "SPARQL syntax error at line 1, column 23"),
    ("sparql-missing-store", lambda s, d: ["sparql", "ASK {}", "--store", str(d / "none")], "there is no store at"),
    ("store-is-a-file", lambda s, d: ["store", "stats", "--store", str(_text("f.txt", "x")(d))], "f.txt"),
    ("store-is-a-folder-of-other-things", lambda s, d: ["store", "stats", "--store", str(d)], "there is no store at"),
    ("store-drop-unknown-graph", lambda s, d: ["store", "drop", "no-such-battle", "--store", str(s)], "no-such-battle"),
    ("store-dump-into-missing-folder", lambda s, d: ["store", "dump", "--store", str(s), "-o", str(d / "no" / "x.nq")], "does not exist"),
    ("serve-store-is-a-file", lambda s, d: ["serve", "--store", str(_text("f.txt", "x")(d)), "--port", "0"], "f.txt"),
]


@pytest.mark.parametrize(("args", "message"), [pytest.param(a, m, id=i) for i, a, m in OTHER])
def test_other_commands_fail_with_one_line(store_dir, tmp_path, args, message):
    result = _invoke(args(store_dir, tmp_path))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0], lines
    assert not [p for p in tmp_path.rglob("*.tmp")]
