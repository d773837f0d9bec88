"""The drawer and the day: shifts, X and Z reports, their outputs, the dashboard.

`shifts` (open, suprimento, sangria, blind close), `reports` (X/Z figures as SQL
aggregates), `report_output` (receipt, CSV), `dashboard`.

Imports: `customers`, `messages`, `loyalty`, `common`; never sales or sync.
"""
