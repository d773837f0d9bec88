"""When to try a failed message again, and when to give up. Pure and seedable.

Attempt n (1-based) that failed temporarily waits base * factor^(n-1), capped
at max_delay, then spread by +/- jitter (a share of the delay) so a hundred
messages that failed together do not retry together. A Retry-After from the
server is honoured as a floor. A permanent failure, or the last allowed
attempt failing, gives up with the failure's reason, which the outbox keeps.

The worker calls `attempt` with the channel's send: it never sleeps, it only
says when; the counter never waits on it.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from messaging.errors import DeliveryError


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    base_s: float = 60.0
    factor: float = 2.0
    max_delay_s: float = 6 * 3600.0
    max_attempts: int = 8
    """Attempts in all, the first included: with the defaults the eighth and last comes
    about 2 h after the first (1, 2, 4 ... 64 min apart)."""
    jitter: float = 0.2

    def __post_init__(self) -> None:
        if self.base_s <= 0 or self.factor < 1 or self.max_delay_s < self.base_s:
            raise ValueError("retry delays must grow from a positive base up to the cap")
        if self.max_attempts < 1 or not 0 <= self.jitter < 1:
            raise ValueError("at least one attempt, and a jitter below 100 %")

    def delay_s(self, attempt: int, rng: random.Random) -> float:
        """The wait after failed attempt number `attempt` (1-based)."""
        raw = min(self.max_delay_s, self.base_s * self.factor ** (attempt - 1))
        spread = raw * self.jitter
        return min(self.max_delay_s, raw + rng.uniform(-spread, spread))


@dataclass(frozen=True, slots=True)
class Delivered:
    attempts: int


@dataclass(frozen=True, slots=True)
class RetryAt:
    when: datetime.datetime
    attempts: int
    reason: str
    """The failure that caused the wait (kept in the outbox next to the next attempt)."""


@dataclass(frozen=True, slots=True)
class GiveUp:
    attempts: int
    reason: str
    """'permanent:<code>' or 'max_attempts:<code of the last failure>'."""
    detail: str = ""


Outcome = Delivered | RetryAt | GiveUp


def after_failure(
    error: DeliveryError,
    attempts_made: int,
    now: datetime.datetime,
    policy: RetryPolicy,
    rng: random.Random,
) -> RetryAt | GiveUp:
    """What follows a failed attempt (`attempts_made` counts it)."""
    if not error.temporary:
        return GiveUp(attempts_made, f"permanent:{error.reason}", error.detail)
    if attempts_made >= policy.max_attempts:
        return GiveUp(attempts_made, f"max_attempts:{error.reason}", error.detail)
    wait = policy.delay_s(attempts_made, rng)
    if error.retry_after_s is not None:
        wait = max(wait, min(error.retry_after_s, policy.max_delay_s))
    return RetryAt(now + datetime.timedelta(seconds=wait), attempts_made, error.reason)


def attempt(
    send: Callable[[], None],
    attempts_before: int,
    now: datetime.datetime,
    policy: RetryPolicy,
    rng: random.Random,
) -> Outcome:
    """Run one attempt and say what follows it. Only DeliveryError is caught:
    anything else is a bug and propagates."""
    made = attempts_before + 1
    try:
        send()
    except DeliveryError as error:
        return after_failure(error, made, now, policy, rng)
    return Delivered(made)


def outcome_record(outcome: Delivered | RetryAt | GiveUp, now: datetime.datetime) -> dict[str, Any]:
    """The columns a message outbox row takes after an attempt (the counter's and the
    endpoint's outboxes keep the same ones): status sent, queued (retry later) or failed."""
    if isinstance(outcome, Delivered):
        return {
            "status": "sent",
            "reason": "sent",
            "reason_detail": None,
            "attempts": outcome.attempts,
            "sent_at": now,
            "next_attempt_at": None,
        }
    if isinstance(outcome, RetryAt):
        return {
            "status": "queued",
            "reason": f"retry:{outcome.reason}"[:60],
            "reason_detail": f"nova tentativa às {outcome.when.isoformat(timespec='seconds')}",
            "attempts": outcome.attempts,
            "next_attempt_at": outcome.when,
        }
    return {
        "status": "failed",
        "reason": outcome.reason[:60],
        "reason_detail": outcome.detail[:300] or None,
        "attempts": outcome.attempts,
        "next_attempt_at": None,
    }
