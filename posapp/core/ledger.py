"""The cashback ledger's rules: kinds of movement, lots, balances and the hash chain.

The ledger is a list of movements that is only ever appended to. Each positive
movement opens a *lot* with the dates it becomes spendable and expires; each
negative movement consumes lots: a targeted one (an expiry, the reversal of a
sale's earning) first from its own lot, any other first from the spendable lots
that expire soonest. A customer's balance is a pure function of the movements,
so it can always be rebuilt and checked.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

GENESIS_HASH = "0" * 64
EXPIRING_SOON = timedelta(days=30)


class EntryKind(StrEnum):
    EARN = "earn"
    REDEEM = "redeem"
    EXPIRE = "expire"
    REVERSE = "reverse"
    """Earned cashback taken back by a refund or void."""
    RESTORE = "restore"
    """Redeemed cashback given back by a refund or void."""
    ADJUST = "adjust"
    REFERRAL_BONUS = "referral_bonus"
    VOUCHER_ISSUE = "voucher_issue"
    """Balance turned into a voucher (negative), or a discount voucher given (zero)."""
    VOUCHER_REDEEM = "voucher_redeem"
    """A voucher spent at the counter (zero: the voucher, not the balance, pays)."""
    VOUCHER_RESTORE = "voucher_restore"
    """A voucher given back by a refund or void (zero)."""
    VOUCHER_CHANGE = "voucher_change"
    """What a balance voucher was worth beyond the purchase, back to the balance."""
    VOUCHER_CANCEL = "voucher_cancel"
    """An unspent voucher cancelled by a refund; a balance voucher's value comes back."""


@dataclass(frozen=True, slots=True)
class Movement:
    """A ledger entry as the rules see it."""

    uuid: str
    kind: EntryKind
    amount: int
    created_at: datetime
    available_from: datetime | None = None
    expires_at: datetime | None = None
    lot_uuid: str | None = None


@dataclass(slots=True)
class Lot:
    uuid: str
    remaining: int
    available_from: datetime
    expires_at: datetime | None

    def spendable_at(self, moment: datetime) -> bool:
        return self.available_from <= moment and (
            self.expires_at is None or moment < self.expires_at
        )


@dataclass(frozen=True, slots=True)
class Balance:
    total: int
    """The sum of every movement (what the stored projection holds)."""
    spendable: int
    pending: int
    expiring_soon: int
    next_expiry: datetime | None

    @property
    def current(self) -> int:
        """What a customer is told they have: spendable now and still to be released. Not
        `total`, which keeps a lapsed lot until the daily expiry run writes its entry."""
        return self.spendable + self.pending


@dataclass(slots=True)
class Replay:
    lots: dict[str, Lot]
    deficit: int
    """Negative balance no lot covers (only where the program allows it)."""

    def balance(self, now: datetime) -> Balance:
        spendable = pending = soon = 0
        next_expiry: datetime | None = None
        for lot in self.lots.values():
            if lot.remaining <= 0:
                continue
            if lot.spendable_at(now):
                spendable += lot.remaining
                if lot.expires_at is not None:
                    if lot.expires_at - now <= EXPIRING_SOON:
                        soon += lot.remaining
                    if next_expiry is None or lot.expires_at < next_expiry:
                        next_expiry = lot.expires_at
            elif lot.available_from > now:
                pending += lot.remaining
        total = sum(lot.remaining for lot in self.lots.values()) - self.deficit
        return Balance(total, spendable - self.deficit, pending, soon, next_expiry)

    def takeable(self, now: datetime, lot_uuid: str | None = None) -> int:
        """What a reversal aimed at `lot_uuid` can take back without going below zero: the
        lots `_drawable` names, less any deficit."""
        return max(sum(lot.remaining for lot in self._drawable(now, lot_uuid)) - self.deficit, 0)

    def pieces(
        self, now: datetime, lot_uuid: str | None, amount: int
    ) -> list[tuple[str | None, int]]:
        """Where a reversal of `amount` (at most `takeable`) is taken from, as (lot, piece),
        in `_drawable`'s order; what no lot covers goes aimed at `lot_uuid`. One piece aimed
        at `lot_uuid` when no held lot is drawn on: the ledger's own order (`_consume`)
        then takes the same lots, and only differs by drawing on lapsed lots before held
        ones."""
        if amount <= 0:
            return []
        out: list[tuple[str | None, int]] = []
        left = amount
        for lot in self._drawable(now, lot_uuid):
            piece = min(lot.remaining, left)
            if piece > 0:
                out.append((lot.uuid, piece))
                left -= piece
        if left > 0:
            out.append((lot_uuid, left))
        held = {lot.uuid for lot in self.lots.values() if lot.available_from > now}
        if not any(uuid in held and uuid != lot_uuid for uuid, _ in out):
            return [(lot_uuid, amount)]
        return out

    def _drawable(self, now: datetime, lot_uuid: str | None) -> list[Lot]:
        """The lots a reversal aimed at `lot_uuid` may draw on, in order: that lot (lapsed
        or not: it is the cashback being undone), then what is spendable (soonest to expire
        first), then what is still to be released. Never another lot that lapsed and waits
        for the daily expiry run: taking it would spare the customer a clawback with
        cashback she had lost already (`Balance.total` still counts it)."""
        aimed = self.lots.get(lot_uuid) if lot_uuid is not None else None
        others = [lot for lot in self.lots.values() if lot is not aimed and lot.remaining > 0]
        spendable = sorted(
            (lot for lot in others if lot.spendable_at(now)),
            key=lambda lot: (lot.expires_at is None, lot.expires_at or now),
        )
        held = sorted(
            (lot for lot in others if lot.available_from > now), key=lambda lot: lot.available_from
        )
        first = [aimed] if aimed is not None and aimed.remaining > 0 else []
        return first + spendable + held

    def expired_lots(self, now: datetime) -> list[Lot]:
        return [
            lot
            for lot in self.lots.values()
            if lot.remaining > 0 and lot.expires_at is not None and lot.expires_at <= now
        ]


def replay(movements: Iterable[Movement]) -> Replay:
    """Apply movements in order; returns what is left in each lot."""
    lots: dict[str, Lot] = {}
    deficit = 0
    for move in movements:
        if move.amount > 0:
            credit = move.amount
            covered = min(credit, deficit)
            deficit -= covered
            lots[move.uuid] = Lot(
                move.uuid,
                credit - covered,
                move.available_from or move.created_at,
                move.expires_at,
            )
        elif move.amount < 0:
            deficit += _consume(lots, -move.amount, move)
    return Replay(lots, deficit)


def taken_from(movements: Iterable[Movement], entry_uuid: str) -> list[tuple[Lot, int]]:
    """The lots a negative entry consumed when it was appended, with how much of each.

    Replays the movements up to the entry and applies it alone, so a voucher that
    lapses unused can give its value back lot by lot, each with its own dates.
    """
    lots: dict[str, Lot] = {}
    deficit = 0
    for move in movements:
        if move.uuid == entry_uuid:
            before = {uuid: lot.remaining for uuid, lot in lots.items()}
            if move.amount < 0:
                _consume(lots, -move.amount, move)
            return [
                (lot, before[uuid] - lot.remaining)
                for uuid, lot in lots.items()
                if before[uuid] > lot.remaining
            ]
        if move.amount > 0:
            covered = min(move.amount, deficit)
            deficit -= covered
            lots[move.uuid] = Lot(
                move.uuid,
                move.amount - covered,
                move.available_from or move.created_at,
                move.expires_at,
            )
        elif move.amount < 0:
            deficit += _consume(lots, -move.amount, move)
    return []


def _consume(lots: Mapping[str, Lot], amount: int, move: Movement) -> int:
    """Take `amount` from the lots; returns what could not be taken."""
    order: list[Lot] = []
    if move.lot_uuid is not None and move.lot_uuid in lots:
        order.append(lots[move.lot_uuid])
    if move.kind is not EntryKind.EXPIRE:
        others = [lot for lot in lots.values() if lot.remaining > 0 and lot not in order]
        order += sorted(
            others,
            key=lambda lot: (
                not lot.spendable_at(move.created_at),
                lot.expires_at or datetime.max.replace(tzinfo=move.created_at.tzinfo),
                lot.available_from,
            ),
        )
    for lot in order:
        taken = min(lot.remaining, amount)
        lot.remaining -= taken
        amount -= taken
        if amount == 0:
            break
    return amount


def chain_hash(previous: str, record: Mapping[str, object], key: bytes | None = None) -> str:
    """The link of a ledger entry to the one before it: 64 lowercase hex digits.

    The bytes hashed are `link_bytes(previous, record)`. Without `key` this is SHA-256 of
    those bytes: the entry's `hash`, which every counter and the sync endpoint can
    recompute. With `key` (the terminal's secret, 32 raw bytes, kept outside the database)
    it is HMAC-SHA256(key, same bytes): the entry's `mac`, which only a holder of the
    secret can recompute, so a copy of the database alone cannot be edited and re-chained
    unnoticed. `previous` is always the previous `hash` (never the previous mac), so both
    links cover the same bytes: `digest` them once serialised to compute both.
    """
    return digest(link_bytes(previous, record), key)


def link_bytes(previous: str, record: Mapping[str, object]) -> bytes:
    """The UTF-8 encoding of `previous + body`: what an entry's hash and mac cover.

    `previous` is the previous entry's `hash` of the same terminal (64 hex digits;
    `GENESIS_HASH`, 64 zeros, for the terminal's first entry) and `body` is
    `json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)`: keys
    sorted, no spaces, non-ASCII escaped as \\uXXXX (json's default ensure_ascii),
    None as null, datetimes already ISO 8601 strings (see `entry_record`).
    """
    body = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return (previous + body).encode("utf-8")


def digest(data: bytes, key: bytes | None = None) -> str:
    """SHA-256 of `data` (the hash), or HMAC-SHA256 keyed with `key` (the mac), in hex."""
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()
