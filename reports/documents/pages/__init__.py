"""A4 pages drawn on one reused matplotlib `Figure`: shared by the PDF and PNG documents.

Every function clears nothing and saves nothing: it draws one page's content on a clean
figure of the right size.  Positions are in inches from the lower left corner and turned
into figure fractions here, so no layout engine runs (it would cost more than the chart).

``canvas`` holds `Page`, the drawing in inches every page uses; ``municipality_pages``,
``county_pages`` and ``completeness_pages`` draw one report's pages each, and ``flow``
(`PageFlow`, `FlowTable`) the flowing pages of documents such as the plan report.
"""
