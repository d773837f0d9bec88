"""Staff PINs: sign-in, lock-out after repeated wrong PINs, and manager approval.

Privileged services take the manager's PIN itself and check it inside their
own unit of work, so no caller can hand them an approval it did not get.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Staff
from posapp.core.errors import AccountLocked, NotAuthorized, WrongPin

MAX_ATTEMPTS = 5
LOCK_TIME = timedelta(minutes=5)
_SCRYPT = {"n": 2**12, "r": 8, "p": 1}


class Role(StrEnum):
    CASHIER = "cashier"
    PROFESSIONAL = "professional"
    MANAGER = "manager"
    ADMIN = "admin"


MANAGER_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class StaffRef:
    id: int
    name: str
    role: Role

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES


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


def authorize_manager(session: Session, pin: str, action: str, now: datetime) -> StaffRef:
    """The active, unlocked manager or admin whose PIN this is; else NotAuthorized."""
    managers = session.scalars(
        select(Staff).where(Staff.active, Staff.role.in_([r.value for r in MANAGER_ROLES]))
    )
    for staff in managers:
        locked = staff.locked_until is not None and staff.locked_until > now
        if not locked and check_pin(pin, staff.pin_hash):
            return ref(staff)
    raise NotAuthorized(action=action)


def acting_staff(session: Session, staff_id: int) -> StaffRef:
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotAuthorized(action="staff")
    return ref(staff)
