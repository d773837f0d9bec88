"""Who earns what share of which lines, and what the acquirer keeps of each tender.

Both are kept as a history: a change is in force for the sales rung up from the moment it
is made, so a period already paid (its statements, its Z report, its NFS-e) keeps the
shares and fees it was figured with. A line is figured with the rules and fees in force
when its sale was rung up (`rule_for`, `CardFees.at`), its refunds too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.salon_models import CardFee, CommissionRule
from posapp.core.commission import WHOLE_BPS, Base, Mode, Rule
from posapp.core.errors import PosError
from posapp.services.common import audit
from posapp.services.common.auth import authorize_manager
from posapp.services.common.station import Station

_SINCE_ALWAYS = datetime.min.replace(tzinfo=UTC)
SERVICE, PRODUCT = "service", "product"
"""The catalogue's kinds (posapp.services.sales.catalog)."""


class InvalidShare(PosError):
    code = "invalid_share"
    pt_BR = "Percentual inválido: {value}. Use de 0 a 100 %."
    en = "Invalid percentage: {value}. Use 0 to 100 %."


@dataclass(frozen=True, slots=True)
class RuleRow:
    staff_id: int | None
    item_id: int | None
    item_kind: str
    rule: Rule
    valid_from: datetime | None = None
    """In force for sales from this moment (None: since always)."""

    def in_force(self, at: datetime) -> bool:
        return self.valid_from is None or self.valid_from <= at


@dataclass(frozen=True, slots=True)
class CardFees:
    """Each tender's fee over time: (valid_from, tender, fee_bps), oldest first."""

    history: tuple[tuple[datetime | None, str, int], ...] = ()

    def at(self, moment: datetime) -> dict[str, int]:
        """The fee of each tender for a sale rung up at `moment`."""
        found: dict[str, int] = {}
        for valid_from, tender, fee_bps in self.history:
            if valid_from is None or valid_from <= moment:
                found[tender] = fee_bps
        return found

    def __bool__(self) -> bool:
        return bool(self.history)


def set_rule(
    station: Station,
    *,
    manager_pin: str,
    share_bps: int,
    staff_id: int | None = None,
    item_id: int | None = None,
    item_kind: str = SERVICE,
    mode: Mode = Mode.COMMISSION,
    base: Base = Base.NET,
    card_fees: bool = False,
) -> None:
    """Set the share for a professional (None: everyone) on an item (None: every item of
    `item_kind`) for the sales from now on; the sales before keep the share they had."""
    if not 0 <= share_bps <= WHOLE_BPS:
        raise InvalidShare(value=f"{share_bps / 100:g} %")
    if item_kind not in (SERVICE, PRODUCT):
        raise ValueError(f"not a kind of item: {item_kind}")
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "salon.rule", now)
        session.add(
            CommissionRule(
                staff_id=staff_id,
                item_id=item_id,
                item_kind=item_kind,
                mode=mode.value,
                share_bps=share_bps,
                base=base.value,
                card_fees=card_fees,
                valid_from=now,
            )
        )
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="salon.rule",
            staff_id=manager.id,
            authorized_by_id=manager.id,
            target=f"staff:{staff_id or '*'}/item:{item_id or '*'}/{item_kind}",
            mode=mode.value,
            share_bps=share_bps,
            base=base.value,
            card_fees=card_fees,
        )


def set_card_fee(station: Station, tender: str, fee_bps: int, *, manager_pin: str) -> None:
    if not 0 <= fee_bps <= WHOLE_BPS:
        raise InvalidShare(value=f"{fee_bps / 100:g} %")
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "salon.card_fee", now)
        session.add(CardFee(tender=tender, fee_bps=fee_bps, valid_from=now))
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="salon.card_fee",
            staff_id=manager.id,
            authorized_by_id=manager.id,
            target=tender,
            fee_bps=fee_bps,
        )


def rules(session: Session) -> list[RuleRow]:
    return [
        RuleRow(
            row.staff_id,
            row.item_id,
            row.item_kind,
            Rule(row.share_bps, Mode(row.mode), Base(row.base), row.card_fees),
            row.valid_from,
        )
        for row in session.scalars(select(CommissionRule).order_by(CommissionRule.id))
    ]


def card_fees(session: Session) -> CardFees:
    rows = session.scalars(select(CardFee).order_by(CardFee.id)).all()
    return CardFees(
        tuple(
            (row.valid_from, row.tender, row.fee_bps)
            for row in sorted(rows, key=lambda r: (r.valid_from or _SINCE_ALWAYS, r.id))
        )
    )


def rule_for(
    table: list[RuleRow], staff_id: int, item_id: int, item_kind: str, at: datetime
) -> Rule | None:
    """The most specific rule in force for a sale rung up `at`: this professional and
    item, this professional and kind, everyone and this item, everyone and this kind;
    of each, the one set last before `at`. None: no share."""
    for wanted_staff, wanted_item in (
        (staff_id, item_id),
        (staff_id, None),
        (None, item_id),
        (None, None),
    ):
        found = [
            (row.valid_from or _SINCE_ALWAYS, position, row.rule)
            for position, row in enumerate(table)
            if row.staff_id == wanted_staff
            and row.item_id == wanted_item
            and row.item_kind == item_kind
            and row.in_force(at)
        ]
        if found:
            return max(found, key=lambda f: (f[0], f[1]))[2]
    return None
