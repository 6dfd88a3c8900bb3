"""Map extracted facts to RDF: namespaces, IRIs, the mapper, and term helpers."""
