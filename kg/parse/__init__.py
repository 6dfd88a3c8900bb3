"""Value parsers: small pure modules for each kind of value (figures, dates and times, names,
places, results, actor lists), plus ``clean`` for the residue real infobox values carry."""
