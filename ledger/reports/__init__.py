"""Reports over the ledger: what has come due, track records, and forecast calibration.

Each report is a pure function over plain records that the ledger's read SQL (ledger.sql) returns,
so the CLI and the app show the same figures. Renderers (CSV, Markdown, iCalendar, charts) live in
their own modules, imported only by the output that needs them.
"""
