"""Rebuilding the balance projection from the ledger, the only source of truth."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select

from db.models import CustomerBalance, LedgerEntry
from posapp.services.common import audit
from posapp.services.common.station import Station


def rebuild_balances(station: Station) -> int:
    """Recompute every customer's balance from their entries; returns how many changed."""
    now = station.now()
    with station.write() as session:
        before = dict(
            (row[0], row[1])
            for row in session.execute(select(CustomerBalance.customer_id, CustomerBalance.units))
        )
        sums = session.execute(
            select(
                LedgerEntry.customer_id,
                func.sum(LedgerEntry.amount),
                func.max(LedgerEntry.created_at),
            ).group_by(LedgerEntry.customer_id)
        ).all()
        session.execute(delete(CustomerBalance))
        if sums:
            session.execute(
                insert(CustomerBalance),
                [
                    {"customer_id": cid, "units": int(total), "last_entry_at": last}
                    for cid, total, last in sums
                ],
            )
        after = {cid: int(total) for cid, total, _ in sums}
        changed = sum(
            1 for cid in before.keys() | after.keys() if before.get(cid, 0) != after.get(cid, 0)
        )
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="db.rebuild_balances",
            staff_id=None,
            changed=changed,
        )
        return changed
