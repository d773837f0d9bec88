"""Pull: what other counters, stores and the endpoint wrote, applied here page by page.

Each page is applied in ONE write transaction, and the cursor saved in it, so a page is
either all here or not at all and a retry starts where the last applied page ended.

- `customer.upsert`: insert or update by uuid. A CPF or phone a different local customer
  already holds is left off (the incoming customer is kept without it) and recorded as a
  local conflict for managers. The marketing consent is taken only when the upsert's
  decision (`consent_changed_at`) is newer than the one held here (posapp.core.consent):
  whatever order the counters' upserts come in, the customer's latest decision stands.
  Her details (name, CPF, phone, e-mail, birthday, referral code) likewise, whole, only
  when edited after the ones held here (`details_changed_at`, posapp.core.details); an
  anonymization always.
- `ledger.entry` of another terminal: inserted as it is (terminal uuid, seq, prev_hash,
  hash), so `db verify` checks the foreign chain too; customer mapped by uuid (a
  placeholder customer when the entry comes first), voucher by code, sale and staff
  NULL; the balance projection moves in step; uuids already present are skipped.
  Voucher state follows `voucher_redeem` / `voucher_restore` / `voucher_cancel`.
- `voucher.issued`: inserted by code.
- `program.changed`: the chain's program becomes this store's.
- `store.joined`: the store's signing key, so its voucher QRs verify here.
- `conflict.recorded` / `conflict.resolved`: the `sync_conflict` table.
- `message.outcome`: what the chain's endpoint did with a message this counter left to it
  (looked up by idempotency key; another counter's message is not here and is passed
  over). A final outcome (sent, skipped, failed) is written as it is; while the endpoint
  still holds the message (queued for a retry, deferred) the row keeps the reason
  'endpoint', so this counter's own delivery never takes it, and shows the endpoint's
  words in its detail.
- `nps.recorded` written by the endpoint (a customer's own answer on the survey page it
  hosts, cloud/survey.py): inserted into `nps_response` with staff NULL, at the answer's
  time, only by the counter that made the sale (the sale is here) of that store. A score
  already recorded for the sale (the cashier's, or this answer pulled before) wins; the
  answer is passed over. The comment is not kept here (`nps_response` has no column for
  it): it stays on the endpoint's `nps_answer` and in the event. A counter's own
  `nps.recorded` (the cashier's score, relayed to the chain) is passed over.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import (
    Customer,
    CustomerBalance,
    LedgerEntry,
    Message,
    NpsResponse,
    Sale,
    Staff,
    Store,
    StoreKey,
    SyncConflict,
    SyncKnown,
    Voucher,
    table_of,
)
from db.salon_models import Appointment
from posapp.core import consent, details
from posapp.core.agenda import REMINDED
from posapp.core.agenda import Status as AppointmentStatus
from posapp.core.codes import new_referral_code
from posapp.core.consent import moment
from posapp.core.errors import PosError
from posapp.core.nps import validate_score
from posapp.core.program import LoyaltyProgram
from posapp.services.common.station import Station
from posapp.services.customers.privacy import ANONYMOUS_NAME
from posapp.services.messages.queue import (
    FAILED,
    REASON_ENDPOINT,
    SENT,
    SKIPPED,
    withdraw_reminders,
)
from posapp.services.sync.client import PulledEvent, SyncClient
from posapp.services.sync.config import save_state, state_in
from posapp.services.sync.push import CUSTOMER, VOUCHER

PLACEHOLDER_NAME = "Cliente de outra loja (sincronizando)"
"""The name of a customer known only from an entry so far; its upsert fills it in."""

_ENTRY = table_of(LedgerEntry)
_BALANCE = table_of(CustomerBalance)
_VOUCHER = table_of(Voucher)
_KNOWN = table_of(SyncKnown)


@dataclass
class PullSummary:
    pages: int = 0
    events: int = 0
    entries: int = 0
    customers: int = 0
    vouchers: int = 0
    conflicts: int = 0
    program_changed: bool = False
    skipped: int = 0
    nps_answers: int = 0
    """Customers' own survey answers added to this counter's NPS."""
    appointments: int = 0
    """Appointments booked or changed at another counter, taken into this book."""
    cursor: int = 0
    identity_clashes: list[str] = field(default_factory=list)


def pull(
    station: Station, client: SyncClient, *, limit: int = 500, max_pages: int = 100
) -> PullSummary:
    """Pull and apply pages after the stored cursor until the endpoint has no more.

    Each page also says whether this counter runs the chain's expiry now (the role can be
    moved on the endpoint when its terminal is retired); it is stored with the page.
    """
    summary = PullSummary()
    with station.read() as session:
        cursor = state_in(session).cursor
    for _ in range(max_pages):
        page = client.pull(cursor, limit)
        apply_page(station, page.events, page.last_seq, summary, runs_expiry=page.runs_expiry)
        cursor = max(cursor, page.last_seq)
        summary.pages += 1
        if not page.more or not page.events:
            break
    summary.cursor = cursor
    if summary.program_changed:
        station.invalidate()
    return summary


def apply_page(
    station: Station,
    events: Sequence[PulledEvent],
    last_seq: int,
    summary: PullSummary | None = None,
    *,
    runs_expiry: bool | None = None,
) -> PullSummary:
    """Apply one page and save the cursor (and `runs_expiry` when given) in ONE write."""
    summary = summary if summary is not None else PullSummary()
    now = station.now()
    with station.write() as session:
        snapshot = station.snapshot(session)
        applier = _Applier(session, snapshot.terminal.uuid, snapshot.store.uuid, now, summary)
        for event in events:
            applier.apply(event)
        state = state_in(session)
        changes: dict[str, object] = {}
        if last_seq > state.cursor:
            changes["cursor"] = last_seq
        if runs_expiry is not None and runs_expiry != state.runs_expiry:
            changes["runs_expiry"] = runs_expiry
        if changes:
            save_state(session, state.with_changes(**changes))
    if summary.program_changed:
        station.invalidate()
    return summary


def record_voucher(
    session: Session,
    body: dict[str, Any],
    *,
    terminal_uuid: str,
    store_uuid: str,
    now: datetime,
    customer_name: str | None = None,
) -> None:
    """Record a voucher of another store as a pulled `voucher.issued` would (the same
    code path), in the caller's write transaction, without moving the pull cursor: by code
    (a voucher already here is left as it is), its customer a placeholder by uuid when not
    here yet (named `customer_name` until its upsert arrives), both marked known so push
    never announces them as this store's. The later pull of the same voucher finds it."""
    applier = _Applier(session, terminal_uuid, store_uuid, now, PullSummary())
    customer_uuid = str(body["customer"])
    known = session.scalar(select(Customer.id).where(Customer.uuid == customer_uuid))
    applier._voucher(body)
    if known is None and customer_name:
        session.execute(
            update(Customer).where(Customer.uuid == customer_uuid).values(name=customer_name)
        )


FORGET_REQUEST = "forget_request"
"""A `SyncConflict` kind: a customer's request, from their page, to be forgotten."""
APPOINTMENT_STATUSES = frozenset(status.value for status in AppointmentStatus)
"""A pulled appointment in any other status is not taken."""


class _Applier:
    def __init__(
        self,
        session: Session,
        terminal_uuid: str,
        store_uuid: str,
        now: datetime,
        summary: PullSummary,
    ) -> None:
        self.session = session
        self.connection = session.connection()
        self.terminal_uuid = terminal_uuid
        self.store_uuid = store_uuid
        self.now = now
        self.summary = summary
        self._customer_ids: dict[str, int] = {}

    def apply(self, event: PulledEvent) -> None:
        self.summary.events += 1
        handler = {
            "customer.upsert": self._customer,
            "ledger.entry": self._entry,
            "voucher.issued": self._voucher,
            "program.changed": self._program,
            "store.joined": self._store_joined,
            "conflict.recorded": self._conflict_recorded,
            "conflict.resolved": self._conflict_resolved,
            "message.outcome": self._message_outcome,
            "appointment.saved": self._appointment,
            "customer.forget_requested": self._forget_requested,
        }.get(event.kind)
        if event.kind == "nps.recorded" and event.terminal_uuid is None:
            handler = self._nps_answer  # the endpoint's: a customer answered its survey page
        if handler is None:
            self.summary.skipped += 1  # passed on, nothing to apply at a counter
            return
        if event.kind == "customer.upsert":  # an older counter's upsert is dated by its event
            self._customer(event.body, moment(event.created_at))
        else:
            handler(event.body)

    # -- customers ---------------------------------------------------------------

    def _mark_known(self, row_uuid: str, kind: str) -> None:
        self.connection.execute(
            sqlite_insert(_KNOWN).on_conflict_do_nothing(), {"uuid": row_uuid, "kind": kind}
        )

    def customer_id(self, customer_uuid: str) -> int:
        """The local id of a customer by uuid; a placeholder when not known yet."""
        found = self._customer_ids.get(customer_uuid)
        if found is not None:
            return found
        found = self.session.scalar(select(Customer.id).where(Customer.uuid == customer_uuid))
        if found is None:
            placeholder = Customer(
                uuid=customer_uuid,
                name=PLACEHOLDER_NAME,
                referral_code=self._free_referral_code(None),
                marketing_consent=False,
                created_at=self.now,
            )
            self.session.add(placeholder)
            self.session.flush()
            found = placeholder.id
            self._mark_known(customer_uuid, CUSTOMER)
        self._customer_ids[customer_uuid] = found
        return found

    def _free_referral_code(self, wanted: str | None, owner_uuid: str | None = None) -> str:
        for candidate in [wanted, *(new_referral_code() for _ in range(20))]:
            if not candidate:
                continue
            holder = self.session.scalar(
                select(Customer.uuid).where(Customer.referral_code == candidate)
            )
            if holder is None or holder == owner_uuid:
                return candidate
        raise RuntimeError("could not find a free referral code")

    def _customer(self, body: dict[str, Any], event_at: datetime | None = None) -> None:
        customer_uuid = str(body["uuid"])
        customer_id = self.customer_id(customer_uuid)
        customer = self.session.get(Customer, customer_id)
        assert customer is not None
        if is_anonymized(customer) and not body.get("anonymized"):
            # Anonymization is one-way: an upsert written by a counter that had not heard of
            # it yet must not put the old data back.
            self.summary.skipped += 1
            return
        edited_at = details.changed_at(body, event_at)
        taken = body.get("anonymized") or details.prevails(edited_at, customer.details_changed_at)
        # A CPF or phone left out (another customer's here) is not the details taken whole:
        # they stay dated as before, so her next upsert, even of the same edit, tries again.
        if taken and self._details(customer, body):
            customer.details_changed_at = edited_at
        self._consent(customer, body, event_at)
        referrer = body.get("referred_by")
        if referrer:
            customer.referred_by_id = self.customer_id(str(referrer))
        created = moment(body.get("created_at"))
        if created is not None:
            customer.created_at = created
        self.session.flush()
        self.summary.customers += 1

    def _details(self, customer: Customer, body: dict[str, Any]) -> bool:
        """The upsert's details on `customer`; False when its CPF or phone was left out,
        held here by another customer (a clash for the managers)."""
        customer_uuid = customer.uuid
        whole = True
        for key, label in (("cpf", "cpf_in_use"), ("phone", "phone_in_use")):
            value = body.get(key) or None
            if value is not None:
                other = self.session.scalar(
                    select(Customer.uuid).where(
                        getattr(Customer, key) == value, Customer.uuid != customer_uuid
                    )
                )
                if other is not None:
                    self._record_clash(label, customer_uuid, other, str(value))
                    value, whole = None, False
            setattr(customer, key, value)
        customer.name = str(body.get("name") or customer.name)
        customer.email = body.get("email") or None
        birthday = body.get("birthday")
        customer.birthday = date.fromisoformat(birthday) if birthday else None
        customer.referral_code = self._free_referral_code(body.get("referral_code"), customer_uuid)
        return whole

    @staticmethod
    def _consent(customer: Customer, body: dict[str, Any], event_at: datetime | None) -> None:
        """The upsert's consent decision only when newer than the one held here: an edit
        written at a counter that had not heard of a withdrawal does not undo it."""
        incoming = consent.decision_of(body, event_at)
        held = consent.held_decision(
            customer.marketing_consent, customer.consent_changed_at, customer.consent_at
        )
        if not consent.prevails(incoming, held):
            return
        customer.marketing_consent = incoming.consent
        customer.consent_at = moment(body.get("consent_at")) if incoming.consent else None
        customer.consent_changed_at = incoming.at

    def _record_clash(self, kind: str, customer_uuid: str, holder_uuid: str, value: str) -> None:
        exists = self.session.scalar(
            select(SyncConflict.id).where(
                SyncConflict.kind == kind,
                SyncConflict.customer_uuid == customer_uuid,
                SyncConflict.status == "open",
            )
        )
        if exists is not None:
            return
        self.session.add(
            SyncConflict(
                server_id=None,
                kind=kind,
                customer_uuid=customer_uuid,
                amount=0,
                detail=f"{value} já é de outro cliente / already held by {holder_uuid}"[:200],
                created_at=self.now,
                status="open",
            )
        )
        self.summary.identity_clashes.append(customer_uuid)
        self.summary.conflicts += 1

    def _forget_requested(self, body: dict[str, Any]) -> None:
        """A customer asked on their page to be forgotten (LGPD): a row for the managers,
        who anonymize them with their PIN or dismiss it (`sync.conflicts`)."""
        customer_uuid = str(body["customer"])
        customer = self.session.scalars(
            select(Customer).where(Customer.uuid == customer_uuid)
        ).first()
        if customer is None or is_anonymized(customer):
            return
        exists = self.session.scalar(
            select(SyncConflict.id).where(
                SyncConflict.kind == FORGET_REQUEST,
                SyncConflict.customer_uuid == customer_uuid,
                SyncConflict.status == "open",
            )
        )
        if exists is not None:
            return
        self.session.add(
            SyncConflict(
                server_id=None,
                kind=FORGET_REQUEST,
                customer_uuid=customer_uuid,
                amount=0,
                detail="O cliente pediu para ser esquecido (LGPD) / "
                "The customer asked to be forgotten (LGPD)",
                created_at=moment(body.get("requested_at")) or self.now,
                status="open",
            )
        )
        self.summary.conflicts += 1

    # -- ledger ------------------------------------------------------------------

    def _entry(self, body: dict[str, Any]) -> None:
        entry_uuid = str(body["uuid"])
        if body.get("terminal") == self.terminal_uuid:
            self.summary.skipped += 1  # our own entry, never inserted twice
            return
        if self.session.scalar(select(_ENTRY.c.id).where(_ENTRY.c.uuid == entry_uuid)):
            self.summary.skipped += 1
            return
        customer_id = self.customer_id(str(body["customer"]))
        code = body.get("voucher")
        voucher_id = (
            self.session.scalar(select(_VOUCHER.c.id).where(_VOUCHER.c.code == code))
            if code
            else None
        )
        created_at = moment(body["created_at"])
        amount = int(body["amount"])
        self.connection.execute(
            insert(_ENTRY),
            {
                "uuid": entry_uuid,
                "terminal_uuid": str(body["terminal"]),
                "seq": int(body["seq"]),
                "kind": str(body["kind"]),
                "customer_id": customer_id,
                "customer_uuid": str(body["customer"]),
                "amount": amount,
                "created_at": created_at,
                "available_from": moment(body.get("available_from")),
                "expires_at": moment(body.get("expires_at")),
                "lot_uuid": body.get("lot"),
                "sale_id": None,
                "sale_uuid": body.get("sale"),
                "refund_id": None,
                "voucher_id": voucher_id,
                "voucher_code": code,
                "related_customer_id": None,
                "staff_id": None,
                "note": body.get("note"),
                "prev_hash": str(body["prev_hash"]),
                "hash": str(body["hash"]),
            },
        )
        moved = self.connection.execute(
            update(_BALANCE)
            .where(_BALANCE.c.customer_id == customer_id)
            .values(units=_BALANCE.c.units + amount, last_entry_at=created_at)
        )
        if moved.rowcount == 0:
            self.connection.execute(
                insert(_BALANCE),
                {"customer_id": customer_id, "units": amount, "last_entry_at": created_at},
            )
        loaded = self.session.identity_map.get((CustomerBalance, (customer_id,), None))
        if loaded is not None:
            self.session.expire(loaded)
        if voucher_id is not None:
            self._voucher_state(voucher_id, str(body["kind"]), created_at)
        self.summary.entries += 1

    def _voucher_state(self, voucher_id: int, kind: str, at: datetime | None) -> None:
        values: dict[str, Any]
        if kind == "voucher_redeem":
            values = {"status": "redeemed", "redeemed_at": at, "redeemed_sale_id": None}
        elif kind == "voucher_restore":
            values = {
                "status": "open",
                "redeemed_at": None,
                "redeemed_sale_id": None,
                "redeemed_amount": 0,
            }
        elif kind == "voucher_cancel":
            values = {"status": "cancelled"}
        else:
            return
        self.connection.execute(update(_VOUCHER).where(_VOUCHER.c.id == voucher_id).values(values))
        loaded = self.session.identity_map.get((Voucher, (voucher_id,), None))
        if loaded is not None:
            self.session.expire(loaded)

    # -- vouchers, program, stores, conflicts ---------------------------------------

    def _voucher(self, body: dict[str, Any]) -> None:
        code = str(body["code"])
        if self.session.scalar(select(_VOUCHER.c.id).where(_VOUCHER.c.code == code)):
            self._mark_known(str(body.get("uuid") or code), VOUCHER)
            return
        voucher_uuid = str(body.get("uuid") or uuid.uuid4())
        issued_at = moment(body.get("issued_at")) or self.now
        expires_at = moment(body.get("expires_at")) or issued_at
        self.connection.execute(
            insert(_VOUCHER),
            {
                "uuid": voucher_uuid,
                "code": code,
                "customer_id": self.customer_id(str(body["customer"])),
                "kind": str(body.get("kind") or "discount"),
                "value": int(body.get("value") or 0),
                "percent_bps": int(body.get("percent_bps") or 0),
                "max_discount": int(body.get("max_discount") or 0),
                "min_purchase": int(body.get("min_purchase") or 0),
                "issued_at": issued_at,
                "expires_at": expires_at,
                "issue_sale_id": None,
                "status": "open",
                "redeemed_sale_id": None,
                "redeemed_at": None,
                "redeemed_amount": 0,
                "store_uuid": str(body["store"]) if body.get("store") else None,
            },
        )
        self._mark_known(voucher_uuid, VOUCHER)
        self.summary.vouchers += 1

    def _program(self, body: dict[str, Any]) -> None:
        program = body.get("program")
        if not isinstance(program, dict):
            return
        adopt_program(self.session, program)
        self.summary.program_changed = True

    def _appointment(self, body: dict[str, Any]) -> None:
        """Another counter's booking or change; the latest `updated_at` wins. Its
        professional is found by uuid, else by name (each counter enrols its own staff);
        with neither, the appointment is not for this counter's book."""
        updated = moment(body.get("updated_at"))
        starts, ends = moment(body.get("starts_at")), moment(body.get("ends_at"))
        status = str(body.get("status") or "")
        if updated is None or starts is None or ends is None or status not in APPOINTMENT_STATUSES:
            self.summary.skipped += 1
            return
        row = self.session.scalar(select(Appointment).where(Appointment.uuid == str(body["uuid"])))
        if row is not None and row.updated_at > updated:  # same moment: the later event wins
            return
        professional = self.session.scalar(
            select(Staff.id).where(Staff.uuid == str(body.get("professional")))
        ) or self.session.scalar(
            select(Staff.id).where(Staff.name == str(body.get("professional_name")), Staff.active)
        )
        if professional is None:
            self.summary.skipped += 1
            return
        customer = body.get("customer")
        values = {
            "group_uuid": str(body.get("group") or body["uuid"]),
            "customer_id": self.customer_id(str(customer)) if customer else None,
            "client_name": str(body.get("client_name") or "")[:120],
            "professional_id": professional,
            "starts_at": starts,
            "ends_at": ends,
            "status": status,
            "services_json": json.dumps(body.get("services") or []),
            "note": str(body.get("note") or "")[:200],
            "sale_uuid": body.get("sale"),
            "updated_at": updated,
        }
        if row is None:
            self.session.add(Appointment(uuid=str(body["uuid"]), created_at=updated, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
        self.session.flush()
        # a reminder this counter queued for the old time or a visit called off there
        withdraw_reminders(self.session, str(body["uuid"]), starts if status in REMINDED else None)
        self.summary.appointments += 1

    def _store_joined(self, body: dict[str, Any]) -> None:
        keep_store_key(self.session, body, self.store_uuid)

    def _conflict_recorded(self, body: dict[str, Any]) -> None:
        server_id = str(body["id"])
        if self.session.scalar(select(SyncConflict.id).where(SyncConflict.server_id == server_id)):
            return
        self.session.add(
            SyncConflict(
                server_id=server_id,
                kind=str(body.get("kind") or "overdraft"),
                customer_uuid=body.get("customer"),
                amount=int(body.get("amount") or 0),
                entry_uuid=body.get("entry"),
                sale_uuid=body.get("sale"),
                terminal_uuid=body.get("terminal_uuid"),
                store_uuid=body.get("store_uuid"),
                created_at=moment(body.get("created_at")) or self.now,
                status=str(body.get("status") or "open"),
            )
        )
        self.session.flush()
        self.summary.conflicts += 1

    def _conflict_resolved(self, body: dict[str, Any]) -> None:
        server_id = str(body["id"])
        conflict = self.session.scalars(
            select(SyncConflict).where(SyncConflict.server_id == server_id)
        ).first()
        if conflict is None:
            self._conflict_recorded(body)
            conflict = self.session.scalars(
                select(SyncConflict).where(SyncConflict.server_id == server_id)
            ).first()
            assert conflict is not None
        if body.get("resolved_terminal_uuid") == self.terminal_uuid and conflict.status == "open":
            # This counter's own resolve, whose answer was lost: it stays open until the
            # manager's retry gets the endpoint's answer and writes the adjustment with it.
            return
        conflict.status = "resolved"
        conflict.resolution = body.get("resolution") or conflict.resolution
        conflict.note = body.get("note") or conflict.note
        conflict.resolved_at = moment(body.get("resolved_at")) or self.now
        self.session.flush()

    # -- customer messages ----------------------------------------------------------------

    def _message_outcome(self, body: dict[str, Any]) -> None:
        message = self.session.scalars(
            select(Message).where(Message.idempotency_key == str(body.get("idempotency_key")))
        ).first()
        status = str(body.get("status") or "")
        if message is None or (message.status in _FINAL and status not in _FINAL):
            # Another counter's message; or a late word on one already settled. A final
            # outcome always wins: it is what happened at the endpoint.
            self.summary.skipped += 1
            return
        detail = body.get("reason_detail")
        message.attempts = int(body.get("attempts") or message.attempts)
        if status in _FINAL:
            message.status = status
            message.reason = str(body.get("reason") or status)[:60]
            message.reason_detail = str(detail)[:300] if detail else None
            message.sent_at = moment(body.get("sent_at"))
            message.next_attempt_at = None
        else:
            message.status = status if status in _WAITING else message.status
            message.reason = REASON_ENDPOINT
            message.reason_detail = (
                f"A central da rede envia esta mensagem ({body.get('reason')}: {detail})"[:300]
            )
        self.session.flush()

    # -- survey answers -------------------------------------------------------------------

    def _nps_answer(self, body: dict[str, Any]) -> None:
        sale_uuid = str(body.get("sale") or "")
        try:
            score = validate_score(body.get("score"))
            at = moment(body.get("at")) or self.now
        except (PosError, ValueError):
            self.summary.skipped += 1
            return
        if (
            body.get("store") != self.store_uuid
            or self.session.scalar(select(Sale.id).where(Sale.uuid == sale_uuid)) is None
            or self.session.scalar(select(NpsResponse.id).where(NpsResponse.sale_uuid == sale_uuid))
            is not None
        ):
            # Another store's or another counter's sale; or scored already (the cashier's
            # score, recorded at the counter, wins over the customer's own).
            self.summary.skipped += 1
            return
        self.session.add(
            NpsResponse(
                sale_uuid=sale_uuid,
                score=score,
                staff_id=None,
                at=at,
                comment=str(body.get("comment") or "")[:500] or None,
            )
        )
        self.session.flush()
        self.summary.nps_answers += 1


_FINAL = frozenset({SENT, SKIPPED, FAILED})
_WAITING = frozenset({"queued", "deferred"})


def is_anonymized(customer: Customer) -> bool:
    return customer.name == ANONYMOUS_NAME and customer.cpf is None and customer.phone is None


def adopt_program(session: Session, program: dict[str, Any]) -> bool:
    """Make the chain's program this store's; True when it changed. Callers invalidate the
    station's cache after the commit."""
    adopted = LoyaltyProgram.from_json(json.dumps(program))
    store = session.scalars(select(Store).order_by(Store.id)).first()
    if store is None or LoyaltyProgram.from_json(store.program_json) == adopted:
        return False
    store.program_json = adopted.to_json()
    session.flush()
    return True


def keep_store_key(session: Session, body: dict[str, Any], local_store_uuid: str) -> None:
    store_uuid = str(body["store_uuid"])
    if store_uuid == local_store_uuid or not body.get("signing_key"):
        return
    key = bytes.fromhex(str(body["signing_key"]))
    row = session.get(StoreKey, store_uuid)
    if row is None:
        session.add(
            StoreKey(store_uuid=store_uuid, name=str(body.get("name") or ""), signing_key=key)
        )
    else:
        row.name, row.signing_key = str(body.get("name") or row.name), key
    session.flush()
