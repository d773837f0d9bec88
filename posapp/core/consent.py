"""A customer's marketing consent across a chain: the latest decision wins.

Each decision (granted or withdrawn) carries its own moment, `consent_changed_at`, kept
by the counters, the endpoint and every `customer.upsert`. An upsert's consent is taken
only when its decision is newer than the one held; its other fields apply as they come.
So an edit at a counter that had not heard of a withdrawal (consent still true, the old
moment) never grants the consent again, while a new consent given later does count.

An upsert from a counter older than the field has no `consent_changed_at`: a consent
counts from its `consent_at` (when it was given); a refusal, as before, from the moment
of the event that carries it (a withdrawal then clears `consent_at`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

FIELD = "consent_changed_at"
"""The upsert body's key: when the customer last granted or withdrew the consent."""


@dataclass(frozen=True, slots=True)
class Decision:
    consent: bool
    at: datetime | None
    """None: no decision is known (never asked, or data from before the field)."""


def moment(text: Any) -> datetime | None:
    if not text:
        return None
    found = (
        text
        if isinstance(text, datetime)
        else datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    )
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def decision_of(body: Mapping[str, Any], event_at: datetime | None = None) -> Decision:
    """The consent decision an upsert body states; `event_at` (the event's own moment)
    dates an older counter's refusal."""
    consent = bool(body.get("marketing_consent"))
    if FIELD in body:
        return Decision(consent, moment(body.get(FIELD)))
    return Decision(consent, moment(body.get("consent_at")) if consent else event_at)


def held_decision(
    consent: bool, changed_at: datetime | None, consent_at: datetime | None
) -> Decision:
    """What a copy holds (a row from before the field dates a consent by `consent_at`)."""
    return Decision(consent, changed_at or (consent_at if consent else None))


def held_in(body: Mapping[str, Any], changed_at: datetime | None) -> Decision:
    """What a copy kept as an upsert body (the endpoint's customer row) holds."""
    return held_decision(
        bool(body.get("marketing_consent")), changed_at, moment(body.get("consent_at"))
    )


def newer(incoming: datetime | None, held: datetime | None) -> bool:
    """Whether what an upsert dates `incoming` replaces what is held, dated `held`: only a
    newer moment does (at the same moment what is held stays). Undated never undoes dated;
    where nothing is dated, as before, the upsert's apply. The consent's rule below and
    the details' (posapp.core.details) are this one."""
    if held is None:
        return True
    return incoming is not None and incoming > held


def prevails(incoming: Decision, held: Decision) -> bool:
    """Whether an upsert's consent decision replaces the one held.

    A newer decision wins (`newer`). At the same moment a withdrawal wins.
    """
    tie = incoming.at is not None and incoming.at == held.at
    return newer(incoming.at, held.at) or (tie and not incoming.consent)
