"""Events: push (apply a batch in one transaction), pull (by cursor), and the ledger's apply.

Every writer of a chain's events holds the chain row's lock (`lock_chain`, or
`reserve_seqs` for a push) and takes the next seq from it, so within a chain seq
order is commit order: a counter that has pulled up to seq N never misses an event
committed later with a smaller seq. Conflict detection runs under the same lock, in
seq order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import case, select, update
from sqlalchemy.orm import Session, defer

from cloud import bulk, event_checks, messages, secrets, survey
from cloud.chains import iso, reserve_seqs
from cloud.errors import ApiError
from cloud.ledger_batch import ChainLinks, EntryWriter
from cloud.models import Chain, Customer, Event, ForgetRequest, LedgerEntry, Terminal, Voucher
from cloud.phones import phone_digits
from cloud.schemas import (
    AppointmentBody,
    CustomerBody,
    EventIn,
    EventOut,
    LedgerEntryBody,
    MessageQueuedBody,
    ProgramChangedBody,
    VoucherBody,
)
from cloud.secrets import SecretBox, WrongSecretKey
from posapp.core import consent, details
from posapp.core.consent import Decision
from posapp.core.errors import InvalidProgram
from posapp.core.ledger import chain_hash
from posapp.core.program import LoyaltyProgram

SERVER_KINDS = frozenset(
    {"store.joined", "conflict.recorded", "conflict.resolved", messages.OUTCOME_KIND}
)
"""Kinds only the server writes: a counter pushing one is refused."""
APPOINTMENT_KIND = "appointment.saved"
"""A salon appointment booked or changed at a counter (checked, stored, pulled as is)."""
RECORD_KEYS = (
    "uuid", "terminal", "seq", "kind", "customer", "amount", "created_at",
    "available_from", "expires_at", "lot", "sale", "voucher", "note",
)  # fmt: skip
"""The keys the hash covers (posapp.services.loyalty.ledger.entry_record)."""


READABLE_FROM = datetime(1900, 1, 1, tzinfo=UTC)
READABLE_UNTIL = datetime(9000, 1, 1, tzinfo=UTC)


def hello_required() -> ApiError:
    return ApiError(
        409,
        "hello_required",
        "Este terminal ainda não se apresentou (POST /v1/hello).",
        "This terminal has not said hello yet (POST /v1/hello).",
    )


def invalid_event(index: int, event_uuid: str, why_pt: str, why_en: str) -> ApiError:
    return ApiError(
        422,
        "invalid_event",
        f"Evento {index} ({event_uuid}) recusado: {why_pt}. Nada do lote foi aplicado.",
        f"Event {index} ({event_uuid}) refused: {why_en}. Nothing of the batch was applied.",
        index=index,
        uuid=event_uuid,
    )


@dataclass(frozen=True, slots=True)
class PushResult:
    accepted: int
    duplicates: int
    last_seq: int


@dataclass(slots=True)
class _Batch:
    """What a push writes at its end, in bulk: events, entries, customers."""

    chain: Chain
    terminal: Terminal
    entries: EntryWriter
    next_seq: int
    """The first of the seqs `reserve_seqs` took for the batch's new events."""
    events: list[dict[str, Any]] = field(default_factory=list)
    customers: dict[str, CustomerBody] = field(default_factory=dict)
    consent: dict[str, Decision] = field(default_factory=dict)
    """Each customer's newest consent decision among the batch's upserts."""
    edited: dict[str, datetime | None] = field(default_factory=dict)
    """When the details of each customer's upsert kept in `customers` were edited."""

    def store(self, event: EventIn, body: dict[str, Any] | None = None) -> int:
        """The event with the batch's next reserved seq (inserted at `write`)."""
        seq = self.next_seq
        self.next_seq += 1
        self.events.append(
            {
                "chain_id": self.chain.id,
                "seq": seq,
                "uuid": event.uuid,
                "kind": event.kind,
                "created_at": event.created_at,
                "terminal_uuid": self.terminal.terminal_uuid,
                "store_uuid": self.terminal.store_uuid,
                "body": event.body if body is None else body,
                "received_at": datetime.now(UTC),
            }
        )
        return seq

    def write_customers(self, session: Session) -> None:
        if self.customers:
            _upsert_customers(session, self.chain, self)
            self.customers, self.consent, self.edited = {}, {}, {}

    def write(self, session: Session) -> None:
        self.write_customers(session)
        self.entries.flush()
        if not self.events:
            return
        # The terminal's own pushes are serialized by its row lock, so only another
        # terminal pushing the same uuid meanwhile can conflict here: the whole batch is
        # then refused (409, retried later as duplicates), not half kept.
        # executemany with RETURNING: SQLAlchemy's "insertmanyvalues", a few multi-row
        # INSERTs from one cached statement (not one round trip per row)
        stored = bulk.insert_rows(
            session,
            Event.__table__,  # type: ignore[arg-type]
            self.events,
            tail="ON CONFLICT (chain_id, uuid) DO NOTHING RETURNING id",
        )
        if len(stored) != len(self.events):
            raise ApiError(
                409,
                "retry",
                "Outra operação alterou os mesmos dados; tente de novo.",
                "Another operation changed the same data; try again.",
            )


def push(session: Session, terminal: Terminal, events: list[EventIn]) -> PushResult:
    """Apply a batch: new events in order, known ones (by uuid) counted and skipped.

    Every event is checked (kind, ranges, body) before anything is written; the writes
    go out in a few bulk statements at the end, all in the caller's transaction, which
    holds the terminal's row lock (`cloud.auth.terminal_of`).
    """
    if terminal.terminal_uuid is None:
        raise hello_required()
    # The checks and the duplicates run before the chain's lock is taken, so the chain's
    # other counters wait only for the writes. The terminal's own events cannot be stored
    # meanwhile (its row lock); one known now stays known (events are never deleted).
    uuids = {event.uuid for event in events}
    known = _known_events(session, terminal.chain_id, uuids)
    now = datetime.now(UTC)
    for index, event in enumerate(events):
        if event.uuid not in known:  # a retried event is a duplicate, whatever it holds
            _check(index, event, now)
    entries = _entry_bodies(events, terminal, known)
    # A terminal's entries are written only by its own pushes, which its row lock (taken
    # by `cloud.auth.terminal_of`) serializes: what the server holds of them cannot change
    # until this transaction ends, so they are read before the chain's lock too.
    known_entries = set(
        session.scalars(
            select(LedgerEntry.uuid).where(
                LedgerEntry.chain_id == terminal.chain_id,
                bulk.any_of(LedgerEntry.uuid, {body.uuid for body in entries.values()}),
            )
        )
    )
    links = ChainLinks(
        session,
        terminal.chain_id,
        terminal.terminal_uuid,
        [body.seq for body in entries.values() if body.uuid not in known_entries],
    )
    fresh: list[int] = []
    for index, event in enumerate(events):
        if event.uuid in known:
            continue
        known.add(event.uuid)
        entry = entries.get(index)
        if entry is not None:
            if entry.uuid in known_entries:
                continue  # the same entry under another event uuid
            known_entries.add(entry.uuid)
            links.check(entry, index, event.uuid)
        fresh.append(index)
    # Only the writes and what reads the chain's shared state run under the chain's lock:
    # one statement locks the row and takes the batch's seqs.
    chain = reserve_seqs(session, terminal.chain_id, len(fresh))
    batch = _Batch(chain, terminal, EntryWriter(session, chain), chain.last_seq - len(fresh) + 1)
    with session.no_autoflush:
        for index in fresh:
            event, entry = events[index], entries.get(index)
            if entry is not None:
                seq = batch.store(event)
                batch.entries.apply(entry, seq, store_uuid=terminal.store_uuid)
            else:
                _apply(session, batch, index, event)
    batch.write(session)
    return PushResult(len(fresh), len(events) - len(fresh), chain.last_seq)


def _known_events(session: Session, chain_id: str, uuids: set[str]) -> set[str]:
    return set(
        session.scalars(
            select(Event.uuid).where(Event.chain_id == chain_id, bulk.any_of(Event.uuid, uuids))
        )
    )


def _check(index: int, event: EventIn, now: datetime) -> None:
    """Refuse a kind only the server writes, or a value out of its range."""
    if event.kind in SERVER_KINDS:
        raise invalid_event(
            index, event.uuid, f"'{event.kind}' só o servidor escreve",
            f"only the server writes '{event.kind}'",
        )  # fmt: skip
    refusal = event_checks.check_event(event.kind, event.created_at, event.body, now)
    if refusal is not None:
        raise invalid_event(index, event.uuid, *refusal)


def _entry_bodies(
    events: list[EventIn], terminal: Terminal, known: set[str]
) -> dict[int, LedgerEntryBody]:
    """The batch's new ledger entries by index, each parsed, hash-checked and the caller's."""
    found: dict[int, LedgerEntryBody] = {}
    for index, event in enumerate(events):
        if event.kind != "ledger.entry" or event.uuid in known:
            continue
        raw = event.body
        try:
            body = LedgerEntryBody.model_validate(raw)
        except ValidationError as error:
            why = _first_error(error)
            raise invalid_event(index, event.uuid, why, why) from None
        record = {key: raw[key] for key in RECORD_KEYS}
        if chain_hash(body.prev_hash, record) != body.hash:
            raise ApiError(
                422,
                "invalid_hash",
                f"Lançamento {body.uuid}: o hash não confere com o registro. "
                "Nada do lote foi aplicado.",
                f"Entry {body.uuid}: the hash does not match the record. "
                "Nothing of the batch was applied.",
                index=index,
                uuid=event.uuid,
            )
        if body.terminal != terminal.terminal_uuid:
            raise invalid_event(
                index, event.uuid, "um terminal só envia os próprios lançamentos",
                "a terminal pushes only its own entries",
            )  # fmt: skip
        found[index] = body
    return found


def _apply(session: Session, batch: _Batch, index: int, event: EventIn) -> None:
    """Apply one new event that is not a ledger entry, and keep it for the pull."""
    chain, terminal = batch.chain, batch.terminal
    body: dict[str, Any] | None = None
    try:
        if event.kind == "customer.upsert":
            _merge_customer(batch, CustomerBody.model_validate(event.body), event.created_at)
        elif event.kind == "voucher.issued":
            _insert_voucher(session, chain, VoucherBody.model_validate(event.body), event.body)
        elif event.kind == "program.changed":
            changed = ProgramChangedBody.model_validate(event.body)
            chain.program = _checked_program(changed.program, index, event.uuid)
            chain.program_store_uuid = changed.store_uuid or terminal.store_uuid
        elif event.kind == "message.queued":
            queued = MessageQueuedBody.model_validate(event.body)
            batch.write_customers(session)  # an anonymization before it applies first
            messages.receive(
                session, chain, queued, event_uuid=event.uuid, store_uuid=terminal.store_uuid
            )
            # The message table has the words and the address; the event log, which every
            # counter pulls and which is kept for good, keeps only what names the message.
            body = messages.event_summary(queued)
        elif event.kind == APPOINTMENT_KIND:  # kept for the pull; no table at the endpoint
            AppointmentBody.model_validate(event.body)
        elif event.kind == survey.KIND:  # the cashier's score: the survey page then knows
            survey.note_counter_score(session, chain.id, terminal.store_uuid, event.body)
    except ValidationError as error:
        raise invalid_event(index, event.uuid, _first_error(error), _first_error(error)) from None
    batch.store(event, body)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    return f"{where}: {first['msg']}"


def _checked_program(program: dict[str, Any], index: int, event_uuid: str) -> dict[str, Any]:
    try:
        LoyaltyProgram.from_json(json.dumps(program))
    except (InvalidProgram, TypeError, KeyError, ValueError) as error:
        raise invalid_event(
            index, event_uuid, f"programa inválido ({error})", f"invalid program ({error})"
        ) from None
    return program


def _merge_customer(batch: _Batch, body: CustomerBody, event_at: datetime) -> None:
    """The batch's upsert of the customer with the latest edit of the details wins (an
    anonymization always, and nothing over it); its consent, only when no other upsert of
    the batch states a newer decision."""
    earlier = batch.customers.get(body.uuid)
    data = body.model_dump(mode="json")
    decision = consent.decision_of(data, event_at)
    held = batch.consent.get(body.uuid)
    if held is None or consent.prevails(decision, held):
        batch.consent[body.uuid] = decision
    edited_at = details.changed_at(data, event_at)
    if (
        earlier is not None
        and not body.anonymized
        and (earlier.anonymized or not details.prevails(edited_at, batch.edited[body.uuid]))
    ):
        return
    batch.customers[body.uuid] = body
    batch.edited[body.uuid] = edited_at


def _consent_data(decision: Decision) -> dict[str, Any]:
    return {
        "marketing_consent": decision.consent,
        consent.FIELD: iso(decision.at) if decision.at is not None else None,
    }


def _upsert_customers(session: Session, chain: Chain, batch: _Batch) -> None:
    """Insert or update by uuid. The details go in only when edited after the ones held
    (`posapp.core.details`), an anonymization always; the consent decision only when
    newer than the one held (`posapp.core.consent`): an upsert written where a withdrawal
    was not known yet keeps its other fields, not its consent. The rows are locked, so a
    push and a customer's SAIR on WhatsApp (cloud/whatsapp.py) are applied one after the
    other."""
    now = datetime.now(UTC)
    bodies = list(batch.customers.values())
    held = {
        row.uuid: row
        for row in session.execute(
            select(
                Customer.uuid,
                Customer.data,
                Customer.consent_changed_at,
                Customer.details_changed_at,
            )
            .where(
                Customer.chain_id == chain.id, bulk.any_of(Customer.uuid, {b.uuid for b in bodies})
            )
            .with_for_update()
        )
    }
    rows = []
    for body in bodies:
        incoming = body.model_dump(mode="json")
        data, edited_at = incoming, batch.edited[body.uuid]
        earlier = held.get(body.uuid)
        if (
            earlier is not None
            and not body.anonymized
            and not details.prevails(edited_at, earlier.details_changed_at)
        ):
            data, edited_at = dict(earlier.data), earlier.details_changed_at  # newer held
        consent_at = incoming.get("consent_at")
        decision = batch.consent[body.uuid]  # every upsert kept in the batch has one
        if earlier is not None:
            kept = consent.held_in(earlier.data, earlier.consent_changed_at)
            if not consent.prevails(decision, kept):
                decision = kept
                consent_at = earlier.data.get("consent_at")
        data["consent_at"] = consent_at if decision.consent else None
        data.update(_consent_data(decision))
        data[details.FIELD] = iso(edited_at) if edited_at is not None else None
        rows.append(_customer_row(chain, data, decision, edited_at, now))
    changed = ", ".join(
        f"{key} = EXCLUDED.{key}" for key in rows[0] if key not in ("chain_id", "uuid")
    )
    bulk.insert_rows(
        session,
        Customer.__table__,  # type: ignore[arg-type]
        rows,
        # Anonymization is one-way: a late upsert from a counter that had not heard of it
        # must not put the person's data back.
        tail=f"ON CONFLICT (chain_id, uuid) DO UPDATE SET {changed} "
        "WHERE target.anonymized IS FALSE OR EXCLUDED.anonymized IS TRUE",
    )
    for body in bodies:
        if body.anonymized:
            messages.scrub_customer(session, chain.id, body.uuid)
            session.execute(  # a manager forgot them at a counter: their request is done
                update(ForgetRequest)
                .where(
                    ForgetRequest.chain_id == chain.id,
                    ForgetRequest.customer_uuid == body.uuid,
                    ForgetRequest.status == "open",
                )
                .values(status="done")
            )


def _customer_row(
    chain: Chain,
    data: dict[str, Any],
    decision: Decision,
    edited_at: datetime | None,
    now: datetime,
) -> dict[str, Any]:
    cpf = "".join(ch for ch in data.get("cpf") or "" if ch.isdigit()) or None
    email = data.get("email")
    anonymized = bool(data.get("anonymized"))
    phone = data.get("phone")  # a string; a number is read as data->>'phone' reads it
    if isinstance(phone, int):
        phone = str(phone)
    return {
        "chain_id": chain.id,
        "uuid": data["uuid"],
        "cpf": cpf if cpf and len(cpf) == 11 else None,
        "email": email.strip().lower() if email else None,
        # how the page's sign-in and the WhatsApp opt-out find her (cloud.phones)
        "phone_digits": None if anonymized or not isinstance(phone, str) else phone_digits(phone),
        "anonymized": anonymized,
        "data": data,
        "consent_changed_at": decision.at,
        "details_changed_at": edited_at,
        "updated_at": now,
    }


def _insert_voucher(session: Session, chain: Chain, body: VoucherBody, raw: dict[str, Any]) -> None:
    """Insert by code; a voucher known only from its redemption gets its details now."""
    voucher = session.get(Voucher, (chain.id, body.code), with_for_update=True)
    if voucher is None:
        voucher = Voucher(chain_id=chain.id, code=body.code, status="open")
        session.add(voucher)
    elif voucher.data is not None:
        return  # insert by code: the first issue wins
    voucher.customer_uuid = body.customer
    voucher.value = body.value or 0
    voucher.expires_at = body.expires_at
    voucher.data = raw
    session.flush()


def apply_entry(
    session: Session,
    chain: Chain,
    body: LedgerEntryBody,
    event_seq: int,
    *,
    store_uuid: str | None,
) -> None:
    """Insert one entry, move the chain-wide balance, voucher state, holds; record conflicts."""
    writer = EntryWriter(session, chain)
    writer.apply(body, event_seq, store_uuid=store_uuid)
    writer.flush()


def pull(
    session: Session, terminal: Terminal, after: int, limit: int
) -> tuple[list[EventOut], int, bool]:
    """The chain's events after the cursor, not written by the caller, in seq order."""
    if terminal.terminal_uuid is None:
        raise hello_required()
    # An event stored before its time was checked (a created_at in year 10000, which
    # PostgreSQL keeps and Python cannot read) is sent with the time it was received,
    # rather than failing every pull of the chain.
    created_at = case(
        (Event.created_at.between(READABLE_FROM, READABLE_UNTIL), Event.created_at),
        else_=Event.received_at,
    )
    found = session.execute(
        select(Event, created_at)
        .options(defer(Event.created_at))
        .where(
            Event.chain_id == terminal.chain_id,
            Event.seq > after,
            Event.terminal_uuid.is_distinct_from(terminal.terminal_uuid),
        )
        .order_by(Event.seq)
        .limit(limit + 1)
    ).all()
    more = len(found) > limit
    rows = [(row, moment) for row, moment in found[:limit]]
    box = secrets.box_for(session)
    try:
        events = [
            EventOut(
                seq=row.seq,
                uuid=row.uuid,
                kind=row.kind,
                created_at=iso(moment) or "",
                terminal_uuid=row.terminal_uuid,
                store_uuid=row.store_uuid,
                body=_opened(box, row),
            )
            for row, moment in rows
        ]
    except WrongSecretKey as wrong:
        raise wrong.api_error() from None
    return events, rows[-1][0].seq if rows else after, more


def _opened(box: SecretBox, row: Event) -> dict[str, Any]:
    """The body as the counters get it: a `store.joined` key is stored sealed, sent in clear."""
    key, store_uuid = row.body.get("signing_key"), row.body.get("store_uuid")
    if row.kind != "store.joined" or not isinstance(key, str) or not isinstance(store_uuid, str):
        return row.body
    place = secrets.signing_key_place(store_uuid)
    return {**row.body, "signing_key": box.open(row.chain_id, place, key)}
