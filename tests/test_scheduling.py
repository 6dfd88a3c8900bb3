"""The test scheduler of tests/scheduling.py: each xdist_group whole and in order in one worker,
every other test dealt once, in chunks."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from scheduling import GroupedLoadScheduling, group_of


@pytest.mark.parametrize(("nodeid", "group"), [
    ("tests/test_a.py::test_one", None),
    ("tests/test_a.py::test_one@servers", "servers"),
    ("tests/test_a.py::test_one[x-y]@transcripts-README.md", "transcripts-README.md"),
    ("tests/test_a.py::test_one[user@host]", None),  # an @ inside the parameters names no group
    ("tests/test_a.py::test_one[user@host]@servers", "servers"),
])
def test_group_of_reads_the_suffix_xdist_gives(nodeid, group):
    assert group_of(nodeid) == group


class _Worker:
    """What the scheduler uses of pytest-xdist's WorkerController: the tests it was sent, in order."""

    def __init__(self, name: str) -> None:
        self.gateway = SimpleNamespace(id=name)
        self.queue: list[int] = []
        self.shutting_down = False

    def send_runtest_some(self, indices: list[int]) -> None:
        assert not self.shutting_down
        self.queue.extend(indices)

    def shutdown(self) -> None:
        self.shutting_down = True


def _run(collection: list[str], workers: int) -> dict[str, list[str]]:
    """Schedule *collection* on *workers* workers that finish tests in turn; the tests each ran, in order."""
    config = SimpleNamespace(getvalue={"tx": [f"{workers}*popen"]}.__getitem__,
                             getoption={"maxschedchunk": None}.__getitem__)
    scheduler = GroupedLoadScheduling(config)
    nodes = [_Worker(f"gw{i}") for i in range(workers)]
    for node in nodes:
        scheduler.add_node(node)
        scheduler.add_node_collection(node, collection)
    scheduler.schedule()
    ran: dict[str, list[str]] = {node.gateway.id: [] for node in nodes}
    while not scheduler.tests_finished or any(len(ran[n.gateway.id]) < len(n.queue) for n in nodes):
        progressed = False
        for node in nodes:
            done = ran[node.gateway.id]
            if len(done) < len(node.queue):
                index = node.queue[len(done)]
                done.append(collection[index])
                scheduler.mark_test_complete(node, index)
                progressed = True
        assert progressed, "the workers wait for tests that never come"
    assert all(node.shutting_down for node in nodes)
    return ran


def test_each_group_runs_whole_and_in_order_in_one_worker_and_every_test_runs_once():
    collection = [f"t.py::test_{i}" for i in range(200)]
    for i in (3, 50, 51, 120, 199):
        collection[i] += "@servers"
    for i in (10, 11, 12):
        collection[i] += "@transcripts-README.md"
    ran = _run(collection, workers=2)
    assert sorted(t for tests in ran.values() for t in tests) == sorted(collection)
    for group in ("servers", "transcripts-README.md"):
        members = [t for t in collection if group_of(t) == group]
        holders = [w for w, tests in ran.items() if set(members) & set(tests)]
        assert len(holders) == 1
        assert [t for t in ran[holders[0]] if group_of(t) == group] == members
    # the biggest group first, and the other group to the other worker
    assert {ran["gw0"][0], ran["gw1"][0]} == {collection[3], collection[10]}
    # the tests without a group are shared out, not all left to one worker
    assert all(sum(group_of(t) is None for t in tests) > 50 for tests in ran.values())


def test_a_collection_of_only_groups_or_of_no_group_runs_once():
    grouped = [f"t.py::test_{i}@g{i % 3}" for i in range(9)]
    ran = _run(grouped, workers=2)
    assert sorted(t for tests in ran.values() for t in tests) == sorted(grouped)
    plain = [f"t.py::test_{i}" for i in range(9)]
    ran = _run(plain, workers=2)
    assert sorted(t for tests in ran.values() for t in tests) == sorted(plain)
