"""Who works at the counter: the four roles and a staff member as the screens carry them.

Apart from `services.common.auth` (PINs, the lock) so that the sign-in can be drawn
before the database layer is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
