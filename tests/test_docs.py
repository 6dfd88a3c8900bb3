"""Every example in README.md and docs/*.md is what kg prints (see tests/transcripts.py)."""
from __future__ import annotations

import pytest
from transcripts import PAGES, ROOT, Block, Session, blocks, kg_command, normalise

CASES = [(page, n) for page in PAGES for n, block in enumerate(blocks(page.read_text(encoding="utf-8")))]


@pytest.fixture(scope="module")
def sessions():
    opened: dict = {}
    yield opened
    for session in opened.values():
        session.close()


@pytest.mark.parametrize(("page", "n"), CASES, ids=[f"{p.relative_to(ROOT)}#{n}" for p, n in CASES])
def test_documented_transcript_is_real_output(sessions, page, n):
    block = blocks(page.read_text(encoding="utf-8"))[n]
    if block.skip is not None:
        pytest.skip(f"not run: {block.skip}")
    session = sessions.setdefault(page, Session())  # the blocks of a page run in order, in one folder
    for (command, documented), output in zip(block.commands, session.run(block), strict=True):
        assert normalise(output, session.store) == normalise(documented), (
            f"{page.relative_to(ROOT)}: `$ {command}` prints something else; "
            "run python tests/transcripts.py --update and check the difference")


def test_every_console_block_has_commands():
    for page, n in CASES:
        block = blocks(page.read_text(encoding="utf-8"))[n]
        assert block.commands, f"{page.relative_to(ROOT)}: console block {n} has no `$ ` command"


@pytest.mark.parametrize(("command", "expected"), [
    ("kg build a.txt -o a.ttl", (["build", "a.txt", "-o", "a.ttl"], None)),
    ("kg sparql 'SELECT * { ?s ?p ?o }' --graph x.txt  # a comment", (["sparql", "SELECT * { ?s ?p ?o }", "--graph", "x.txt"], None)),
    ('kg sparql "ASK { ?s ?p ?o }"', (["sparql", "ASK { ?s ?p ?o }"], None)),
    ("kg validate --format json a.ttl | head -4   # JSON", (["validate", "--format", "json", "a.ttl"], "head -4   # JSON")),
    ("kg table events x | cut -d, -f1 | head -3", (["table", "events", "x"], "cut -d, -f1 | head -3")),
    ("kg build a.txt > a.ttl", None),
    ("kg build a.txt && echo done", None),
    ("kg build a.txt || echo failed", None),
    ("kg build *.txt", None),
    ('kg sparql "$QUERY"', None),
    ("kg build a#b.txt", None),
    ("kg build 'a.txt", None),
    ("echo kg", None),
    ("sed -i s/a/b/ a.ttl", None),
])
def test_only_a_kg_command_of_plain_words_runs_in_this_process(command, expected):
    assert kg_command(command) == expected


def test_a_block_prints_the_same_in_this_process_as_in_kg_processes():
    """The in-process shortcut of tests/transcripts.py against the real thing: kg processes in bash."""
    commands = ["kg build missing.txt", "echo $?", "kg --version", "kg queries | head -2", "echo $?",
                "kg build untitled.txt", "echo $?"]
    block = Block(0, 0, None, ["printf 'Infobox\\n- Date: 2009\\n' > untitled.txt"], [(c, "") for c in commands])
    outputs = []
    for shell in (False, True):
        session = Session(shell=shell)
        try:
            outputs.append(session.run(block))
        finally:
            session.close()
    here, processes = outputs
    assert here == processes
    assert here[0] == "kg: error: no such file: missing.txt; give the path of an article text file" and here[1] == "2"
    assert here[2].startswith("kg, version ") and len(here[3].splitlines()) == 2 and here[4] == "0"
    assert here[5].startswith("kg: error: ") and here[6] == "2"
