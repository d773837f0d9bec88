"""The running counter's daily look at customer messages (for ui/message_keeper).

`daily_check` runs the day's scheduler (`run_message_scheduler`: once per local day,
idempotent) and says whether this counter should keep the delivery worker running:
messages on, this counter sends, and not a demo database. A demo database (marked by
services.demo) is never scheduled at all: its customers are made up.
"""

from __future__ import annotations

from dataclasses import dataclass

from posapp.services.common.station import Station
from posapp.services.messages.config import is_demo_database, read_messaging
from posapp.services.messages.scheduler import SchedulerRun, run_message_scheduler


@dataclass(frozen=True, slots=True)
class DailyCheck:
    run: SchedulerRun | None
    """The scheduler's run (None: a demo database, nothing was scheduled)."""
    sends: bool
    """This counter delivers: the keeper keeps the delivery worker running."""


def daily_check(station: Station) -> DailyCheck:
    with station.read() as session:
        demo = is_demo_database(station, session)
        settings = read_messaging(session)
    if demo:
        return DailyCheck(None, False)
    run = run_message_scheduler(station)
    return DailyCheck(run, settings.enabled and settings.counter_sends)
