"""Ranges every pushed event must keep before the endpoint stores it.

What the endpoint stores is pulled by every other counter of the chain, so one value
PostgreSQL keeps but Python cannot read back (a `created_at` of
9999-12-31T23:59:59-23:59 is year 10000 in UTC), or a 10 MB body, would stop every
other counter's pull. Each check answers a refusal reason (pt_BR, English) or None.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import AwareDatetime, TypeAdapter, ValidationError

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
"""No counter wrote anything before this (the program did not exist)."""
CLOCK_SKEW = timedelta(days=2)
"""How far ahead of the server's clock a counter's clock may run, by default."""
_skew = CLOCK_SKEW


def allow_clock_skew(days: float) -> None:
    """Set how far ahead a counter's clock may run for this process (`serve
    --clock-skew-days`; tests that move a counter's clock months ahead raise it)."""
    global _skew
    _skew = timedelta(days=days)


HORIZON = timedelta(days=366 * 30)
"""How far ahead a deadline (expiry, availability) may lie."""
MAX_EVENT_BYTES = 100_000
"""One event as JSON (a message's text is at most 20 000 characters)."""
MAX_DEPTH = 8
MAX_NODES = 5_000
MAX_STRING = 20_000
MAX_INT = 2**63 - 1

Refusal = tuple[str, str]

MOMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "ledger.entry": ("created_at",),
    "customer.upsert": (
        "created_at",
        "consent_at",
        "consent_changed_at",
        "details_changed_at",
    ),
    "voucher.issued": ("issued_at",),
    "nps.recorded": ("at",),
    "appointment.saved": ("updated_at",),
}
"""Body fields that say when something happened: within the window of `moment`."""
DEADLINE_FIELDS: dict[str, tuple[str, ...]] = {
    "ledger.entry": ("available_from", "expires_at"),
    "voucher.issued": ("expires_at",),
    "appointment.saved": ("starts_at", "ends_at"),
}
"""Body fields that say until when: within the window of `deadline`."""
DATE_FIELDS: dict[str, tuple[str, ...]] = {"customer.upsert": ("birthday",)}
"""Body fields that are a calendar date (YYYY-MM-DD)."""

_aware = TypeAdapter(AwareDatetime)


def moment(value: datetime, now: datetime, field: str) -> Refusal | None:
    """A time something happened: from 2000 to the server's clock plus the skew (2 days)."""
    if value < EARLIEST or value > now + _skew:
        days = f"{_skew.total_seconds() / 86_400:g}"
        return (
            f"{field} fora do intervalo aceito (de 2000-01-01 até o relógio do servidor "
            f"mais {days} dias): {value.isoformat()}",
            f"{field} out of the accepted range (2000-01-01 to the server's clock plus "
            f"{days} days): {value.isoformat()}",
        )
    return None


def deadline(value: datetime, now: datetime, field: str) -> Refusal | None:
    """A time something lasts until: from 2000 to thirty years ahead."""
    if value < EARLIEST or value > now + HORIZON:
        return (
            f"{field} fora do intervalo aceito (de 2000-01-01 até 30 anos à frente): "
            f"{value.isoformat()}",
            f"{field} out of the accepted range (2000-01-01 to 30 years ahead): "
            f"{value.isoformat()}",
        )
    return None


def check_event(
    kind: str, created_at: datetime, body: dict[str, Any], now: datetime
) -> Refusal | None:
    """The first range an event breaks, or None: size, shape, then its times."""
    return _size(body) or moment(created_at, now, "created_at") or _times(kind, body, now)


def _size(body: dict[str, Any]) -> Refusal | None:
    problem, rough = _shape(body)
    if problem is not None:
        return problem
    if rough * 6 < MAX_EVENT_BYTES:  # no character takes more than 6 bytes as JSON
        return None
    size = len(json.dumps(body, ensure_ascii=False).encode("utf-8"))
    if size > MAX_EVENT_BYTES:
        return (
            f"evento grande demais ({size} bytes; máximo {MAX_EVENT_BYTES})",
            f"event too large ({size} bytes; at most {MAX_EVENT_BYTES})",
        )
    return None


def _shape(body: dict[str, Any]) -> tuple[Refusal | None, int]:
    """Depth, node count, string and key lengths, NUL characters, number ranges; and a
    rough size (characters of the strings plus 24 a value) to spare most a JSON dump."""
    rough = 0
    problem = None
    for nodes, (depth, value) in enumerate(_walk(body, 1), start=1):
        rough += 24
        problem = _value_problem(depth, nodes, value)
        if problem is not None:
            break
        if isinstance(value, str):
            rough += len(value)
    return problem, rough


def _value_problem(depth: int, nodes: int, value: Any) -> Refusal | None:
    if nodes > MAX_NODES:
        return (
            f"corpo com mais de {MAX_NODES} valores",
            f"body with more than {MAX_NODES} values",
        )
    if depth > MAX_DEPTH:
        return (
            f"corpo aninhado além de {MAX_DEPTH} níveis",
            f"body nested deeper than {MAX_DEPTH} levels",
        )
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            return (
                f"texto com mais de {MAX_STRING} caracteres",
                f"text longer than {MAX_STRING} characters",
            )
        if "\x00" in value:
            return ("texto com caractere NUL", "text with a NUL character")
    elif isinstance(value, bool) or value is None:
        return None
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            return ("número fora do intervalo", "number out of range")
    elif isinstance(value, float) and not math.isfinite(value):
        return ("número não finito", "number not finite")
    return None


def _walk(value: Any, depth: int) -> Iterator[tuple[int, Any]]:
    yield depth, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield depth + 1, key
            yield from _walk(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)


def _times(kind: str, body: dict[str, Any], now: datetime) -> Refusal | None:
    for field in MOMENT_FIELDS.get(kind, ()):
        problem = _timestamp(body.get(field), field, lambda v, f: moment(v, now, f))
        if problem is not None:
            return problem
    for field in DEADLINE_FIELDS.get(kind, ()):
        problem = _timestamp(body.get(field), field, lambda v, f: deadline(v, now, f))
        if problem is not None:
            return problem
    for field in DATE_FIELDS.get(kind, ()):
        problem = _date(body.get(field), field, now)
        if problem is not None:
            return problem
    return None


def _timestamp(value: Any, field: str, window: Any) -> Refusal | None:
    if value is None:
        return None
    try:
        parsed = _aware.validate_python(value)
    except ValidationError:
        return (
            f"{field} não é data e hora ISO 8601 com fuso: {str(value)[:40]!r}",
            f"{field} is not an ISO 8601 date and time with an offset: {str(value)[:40]!r}",
        )
    result: Refusal | None = window(parsed, field)
    return result


def _date(value: Any, field: str, now: datetime) -> Refusal | None:
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or not date(1900, 1, 1) <= parsed <= now.date():
        return (
            f"{field} não é uma data AAAA-MM-DD entre 1900 e hoje: {str(value)[:40]!r}",
            f"{field} is not a YYYY-MM-DD date between 1900 and today: {str(value)[:40]!r}",
        )
    return None
