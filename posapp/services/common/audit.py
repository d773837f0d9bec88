"""The audit log: who did what, and who authorized it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import append_only
from db.models import AuditLog


def record(
    session: Session,
    *,
    at: datetime,
    terminal_uuid: str,
    action: str,
    staff_id: int | None,
    authorized_by_id: int | None = None,
    target: str | None = None,
    **details: Any,
) -> None:
    append_only.add(
        session,
        AuditLog,
        {
            "at": at,
            "terminal_uuid": terminal_uuid,
            "staff_id": staff_id,
            "authorized_by_id": authorized_by_id,
            "action": action,
            "target": target,
            "details": json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
        },
    )
