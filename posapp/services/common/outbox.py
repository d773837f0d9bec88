"""Events others must see, written in the same transaction as what caused them."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import append_only
from db.models import OutboxEvent


def emit(session: Session, kind: str, at: datetime, payload: dict[str, Any]) -> None:
    append_only.add(
        session,
        OutboxEvent,
        {
            "uuid": str(uuid.uuid4()),
            "kind": kind,
            "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
            "created_at": at,
        },
    )
