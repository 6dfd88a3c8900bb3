"""The main job on one article: build, validate, export every format, answer the stored queries."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .export import FORMATS, atomic_write, serialize
from .pipeline import Built, build
from .query import OxigraphTarget, QueryResult, run_query, stored_queries
from .validate import Report, validate

__all__ = ["JobResult", "run_job", "EXTENSION", "file_stem"]

#: The longest file name stem ``kg run`` writes, in UTF-8 bytes (file systems allow 255 bytes a
#: name; the temporary file written first adds a few more).
MAX_STEM_BYTES = 120

#: File extension written for each export format.
EXTENSION = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "nq": ".nq", "trig": ".trig", "json-ld-framed": ".framed.jsonld"}


@dataclass(slots=True)
class JobResult:
    built: Built
    report: Report
    files: list[Path] = field(default_factory=list)
    answers: dict[str, QueryResult] = field(default_factory=dict)


def file_stem(slug: str) -> str:
    """*slug* as a file name stem: itself when short, else cut (at a character) and followed by
    a hash of the whole slug, so two long slugs that share their start give two files."""
    data = slug.encode("utf-8")
    if len(data) <= MAX_STEM_BYTES:
        return slug
    digest = hashlib.sha256(data).hexdigest()[:12]
    cut = data[: MAX_STEM_BYTES - len(digest) - 1].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{digest}"


def run_job(article: str | Path, out_dir: str | Path, *, base: str | None = None) -> JobResult:
    """Build *article*, validate it, write it in every format into *out_dir*, answer every
    stored query whose parameters all have defaults."""
    built = build(article, base=base)
    ds = built.dataset()
    report = validate(ds)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = JobResult(built, report)
    for fmt in FORMATS:
        path = out / f"{file_stem(built.slug)}{EXTENSION[fmt]}"
        atomic_write(path, serialize(ds, fmt))
        result.files.append(path)
    target = OxigraphTarget.from_mapped(built.graph)
    for name, query in sorted(stored_queries().items()):
        result.answers[name] = run_query(query, target)
    return result
