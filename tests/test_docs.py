"""Every example in README.md and docs/*.md is what kg prints (see tests/transcripts.py)."""
from __future__ import annotations

import pytest

from transcripts import PAGES, ROOT, Session, blocks, normalise

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
    for (command, documented), output in zip(block.commands, session.run(block)):
        assert normalise(output, session.store) == normalise(documented), (
            f"{page.relative_to(ROOT)}: `$ {command}` prints something else; "
            "run python tests/transcripts.py --update and check the difference")


def test_every_console_block_has_commands():
    for page, n in CASES:
        block = blocks(page.read_text(encoding="utf-8"))[n]
        assert block.commands, f"{page.relative_to(ROOT)}: console block {n} has no `$ ` command"
