"""The head of one terminal's ledger chain as the endpoint holds it: an outside anchor.

Each pushed entry is accepted only when it extends the terminal's chain held here
(`ledger_batch.ChainLinks`), so this head is what the counter's file must still reach:
`posapp db verify` asks for it and says when the file no longer does.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.models import LedgerEntry
from posapp.core.ledger import GENESIS_HASH


def ledger_head(session: Session, chain_id: str, terminal_uuid: str | None) -> tuple[int, str]:
    """(entry count, last hash) of the terminal's chain; (0, genesis) before its first."""
    if terminal_uuid is None:
        return 0, GENESIS_HASH
    row = session.execute(
        select(LedgerEntry.seq, LedgerEntry.hash)
        .where(LedgerEntry.chain_id == chain_id, LedgerEntry.terminal_uuid == terminal_uuid)
        .order_by(LedgerEntry.seq.desc())
        .limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)
