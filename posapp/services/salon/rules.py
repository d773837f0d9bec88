"""Who earns what share of which lines, and what the acquirer keeps of each tender."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.salon_models import CardFee, CommissionRule
from posapp.core.commission import WHOLE_BPS, Base, Mode, Rule
from posapp.core.errors import PosError
from posapp.services.common import audit
from posapp.services.common.auth import authorize_manager
from posapp.services.common.station import Station

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
    """Set (or replace) the share for a professional (None: everyone) on an item (None:
    every item of `item_kind`)."""
    if not 0 <= share_bps <= WHOLE_BPS:
        raise InvalidShare(value=f"{share_bps / 100:g} %")
    if item_kind not in (SERVICE, PRODUCT):
        raise ValueError(f"not a kind of item: {item_kind}")
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "salon.rule", now)
        session.execute(_same(staff_id, item_id, item_kind))
        session.add(
            CommissionRule(
                staff_id=staff_id,
                item_id=item_id,
                item_kind=item_kind,
                mode=mode.value,
                share_bps=share_bps,
                base=base.value,
                card_fees=card_fees,
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
        session.execute(delete(CardFee).where(CardFee.tender == tender))
        session.add(CardFee(tender=tender, fee_bps=fee_bps))
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
        )
        for row in session.scalars(select(CommissionRule).order_by(CommissionRule.id))
    ]


def card_fees(session: Session) -> dict[str, int]:
    return {row.tender: row.fee_bps for row in session.scalars(select(CardFee))}


def rule_for(table: list[RuleRow], staff_id: int, item_id: int, item_kind: str) -> Rule | None:
    """The most specific rule: this professional and item, this professional and kind,
    everyone and this item, everyone and this kind; None: no share."""
    for wanted_staff, wanted_item in (
        (staff_id, item_id),
        (staff_id, None),
        (None, item_id),
        (None, None),
    ):
        for row in table:
            if (
                row.staff_id == wanted_staff
                and row.item_id == wanted_item
                and row.item_kind == item_kind
            ):
                return row.rule
    return None


def _same(staff_id: int | None, item_id: int | None, item_kind: str):  # type: ignore[no-untyped-def]
    return delete(CommissionRule).where(
        CommissionRule.staff_id.is_(None)
        if staff_id is None
        else CommissionRule.staff_id == staff_id,
        CommissionRule.item_id.is_(None) if item_id is None else CommissionRule.item_id == item_id,
        CommissionRule.item_kind == item_kind,
    )
