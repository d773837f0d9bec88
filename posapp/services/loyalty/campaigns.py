"""Campaigns as the manager keeps them: create from scratch or from the commercial calendar,
correct one, switch on and off; the checkout and the quote read the active ones (cached on
the station: any write to a campaign row makes the next sale read them again).

How campaigns combine is `posapp.core.campaigns`'s rule (the best multiplier per line,
the largest bonus once). Rows are never deleted: a campaign is switched off, so a sale's
earning can always be explained by the campaigns of its day.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Campaign as CampaignRow
from posapp.core.campaigns import (
    Campaign,
    InvalidCampaign,
    birthday_month_campaign,
    campaign_for_date,
    validate_campaign,
)
from posapp.core.commercial_dates import commercial_calendar, upcoming
from posapp.core.errors import InvalidSetting
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.changes import Change, announces
from posapp.services.common.station import Station

CACHE_KEY = "campaigns"


@dataclass(frozen=True, slots=True)
class CampaignView:
    id: int
    campaign: Campaign
    active: bool
    created_at: datetime.datetime


def _campaign(row: CampaignRow) -> Campaign:
    categories = json.loads(row.categories) if row.categories is not None else None
    return Campaign(
        key=row.key,
        name=row.name,
        starts=row.starts,
        ends=row.ends,
        multiplier_bps=row.multiplier_bps,
        bonus_centavos=row.bonus_centavos,
        categories=frozenset(categories) if categories is not None else None,
        birthday_month=row.birthday_month,
    )


def _active(session: Session) -> tuple[Campaign, ...]:
    rows = session.scalars(
        select(CampaignRow).where(CampaignRow.active.is_(True)).order_by(CampaignRow.id)
    )
    return tuple(_campaign(row) for row in rows)


def active_campaigns(station: Station, session: Session) -> tuple[Campaign, ...]:
    """Every campaign switched on, whatever its dates (core picks the day's), cached."""
    return station.cached(CACHE_KEY, session, _active)


def list_campaigns(station: Station) -> list[CampaignView]:
    with station.read() as session:
        rows = session.scalars(select(CampaignRow).order_by(CampaignRow.starts, CampaignRow.id))
        return [CampaignView(r.id, _campaign(r), r.active, r.created_at) for r in rows]


def suggestions(today: datetime.date, within_days: int = 60) -> list[Campaign]:
    """Double-cashback campaigns over the commercial dates coming up (editable before saving)."""
    return [campaign_for_date(date) for date in upcoming(today, within_days)]


def calendar_suggestions(year: int, locale: str = "pt_BR") -> list[Campaign]:
    """Every commercial date of the year as a double-cashback campaign, and the birthday month."""
    dates = [campaign_for_date(d, locale=locale) for d in commercial_calendar(year)]
    return [*dates, birthday_month_campaign(year, locale=locale)]


def _stored(campaign: Campaign) -> dict[str, object]:
    """The campaign as the audit log keeps it (JSON-friendly, categories sorted)."""
    return {
        "key": campaign.key,
        "name": campaign.name,
        "starts": campaign.starts.isoformat(),
        "ends": campaign.ends.isoformat(),
        "multiplier_bps": campaign.multiplier_bps,
        "bonus_centavos": campaign.bonus_centavos,
        "categories": sorted(campaign.categories) if campaign.categories is not None else None,
        "birthday_month": campaign.birthday_month,
    }


def _categories_json(campaign: Campaign) -> str | None:
    if campaign.categories is None:
        return None
    return json.dumps(sorted(campaign.categories))


@announces(Change.PROGRAM)
def create_campaign(
    station: Station, campaign: Campaign, *, staff_id: int, manager_pin: str
) -> int:
    """Store a campaign (validated when built), switched on; a manager's PIN, audited."""
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "criar campanha", now)
        if session.scalar(select(CampaignRow.id).where(CampaignRow.key == campaign.key)):
            raise InvalidSetting(
                value_pt=f"já existe uma campanha com o código {campaign.key}",
                value_en=f"there is already a campaign with the key {campaign.key}",
            )
        row = CampaignRow(
            uuid=str(uuid.uuid4()),
            key=campaign.key,
            name=campaign.name,
            starts=campaign.starts,
            ends=campaign.ends,
            multiplier_bps=campaign.multiplier_bps,
            bonus_centavos=campaign.bonus_centavos,
            categories=_categories_json(campaign),
            birthday_month=campaign.birthday_month,
            active=True,
            created_by=staff.id,
            created_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="campaign.create",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"campaign:{campaign.key}",
            starts=campaign.starts.isoformat(),
            ends=campaign.ends.isoformat(),
            multiplier_bps=campaign.multiplier_bps,
            bonus_centavos=campaign.bonus_centavos,
        )
        return row.id


@announces(Change.PROGRAM)
def update_campaign(
    station: Station,
    campaign_uuid_or_id: str | int,
    changes: Campaign,
    *,
    staff_id: int,
    manager_pin: str,
) -> int:
    """Correct a campaign (name, dates, multiplier, bonus, categories, birthday month) from
    the next sale on; a manager's PIN, audited with what it was and what it is. Returns its id.

    Validated like a new one (`validate_campaign`, when `changes` is built). The key is the
    campaign's identity: the sales it changed name it, and so do the announcements already
    sent, so it never changes (a `changes` with another key is refused, and no edit can make
    two campaigns share a key). Whether it is switched on is `set_campaign_active`'s.

    Nothing changes retroactively: a sale already made keeps the cashback it earned (its
    ledger entries and lines are not touched, nor is a refund of it, which reverses what
    the sale earned); only the sales from now on use the new rule. A wrong end date that
    already passed is corrected for the record, not re-applied to the days gone by.
    """
    problems = validate_campaign(changes)  # built valid; checked again if forged after
    if problems:
        raise InvalidCampaign(
            problems_pt="; ".join(pt for pt, _ in problems),
            problems_en="; ".join(en for _, en in problems),
        )
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar campanha", now)
        if isinstance(campaign_uuid_or_id, int):
            row = session.get(CampaignRow, campaign_uuid_or_id)
        else:
            row = session.scalar(select(CampaignRow).where(CampaignRow.uuid == campaign_uuid_or_id))
        if row is None:
            raise LookupError(f"campaign {campaign_uuid_or_id} not found")
        if changes.key != row.key:
            raise InvalidSetting(
                value_pt=f"o código da campanha {row.key} não muda (veio {changes.key})",
                value_en=f"the campaign {row.key} keeps its key (got {changes.key})",
            )
        before, after = _stored(_campaign(row)), _stored(changes)
        row.name = changes.name
        row.starts = changes.starts
        row.ends = changes.ends
        row.multiplier_bps = changes.multiplier_bps
        row.bonus_centavos = changes.bonus_centavos
        row.categories = _categories_json(changes)
        row.birthday_month = changes.birthday_month
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="campaign.change",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"campaign:{row.key}",
            before=before,
            after=after,
            changed={k: [before[k], v] for k, v in after.items() if before[k] != v},
        )
        campaign_id = row.id
    station.invalidate()  # the row's write already marks the cache stale; explicit, as store's
    return campaign_id


@announces(Change.PROGRAM)
def set_campaign_active(
    station: Station, campaign_id: int, active: bool, *, staff_id: int, manager_pin: str
) -> None:
    """Switch a campaign on or off from the next sale on; a manager's PIN, audited."""
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar campanha", now)
        row = session.get(CampaignRow, campaign_id)
        if row is None:
            raise LookupError(f"campaign {campaign_id} not found")
        row.active = active
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="campaign.activate" if active else "campaign.deactivate",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"campaign:{row.key}",
        )
