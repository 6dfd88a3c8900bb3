"""Fast SHACL validation of one article's graph against kg's shapes (see :mod:`kg.shaclc`).

``validate_fast(triples)`` reads the same ``shapes/*.ttl`` as :func:`kg.validate.validate`, compiles
them once per process into Python checks, and returns the same :class:`kg.validate.Report` that
pySHACL's run gives, in well under a millisecond for an article.
"""
from __future__ import annotations

from .shaclc import compiled_shapes, validate_fast

__all__ = ["compiled_shapes", "validate_fast"]
