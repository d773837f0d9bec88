"""The unit of work and what every domain writes through.

`station` (one unit of work per user action), `auth` (PINs, roles, the manager's
approval), `audit` (the audit row), `outbox` (events others must see, in the same
transaction), `counter_settings` (the store's settings with this computer's devices
from `machine.settings`), `store_info`, the store's `local_day`, `changes` (what a
service call announces to the screens), `lookups` (hot reads without the ORM), and
the generic `worker`/`backoff` that run a cycle off the GUI thread.

Imports: `machine`, `db`, `posapp.core`, never another domain.
"""
