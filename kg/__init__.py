"""kg: knowledge graphs of armed conflicts from encyclopedia articles.

The pipeline, one module per step::

    kg.article      read the article (title, infobox, sections, sentences, with spans)
    kg.parse        parse values (quantities, dates, names, places, results, actor lists)
    kg.extract      extract facts (infobox, prose)
    kg.rdf          map facts to RDF (vocabulary, IRIs, mapper)
    kg.validate     validate with the SHACL shapes
    kg.query        answer the stored SPARQL queries
    kg.export       write Turtle, JSON-LD, N-Triples, N-Quads, TriG
    kg.store        load into a triplestore

``kg.pipeline.build`` runs read, extract and map for one article.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "Article", "read_article", "parse_article", "KgError", "Built", "build", "build_text"]

_LAZY = {
    "Article": "article",
    "read_article": "article",
    "parse_article": "article",
    "KgError": "errors",
    "Built": "pipeline",
    "build": "pipeline",
    "build_text": "pipeline",
}


def __getattr__(name: str) -> object:
    """Import the public API on first use, so ``import kg.errors`` stays light."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
