"""The county board's review of the municipalities' years.

``approval`` (approve, return, reopen and the county's list for a year), ``matrix`` (the
reporting matrix), ``reminders``, ``audit`` (the audit log) and ``overview`` (a
municipality's own pages: Min kommun and Historik).  The state a decision leaves is
``indicators.year_state``; the gate every write asks is ``indicators.gate``.
"""
