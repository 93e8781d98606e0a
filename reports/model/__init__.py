"""What the report documents consume: frozen records built by analysis and queries.

Charts and documents (``reports/charts/``, ``reports/documents/``) only read these; they
never query the store or compute a statistic themselves.  Years are ints, values floats in
the indicator's unit, ``None`` for a year without a reported value.

``series`` holds what every report speaks of (indicators, municipalities, series,
averages), ``judgements`` what the analysis says of a series, ``sources`` where the values
come from; ``municipality``, ``county`` and ``completeness`` are one document kind each.
"""
