"""Read, extract and map one article: the pipeline in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rdflib import Dataset

from .article import Article, parse_article, read_article
from .extract import extract
from .facts import ArticleFacts
from .rdf.iris import IriScheme, default_base
from .rdf.mapper import MappedGraph, map_facts

__all__ = ["Built", "build", "build_text", "default_base"]


@dataclass(slots=True)
class Built:
    """An article, the facts found in it, and its named graph."""

    article: Article
    facts: ArticleFacts
    graph: MappedGraph

    @property
    def slug(self) -> str:
        """The article's identifier (kg.rdf.iris.identifier): its IRIs' segment, its files' stem."""
        return self.graph.scheme.slug

    def dataset(self) -> Dataset:
        """The article's named graph in an rdflib ``Dataset`` (built on each call)."""
        from .export import to_dataset

        return to_dataset([self.graph])


def build_article(article: Article, *, base: str | None = None, when: datetime | None = None) -> Built:
    """Extract and map an already parsed *article*."""
    scheme = IriScheme.for_title(base or default_base(), article.title)
    facts = extract(article)
    return Built(article, facts, map_facts(facts, scheme, when=when))


def build(path: str | Path, *, base: str | None = None, when: datetime | None = None) -> Built:
    """Read the article file at *path* and build its graph."""
    return build_article(read_article(path), base=base, when=when)


def build_text(text: str, *, source: str | None = None, base: str | None = None, when: datetime | None = None) -> Built:
    """Build the graph of an article given as text."""
    return build_article(parse_article(text, source=source), base=base, when=when)
