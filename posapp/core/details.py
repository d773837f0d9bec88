"""A customer's details across a chain: the latest edit wins, the record whole.

The details (name, CPF, phone, e-mail, birthday, referral code) carry the moment of their
last edit at a counter, `details_changed_at`, kept by the counters, the endpoint and every
`customer.upsert`. An upsert's details are taken only when newer than the ones held, so
an edit pushed late (a counter offline) never overwrites a newer one made elsewhere,
whatever order the upserts arrive in. The record goes whole, not field by field: an
e-mail edited where a newer phone was not known yet brings the older phone with it.
The marketing consent has its own moment (posapp.core.consent); an anonymization always
applies (one-way), whatever its moment.

An upsert from a counter older than the field has no such key: it counts from the moment
of the event that carries it. A key present but empty (a row last edited before the
field) never undoes a dated edit. Moments are the counters' clocks: a counter whose clock
runs ahead wins over edits made after its own, until the real time passes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from posapp.core.consent import moment, newer

FIELD = "details_changed_at"
"""The upsert body's key: when the customer's details were last edited at a counter."""


def changed_at(body: Mapping[str, Any], event_at: datetime | None) -> datetime | None:
    """The moment an upsert's details were last edited; `event_at` (the event's own
    moment) dates an older counter's upsert."""
    if FIELD in body:
        return moment(body.get(FIELD))
    return moment(event_at)


def prevails(incoming: datetime | None, held: datetime | None) -> bool:
    """Whether an upsert's details replace the ones held: only newer ones do, the rule
    of the consent's moments without its tie-break (`posapp.core.consent.newer`). At the
    same moment what is held stays; undated details never undo dated ones, and where
    nothing is dated, as before, the upsert's apply."""
    return newer(incoming, held)
