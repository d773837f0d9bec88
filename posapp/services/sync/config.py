"""Where the counter syncs to, and what it remembers between cycles.

Three JSON documents in the `setting` table:

- `sync`: the configuration a manager sets (`SyncConfig`): URL, token, on/off and the
  cashback spend above which the endpoint is asked first;
- `sync.state`: what sync itself keeps (`SyncState`): the chain, whether this counter
  runs the chain's expiry, the last ledger seq the endpoint acknowledged, the pull cursor;
- `sync.status`: the outcome of the last cycle, for the status bar (`sync_status`).

Saving the configuration is a manager's action, audited without the token's value.
"""

from __future__ import annotations

import json
import ssl
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from db.models import Setting
from posapp.core.errors import SyncCaFileInvalid, SyncUrlInvalid
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station

CONFIG_KEY = "sync"
STATE_KEY = "sync.state"
STATUS_KEY = "sync.status"


@dataclass(frozen=True, slots=True)
class SyncConfig:
    url: str = ""
    token: str = ""
    enabled: bool = False
    large_spend_centavos: int = 5000
    ca_file: str = ""
    """A PEM file of the certificate authority (or the certificate itself) of a
    self-hosted endpoint: HTTPS is then trusted only against it. Empty: the system's."""

    @property
    def configured(self) -> bool:
        return self.enabled and bool(self.url) and bool(self.token)


@dataclass(frozen=True, slots=True)
class SyncState:
    chain_id: str | None = None
    chain_name: str | None = None
    terminal_id: str | None = None
    runs_expiry: bool = False
    """Said by the endpoint at hello and again on every pull (the role can move)."""
    pushed_seq: int = 0
    """The last seq of this terminal's ledger the endpoint acknowledged."""
    cursor: int = 0
    """The endpoint's seq up to which this counter has applied what others wrote."""

    def with_changes(self, **changes: Any) -> SyncState:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class StoredStatus:
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_en: str | None = None
    online: bool | None = None


def _load(session: Session, key: str) -> dict[str, Any]:
    row = session.get(Setting, key)
    return dict(json.loads(row.value)) if row is not None else {}


def _known(cls: type[Any], stored: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in stored.items() if k in names}


def config_in(session: Session) -> SyncConfig:
    return SyncConfig(**_known(SyncConfig, _load(session, CONFIG_KEY)))


def load_sync_config(station: Station) -> SyncConfig:
    with station.read() as session:
        return config_in(session)


def save_sync_config(
    station: Station, config: SyncConfig, *, staff_id: int | None, manager_pin: str
) -> SyncConfig:
    """Save the configuration (a manager's PIN); the audit row says whether the token changed,
    never its value. `staff_id` None: the approving manager is the one acting (CLI)."""
    url = config.url.strip().rstrip("/")
    if url and urlparse(url).scheme not in ("http", "https"):
        raise SyncUrlInvalid(value=url)
    ca_file = config.ca_file.strip()
    if ca_file:
        try:
            ssl.create_default_context(cafile=ca_file)
        except (OSError, ssl.SSLError, ValueError):
            raise SyncCaFileInvalid(value=ca_file) from None
    config = replace(config, url=url, token=config.token.strip(), ca_file=ca_file)
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "configurar sincronização", now)
        staff = acting_staff(session, staff_id) if staff_id is not None else manager
        old = config_in(session)
        session.merge(Setting(key=CONFIG_KEY, value=json.dumps(asdict(config))))
        if old.url and old.url != config.url:
            # Another endpoint is another chain: start its state afresh.
            session.merge(Setting(key=STATE_KEY, value=json.dumps(asdict(SyncState()))))
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="sync.configure",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="settings:sync",
            url=config.url,
            enabled=config.enabled,
            large_spend_centavos=config.large_spend_centavos,
            token_changed=old.token != config.token,
            ca_file=config.ca_file,
        )
    return config


def state_in(session: Session) -> SyncState:
    return SyncState(**_known(SyncState, _load(session, STATE_KEY)))


def save_state(session: Session, state: SyncState) -> None:
    session.merge(Setting(key=STATE_KEY, value=json.dumps(asdict(state))))


def status_in(session: Session) -> StoredStatus:
    stored = _known(StoredStatus, _load(session, STATUS_KEY))
    for key in ("last_attempt_at", "last_success_at"):
        if stored.get(key):
            stored[key] = datetime.fromisoformat(stored[key])
    return StoredStatus(**stored)


def save_status(session: Session, status: StoredStatus) -> None:
    data = asdict(status)
    for key in ("last_attempt_at", "last_success_at"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    session.merge(Setting(key=STATUS_KEY, value=json.dumps(data, ensure_ascii=False)))


def runs_expiry_here(session: Session) -> bool:
    """Whether this counter may write expiry entries: not synced, or the endpoint said so.

    A synced counter that has not heard from the endpoint yet does not expire anything:
    two counters must never expire the same lot twice.
    """
    if not config_in(session).configured:
        return True
    return state_in(session).runs_expiry
