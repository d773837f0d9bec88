"""Staff PINs: sign-in, lock-out after repeated wrong PINs, and manager approval.

Privileged services take the manager's PIN itself and check it inside their
own unit of work, so no caller can hand them an approval it did not get.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditLog, Staff
from posapp.core.errors import (
    AccountLocked,
    ApprovalLocked,
    ManagerPinWrong,
    NotAuthorized,
    WrongPin,
)
from posapp.core.roles import MANAGER_ROLES as MANAGER_ROLES
from posapp.core.roles import Role as Role
from posapp.core.roles import StaffRef as StaffRef

MAX_ATTEMPTS = 5
LOCK_TIME = timedelta(minutes=5)
_SCRYPT = {"n": 2**12, "r": 8, "p": 1}


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    scheme, salt_hex, digest_hex = stored.split("$")
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


def add_staff(session: Session, name: str, role: Role, pin: str, now: datetime) -> Staff:
    staff = Staff(
        uuid=str(uuid.uuid4()),
        name=name,
        role=role.value,
        pin_hash=hash_pin(pin),
        active=True,
        failed_attempts=0,
        created_at=now,
    )
    session.add(staff)
    session.flush()
    return staff


def ref(staff: Staff) -> StaffRef:
    return StaffRef(staff.id, staff.name, Role(staff.role))


def sign_in(session: Session, staff_id: int, pin: str, now: datetime) -> StaffRef:
    """Check one staff member's PIN; five misses lock the account for five minutes."""
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise WrongPin()
    if staff.locked_until is not None and staff.locked_until > now:
        minutes = max(1, math.ceil((staff.locked_until - now).total_seconds() / 60))
        raise AccountLocked(minutes=minutes)
    if not check_pin(pin, staff.pin_hash):
        staff.failed_attempts += 1
        if staff.failed_attempts >= MAX_ATTEMPTS:
            staff.locked_until = now + LOCK_TIME
            staff.failed_attempts = 0
        session.flush()
        raise WrongPin()
    staff.failed_attempts = 0
    staff.locked_until = None
    return ref(staff)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A privileged attempt refused: audited by the station after its unit of work rolls
    back (so the refusal stays on record although nothing else of the attempt does)."""

    action: str
    reason: str
    """"no_pin", "wrong_pin", "not_manager" (a cashier's PIN) or "locked"."""
    at: datetime
    tried_by: int | None
    """The staff member acting (signed in) when known."""
    pin_of: int | None
    """Whose PIN was typed, when it is some non-manager's."""


REFUSED = "auth.refused"
ACTING = "acting_staff_id"


def authorize_manager(session: Session, pin: str | None, action: str, now: datetime) -> StaffRef:
    """The active, unlocked manager or admin whose PIN this is; else NotAuthorized.

    No PIN (None, empty) is a plain refusal; a wrong or a cashier's PIN says the PIN was
    wrong; five wrong PINs within five minutes lock manager approval for five minutes,
    as sign-in does. Every refusal carries a `Refusal` the station audits.
    """
    tried_by = session.info.get(ACTING)
    wrong = recent_wrong_pins(session, now)
    if len(wrong) >= MAX_ATTEMPTS:
        until = wrong[MAX_ATTEMPTS - 1] + LOCK_TIME
        minutes = max(1, math.ceil((until - now).total_seconds() / 60))
        raise _refused(
            ApprovalLocked(action=action, minutes=minutes),
            Refusal(action, "locked", now, tried_by, None),
        )
    if not isinstance(pin, str) or not pin.strip():
        raise _refused(NotAuthorized(action=action), Refusal(action, "no_pin", now, tried_by, None))
    managers = session.scalars(
        select(Staff).where(Staff.active, Staff.role.in_([r.value for r in MANAGER_ROLES]))
    )
    for staff in managers:
        locked = staff.locked_until is not None and staff.locked_until > now
        if not locked and check_pin(pin, staff.pin_hash):
            return ref(staff)
    others = session.scalars(
        select(Staff).where(Staff.active, Staff.role.not_in([r.value for r in MANAGER_ROLES]))
    )
    holder = next((s.id for s in others if check_pin(pin, s.pin_hash)), None)
    reason = "wrong_pin" if holder is None else "not_manager"
    raise _refused(ManagerPinWrong(action=action), Refusal(action, reason, now, tried_by, holder))


def recent_wrong_pins(session: Session, now: datetime) -> list[datetime]:
    """When wrong PINs were typed at manager prompts in the last lock time, newest first."""
    rows = session.execute(
        select(AuditLog.at, AuditLog.details)
        .where(AuditLog.action == REFUSED, AuditLog.at > now - LOCK_TIME, AuditLog.at <= now)
        .order_by(AuditLog.at.desc())
    )
    return [at for at, details in rows if _reason(details) in ("wrong_pin", "not_manager")]


def _reason(details: str | None) -> str:
    try:
        return str(json.loads(details or "{}").get("reason", ""))
    except (ValueError, AttributeError):
        return ""


def _refused(error: NotAuthorized, refusal: Refusal) -> NotAuthorized:
    error.refusal = refusal  # type: ignore[attr-defined]
    return error


def acting_staff(session: Session, staff_id: int) -> StaffRef:
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotAuthorized(action="staff")
    session.info[ACTING] = staff.id  # who tried, should a manager's approval be refused
    return ref(staff)
