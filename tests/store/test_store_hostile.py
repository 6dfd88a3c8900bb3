"""Real servers (Oxigraph, Virtuoso) after what goes wrong in real life: a load killed between
writing its staging graph and moving it in place, literals with control characters, a query
deep enough to crash the server."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.pipeline import build_text
from kg.query import run_query
from kg.store import TMP_GRAPH_PREFIX
from kg.store.embedded import EmbeddedStore
from kg.store.nquads import triples_nt
from kg.store.staging import STALE_AFTER

pytestmark = pytest.mark.server


def _debris(remote, built, *, age: float | None) -> str:
    """What a load killed after its PUT leaves: the article in a staging graph. *age* in seconds
    (None: named as kg 0.1 named them, without a time)."""
    import uuid

    stamp = "" if age is None else f"{int(time.time() - age)}-"
    tmp = f"{TMP_GRAPH_PREFIX}{stamp}{uuid.uuid4().hex}"
    remote._put(tmp, triples_nt(built.graph.triples).encode("utf-8"), what="leaving debris")
    return tmp


def test_staging_graphs_of_killed_loads_never_double_an_answer_and_are_cleaned(empty_server, small_built, clean_env):
    remote = empty_server.remote()
    remote.load(small_built)
    expected = {name: run_query(name, remote).rows for name in ("casualties", "sides", "timeline")}
    assert {name: len(rows) for name, rows in expected.items()} == {"casualties": 4, "sides": 2, "timeline": 1}
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    triples = remote.select(count)[1]  # Virtuoso counts its own graphs too
    stale = [_debris(remote, small_built, age=None), _debris(remote, small_built, age=STALE_AFTER + 60)]
    running = _debris(remote, small_built, age=5)  # a load in progress
    assert set(remote.named_graphs().staging) == {*stale, running}
    for name, rows in expected.items():  # the copies in staging graphs are not seen
        assert run_query(name, remote).rows == rows, name
    assert remote.select(count)[1] == triples

    options = ["--endpoint", empty_server.url, *(["--user", "dba", "--password", "dba"] if empty_server.credentials else [])]
    stats = CliRunner().invoke(main, ["store", "stats", *options])
    assert stats.exit_code == 0, stats.output
    assert "removed 2 staging graph(s) left by interrupted loads" in stats.stderr
    assert "1 load(s) in progress (staging graphs not counted)" in stats.stderr
    assert remote.named_graphs().staging == (running,)

    stale.append(_debris(remote, small_built, age=STALE_AFTER + 1))
    empty_server.remote().load(small_built)  # the next load removes what is stale, not the load in progress
    assert remote.named_graphs().staging == (running,)


CONTROLS = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) + "\x7f"
ARTICLE = (
    "= Battle of Control\x01Town =\n\nInfobox\n- Date: 4 July 2009\n- Place: Town\x01Ville, Land\x02\n"
    f"- Combatant1: North\x1bland\n- Combatant2: South{CONTROLS}land\n- Casualties1: 5 killed\x0b\n\n"
    "The North\x1bland army attacked on 4 July 2009.\x07 Some 5 soldiers were killed.\x0c\n"
)


def test_an_article_with_control_characters_reads_back_identically_from_every_store(empty_server, tmp_path, as_stored):
    built = build_text(ARTICLE, source="controls.txt")
    assert built.article.controls == len(CONTROLS) + 8
    assert not any(ch in str(term) for triple in built.graph.triples for term in triple for ch in CONTROLS)
    assert any("Town\u2401Ville" in str(o) for _, _, o in built.graph.triples)
    expected = as_stored(built.graph.triples)
    iri = str(built.graph.iri)
    with EmbeddedStore(tmp_path / "store") as embedded:
        embedded.load(built)
        assert as_stored(embedded.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph=iri).triples) == expected
    remote = empty_server.remote()
    remote.load(built)
    assert as_stored(remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph=iri).triples) == expected


@pytest.mark.parametrize("server_kind", ["oxigraph"], indirect=True)
def test_a_deep_query_is_never_sent_to_the_server(empty_server, flagship_built):
    server = empty_server
    remote = server.remote()
    remote.load(flagship_built)
    with pytest.raises(QueryError, match="nests brackets more than 24 deep"):
        remote.query("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000)
    assert server.process.poll() is None, "the server died"
    assert remote.query("ASK { ?s ?p ?o }").boolean is True


@pytest.mark.parametrize("server_kind", ["oxigraph"], indirect=True)
def test_kg_sparql_refuses_the_deep_query_before_the_server(server, clean_env):
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    done = subprocess.run([sys.executable, "-m", "kg", "sparql", deep, "--endpoint", server.url],
                          check=False, capture_output=True, text=True, env=clean_env, timeout=60)
    assert done.returncode == 2 and "nests brackets more than 24 deep" in done.stderr
    assert server.process.poll() is None
