"""The counter's settings: the store's (language, time zone, receipt footer, backups) and
this computer's devices (printer, paper, drawer, scanner).

`CounterSettings` holds both halves, and callers read and save it as one. They
are kept apart: the store's half is one JSON document in the database's
`setting` table (it travels with backups and copies of the database); the
devices half is this machine's, in `machine.settings`' file in the OS user's
config folder, so a database restored or copied onto another computer finds
that computer's printer, or the defaults, never the old PC's.

Databases written before the split hold the devices in their `setting` row.
The first `load_settings` on a machine that has no devices file yet takes them
into the file; on a machine that has one, the machine's file wins. Either way
the devices are then removed from the database row, so they move only once.

Changing settings is a manager's action, written to the audit log with what
changed (both halves).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.models import Setting
from posapp.core.errors import InvalidSetting
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.changes import Change, announces
from posapp.services.common.station import Station
from posapp.services.machine.settings import (
    DEVICE_DEFAULTS,
    DEVICE_KEYS,
    MachineConfig,
    read_machine_config,
    write_machine_config,
)

KEY = "counter"
log = logging.getLogger(__name__)
_adopting = threading.Lock()


@dataclass(frozen=True, slots=True)
class CounterSettings:
    printer_uri: str = "virtual://"
    paper_mm: int = 80
    printer_profile: str = "default"
    drawer_pin: int = 2
    language: str = "pt_BR"
    timezone: str = "America/Sao_Paulo"
    scanner_prefix: str = ""
    scanner_suffix: str = "Enter"
    scanner_max_gap_ms: int = 50
    scanner_uri: str = ""
    receipt_footer: str = "Obrigado pela preferência!"
    backup_keep_days: int = 30

    def with_changes(self, **changes: Any) -> CounterSettings:
        return replace(self, **changes)


STORE_KEYS = frozenset(f.name for f in fields(CounterSettings)) - DEVICE_KEYS


def store_part(settings: CounterSettings) -> dict[str, Any]:
    """What the database keeps: the store's settings, the same on every counter."""
    return {k: v for k, v in asdict(settings).items() if k in STORE_KEYS}


def device_part(settings: CounterSettings) -> dict[str, Any]:
    """What this computer's config file keeps: its printer, drawer and scanner."""
    return {k: v for k, v in asdict(settings).items() if k in DEVICE_KEYS}


def _stored(session: Session) -> dict[str, Any]:
    row = session.get(Setting, KEY)
    value = json.loads(row.value) if row is not None else {}
    return value if isinstance(value, dict) else {}


def load_settings(station: Station) -> CounterSettings:
    with station.read() as session:
        stored = _stored(session)
    machine = read_machine_config()
    if DEVICE_KEYS & stored.keys():
        machine = _adopt_old_devices(station, machine)
    store = {k: v for k, v in stored.items() if k in STORE_KEYS}
    return CounterSettings(**store, **machine.devices)  # type: ignore[arg-type]


def _adopt_old_devices(station: Station, machine: MachineConfig) -> MachineConfig:
    """Devices found in the database row (before the split): to the file once, off the row."""
    with _adopting:
        try:
            with station.write() as session:
                stored = _stored(session)
                old = {k: v for k, v in stored.items() if k in DEVICE_KEYS}
                if not old:
                    return read_machine_config()  # another thread has just done it
                machine = read_machine_config()
                if not machine.exists:
                    sound = {k: v for k, v in old.items() if type(v) is type(DEVICE_DEFAULTS[k])}
                    write_machine_config(sound)
                    log.info("dispositivos do banco %s levados para o arquivo", station.path)
                kept = {k: v for k, v in stored.items() if k not in DEVICE_KEYS}
                session.merge(Setting(key=KEY, value=json.dumps(kept, ensure_ascii=False)))
        except (SQLAlchemyError, OSError) as error:  # tried again on the next load
            log.warning("não foi possível separar os dispositivos do banco: %s", error)
        return read_machine_config()


def write_settings(session: Session, new: CounterSettings) -> None:
    """The store's half into the session's `setting` row, the devices into this machine's file.

    The caller's unit of work holds the authorization and the commit. The file is
    written last, so a refused or failed file write rolls the row back with it.
    """
    session.merge(Setting(key=KEY, value=json.dumps(store_part(new), ensure_ascii=False)))
    session.flush()
    write_machine_config(device_part(new))


@announces(Change.SETTINGS)
def save_settings(
    station: Station, new: CounterSettings, *, staff_id: int, manager_pin: str
) -> CounterSettings:
    now = station.now()
    old = asdict(load_settings(station))
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar configurações", now)
        changed = {k: [old.get(k), v] for k, v in asdict(new).items() if old.get(k) != v}
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="settings.change",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="settings:counter",
            changed=changed,
        )
        write_settings(session, new)
    return new


LANGUAGES: dict[str, str] = {"pt_BR": "Português (Brasil)", "en": "English"}
"""The languages posapp ships, by code, each named in itself."""


def change_language(
    station: Station, language: str, *, staff_id: int, manager_pin: str
) -> CounterSettings:
    """Save `language` (pt_BR or en) for this store: a manager's PIN, audited as a settings
    change. posapp's texts and Qt's are loaded when the window opens: the new language
    applies the next time posapp opens."""
    if language not in LANGUAGES:
        raise InvalidSetting(
            value_pt=f"idioma {language!r} (use pt_BR ou en)",
            value_en=f"language {language!r} (use pt_BR or en)",
        )
    current = load_settings(station)
    return save_settings(
        station,
        current.with_changes(language=language),
        staff_id=staff_id,
        manager_pin=manager_pin,
    )
