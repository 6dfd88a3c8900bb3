"""Suite-wide set-up for pytest-xdist (``-n auto --dist loadgroup``, see pyproject.toml).

Tests that must run in one process, in collection order, share an ``xdist_group``: the documented
transcripts of one page (tests/test_docs.py) run one after another in one folder, each block
reading the files the blocks before it wrote. (The tests sharing a server are grouped in
tests/store/conftest.py.)
"""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.name.startswith("test_documented_transcript_is_real_output") and "page" in params:
            page = Path(params["page"])
            name = page.relative_to(config.rootpath) if page.is_relative_to(config.rootpath) else page.name
            item.add_marker(pytest.mark.xdist_group(f"transcripts-{name}"))
