"""Staging graphs: where a load to a SPARQL server writes an article before moving it in place.

A load PUTs the article into ``urn:kg:tmp:<seconds since 1970>-<uuid>`` and then moves it onto
its graph in one ``MOVE``. A load that is killed, or whose server dies, between the two leaves
its staging graph behind. So:

- queries over the whole store never see a staging graph (the query's dataset is the article
  graphs only, whenever a staging graph is there), so no answer counts an article twice;
- a staging graph older than :data:`STALE_AFTER` seconds (or named without a time, as kg 0.1
  named them) is stale: no load can still be writing it, and the next load or ``kg store stats``
  removes it; a younger one belongs to a load in progress and is left alone.
"""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from . import TMP_GRAPH_PREFIX

__all__ = ["STALE_AFTER", "Staging", "split_staging", "staging_name"]

#: Seconds after which a staging graph is left over from a load that ended (a load writes one in
#: well under a minute: two requests, each within --timeout, a few retries).
STALE_AFTER = 3600.0

_STAMPED = re.compile(re.escape(TMP_GRAPH_PREFIX) + r"(?P<when>\d{9,12})-[0-9a-f]{32}\Z")


def staging_name(now: float | None = None) -> str:
    """A new staging graph IRI, stamped with the time it was made."""
    return f"{TMP_GRAPH_PREFIX}{int(time.time() if now is None else now)}-{uuid.uuid4().hex}"


@dataclass(frozen=True, slots=True)
class Staging:
    """The named graphs of a store sorted out: article (and other) graphs, and staging graphs."""

    graphs: tuple[str, ...]
    fresh: tuple[str, ...]  # loads in progress
    stale: tuple[str, ...]  # left by loads that ended

    @property
    def staging(self) -> tuple[str, ...]:
        return self.fresh + self.stale


def split_staging(graphs: Iterable[str], *, now: float | None = None) -> Staging:
    """Sort the graph IRIs *graphs* into other graphs, fresh and stale staging graphs."""
    now = time.time() if now is None else now
    other, fresh, stale = [], [], []
    for iri in graphs:
        if not iri.startswith(TMP_GRAPH_PREFIX):
            other.append(iri)
            continue
        stamped = _STAMPED.match(iri)
        young = stamped is not None and now - int(stamped["when"]) < STALE_AFTER
        (fresh if young else stale).append(iri)
    return Staging(tuple(other), tuple(fresh), tuple(stale))
