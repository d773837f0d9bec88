"""What the settings services may write, read back whole: a refusal must leave it all equal."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from db.models import AuditLog, OutboxEvent, Setting, Staff, Store
from tests.support import Shop


def everything(shop: Shop) -> tuple[Any, ...]:
    with shop.station.read() as session:
        store = session.scalars(select(Store)).one()
        staff = [
            (s.id, s.name, s.role, s.pin_hash, s.active)
            for s in session.scalars(select(Staff).order_by(Staff.id))
        ]
        # refused approvals are audited by design; everything else must stay as it was
        audit = session.scalars(select(AuditLog.id).where(AuditLog.action != "auth.refused")).all()
        events = session.scalars(select(OutboxEvent.id)).all()
        settings = [(s.key, s.value) for s in session.scalars(select(Setting))]
        return (
            (store.name, store.cnpj, store.address, store.phone, store.program_json),
            staff,
            len(audit),
            len(events),
            settings,
        )


def last_audit(shop: Shop, action: str) -> tuple[AuditLog, dict[str, Any]]:
    with shop.station.read() as session:
        row = session.scalars(
            select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id.desc())
        ).first()
        assert row is not None, f"no audit row {action}"
        session.expunge(row)
        return row, json.loads(row.details)


def events(shop: Shop, kind: str) -> list[dict[str, Any]]:
    with shop.station.read() as session:
        rows = session.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == kind))
        return [json.loads(payload) for payload in rows]
