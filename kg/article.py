"""Read an article: title line, ``Infobox`` block, lead, sections, paragraphs, sentences.

Every part keeps its character span: Unicode code-point offsets into the original text,
start inclusive, end exclusive (as Python ``str`` slicing, NIF and ``oa:TextPositionSelector``
count). ``article.text[span.start:span.end]`` is the part as written. The original text is
kept as decoded, byte order mark and carriage returns included, so offsets always point into
exactly what the user gave, with one exception: a C0 control character other than tab, line
feed and carriage return (U+0001–U+001F) or DEL (U+007F) is read as its visible symbol of the
Control Pictures block (U+0001 → U+2401 ␁, U+007F → U+2421 ␡), one character for one, so every
offset stays right. Raw control characters are not allowed in XML, and triplestores mangle
them (Virtuoso cuts literals that hold them); ``Article.controls`` counts the ones replaced.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ArticleError
from .resources import lexicon

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_ARTICLE_BYTES",
    "Span",
    "InfoboxField",
    "Sentence",
    "Paragraph",
    "Section",
    "Article",
    "read_article",
    "parse_article",
    "field_name",
]

#: The largest article kg reads, in characters (a long encyclopedia page is ~300,000).
MAX_ARTICLE_CHARS = 5_000_000

_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Each control character of _CONTROLS -> its symbol in the Control Pictures block (U+2400-U+2421).
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(1, 32) if c not in (9, 10, 13)} | {0x7F: 0x2421}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the article text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass(frozen=True, slots=True)
class InfoboxField:
    """One ``- Key: Value`` line of the infobox."""

    key: str  # as written, e.g. "Casualties1"
    name: str  # normalised: lower case, no spaces, e.g. "casualties1"
    value: str  # as written, stripped
    line: Span  # the whole line, without its line break
    key_span: Span
    value_span: Span


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    span: Span
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the prose. The lead is the section with ``title`` None and level 1."""

    title: str | None
    level: int
    span: Span  # from the heading (or the lead's first paragraph) to the next heading
    title_span: Span | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Article:
    """A parsed article. ``text`` is the original text; every span points into it."""

    text: str
    title: str
    title_span: Span
    infobox: tuple[InfoboxField, ...]
    sections: tuple[Section, ...]
    source: str | None = None
    infobox_span: Span | None = None
    controls: int = 0  # C0 control characters (and DEL) read as their visible symbols
    _by_name: dict[str, list[InfoboxField]] = field(default_factory=dict, repr=False, compare=False)

    def fields(self, name: str) -> list[InfoboxField]:
        """All infobox fields whose normalised name is *name* (keys may repeat)."""
        if not self._by_name:
            for f in self.infobox:
                self._by_name.setdefault(f.name, []).append(f)
        return self._by_name.get(name, [])

    def field_value(self, name: str) -> str | None:
        """The value of the first field named *name*, or None."""
        found = self.fields(name)
        return found[0].value if found else None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]


def field_name(key: str) -> str:
    """Normalise an infobox key: ``"Map Type"`` -> ``"maptype"``, ``"Casualties1"`` -> ``"casualties1"``."""
    return re.sub(r"[\s_-]+", "", key).lower()


_TITLE = re.compile(r"^(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without ``\\n`` or a trailing ``\\r``."""
    out = []
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        if text[end - 1 : end] == "\n":
            end -= 1
        if text[end - 1 : end] == "\r" and end > start:
            end -= 1
        out.append((start, end))
    return out


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\ufeff\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0":
        end -= 1
    return start, end


def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("sentences.toml")["abbreviations"])


_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u024f])")
_LAST_WORD = re.compile(r"(\S+)$")


def _open_quote(chunk: str, start: int, end: int) -> bool:
    """True when a straight or curly double quote opened in ``chunk[start:end]`` is still open."""
    straight = chunk.count('"', start, end)
    return straight % 2 == 1 or chunk.count("\u201c", start, end) > chunk.count("\u201d", start, end)


def _split_sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    abbreviations = _abbreviations()
    chunk = text[start:end]
    out: list[Sentence] = []
    cursor = 0
    for m in _SENTENCE_END.finditer(chunk):
        word = _LAST_WORD.search(chunk, cursor, m.start() + 1)
        token = word.group(1).lower() if word else ""
        if token in abbreviations or re.fullmatch(r"(?:[a-z]\.)+", token):
            continue
        if _open_quote(chunk, cursor, m.end()):
            continue
        s, e = _strip_span(text, start + cursor, start + m.end())
        if e > s:
            out.append(Sentence(text[s:e], Span(s, e)))
        cursor = m.end()
    s, e = _strip_span(text, start + cursor, end)
    if e > s:
        out.append(Sentence(text[s:e], Span(s, e)))
    return tuple(out)


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    block: list[tuple[int, int]] = []

    def flush() -> None:
        if block:
            s, e = _strip_span(text, block[0][0], block[-1][1])
            if e > s:
                out.append(Paragraph(text[s:e], Span(s, e), _split_sentences(text, s, e)))
            block.clear()

    for start, end in lines:
        if text[start:end].strip():
            block.append((start, end))
        else:
            flush()
    flush()
    return tuple(out)


def parse_article(text: str, *, source: str | None = None) -> Article:
    """Parse the article *text*. Raises :class:`ArticleError` when it is not an article."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            f"article {source or ''} has {len(text):,} characters, more than the limit of "
            f"{MAX_ARTICLE_CHARS:,}; split it or shorten it".replace("  ", " ")
        )
    if "\x00" in text:
        raise ArticleError(f"{source or 'the input'} contains NUL bytes: it is binary data, not an article")
    controls = len(_CONTROLS.findall(text))
    if controls:
        text = text.translate(_CONTROL_PICTURES)
    lines = _lines(text)
    i = 0
    while i < len(lines) and not text[lines[i][0] : lines[i][1]].strip(" \t\ufeff\u00a0"):
        i += 1
    if i == len(lines):
        raise ArticleError(f"{source or 'the article'} is empty; an article starts with a title line '= Title ='")
    ts, te = _strip_span(text, *lines[i])
    m = _TITLE.match(text[ts:te])
    if not m or len(m.group(1)) != 1 or not m.group(2).strip():
        raise ArticleError(
            f"{source or 'the article'}: first line {text[ts:te][:60]!r} is not a title line; "
            "an article starts with '= Title ='"
        )
    title_start = ts + m.start(2)
    title = m.group(2)
    title_span = Span(title_start, title_start + len(title))
    i += 1

    # Infobox: an "Infobox" line, then "- Key: Value" lines.
    fields: list[InfoboxField] = []
    infobox_span = None
    j = i
    while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
        j += 1
    if j < len(lines) and text[lines[j][0] : lines[j][1]].strip().lower() == "infobox":
        box_start = _strip_span(text, *lines[j])[0]
        box_end = lines[j][1]
        j += 1
        while j < len(lines):
            ls, le = _strip_span(text, *lines[j])
            line = text[ls:le]
            if not line.startswith("-"):
                break
            box_end = le
            body = ls + 1
            while body < le and text[body] in " \t":
                body += 1
            colon = text.find(":", body, le)
            if colon < 0:
                ks, ke = _strip_span(text, body, le)
                fields.append(InfoboxField("", "", text[ks:ke], Span(ls, le), Span(ks, ks), Span(ks, ke)))
            else:
                ks, ke = _strip_span(text, body, colon)
                vs, ve = _strip_span(text, colon + 1, le)
                key = text[ks:ke]
                fields.append(InfoboxField(key, field_name(key), text[vs:ve], Span(ls, le), Span(ks, ke), Span(vs, ve)))
            j += 1
        infobox_span = Span(box_start, box_end)
        i = j

    # Sections: the lead, then one per heading.
    sections: list[Section] = []
    heading: tuple[str | None, int, Span | None, int] = (None, 1, None, lines[i][0] if i < len(lines) else len(text))
    body: list[tuple[int, int]] = []

    def close(end: int) -> None:
        title_, level, tspan, start = heading
        paras = _paragraphs(text, body)
        if title_ is not None or paras:
            span_start = start if tspan else (paras[0].span.start if paras else start)
            span_end = max(paras[-1].span.end if paras else span_start, tspan.end if tspan else span_start)
            sections.append(Section(title_, level, Span(span_start, span_end), tspan, paras))

    for start, end in lines[i:]:
        s, e = _strip_span(text, start, end)
        hm = _TITLE.match(text[s:e])
        if hm and len(hm.group(1)) >= 2 and hm.group(2).strip():
            close(start)
            hs = s + hm.start(2)
            heading = (hm.group(2), len(hm.group(1)), Span(hs, hs + len(hm.group(2))), s)
            body = []
        else:
            body.append((start, end))
    close(len(text))
    return Article(text, title, title_span, tuple(fields), tuple(sections), source, infobox_span, controls=controls)


#: The largest article file kg reads, in bytes: 4 bytes per character, the most UTF-8 needs.
MAX_ARTICLE_BYTES = MAX_ARTICLE_CHARS * 4


def _too_big(path: Path, size: str) -> ArticleError:
    return ArticleError(f"{path} is {size} bytes, more than an article can be; the limit is {MAX_ARTICLE_CHARS:,} characters")


def _read_bounded(path: Path) -> bytes:
    """The bytes of the file at *path*, of any kind, reading at most :data:`MAX_ARTICLE_BYTES` + 1.

    A regular file is measured first and not read at all when it is too big. A FIFO is opened
    without waiting for a writer (with none it reads as empty); a device such as ``/dev/zero``
    is read up to the bound, never without end.
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_ARTICLE_BYTES:
            raise _too_big(path, f"{info.st_size:,}")
        if nonblock:
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_ARTICLE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_ARTICLE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_ARTICLE_BYTES:
        raise _too_big(path, f"more than {MAX_ARTICLE_BYTES:,}")
    return b"".join(chunks)


def read_article(path: str | Path) -> Article:
    """Read and parse the article file at *path* (UTF-8, with or without BOM, LF or CRLF).

    Any kind of file is read (a FIFO, ``/dev/stdin``, a process substitution), at most
    :data:`MAX_ARTICLE_BYTES` + 1 bytes of it.
    """
    p = Path(path)
    if not p.exists():
        raise ArticleError(f"no such file: {p}; give the path of an article text file")
    if p.is_dir():
        raise ArticleError(f"{p} is a directory; give the path of an article text file")
    try:
        data = _read_bounded(p)
    except OSError as exc:
        raise ArticleError(f"cannot read {p}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{p} is not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return parse_article(text, source=str(p))
