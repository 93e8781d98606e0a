"""Charts on matplotlib's object API: `Figure()` objects, no pyplot, no global rcParams.

``palette`` holds the colours, line styles and sizes, ``drawing`` the helpers every chart
shares (figures, lines, axes, text, SVG and PNG output); ``trend_chart`` draws one
indicator's chart of the municipality report, ``small_multiples`` the county report's
panels of every municipality.

Only the report commands import these modules: they import matplotlib at the top.
"""
