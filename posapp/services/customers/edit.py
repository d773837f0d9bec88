"""Correcting a customer's details and recording their marketing consent.

The same rules as enrolment: a valid CPF or mobile number must remain, and
neither may belong to someone else. Granting consent records its moment;
withdrawing it clears it; either way the decision's own moment is kept
(`consent_changed_at`: the chain takes the latest decision, posapp.core.consent).
An edit of the details dates them (`details_changed_at`: the chain takes the latest
edit, posapp.core.details).
Every change is an outbox event ("customer.updated", for the other counters) and an
audit row (who changed what, before and after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import select

from db.models import Customer
from posapp.core.cpf import normalize_cpf
from posapp.core.details import FIELD as DETAILS_CHANGED_AT
from posapp.core.errors import CustomerIdentityRequired, DuplicateCustomer, UnknownCustomer
from posapp.core.phone import normalize_mobile
from posapp.services.common import audit, outbox
from posapp.services.common.auth import acting_staff
from posapp.services.common.station import Station

DETAILS = frozenset({"name", "cpf", "phone", "email", "birthday"})
"""What `details_changed_at` dates (the consent has its own moment)."""


class _Unset(Enum):
    UNSET = "unset"


UNSET = _Unset.UNSET
"""A detail left as it is (None clears an optional detail)."""


@dataclass(frozen=True, slots=True)
class UpdateResult:
    customer_id: int
    changed: dict[str, tuple[Any, Any]]
    """Field -> (before, after); empty when nothing changed (nothing is written then)."""


def update_customer(
    station: Station,
    customer_id: int,
    *,
    staff_id: int,
    name: str | _Unset = UNSET,
    cpf: str | _Unset | None = UNSET,
    phone: str | _Unset | None = UNSET,
    email: str | _Unset | None = UNSET,
    birthday: date | _Unset | None = UNSET,
    marketing_consent: bool | _Unset = UNSET,
) -> UpdateResult:
    """Change what is given; refuse (PosError, nothing written) what enrolment would refuse."""
    wanted: dict[str, Any] = {}
    if not isinstance(name, _Unset):
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValueError("a customer's name cannot be empty")
        wanted["name"] = cleaned
    if not isinstance(cpf, _Unset):
        wanted["cpf"] = normalize_cpf(cpf) if cpf and cpf.strip() else None
    if not isinstance(phone, _Unset):
        wanted["phone"] = normalize_mobile(phone) if phone and phone.strip() else None
    if not isinstance(email, _Unset):
        wanted["email"] = email.strip() if email and email.strip() else None
    if not isinstance(birthday, _Unset):
        wanted["birthday"] = birthday
    if not isinstance(marketing_consent, _Unset):
        wanted["marketing_consent"] = bool(marketing_consent)
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        changed = {
            key: (getattr(customer, key), value)
            for key, value in wanted.items()
            if getattr(customer, key) != value
        }
        if not changed:
            return UpdateResult(customer.id, {})
        cpf_after = changed["cpf"][1] if "cpf" in changed else customer.cpf
        phone_after = changed["phone"][1] if "phone" in changed else customer.phone
        if cpf_after is None and phone_after is None:
            raise CustomerIdentityRequired()
        if "cpf" in changed and cpf_after and _taken(session, Customer.cpf, cpf_after, customer.id):
            raise DuplicateCustomer(field="CPF", value=cpf_after)
        if (
            "phone" in changed
            and phone_after
            and _taken(session, Customer.phone, phone_after, customer.id)
        ):
            raise DuplicateCustomer(field="celular", value=phone_after)
        for key, (_before, after) in changed.items():
            setattr(customer, key, after)
        if "marketing_consent" in changed:
            customer.consent_at = now if customer.marketing_consent else None
            customer.consent_changed_at = now  # the chain's latest decision wins
        if DETAILS & changed.keys():
            customer.details_changed_at = now  # the chain's latest edit wins
        session.flush()
        payload: dict[str, Any] = {key: after for key, (_b, after) in changed.items()}
        if "marketing_consent" in changed:
            payload["consent_at"] = customer.consent_at
            payload["consent_changed_at"] = customer.consent_changed_at
        if DETAILS & changed.keys():
            payload[DETAILS_CHANGED_AT] = customer.details_changed_at
        outbox.emit(
            session,
            "customer.updated",
            now,
            {"customer": customer.uuid, "changes": payload, "staff_id": staff.id},
        )
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="customer.update",
            staff_id=staff.id,
            target=f"customer:{customer.uuid}",
            changed={key: [before, after] for key, (before, after) in changed.items()},
        )
        return UpdateResult(customer.id, changed)


def _taken(session: Any, column: Any, value: str, customer_id: int) -> bool:
    found = session.scalar(select(Customer.id).where(column == value, Customer.id != customer_id))
    return found is not None
