"""One sync cycle: hello on first contact, push, pull; its outcome kept for the status bar.

`run_cycle` is what the background worker calls
(`posapp.services.common.worker.BackgroundWorker`) and
what `posapp sync --once` runs. It never raises for a network problem: the outcome is
a `SyncResult` (ok, offline or refused), and the same outcome is written to the
`setting` table so every screen, and the next start, can show it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from posapp.services.common.station import Station
from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.sync.client import Hello, Refused, SyncClient, SyncError
from posapp.services.sync.config import (
    StoredStatus,
    load_sync_config,
    save_state,
    save_status,
    state_in,
    status_in,
)
from posapp.services.sync.pull import PullSummary, adopt_program, keep_store_key, pull
from posapp.services.sync.push import PushSummary, push


@dataclass(frozen=True, slots=True)
class SyncResult:
    ok: bool
    offline: bool = False
    refused: bool = False
    pushed: int = 0
    """Events the endpoint accepted as new."""
    pushed_entries: int = 0
    pulled: int = 0
    pulled_entries: int = 0
    conflicts: int = 0
    """Conflicts recorded during this cycle's pull."""
    set_aside: int = 0
    """This counter's events the endpoint refused as invalid: recorded for managers
    (`event_refused` conflicts) and not sent again."""
    error: str | None = None
    error_en: str | None = None
    at: datetime | None = None


def hello_payload(station: Station) -> dict[str, object]:
    with station.read() as session:
        snapshot = station.snapshot(session)
        store, terminal = snapshot.store, snapshot.terminal
        return {
            "terminal_uuid": terminal.uuid,
            "terminal_name": terminal.name,
            "store_uuid": store.uuid,
            "store_name": store.name,
            "segment": store.segment,
            "program": json.loads(store.program_json),
            "signing_key": store.signing_key.hex(),
        }


def say_hello(station: Station, client: SyncClient) -> Hello:
    """Introduce this counter; keep the chain, runs_expiry, the chain's program and keys."""
    answer = client.hello(hello_payload(station))
    changed = False
    with station.write() as session:
        store_uuid = station.snapshot(session).store.uuid
        state = state_in(session)
        save_state(
            session,
            state.with_changes(
                chain_id=answer.chain_id,
                chain_name=answer.chain_name,
                terminal_id=answer.terminal_id,
                runs_expiry=answer.runs_expiry,
            ),
        )
        if answer.program is not None:
            changed = adopt_program(session, answer.program)
        for store in answer.stores:
            keep_store_key(session, dict(store), store_uuid)
    if changed:
        station.invalidate()
    return answer


def run_cycle(station: Station, client: SyncClient) -> SyncResult:
    now = station.now()
    pushed: PushSummary | None = None
    pulled: PullSummary | None = None
    try:
        with station.read() as session:
            first_contact = state_in(session).chain_id is None
        if first_contact:
            say_hello(station, client)
        pushed = push(station, client)
        pulled = pull(station, client)
        result = SyncResult(ok=True, at=now)
    except Refused as error:
        if error.code == "hello_required":
            _forget_chain(station)
        result = SyncResult(
            ok=False,
            refused=True,
            error=error.message("pt_BR"),
            error_en=error.message("en"),
            at=now,
        )
    except SyncError as error:  # Offline: unreachable, timed out, 5xx, cut short
        result = SyncResult(
            ok=False,
            offline=True,
            error=error.message("pt_BR"),
            error_en=error.message("en"),
            at=now,
        )
    if pushed is not None:
        result = replace(
            result,
            pushed=pushed.accepted,
            pushed_entries=pushed.entries,
            set_aside=pushed.set_aside,
        )
    if pulled is not None:
        result = replace(
            result, pulled=pulled.events, pulled_entries=pulled.entries, conflicts=pulled.conflicts
        )
    record_outcome(station, result)
    return result


def _forget_chain(station: Station) -> None:
    """The endpoint does not know this terminal (a new database behind the same URL):
    say hello again on the next cycle."""
    with station.write() as session:
        save_state(session, state_in(session).with_changes(chain_id=None))


def record_outcome(station: Station, result: SyncResult) -> None:
    with station.write() as session:
        old = status_in(session)
        save_status(
            session,
            StoredStatus(
                last_attempt_at=result.at,
                last_success_at=result.at if result.ok else old.last_success_at,
                last_error=result.error,
                last_error_en=result.error_en,
                online=not result.offline,
            ),
        )


def client_for(station: Station) -> SyncClient | None:
    """A client for the configured endpoint; None when sync is not configured."""
    config = load_sync_config(station)
    if not config.configured:
        return None
    return SyncClient(config.url, config.token, ca_file=config.ca_file or None)


class SyncCycle:
    """The worker's `cycle()`: reads the configuration each time (a manager may change it
    while the app runs) and keeps one client per URL and token."""

    def __init__(self, station: Station) -> None:
        self.station = station
        self._client: SyncClient | None = None
        self._key: tuple[str, str, str] | None = None

    def __call__(self) -> SyncResult:
        config = load_sync_config(self.station)
        if not config.configured:
            self.close()
            return SyncResult(ok=True, at=self.station.now())  # nothing to do, nothing recorded
        key = (config.url, config.token, config.ca_file)
        if self._client is None or self._key != key:
            self.close()
            self._client = SyncClient(config.url, config.token, ca_file=config.ca_file or None)
            self._key = key
        return run_cycle(self.station, self._client)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client, self._key = None, None


def start_worker(
    station: Station,
    report: Callable[[Outcome[SyncResult]], None],
    *,
    interval: float = 30.0,
) -> BackgroundWorker[SyncResult]:
    """The background sync for the app: started here; call `wake()` after each sale and
    `stop()` on exit. `report` runs on the worker's thread (hop to the GUI with a signal)."""
    worker: BackgroundWorker[SyncResult] = BackgroundWorker(
        SyncCycle(station), report, interval=interval, failed=lambda result: not result.ok
    )
    worker.start()
    return worker


__all__ = [
    "SyncCycle",
    "SyncResult",
    "client_for",
    "hello_payload",
    "record_outcome",
    "run_cycle",
    "say_hello",
    "start_worker",
]
