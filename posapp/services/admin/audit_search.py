"""The audit log as a manager reads it: searched, newest first, a page at a time.

Filters: free text (in the action, the target, the details and the names of who
did it and who authorized it), the action, a staff member (as the one who did
it or the one who authorized it) and a range of days in the store's time zone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from db.models import AuditLog, Staff
from posapp.services.common.station import Station

PAGE_SIZE = 50
STORE_ZONE = "America/Sao_Paulo"


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    action: str
    staff_name: str | None
    authorized_by_name: str | None
    target: str | None
    target_name: str | None
    """Who or what the target names, when it is a staff member or the store."""
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditSearch:
    text: str = ""
    action: str | None = None
    staff_id: int | None = None
    since: date | None = None
    until: date | None = None
    """Inclusive, in the store's time zone."""


@dataclass(frozen=True, slots=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_audit(
    station: Station,
    search: AuditSearch = AuditSearch(),
    *,
    page: int = 0,
    page_size: int = PAGE_SIZE,
    timezone: str = STORE_ZONE,
) -> AuditPage:
    who = aliased(Staff)
    approver = aliased(Staff)
    query = (
        select(AuditLog, who.name, approver.name)
        .outerjoin(who, who.id == AuditLog.staff_id)
        .outerjoin(approver, approver.id == AuditLog.authorized_by_id)
    )
    text = search.text.strip()
    if text:
        pattern = f"%{_escape(text)}%"
        query = query.where(
            or_(
                *(
                    column.like(pattern, escape="\\")
                    for column in (
                        AuditLog.action,
                        AuditLog.target,
                        AuditLog.details,
                        who.name,
                        approver.name,
                    )
                )
            )
        )
    if search.action:
        query = query.where(AuditLog.action == search.action)
    if search.staff_id is not None:
        query = query.where(
            or_(AuditLog.staff_id == search.staff_id, AuditLog.authorized_by_id == search.staff_id)
        )
    zone = ZoneInfo(timezone)
    if search.since is not None:
        query = query.where(AuditLog.at >= datetime.combine(search.since, time(), zone))
    if search.until is not None:
        end = datetime.combine(search.until + timedelta(days=1), time(), zone)
        query = query.where(AuditLog.at < end)
    page = max(0, page)
    with station.read() as session:
        total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
        found = session.execute(
            query.order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(page_size)
            .offset(page * page_size)
        ).all()
        names = _target_names(session, [row.target for row, _, _ in found])
        rows = [
            AuditRow(
                row.id,
                row.at,
                row.action,
                staff_name,
                approver_name,
                row.target,
                names.get(row.target or ""),
                _details(row.details),
            )
            for row, staff_name, approver_name in found
        ]
    return AuditPage(rows, total, page, page_size)


def audit_actions(station: Station) -> list[str]:
    """Every action the log holds, for the filter."""
    with station.read() as session:
        return list(session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))


def _details(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}


def _target_names(session: Any, targets: list[str | None]) -> dict[str, str]:
    uuids = {t.split(":", 1)[1] for t in targets if t and t.startswith("staff:")}
    if not uuids:
        return {}
    rows = session.execute(select(Staff.uuid, Staff.name).where(Staff.uuid.in_(uuids)))
    return {f"staff:{uuid}": name for uuid, name in rows}
