"""Value parsers: one small pure module per kind of value (quantities, dates, names, places,
results, actor lists), plus ``clean`` for the residue real infobox values carry."""
