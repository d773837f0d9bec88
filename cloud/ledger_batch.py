"""Ledger entries applied in bulk: checked against the terminal's chain, then written in
a few statements (entries, balances, holds) instead of several round trips each.

The chain row is locked by the caller, so no other writer moves the chain's balances
during the batch. The balances are not read first: each customer's change is added in
the one upsert that writes them (`total = total + change ... RETURNING total`), and the
total before the batch is the one returned less the change. The overdraft check then
walks the batch's spends in seq order with that starting total, as one entry at a time
would, so the lock is held for one round trip fewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cloud import bulk, conflicts
from cloud.errors import ApiError
from cloud.models import Chain, CustomerBalance, Hold, LedgerEntry, Voucher
from cloud.schemas import LedgerEntryBody
from posapp.core.ledger import GENESIS_HASH

VOUCHER_KINDS = frozenset({"voucher_redeem", "voucher_restore", "voucher_cancel"})


@dataclass(frozen=True, slots=True)
class Link:
    """A stored entry of the terminal, as its successor's checks need it."""

    uuid: str
    hash: str


class ChainLinks:
    """The terminal's entries around the batch's seqs (one query) plus those of the batch.

    `check` refuses a fork (the seq taken by another entry) and a broken link (prev_hash
    not the hash of entry seq - 1, when the server has that entry).
    """

    def __init__(self, session: Session, chain_id: str, terminal_uuid: str, seqs: list[int]):
        self.links: dict[int, Link] = {}
        if seqs:
            rows = session.execute(
                select(LedgerEntry.seq, LedgerEntry.uuid, LedgerEntry.hash).where(
                    LedgerEntry.chain_id == chain_id,
                    LedgerEntry.terminal_uuid == terminal_uuid,
                    LedgerEntry.seq.between(min(seqs) - 1, max(seqs)),
                )
            )
            self.links = {seq: Link(uuid, digest) for seq, uuid, digest in rows}

    def check(self, body: LedgerEntryBody, index: int, event_uuid: str) -> None:
        if body.seq in self.links:
            raise ApiError(
                422,
                "ledger_fork",
                f"O terminal já enviou outro lançamento com seq {body.seq}.",
                f"The terminal already pushed another entry with seq {body.seq}.",
                index=index,
                uuid=event_uuid,
            )
        before = self.links.get(body.seq - 1)
        previous = GENESIS_HASH if body.seq == 1 else before.hash if before else None
        if previous is not None and previous != body.prev_hash:
            raise ApiError(
                422,
                "broken_chain",
                f"Lançamento {body.uuid}: prev_hash não é o hash do lançamento anterior "
                "do terminal.",
                f"Entry {body.uuid}: prev_hash is not the hash of the terminal's previous entry.",
                index=index,
                uuid=event_uuid,
            )
        self.links[body.seq] = Link(body.uuid, body.hash)


@dataclass(frozen=True, slots=True)
class _Spend:
    """An entry of the batch that takes from a balance, and its customer's change up to it,
    for the overdraft check."""

    body: LedgerEntryBody
    change_so_far: int
    store_uuid: str | None


@dataclass(slots=True)
class EntryWriter:
    """Apply entries in order in memory; `flush` writes them. The chain row is locked."""

    session: Session
    chain: Chain
    changes: dict[str, int] = field(default_factory=dict)
    applied_seq: dict[str, int] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    holds: set[tuple[str, str]] = field(default_factory=set)
    spends: list[_Spend] = field(default_factory=list)

    def apply(self, body: LedgerEntryBody, event_seq: int, *, store_uuid: str | None) -> None:
        """The entry, the customer's change, the spend to check, the voucher state."""
        self.rows.append(
            {
                "chain_id": self.chain.id,
                "uuid": body.uuid,
                "terminal_uuid": body.terminal,
                "seq": body.seq,
                "kind": body.kind,
                "customer_uuid": body.customer,
                "amount": body.amount,
                "created_at": body.created_at,
                "available_from": body.available_from,
                "expires_at": body.expires_at,
                "lot_uuid": body.lot,
                "sale_uuid": body.sale,
                "voucher_code": body.voucher,
                "note": body.note,
                "prev_hash": body.prev_hash,
                "hash": body.hash,
                "event_seq": event_seq,
            }
        )
        change = self.changes.get(body.customer, 0) + body.amount
        self.changes[body.customer] = change
        self.applied_seq[body.customer] = event_seq
        if body.sale is not None:
            # The sale's own entries now show in the balance: its hold would count twice.
            self.holds.add((body.customer, body.sale))
        if body.amount < 0:
            # Not only a spend: a refund's reversal, an expiry or an adjustment made at one
            # counter while another spent the same cashback finds the chain short too.
            self.spends.append(_Spend(body, change, store_uuid))
        if body.voucher is not None and body.kind in VOUCHER_KINDS:
            _move_voucher(self.session, self.chain, body, store_uuid)

    def flush(self) -> None:
        """Entries (in application order), balances, ended holds: three statements; then
        the overdrafts, in seq order, against the totals the balance upsert returned."""
        if not self.rows:
            return
        bulk.insert_rows(self.session, LedgerEntry.__table__, self.rows)  # type: ignore[arg-type]
        values = [
            {
                "chain_id": self.chain.id,
                "customer_uuid": customer,
                "total": self.changes[customer],
                "applied_seq": seq,
            }
            for customer, seq in self.applied_seq.items()
        ]
        totals = bulk.insert_rows(
            self.session,
            CustomerBalance.__table__,  # type: ignore[arg-type]
            values,
            tail="ON CONFLICT (chain_id, customer_uuid) DO UPDATE "
            "SET total = target.total + EXCLUDED.total, applied_seq = EXCLUDED.applied_seq "
            "RETURNING customer_uuid, total",
        )
        returned = (tuple(row) for row in totals)
        before = {str(c): int(t) - self.changes[str(c)] for c, t in returned}
        if self.holds:
            customers, sales = zip(*sorted(self.holds), strict=True)
            self.session.execute(
                delete(Hold).where(
                    Hold.chain_id == self.chain.id,
                    bulk.any_of(Hold.sale_uuid, sales),
                    bulk.any_of(Hold.customer_uuid, customers),
                )
            )
        for spend in self.spends:
            body = spend.body
            total = before[body.customer] + spend.change_so_far
            if total < 0:
                conflicts.record(
                    self.session,
                    self.chain,
                    kind="overdraft",
                    customer_uuid=body.customer,
                    amount=min(-body.amount, -total),
                    entry_uuid=body.uuid,
                    sale_uuid=body.sale,
                    voucher_code=body.voucher,
                    terminal_uuid=body.terminal,
                    store_uuid=spend.store_uuid,
                )
        self.rows, self.changes, self.applied_seq, self.holds, self.spends = [], {}, {}, set(), []


def _move_voucher(
    session: Session, chain: Chain, body: LedgerEntryBody, store_uuid: str | None
) -> None:
    assert body.voucher is not None
    voucher = session.get(Voucher, (chain.id, body.voucher), with_for_update=True)
    if voucher is None:  # redeemed before its issue reached the server: single use still holds
        voucher = Voucher(chain_id=chain.id, code=body.voucher, status="open", value=0)
        session.add(voucher)
    if body.kind == "voucher_redeem":
        if voucher.status == "open" or voucher.redeemed_sale == body.sale:
            voucher.status = "redeemed"
            voucher.redeemed_at = body.created_at
            voucher.redeemed_sale = body.sale
            voucher.redeemed_store_uuid = store_uuid
            if voucher.claim_sale == body.sale:
                voucher.claim_sale = voucher.claimed_at = None
        else:
            session.flush()
            conflicts.record(
                session,
                chain,
                kind="voucher_reuse",
                customer_uuid=body.customer,
                amount=voucher.value,
                entry_uuid=body.uuid,
                sale_uuid=body.sale,
                voucher_code=body.voucher,
                terminal_uuid=body.terminal,
                store_uuid=store_uuid,
            )
    elif body.kind == "voucher_restore":
        if voucher.status == "redeemed" and body.sale in (None, voucher.redeemed_sale):
            voucher.status = "open"
            voucher.redeemed_at = voucher.redeemed_sale = voucher.redeemed_store_uuid = None
    else:
        voucher.status = "cancelled"
    session.flush()
