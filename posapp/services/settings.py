"""The counter's settings: printer, paper, scanner, language and time zone.

Stored as one JSON document in the `setting` table; changing them is a
manager's action and is written to the audit log with what changed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from db.models import Setting
from posapp.services import audit
from posapp.services.auth import acting_staff, authorize_manager
from posapp.services.station import Station

KEY = "counter"


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
    receipt_footer: str = "Obrigado pela preferência!"
    backup_keep_days: int = 30

    def with_changes(self, **changes: Any) -> CounterSettings:
        return replace(self, **changes)


def load_settings(station: Station) -> CounterSettings:
    with station.read() as session:
        row = session.get(Setting, KEY)
        if row is None:
            return CounterSettings()
        stored = json.loads(row.value)
        known = {f.name for f in fields(CounterSettings)}
        return CounterSettings(**{k: v for k, v in stored.items() if k in known})


def save_settings(
    station: Station, new: CounterSettings, *, staff_id: int, manager_pin: str
) -> CounterSettings:
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar configurações", now)
        row = session.get(Setting, KEY)
        old = asdict(CounterSettings(**json.loads(row.value))) if row else asdict(CounterSettings())
        changed = {k: [old.get(k), v] for k, v in asdict(new).items() if old.get(k) != v}
        session.merge(Setting(key=KEY, value=json.dumps(asdict(new), ensure_ascii=False)))
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
    return new
