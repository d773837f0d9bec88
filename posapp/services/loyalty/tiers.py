"""Tiers at the counter: the store's ladder, a customer's 12-month spend and tier.

The ladder is a setting (key 'tiers': on/off and the tiers); turned on without
tiers of its own it is the preset ladder of the program's segment
(`posapp.core.tiers.preset_ladder`). Off by default: a store opts in.

The spend is what the customer's sales totalled over `spend_window(today)` (local
dates, the store's time zone), less the goods value of the refunds and voids of
those sales: a returned purchase takes its progress back. It is one aggregate on
the sales of one customer (the `sale.customer_id` index). Counted before a sale
is written, so the sale that crosses a line earns at the old rate and the next
sale at the new one.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.models import Customer, Refund, Sale, Setting, table_of
from posapp.core.errors import UnknownCustomer
from posapp.core.money import DEFAULT_LOCALE
from posapp.core.program import LoyaltyProgram
from posapp.core.tiers import Tier, TierLadder, TierProgress, preset_ladder, progress_text
from posapp.core.tiers import spend_window as window_of
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.changes import Change, announces
from posapp.services.common.counter_settings import KEY as COUNTER_KEY
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station

KEY = "tiers"
_SALE, _REFUND = table_of(Sale), table_of(Refund)

_SPEND = select(
    select(func.coalesce(func.sum(_SALE.c.total), 0))
    .where(
        _SALE.c.customer_id == bindparam("customer_id"),
        _SALE.c.created_at >= bindparam("since"),
        _SALE.c.created_at <= bindparam("until"),
    )
    .scalar_subquery()
    - select(func.coalesce(func.sum(_REFUND.c.goods_amount), 0))
    .select_from(_REFUND.join(_SALE, _SALE.c.id == _REFUND.c.sale_id))
    .where(
        _SALE.c.customer_id == bindparam("customer_id"),
        _SALE.c.created_at >= bindparam("since"),
        _REFUND.c.created_at <= bindparam("until"),
    )
    .scalar_subquery()
)


@dataclass(frozen=True, slots=True)
class TierSettings:
    enabled: bool = False
    tiers: tuple[Tier, ...] = ()
    """Empty: the preset ladder of the program's segment."""

    def ladder(self, program: LoyaltyProgram) -> TierLadder | None:
        if not self.enabled:
            return None
        return TierLadder(self.tiers) if self.tiers else preset_ladder(program)

    def to_json(self) -> str:
        return json.dumps(
            {
                "enabled": self.enabled,
                "tiers": [
                    [t.key, t.name, t.min_spend_12m_centavos, t.rate_bps, t.name_en]
                    for t in self.tiers
                ],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> TierSettings:
        data = json.loads(text)
        return cls(bool(data.get("enabled")), tuple(Tier(*row) for row in data.get("tiers", [])))


@dataclass(frozen=True, slots=True)
class CustomerTier:
    """What the counter shows: the tier, the spend it comes from, what is left to the next."""

    spend_12m: int
    progress: TierProgress
    text_pt: str
    text_en: str

    def text(self, locale: str = DEFAULT_LOCALE) -> str:
        return self.text_pt if locale.startswith("pt") else self.text_en


def read_tier_settings(session: Session) -> TierSettings:
    row = session.get(Setting, KEY)
    return TierSettings.from_json(row.value) if row is not None else TierSettings()


def store_zone(session: Session) -> ZoneInfo:
    """The store's time zone (the counter settings'), read through `session`."""
    row = session.get(Setting, COUNTER_KEY)
    stored = json.loads(row.value) if row is not None else {}
    return ZoneInfo(stored.get("timezone") or CounterSettings().timezone)


def ladder_for(station: Station, session: Session) -> TierLadder | None:
    """The store's ladder (None when tiers are off), cached on the station."""
    program = station.program(session)
    settings = station.cached(KEY, session, read_tier_settings)
    return settings.ladder(program)


def spend_12m(
    connection: Connection,
    customer_id: int,
    today: datetime.date,
    zone: ZoneInfo,
    until: datetime.datetime,
) -> int:
    """The customer's spend over the 12 months ending `today`, net of refunds, up to `until`."""
    first, _ = window_of(today)
    since = datetime.datetime.combine(first, datetime.time(0), zone).astimezone(datetime.UTC)
    spend: int = connection.execute(
        _SPEND, {"customer_id": customer_id, "since": since, "until": until}
    ).scalar_one()
    return spend


def describe(ladder: TierLadder, spend: int) -> CustomerTier:
    return CustomerTier(
        spend,
        ladder.progress(spend),
        progress_text(ladder, spend, "pt_BR"),
        progress_text(ladder, spend, "en"),
    )


def customer_tier(
    station: Station, customer_id: int, at: datetime.datetime | None = None
) -> CustomerTier | None:
    """The customer's tier now (or as it was at `at`); None when tiers are off."""
    at = at or station.now()
    with station.read() as session:
        ladder = ladder_for(station, session)
        if ladder is None:
            return None
        if session.get(Customer, customer_id) is None:
            raise UnknownCustomer(value=customer_id)
        zone = store_zone(session)
        spend = spend_12m(session.connection(), customer_id, at.astimezone(zone).date(), zone, at)
        return describe(ladder, spend)


def load_tier_settings(station: Station) -> TierSettings:
    with station.read() as session:
        return read_tier_settings(session)


@announces(Change.PROGRAM)
def save_tier_settings(
    station: Station, new: TierSettings, *, staff_id: int, manager_pin: str
) -> TierSettings:
    """Turn tiers on or off, or change the ladder (validated); a manager's PIN, audited.

    Takes effect from the next sale: rates are never changed on sales already made.
    """
    if new.tiers:
        TierLadder(new.tiers)  # raises InvalidTiers with every problem
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar níveis", now)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="settings.tiers",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="settings:tiers",
            old=json.loads(read_tier_settings(session).to_json()),
            new=json.loads(new.to_json()),
        )
        session.merge(Setting(key=KEY, value=new.to_json()))
    return new
