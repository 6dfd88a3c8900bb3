"""Build many articles at once: across all CPU cores, streamed to one N-Quads or TriG file.

Each worker process reads, extracts and maps one article and returns its graph already written as
text (N-Quads lines, or one TriG graph block in N-Triples syntax), with a few counts. The parent
builds the first article itself before it forks the workers, so they inherit the lexicons and
shapes it compiled; it writes the blocks in input order as they arrive, so memory holds only the
articles in flight, never the corpus graph. An article that fails is reported (file, reason) and the run goes
on. Cross-article checks need only a small summary of each article's global IRIs.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import multiprocessing as mp
import os
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from .errors import KgError
from .rdf.namespaces import RDF, SCHEMA, SEM
from .store.nquads import quads_nq, triples_nt

__all__ = ["ArticleOutcome", "CorpusSummary", "GraphWriter", "build_corpus", "corpus_paths", "CORPUS_FORMATS"]

CORPUS_FORMATS = ("nq", "trig")

# Classes that cannot describe the same thing: an IRI typed with two of them is used for two
# different things (a person and an organisation, a person and a place ...).
_DISJOINT = {
    str(SCHEMA.Person): "person",
    str(SCHEMA.Organization): "organization",
    str(SCHEMA.Country): "country",
    str(SEM.Event): "event",
}
_PLACE = str(SCHEMA.Place)


class GraphWriter(Protocol):
    """What :func:`build_corpus` can write to instead of a text file: one call per article graph
    (e.g. :class:`kg.store.bulk.GraphSink`, which loads the graphs into a store in batches)."""

    def write_graph(self, graph: str, text: str, triples: int) -> None: ...


@dataclass(slots=True)
class ArticleOutcome:
    path: str
    graph: str | None = None
    triples: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    fields: Counter[str] = field(default_factory=Counter)
    violations: int = 0
    warnings: int = 0
    kinds: dict[str, str] = field(default_factory=dict)  # global IRI -> kind, for cross-article checks
    error: str | None = None
    text: str = ""
    part: str | None = None  # spooled: the file holding the graph's UTF-8 text, at offset, size
    offset: int = 0
    size: int = 0


@dataclass(slots=True)
class CorpusSummary:
    articles: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    triples: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    fields: Counter[str] = field(default_factory=Counter)
    violations: int = 0
    warnings: int = 0
    invalid: list[str] = field(default_factory=list)  # articles with violations
    conflicts: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    seconds: float = 0.0
    graphs: set[str] = field(default_factory=set)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (graph, file) seen twice
    validated: bool = False

    @property
    def ok(self) -> int:
        return self.articles - len(self.failed)

    def coverage(self) -> float:
        readable = self.fields["parsed"] + self.fields["partial"] + self.fields["unparsed"]
        return self.fields["parsed"] / readable if readable else 0.0

    def text(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        lines = [
            f"articles: {self.articles} ({self.ok} built, {len(self.failed)} failed) in {self.seconds:.1f} s ({rate:.0f}/s)",
            f"triples: {self.triples}",
            "facts: " + ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())),
            f"infobox fields parsed: {self.fields['parsed']} fully, {self.fields['partial']} partly, "
            f"{self.fields['unparsed']} not ({self.coverage():.1%} fully)",
        ]
        if self.validated:
            lines.append(
                f"validation: {_count(self.violations, 'violation')} in {_count(len(self.invalid), 'article')}, "
                f"{_count(self.warnings, 'warning')}"
            )
        for iri, kinds, files in self.conflicts:
            lines.append(f"conflict: {iri} is used as {' and '.join(kinds)} (in {', '.join(files)})")
        for graph, file in self.duplicates:
            lines.append(f"duplicate: {file} has the same title as an earlier article: graph {graph} written twice")
        for file, reason in self.failed:
            lines.append(f"failed: {file}: {reason}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "built": self.ok,
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "triples": self.triples,
            "facts": dict(self.facts),
            "fields": dict(self.fields),
            "coverage": round(self.coverage(), 4),
            "violations": self.violations,
            "warnings": self.warnings,
            "invalid": self.invalid,
            "conflicts": [{"iri": i, "kinds": list(k), "files": list(f)} for i, k, f in self.conflicts],
            "duplicates": [{"graph": g, "file": f} for g, f in self.duplicates],
            "seconds": round(self.seconds, 3),
        }


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def corpus_paths(args: Iterable[str], *, stdin: IO[str] | None = None) -> list[Path]:
    """Expand the arguments: a folder gives its ``*.txt`` files (sorted), ``-`` reads paths from
    *stdin* (one a line), a file is itself."""
    out: list[Path] = []
    for arg in args:
        if arg == "-":
            source = stdin if stdin is not None else sys.stdin
            out.extend(Path(line.strip()) for line in source if line.strip())
            continue
        p = Path(arg)
        if p.is_dir():
            out.extend(sorted(p.glob("*.txt")))
        else:
            out.append(p)
    return out


# ---- the worker ---------------------------------------------------------------------------------

_OPTIONS: dict[str, object] = {}


def _init(options: dict[str, object]) -> None:
    _OPTIONS.clear()  # nothing left from an earlier run (a forked worker starts from the parent's)
    _OPTIONS.update(options)


def _init_worker(options: dict[str, object]) -> None:
    _init(options)
    # A worker's inherited heap (modules, lexicons, compiled shapes) lives as long as the worker:
    # keep the cyclic garbage collector from walking it again and again.
    gc.freeze()


def _kinds(triples) -> dict[str, str]:
    types: dict[str, set[str]] = {}
    rdf_type = str(RDF.type)
    same = str.__eq__  # IRI text compared at C speed (rdflib's == is Python-level)
    for s, p, o in triples:
        if same(p, rdf_type):
            kind = _DISJOINT.get(str(o)) or ("place" if str(o) == _PLACE else None)
            if kind:
                types.setdefault(str(s), set()).add(kind)
    out = {}
    for iri, kinds in types.items():
        if "country" in kinds:
            kinds = {"country"}
        elif "place" in kinds and len(kinds) > 1:
            kinds.discard("place")
        out[iri] = "+".join(sorted(kinds))
    return out


def _one(path: str) -> ArticleOutcome:
    from .pipeline import build

    outcome = ArticleOutcome(path)
    try:
        built = build(path, base=_OPTIONS.get("base"))  # type: ignore[arg-type]
        triples = built.graph.triples
        graph = str(built.graph.iri)
        if _OPTIONS.get("format") == "trig":
            outcome.text = f"<{graph}> {{\n{triples_nt(triples)}}}\n"
        else:
            outcome.text = quads_nq(graph, triples)
    except KgError as exc:
        outcome.error = str(exc)
        return outcome
    except Exception as exc:  # one bad article never stops the run; report it with its type
        outcome.error = f"internal error {type(exc).__name__}: {exc}"
        return outcome
    facts = built.facts
    outcome.graph = graph
    outcome.triples = len(triples)
    outcome.facts.update(
        events=len(facts.events),
        claims=len(facts.claims),
        sides=len(facts.sides),
        entities=len(facts.entities),
        figures=sum(1 for c in facts.claims if c.figure is not None),
    )
    outcome.fields.update(f.status for f in facts.fields)
    outcome.kinds = _kinds(triples)
    if _OPTIONS.get("validate"):
        from .validate.compiled import validate_fast

        report = validate_fast(triples, warnings=True)  # the mapper's triples: no rdflib Dataset
        outcome.violations = len(report.violations)
        outcome.warnings = len(report.warnings)
    return outcome


# ---- the parent ---------------------------------------------------------------------------------


def _many(paths: list[str]) -> list[ArticleOutcome]:
    outcomes = [_one(p) for p in paths]
    spool = _OPTIONS.get("spool")
    if spool:  # the text goes to a file of the spool folder, not through the result pipe
        fd, name = tempfile.mkstemp(dir=str(spool), suffix=".part")
        with os.fdopen(fd, "wb") as part:
            offset = 0
            for outcome in outcomes:
                if outcome.text:
                    data = outcome.text.encode("utf-8")
                    part.write(data)
                    outcome.part, outcome.offset, outcome.size, outcome.text = name, offset, len(data), ""
                    offset += len(data)
    return outcomes


def _spool_target(out: object) -> int | None:
    """The file descriptor of *out* when the workers' texts can be copied into it by the kernel
    (a UTF-8 file or pipe, not a terminal, on a system with ``os.sendfile``); else None."""
    if not hasattr(os, "sendfile"):
        return None
    try:
        fd = out.fileno()  # type: ignore[attr-defined]
        encoding = codecs.lookup(getattr(out, "encoding", None) or "").name
    except (AttributeError, OSError, LookupError, ValueError):
        return None
    if encoding != "utf-8" or os.isatty(fd) or os.linesep != "\n":
        return None
    return fd


class _Copier:
    """Copies spooled article texts into the output file descriptor, in the order asked, with
    ``os.sendfile`` (no copy through Python); deletes each part file once it is passed."""

    def __init__(self, out: IO[str], fd: int) -> None:
        self.out, self.fd = out, fd
        self.name: str | None = None
        self.src = -1

    def copy(self, outcome: ArticleOutcome) -> None:
        if outcome.part != self.name:
            self.close()
            self.out.flush()  # anything written as text before goes first
            self.src = os.open(outcome.part, os.O_RDONLY)  # type: ignore[arg-type]
            self.name = outcome.part
        offset, left = outcome.offset, outcome.size
        while left:
            sent = os.sendfile(self.fd, self.src, offset, left)
            if sent == 0:
                raise KgError(f"the spooled graph of {outcome.path} ends early in {self.name}")
            offset += sent
            left -= sent

    def close(self) -> None:
        if self.name is not None:
            os.close(self.src)
            Path(self.name).unlink(missing_ok=True)
            self.name = None


def _outcomes(paths: list[str], jobs: int, options: dict[str, object]) -> Generator[ArticleOutcome, None, None]:
    if jobs <= 1 or len(paths) < 2:
        _init(options)
        yield from map(_one, paths)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    first: list[ArticleOutcome] = []
    if ctx.get_start_method() == "fork":
        # The parent builds the first article itself: that compiles the lexicons and grammars
        # (a third of a second) once, here, and the forked workers inherit them instead of each
        # compiling them again. Its text takes the workers' way (spooled, when they spool).
        _init(options)
        first, paths = _many(paths[:1]), paths[1:]
    chunk = max(1, min(32, len(paths) // (jobs * 8) or 1))
    chunks = iter([paths[i : i + chunk] for i in range(0, len(paths), chunk)])
    # At most 4 chunks per worker are sent ahead of the one the parent waits for: when the parent
    # is slower than the workers (loading into a store, writing to a slow pipe), finished articles
    # wait in the workers' queue, not in the parent's memory.
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        pending = deque(pool.apply_async(_many, (c,)) for _, c in zip(range(jobs * 4), chunks, strict=False))
        try:
            yield from first
            while pending:
                done = pending.popleft().get()
                following = next(chunks, None)
                if following is not None:
                    pending.append(pool.apply_async(_many, (following,)))
                yield from done
        except KeyboardInterrupt:  # the workers got it too: they send nothing more
            raise
        except BaseException:  # a failure here, or the consumer closing the generator early
            _settle(pending)
            raise


#: How long a pool stopped early waits for the chunks already sent before it terminates the workers.
SETTLE_SECONDS = 10.0


def _settle(pending: deque[Any]) -> None:
    """Wait (a bounded time) until the workers have sent back the chunks already given to them.

    ``Pool.terminate`` kills the workers; one killed while it writes a result into the pipe keeps
    the pipe's lock forever, and the pool's own clean-up then waits on that lock for ever (a
    hang seen when a store write fails in the middle of a load). At most ``jobs * 4`` chunks are
    pending, so this wait is short; it is bounded in case a worker died (Ctrl-C) and never answers.
    """
    deadline = time.monotonic() + SETTLE_SECONDS
    for result in pending:
        result.wait(max(0.0, deadline - time.monotonic()))


def build_corpus(
    paths: Iterable[str | Path],
    out: IO[str] | GraphWriter,
    *,
    fmt: str = "nq",
    jobs: int | None = None,
    base: str | None = None,
    validate: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusSummary:
    """Build every article of *paths* and write their graphs to *out*, in input order.

    *out* is a text file, or a :class:`GraphWriter`: then each article's N-Quads text is given to
    ``out.write_graph(graph_iri, text, triples)`` instead of ``out.write(text)``.

    *jobs* worker processes (default: the CPU count). *progress* is called with (done, total)
    after each article. Return the summary; failed articles are in ``summary.failed``.
    """
    if fmt not in CORPUS_FORMATS:
        raise KgError(f"a corpus is written as one of {', '.join(CORPUS_FORMATS)}, not {fmt!r}")
    write_graph = getattr(out, "write_graph", None)
    if write_graph is not None and fmt != "nq":
        raise KgError(f"article graphs are given to write_graph() as N-Quads (fmt 'nq'), not {fmt!r}")
    items = [str(p) for p in paths]
    jobs = jobs or os.cpu_count() or 1
    summary = CorpusSummary(validated=validate)
    owners: dict[str, dict[str, str]] = {}  # iri -> kind -> first file
    started = time.perf_counter()
    options: dict[str, object] = {"format": fmt, "base": base, "validate": validate}
    if validate and jobs > 1:  # compile the shapes once here: forked workers inherit them
        from .validate.compiled import compiled_shapes

        compiled_shapes(warnings=True)
    # With worker processes, their texts reach a file output through a spool folder and the
    # kernel (sendfile), not through the result pipe: four copies of every byte fewer.
    target = _spool_target(out) if write_graph is None and jobs > 1 and len(items) > 1 else None
    with contextlib.ExitStack() as stack:  # on the way out: workers stopped, copier closed, spool removed
        copier = None
        if target is not None:
            options["spool"] = stack.enter_context(
                tempfile.TemporaryDirectory(prefix="kg-corpus-", ignore_cleanup_errors=True)
            )
            copier = _Copier(out, target)  # type: ignore[arg-type]
            stack.callback(copier.close)
        outcomes = _outcomes(items, jobs, options)
        stack.callback(outcomes.close)
        _consume(outcomes, len(items), out, write_graph, copier, summary, owners, progress)
    for iri, kinds in sorted(owners.items()):
        if len(kinds) > 1:
            summary.conflicts.append((iri, tuple(sorted(kinds)), tuple(kinds[k] for k in sorted(kinds))))
    summary.seconds = time.perf_counter() - started
    return summary


def _consume(
    outcomes: Iterable[ArticleOutcome],
    total: int,
    out: IO[str] | GraphWriter,
    write_graph: Callable[[str, str, int], None] | None,
    copier: _Copier | None,
    summary: CorpusSummary,
    owners: dict[str, dict[str, str]],
    progress: Callable[[int, int], None] | None,
) -> None:
    """Write the outcomes in order and gather the summary."""
    for done, outcome in enumerate(outcomes, 1):
        summary.articles += 1
        name = Path(outcome.path).name
        if outcome.error is not None:
            summary.failed.append((outcome.path, outcome.error))
        elif outcome.graph in summary.graphs:
            summary.duplicates.append((outcome.graph, outcome.path))
        else:
            summary.graphs.add(outcome.graph)  # type: ignore[arg-type]
            if write_graph is not None:
                write_graph(outcome.graph, outcome.text, outcome.triples)  # type: ignore[arg-type]
            elif outcome.part is not None and copier is not None:
                copier.copy(outcome)
            else:
                out.write(outcome.text)  # type: ignore[union-attr]
            summary.triples += outcome.triples
            summary.facts.update(outcome.facts)
            summary.fields.update(outcome.fields)
            summary.violations += outcome.violations
            summary.warnings += outcome.warnings
            if outcome.violations:
                summary.invalid.append(outcome.path)
            for iri, kind in outcome.kinds.items():
                owners.setdefault(iri, {}).setdefault(kind, name)
        if progress is not None:
            progress(done, total)
