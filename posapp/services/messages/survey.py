"""The satisfaction survey: the receipt's QR, the score the cashier records, NPS per period.

The survey is a setting (key 'survey': on/off and the survey page's URL). When on,
every receipt carries a QR with the survey URL and the sale's signed payload
(`posapp.core.nps`), so the page can tell a real sale from a made-up one. The
cashier can also record a score (0-10) the customer says at the counter: one per
sale (a second is refused), with who recorded it.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import NpsResponse, Sale, Setting, Store
from posapp.core.errors import InvalidSetting, PosError
from posapp.core.nps import (
    NpsSummary,
    Period,
    nps_by_period,
    sign_survey_qr,
    survey_url,
    validate_score,
)
from posapp.services.common import audit, outbox
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.loyalty.tiers import store_zone

KEY = "survey"
ENDPOINT_SURVEY_PATH = "/s"
"""Where the chain's sync endpoint hosts the survey page (cloud/survey.py)."""


class UnknownSale(PosError):
    code = "unknown_sale"
    pt_BR = "Venda não encontrada: {value}."
    en = "Sale not found: {value}."


class ScoreAlreadyRecorded(PosError):
    code = "nps_already_recorded"
    pt_BR = "Esta venda já tem uma nota de satisfação ({score})."
    en = "This sale already has a satisfaction score ({score})."


@dataclass(frozen=True, slots=True)
class SurveySettings:
    enabled: bool = False
    base_url: str = ""
    """The survey page; the receipt's QR is this URL with '?c=<signed payload>'."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SurveySettings:
        data = json.loads(text)
        return cls(bool(data.get("enabled")), str(data.get("base_url", "")))


def read_survey_settings(session: Session) -> SurveySettings:
    row = session.get(Setting, KEY)
    return SurveySettings.from_json(row.value) if row is not None else SurveySettings()


def load_survey_settings(station: Station) -> SurveySettings:
    with station.read() as session:
        return read_survey_settings(session)


def save_survey_settings(
    station: Station, new: SurveySettings, *, staff_id: int, manager_pin: str
) -> SurveySettings:
    if new.enabled and not new.base_url.startswith(("http://", "https://")):
        raise InvalidSetting(
            value_pt="a pesquisa precisa do endereço (URL) da página",
            value_en="the survey needs its page's URL",
        )
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar pesquisa", now)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="settings.survey",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="settings:survey",
            enabled=new.enabled,
            base_url=new.base_url,
        )
        session.merge(Setting(key=KEY, value=new.to_json()))
    return new


def survey_link(settings: SurveySettings, store: Store, sale_uuid: str) -> str | None:
    """The receipt's survey URL for a sale; None when the survey is off."""
    if not settings.enabled or not settings.base_url:
        return None
    return survey_url(settings.base_url, sign_survey_qr(store.uuid, sale_uuid, store.signing_key))


def record_score(station: Station, sale_uuid: str, score: object, staff_id: int) -> int:
    """Record the customer's score (0-10, '9' typed is fine) for a sale; once per sale."""
    value = validate_score(score)
    now = station.now()
    try:
        with station.write() as session:
            staff = acting_staff(session, staff_id)
            if session.scalar(select(Sale.id).where(Sale.uuid == sale_uuid)) is None:
                raise UnknownSale(value=sale_uuid)
            earlier = session.scalar(
                select(NpsResponse.score).where(NpsResponse.sale_uuid == sale_uuid)
            )
            if earlier is not None:
                raise ScoreAlreadyRecorded(score=earlier)
            session.add(NpsResponse(sale_uuid=sale_uuid, score=value, staff_id=staff.id, at=now))
            outbox.emit(session, "nps.recorded", now, {"sale": sale_uuid, "score": value})
    except IntegrityError:  # recorded by another counter's session meanwhile
        raise ScoreAlreadyRecorded(score="?") from None
    return value


def _responses(
    session: Session, start: datetime.datetime, end: datetime.datetime
) -> list[tuple[datetime.datetime, int]]:
    rows = session.execute(
        select(NpsResponse.at, NpsResponse.score).where(
            NpsResponse.at >= start, NpsResponse.at < end
        )
    )
    return [(at, score) for at, score in rows]


def _bounds(
    first: datetime.date, last: datetime.date, zone: ZoneInfo
) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(first, datetime.time(0), zone).astimezone(datetime.UTC)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(0), zone
    ).astimezone(datetime.UTC)
    return start, end


def nps_for_period(
    station: Station, first: datetime.date, last: datetime.date, period: Period = Period.MONTH
) -> dict[datetime.date, NpsSummary]:
    """The NPS of each day, week or month from `first` to `last` (local dates, inclusive)
    that has answers, keyed by the period's first day."""
    with station.read() as session:
        zone = store_zone(session)
        rows = _responses(session, *_bounds(first, last, zone))
    return nps_by_period(((at.astimezone(zone).date(), score) for at, score in rows), period)
