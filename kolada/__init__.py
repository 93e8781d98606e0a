"""Kolada sync: official key figures (RKA's Kolada, API v3) mapped onto catalogue indicators.

``client`` talks to the API, ``mapping`` holds which indicator is which Kolada KPI, ``sync``
stores the fetched values, and ``models`` the two tables of migration ``0008_kolada``.
"""
