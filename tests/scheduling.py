"""pytest-xdist's ``load`` scheduling, but each ``xdist_group`` runs whole, in order, in one worker.

pytest-xdist's own ``loadgroup`` mode makes every test without a group a work unit of its own and
keeps at most three of them queued in a worker: the controller answers each finished test with the
next one, and reckons the pending tests over every unit so far (quadratic in the tests). With the
suite's three thousand short tests the workers wait on the controller: measured on two cores,
the whole suite took 58 s under ``loadgroup`` and 50 s under ``load`` (which sends tests in
chunks), and a suite of 3,500 empty tests spent 16 s of CPU under ``loadgroup``, 11.5 s under
``load``.

This scheduler sends each group (its tests in collection order) to the worker with the least work
queued, before anything else, then deals the other tests as ``load`` does. The group of a test is
the ``@name`` suffix pytest-xdist gives its node id when ``--dist loadgroup`` is on, so the mode
stays ``loadgroup`` on the command line (tests/conftest.py installs this scheduler for it).
"""
from __future__ import annotations

from xdist.scheduler import LoadScheduling

__all__ = ["GroupedLoadScheduling", "group_of"]


def group_of(nodeid: str) -> str | None:
    """The ``xdist_group`` name pytest-xdist appended to *nodeid* (after the last ``@`` that follows
    the parameters' closing bracket), or None."""
    at = nodeid.rfind("@")
    return nodeid[at + 1:] if at > nodeid.rfind("]") else None


class GroupedLoadScheduling(LoadScheduling):
    def schedule(self) -> None:
        assert self.collection_is_completed
        if self.collection is not None:  # a later call: as LoadScheduling, top up every worker
            for node in self.nodes:
                self.check_schedule(node)
            return
        if not self._check_nodes_have_same_collection():
            self.log("**Different tests collected, aborting run**")
            return
        self.collection = next(iter(self.node2collection.values()))
        if not self.collection:
            return
        if self.maxschedchunk is None:
            self.maxschedchunk = len(self.collection)
        groups: dict[str, list[int]] = {}
        for index, nodeid in enumerate(self.collection):
            name = group_of(nodeid)
            if name is None:
                self.pending.append(index)
            else:
                groups.setdefault(name, []).append(index)
        for indices in sorted(groups.values(), key=len, reverse=True):
            node = min(self.nodes, key=lambda n: len(self.node2pending[n]))
            self.node2pending[node].extend(indices)
            node.send_runtest_some(indices)
        # then a first chunk of the others to each worker, topped up as they finish (LoadScheduling)
        chunk = max(2, min(len(self.pending) // len(self.nodes) // 4, self.maxschedchunk))
        for node in self.nodes:
            self._send_tests(node, chunk)
        if not self.pending:
            for node in self.nodes:
                node.shutdown()
