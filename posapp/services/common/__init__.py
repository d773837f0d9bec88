"""The unit of work and what every domain writes through.

`station` (one unit of work per user action), `auth` (PINs, roles, the manager's
approval), `audit` (the audit row), `outbox` (events others must see, in the same
transaction), the store's and this computer's settings (`counter_settings`,
`machine_settings`), `store_info`, the store's `local_day`, and the generic
`worker`/`backoff` that run a cycle off the GUI thread; `database_file` says, in
words, why the database file cannot be used (empty, damaged, read-only, disk full).

Imports: `db`, `posapp.core`, never another domain.
"""
