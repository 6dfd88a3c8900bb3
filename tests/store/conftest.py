"""Fixtures for the store tests: real servers on 127.0.0.1 (free ports), a faulty proxy, articles.

The servers are started by the suite from temporary folders and always stopped after:

- Oxigraph server: ``oxigraph serve --location TMP --bind 127.0.0.1:PORT`` (PyPI ``oxigraph``);
- Virtuoso Open Source 7: ``virtuoso-t +foreground +configfile INI`` from a temporary database
  folder with its own ini (HTTP and SQL ports free, bound to 127.0.0.1; account dba/dba).

A missing binary skips the tests that need it, with the reason. Nothing here reaches any address
but 127.0.0.1.

One server of each kind serves the whole run (``server``, ``shared_server``; a Virtuoso start
costs seconds): the tests sharing them leave the store as they found it, or ask for
``empty_server`` (emptied before and after the test). The test that stops a server is marked
``stops_server`` and runs last; a stopped shared server is started again if a test still needs it.
"""
from __future__ import annotations

import http.client
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from local_http import POLL, QuietHTTPServer

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
HOST = "127.0.0.1"

# VectorSize: Virtuoso answers the graph list kg asks before each query over the whole store
# (SELECT DISTINCT ?g ... -> DB.DBA.SPARQL_SELECT_KNOWN_GRAPHS) by reopening a cursor per graph,
# each reading a vector of rows: at the default 1000 that is ~0.09 s of server CPU a call with the
# flagship loaded, at 100 ~0.005 s (same answers). The suite asks it ~80 times a run.
# No MaxQueryCostEstimationTime (unset, Virtuoso refuses no query on its estimated cost; Debian's
# ini sets 400 s, which the tests' small stores never come near): set, it costs Virtuoso ~0.7 s
# more CPU over the stored queries (measured; a repeated query 30x more), same answers.
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {dir}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 40000000
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
VectorSize = 100

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
DeferInferenceRulesInit = 0
"""


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A server process the suite started, and how to reach it."""

    kind: str
    url: str  # the endpoint URL to give to RemoteStore / --endpoint
    process: subprocess.Popen[bytes]
    folder: Path
    credentials: dict[str, str] = field(default_factory=dict)
    holds_flagship: bool = False  # the flagship is loaded and the tests since only read (test_store_servers.loaded)
    own_graphs: frozenset[str] = frozenset()  # the graphs the server holds before any test writes (Virtuoso keeps several)

    def empty(self) -> None:
        """Drop every graph the tests wrote, staging graphs too: the store as the server started."""
        remote = self.remote()
        found = remote.named_graphs()
        for iri in (*found.graphs, *found.staging):
            if iri not in self.own_graphs:
                remote.drop(iri)
        self.holds_flagship = False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def remote(self, **options: object):
        from kg.store.remote import RemoteStore

        kwargs = {**self.credentials, "timeout": 30.0, "retries": 1, "backoff": 0.05, **options}
        return RemoteStore(self.url, **kwargs)  # type: ignore[arg-type]


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, get SIGTERM when the test process dies (even killed),
    so an interrupted run leaves no server behind."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _wait_http(process: subprocess.Popen[bytes], probe: str, deadline: float, log: Path) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"server not ready in time: {log.read_text(errors='replace')[-2000:]}")


@dataclass
class Launch:
    """A server process started and not yet known to answer: :meth:`ready` waits until it does."""

    server: Server
    probe: str  # a URL that answers 200 once the server is up
    deadline: float  # time.monotonic() by which it must answer

    def ready(self) -> Server:
        _wait_http(self.server.process, self.probe, self.deadline, self.server.folder / "server.log")
        return self.server


def _oxigraph_exe() -> str | None:
    """The oxigraph server installed beside this Python (its venv, else the Python the venv is
    made from), else the one on PATH: a version manager's shim on PATH takes a quarter of a second
    to find the same binary, at every start."""
    import sys
    import sysconfig

    for scripts in (sysconfig.get_path("scripts"), sysconfig.get_path("scripts", vars={"base": sys.base_prefix})):
        exe = Path(scripts) / "oxigraph"
        if exe.is_file() and os.access(exe, os.X_OK):
            return str(exe)
    return shutil.which("oxigraph")


def launch_oxigraph(folder: Path) -> Launch:
    """Start ``oxigraph serve`` on a free port with its data in *folder* (skip when not installed)."""
    exe = _oxigraph_exe()
    if exe is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [exe, "serve", "--location", str(folder / "data"), "--bind", f"{HOST}:{port}"],
            stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,  # noqa: PLW1509
        )
    url = f"http://{HOST}:{port}"
    return Launch(Server("oxigraph", url, process, folder), f"{url}/query?query=ASK%7B%7D", time.monotonic() + 30)


def launch_virtuoso(folder: Path) -> Launch:
    """Start Virtuoso 7 from a fresh database in *folder* on free ports (skip when not installed)."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/install-servers does it)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=folder, host=HOST, http_port=http_port, sql_port=sql_port))
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [exe, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,  # noqa: PLW1509
        )
    url = f"http://{HOST}:{http_port}/sparql"
    server = Server("virtuoso", url, process, folder, {"user": "dba", "password": "dba"})
    return Launch(server, f"{url}?query=ASK%7B%7D", time.monotonic() + 90)


_LAUNCHERS: dict[str, Callable[[Path], Launch]] = {"oxigraph": launch_oxigraph, "virtuoso": launch_virtuoso}


class Starter:
    """Starts servers in the session's temporary folder; every server started is stopped at the end."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.started: list[Server] = []

    def launch(self, kind: str) -> Launch:
        """Start a fresh server of *kind* without waiting for it to answer."""
        launched = _LAUNCHERS[kind](self.tmp_path_factory.mktemp(kind))
        self.started.append(launched.server)
        return launched

    def ready(self, launched: Launch) -> Server:
        """Wait for a launched server to answer; note the graphs it holds of its own."""
        server = launched.ready()
        server.own_graphs = frozenset(server.remote().named_graphs().graphs)
        return server

    def __call__(self, kind: str) -> Server:
        """Start a fresh server of *kind* and wait for it to answer."""
        return self.ready(self.launch(kind))

    def stop_all(self) -> None:
        for server in self.started:
            server.stop()


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Starter]:
    """A function that starts a fresh server of a kind; every server started is stopped at the end."""
    starter = Starter(tmp_path_factory)
    yield starter
    starter.stop_all()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Iterator[None]:
    """With pytest-xdist (``--dist loadgroup``, see pyproject.toml) the tests that share the
    servers run in one worker, so each server starts once per run rather than once per worker.
    (Marked before pytest-xdist's own hook reads the groups.)

    After pytest has ordered the tests (by their session fixtures), the tests marked
    ``stops_server`` go last: no test after them needs the shared server started again."""
    for item in items:
        if {"server", "shared_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("servers"))
    result = yield
    items.sort(key=lambda item: item.get_closest_marker("stops_server") is not None)  # stable: in order otherwise
    return result


def _kinds_wanted(session: pytest.Session) -> set[str]:
    """The kinds of server the tests of this session run on (after selection)."""
    return {str(item.callspec.params["server_kind"]) for item in session.items
            if "server_kind" in getattr(getattr(item, "callspec", None), "params", {})}


@pytest.fixture(scope="session")
def shared_server(start_server: Starter, request: pytest.FixtureRequest) -> Callable[[str], Server]:
    """A function: the running server of a kind shared by the tests of the session (started once,
    and again only if a test stopped it: test_store_servers stops each after its other tests).

    When the first is asked for, the other kinds the session's tests need are started too, in the
    background: Virtuoso takes seconds to start, while the tests on Oxigraph run."""
    shared: dict[str, Server] = {}
    launched: dict[str, Launch] = {}

    def get(kind: str) -> Server:
        if kind not in shared or shared[kind].process.poll() is not None:
            if not shared and not launched:
                for other in sorted(_kinds_wanted(request.session) - {kind}):
                    try:
                        launched[other] = start_server.launch(other)
                    except pytest.skip.Exception:  # not installed: its own tests say so
                        pass
            waiting = launched.pop(kind, None)
            shared[kind] = start_server.ready(waiting) if waiting is not None else start_server(kind)
        return shared[kind]

    return get


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def server_kind(request: pytest.FixtureRequest) -> str:
    """Each kind of server (session-scoped: pytest runs the tests of one kind together, so a server
    that a test stops is the last of its kind to be used). A test of one kind only says so with
    ``@pytest.mark.parametrize("server_kind", ["virtuoso"], indirect=True)``."""
    return str(request.param)


@pytest.fixture
def server(server_kind: str, shared_server: Callable[[str], Server]) -> Server:
    """A running server of each kind, shared by the tests of the session."""
    return shared_server(server_kind)


@pytest.fixture
def empty_server(server: Server) -> Iterator[Server]:
    """The shared server of each kind holding none of the tests' graphs, emptied again after the
    test: for the tests that leave staging graphs and articles behind, or count every graph."""
    server.empty()
    yield server
    server.empty()


@pytest.fixture(scope="session")
def flagship_built():
    """The flagship article built once, with a fixed generation time (same triples on every build)."""
    from kg.pipeline import build

    return build(FLAGSHIP, when=datetime(2026, 1, 1, tzinfo=UTC))


SMALL = (
    "= Battle of Smalltown =\n\nInfobox\n- Date: 4 July 2009\n- Place: Smalltown, Land\n"
    "- Combatant1: Northland\n- Combatant2: Southland\n- Casualties1: 5 killed\n- Casualties2: 7 killed, 3 captured\n\n"
    "The Northland army attacked Smalltown on 4 July 2009. Some 5 soldiers were killed.\n"
)


@pytest.fixture(scope="session")
def small_built():
    """An article a sixth of the flagship's size, with rows in the casualties, sides and timeline
    queries: for the server tests whose point is not the flagship's content (Virtuoso spends
    seconds answering over copies of the flagship)."""
    from kg.pipeline import build_text

    return build_text(SMALL, source="small.txt", when=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture(scope="session")
def flagship_path() -> Path:
    return FLAGSHIP


_XSD = "http://www.w3.org/2001/XMLSchema#"
_DERIVED_INTEGERS = frozenset(
    _XSD + n
    for n in ("nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
              "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")
)


_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"
_VIRTUOSO_GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry"


def _five(number: str) -> str:
    """A coordinate to GeoNames' 5 decimals, as kg writes it (kg.rdf.links.wkt_point)."""
    text = f"{float(number):.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def stored_term(t):
    """A term as the stores give it back: integer types derived from xsd:integer read as
    xsd:integer, as Oxigraph stores them; a WKT point, and a decimal, to 5 decimals, as Virtuoso
    stores a point in single precision as its own geometry type (docs/stores.md)."""
    from rdflib import Literal, URIRef

    if not isinstance(t, Literal) or t.datatype is None:
        return t
    datatype = str(t.datatype)
    if datatype in _DERIVED_INTEGERS:
        return Literal(str(t), datatype=URIRef(_XSD + "integer"))
    if datatype in (_WKT, _VIRTUOSO_GEOMETRY) and str(t).startswith("POINT("):
        lon, lat = str(t)[len("POINT("):-1].split()
        return Literal(f"POINT({_five(lon)} {_five(lat)})", datatype=URIRef(_WKT))
    if datatype == _XSD + "decimal":
        return Literal(_five(str(t)), datatype=URIRef(_XSD + "decimal"))
    return t


def _as_stored(rows):
    """*rows* (triples or result rows) as the stores give them back (see :func:`stored_term`)."""
    return {tuple(stored_term(t) for t in row) for row in rows}


@pytest.fixture(scope="session", name="stored_term")
def _stored_term_fixture():
    """A function: one term as the stores give it back (see :func:`stored_term`)."""
    return stored_term


@pytest.fixture(scope="session")
def as_stored():
    """A function: a set of rows/triples with derived integer datatypes read as xsd:integer."""
    return _as_stored


# ---- a proxy that fails on purpose ---------------------------------------------------------------

#: A rule sees (method, path, body) and returns None to forward, or what to do instead:
#: "drop" (close the connection without answering), "500" (answer 500 without forwarding),
#: "forward-then-500" (forward, then answer 500 to the client).
Rule = Callable[[str, str, bytes], "str | None"]


class FaultyProxy:
    """An HTTP proxy on 127.0.0.1 in front of a real server, failing the requests a rule picks."""

    def __init__(self, upstream: str, rule: Rule, *, authenticated: bool = False) -> None:
        from urllib.parse import urlsplit

        target = urlsplit(upstream)
        self.upstream_host, self.upstream_port = target.hostname or HOST, target.port or 80
        self.rule = rule
        self.seen: list[tuple[str, str, str | None]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                # Behind Digest auth the first try of each request only fetches the challenge:
                # fail the authenticated one, which the server would really execute.
                applies = not authenticated or "Authorization" in self.headers
                action = proxy.rule(self.command, self.path, body) if applies else None
                proxy.seen.append((self.command, self.path, action))
                if action == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if action == "500":
                    self._answer(500, [("Content-Type", "text/plain")], b"injected failure")
                    return
                conn = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                response = conn.getresponse()
                data = response.read()
                conn.close()
                if action == "forward-then-500" and response.status < 300:
                    self._answer(500, [("Content-Type", "text/plain")], b"injected failure after the write")
                    return
                keep = [(k, v) for k, v in response.getheaders() if k.lower() not in ("transfer-encoding", "connection", "content-length")]
                self._answer(response.status, keep, data)

            def _answer(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = QuietHTTPServer((HOST, 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": POLL}, daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        return f"http://{HOST}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def faulty_proxy() -> Iterator[Callable[..., FaultyProxy]]:
    """A function making a :class:`FaultyProxy` in front of an upstream URL; closed after the test."""
    made: list[FaultyProxy] = []

    def make(upstream: str, rule: Rule, authenticated: bool = False) -> FaultyProxy:
        proxy = FaultyProxy(upstream, rule, authenticated=authenticated)
        made.append(proxy)
        return proxy

    yield make
    for proxy in made:
        proxy.close()


@pytest.fixture
def kg_command() -> list[str]:
    """The ``kg`` command with the store commands registered, for subprocess tests."""
    import sys

    code = "import sys; sys.argv[0] = 'kg'; import kg.cli.store; from kg.cli import main; main()"
    return [sys.executable, "-c", code]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """No KG_* settings leak in from the environment running the tests."""
    for key in ("KG_STORE", "KG_ENDPOINT", "KG_USER", "KG_PASSWORD", "KG_PRESET", "KG_BASE", "KG_TIMEOUT"):
        monkeypatch.delenv(key, raising=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env
