"""The app as `posapp-cloud serve` runs it in each uvicorn worker process.

`serve --workers N` starts N processes; each builds its own app (engine, pool) from the
settings `serve` put in the environment. Nothing is kept in a process that another
needs: chains are serialized by their row lock in PostgreSQL, the rate limit's buckets
live in the terminal rows, so N workers (or N servers behind a proxy) on one database
behave as one.
"""

from __future__ import annotations

import json
import os

from fastapi import FastAPI

from cloud.app import create_app
from cloud.event_checks import CLOCK_SKEW, allow_clock_skew
from cloud.limits import PUSH_SLOTS, BodyLimits
from cloud.terminals import RateLimit

SETTINGS_ENV = "POSAPP_CLOUD_SERVE_SETTINGS"


def settings_for_workers(
    database_url: str,
    *,
    delivery_interval: float,
    rate: RateLimit,
    body_limits: BodyLimits,
    clock_skew_days: float = CLOCK_SKEW.days,
    push_slots: int = PUSH_SLOTS,
) -> None:
    """Put what every worker needs in this process's environment (inherited by them)."""
    os.environ[SETTINGS_ENV] = json.dumps(
        {
            "database_url": database_url,
            "delivery_interval": delivery_interval,
            "rate_per_second": rate.per_second,
            "rate_burst": rate.burst,
            "max_push_bytes": body_limits.push,
            "max_body_bytes": body_limits.default,
            "clock_skew_days": clock_skew_days,
            "push_slots": push_slots,
        }
    )


def app_from_environment() -> FastAPI:
    """uvicorn's factory (`cloud.serving:app_from_environment`)."""
    settings = json.loads(os.environ[SETTINGS_ENV])
    allow_clock_skew(settings.get("clock_skew_days", CLOCK_SKEW.days))
    return create_app(
        settings["database_url"],
        delivery_interval=settings["delivery_interval"],
        rate=RateLimit(settings["rate_per_second"], settings["rate_burst"]),
        body_limits=BodyLimits(push=settings["max_push_bytes"], default=settings["max_body_bytes"]),
        push_slots=settings.get("push_slots", PUSH_SLOTS),
    )
