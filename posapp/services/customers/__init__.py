"""Customers: enrolment and look-up, edits, history, privacy (LGPD), balance corrections.

`registry` (enrol, find, search, account), `edit`, `history`, `privacy` (export,
anonymize), `adjustments` (a manager's correction of a balance).

Imports: `messages`, `loyalty`, `common`; never sales, cash or sync.
"""
