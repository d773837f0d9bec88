"""Setting up a counter's database: the store, its program, this terminal, the admin."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from db.models import Store, Terminal
from posapp.core.codes import new_store_key
from posapp.core.program import LoyaltyProgram
from posapp.services.common import audit
from posapp.services.common.auth import Role, add_staff
from posapp.services.common.station import Station


@dataclass(frozen=True, slots=True)
class SetupResult:
    store_id: int
    terminal_id: int
    admin_id: int


def is_set_up(station: Station) -> bool:
    with station.read() as session:
        return session.scalar(select(Terminal.id).where(Terminal.is_local)) is not None


def set_up_store(
    station: Station,
    *,
    name: str,
    program: LoyaltyProgram,
    admin_name: str,
    admin_pin: str,
    terminal_name: str = "Caixa 1",
    cnpj: str | None = None,
    address: str | None = None,
    phone: str | None = None,
) -> SetupResult:
    now = station.now()
    with station.write() as session:
        store = Store(
            uuid=str(uuid.uuid4()),
            name=name,
            segment=program.segment,
            cnpj=cnpj,
            address=address,
            phone=phone,
            program_json=program.to_json(),
            signing_key=new_store_key(),
            created_at=now,
        )
        session.add(store)
        session.flush()
        terminal = Terminal(
            uuid=str(uuid.uuid4()), store_id=store.id, name=terminal_name, is_local=True
        )
        session.add(terminal)
        admin = add_staff(session, admin_name, Role.ADMIN, admin_pin, now)
        session.flush()
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="store.setup",
            staff_id=admin.id,
            target=f"store:{store.uuid}",
            program=program.key,
        )
        return SetupResult(store.id, terminal.id, admin.id)
