"""Events: push (apply a batch in one transaction), pull (by cursor), and the ledger's apply.

Every writer of a chain's events holds the chain row's lock (`lock_chain`) and
takes the next seq from it, so within a chain seq order is commit order: a
counter that has pulled up to seq N never misses an event committed later with
a smaller seq. Conflict detection runs under the same lock, in seq order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cloud import conflicts, messages, secrets, survey
from cloud.chains import append_event, iso, lock_chain
from cloud.errors import ApiError
from cloud.models import (
    Chain,
    Customer,
    CustomerBalance,
    Event,
    Hold,
    LedgerEntry,
    Terminal,
    Voucher,
)
from cloud.schemas import (
    CustomerBody,
    EventIn,
    EventOut,
    LedgerEntryBody,
    MessageQueuedBody,
    ProgramChangedBody,
    VoucherBody,
)
from cloud.secrets import SecretBox, WrongSecretKey
from posapp.core.errors import InvalidProgram
from posapp.core.ledger import GENESIS_HASH, chain_hash
from posapp.core.program import LoyaltyProgram

SERVER_KINDS = frozenset(
    {"store.joined", "conflict.recorded", "conflict.resolved", messages.OUTCOME_KIND}
)
"""Kinds only the server writes: a counter pushing one is refused."""
RECORD_KEYS = (
    "uuid", "terminal", "seq", "kind", "customer", "amount", "created_at",
    "available_from", "expires_at", "lot", "sale", "voucher", "note",
)  # fmt: skip
"""The keys the hash covers (posapp.services.ledger.entry_record)."""
OVERDRAFT_KINDS = frozenset({"redeem", "voucher_issue"})


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


def push(session: Session, terminal: Terminal, events: list[EventIn]) -> PushResult:
    """Apply a batch: new events in order, known ones (by uuid) counted and skipped."""
    chain = lock_chain(session, terminal.chain_id)
    if terminal.terminal_uuid is None:
        raise hello_required()
    uuids = {event.uuid for event in events}
    known = set(
        session.scalars(select(Event.uuid).where(Event.chain_id == chain.id, Event.uuid.in_(uuids)))
    )
    accepted = duplicates = 0
    for index, event in enumerate(events):
        if event.uuid in known:
            duplicates += 1
            continue
        known.add(event.uuid)
        if _apply(session, chain, terminal, index, event):
            accepted += 1
        else:
            duplicates += 1
    return PushResult(accepted, duplicates, chain.last_seq)


def _apply(session: Session, chain: Chain, terminal: Terminal, index: int, event: EventIn) -> bool:
    """Apply one new event; False when it repeats something already applied."""
    if event.kind in SERVER_KINDS:
        raise invalid_event(
            index, event.uuid, f"'{event.kind}' só o servidor escreve",
            f"only the server writes '{event.kind}'",
        )  # fmt: skip
    try:
        if event.kind == "ledger.entry":
            return _push_entry(session, chain, terminal, index, event)
        if event.kind == "customer.upsert":
            _upsert_customer(session, chain, CustomerBody.model_validate(event.body))
        elif event.kind == "voucher.issued":
            _insert_voucher(session, chain, VoucherBody.model_validate(event.body), event.body)
        elif event.kind == "program.changed":
            changed = ProgramChangedBody.model_validate(event.body)
            chain.program = _checked_program(changed.program, index, event.uuid)
            chain.program_store_uuid = changed.store_uuid or terminal.store_uuid
        elif event.kind == "message.queued":
            queued = MessageQueuedBody.model_validate(event.body)
            messages.receive(
                session, chain, queued, event_uuid=event.uuid, store_uuid=terminal.store_uuid
            )
            # The message table has the words and the address; the event log, which every
            # counter pulls and which is kept for good, keeps only what names the message.
            event = event.model_copy(update={"body": messages.event_summary(queued)})
        elif event.kind == survey.KIND:  # the cashier's score: the survey page then knows
            survey.note_counter_score(session, chain.id, terminal.store_uuid, event.body)
    except ValidationError as error:
        raise invalid_event(index, event.uuid, _first_error(error), _first_error(error)) from None
    _store(session, chain, terminal, event)
    return True


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    return f"{where}: {first['msg']}"


def _store(session: Session, chain: Chain, terminal: Terminal, event: EventIn) -> Event:
    return append_event(
        session,
        chain,
        kind=event.kind,
        body=event.body,
        event_uuid=event.uuid,
        created_at=event.created_at,
        terminal_uuid=terminal.terminal_uuid,
        store_uuid=terminal.store_uuid,
    )


def _checked_program(program: dict[str, Any], index: int, event_uuid: str) -> dict[str, Any]:
    try:
        LoyaltyProgram.from_json(json.dumps(program))
    except (InvalidProgram, TypeError, KeyError, ValueError) as error:
        raise invalid_event(
            index, event_uuid, f"programa inválido ({error})", f"invalid program ({error})"
        ) from None
    return program


def _upsert_customer(session: Session, chain: Chain, body: CustomerBody) -> None:
    cpf = "".join(ch for ch in body.cpf or "" if ch.isdigit()) or None
    values = {
        "chain_id": chain.id,
        "uuid": body.uuid,
        "cpf": cpf if cpf and len(cpf) == 11 else None,
        "email": body.email.strip().lower() if body.email else None,
        "anonymized": bool(body.anonymized),
        "data": body.model_dump(mode="json"),
        "updated_at": datetime.now(UTC),
    }
    statement = insert(Customer).values(values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[Customer.chain_id, Customer.uuid],
            set_={
                key: statement.excluded[key] for key in values if key not in {"chain_id", "uuid"}
            },
            # Anonymization is one-way: a late upsert from a counter that had not heard of
            # it must not put the person's data back.
            where=or_(Customer.anonymized.is_(False), statement.excluded.anonymized.is_(True)),
        )
    )
    if body.anonymized:
        messages.scrub_customer(session, chain.id, body.uuid)


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


def _push_entry(
    session: Session, chain: Chain, terminal: Terminal, index: int, event: EventIn
) -> bool:
    raw = event.body
    try:
        body = LedgerEntryBody.model_validate(raw)
    except ValidationError as error:
        raise invalid_event(index, event.uuid, _first_error(error), _first_error(error)) from None
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
    if (
        session.scalars(
            select(LedgerEntry.id).where(
                LedgerEntry.chain_id == chain.id, LedgerEntry.uuid == body.uuid
            )
        ).first()
        is not None
    ):
        return False
    _check_chain_link(session, chain, body, index, event.uuid)
    stored = _store(session, chain, terminal, event)
    apply_entry(session, chain, body, stored.seq, store_uuid=terminal.store_uuid)
    return True


def _check_chain_link(
    session: Session, chain: Chain, body: LedgerEntryBody, index: int, event_uuid: str
) -> None:
    """The entry must follow its terminal's previous entry when the server has that one."""
    taken = session.scalars(
        select(LedgerEntry.uuid).where(
            LedgerEntry.chain_id == chain.id,
            LedgerEntry.terminal_uuid == body.terminal,
            LedgerEntry.seq == body.seq,
        )
    ).first()
    if taken is not None:
        raise ApiError(
            422,
            "ledger_fork",
            f"O terminal já enviou outro lançamento com seq {body.seq}.",
            f"The terminal already pushed another entry with seq {body.seq}.",
            index=index,
            uuid=event_uuid,
        )
    if body.seq == 1:
        previous: str | None = GENESIS_HASH
    else:
        previous = session.scalars(
            select(LedgerEntry.hash).where(
                LedgerEntry.chain_id == chain.id,
                LedgerEntry.terminal_uuid == body.terminal,
                LedgerEntry.seq == body.seq - 1,
            )
        ).first()
    if previous is not None and previous != body.prev_hash:
        raise ApiError(
            422,
            "broken_chain",
            f"Lançamento {body.uuid}: prev_hash não é o hash do lançamento anterior do terminal.",
            f"Entry {body.uuid}: prev_hash is not the hash of the terminal's previous entry.",
            index=index,
            uuid=event_uuid,
        )


def apply_entry(
    session: Session,
    chain: Chain,
    body: LedgerEntryBody,
    event_seq: int,
    *,
    store_uuid: str | None,
) -> None:
    """Insert the entry, move the chain-wide balance, voucher state, holds; record conflicts."""
    session.add(
        LedgerEntry(
            chain_id=chain.id,
            uuid=body.uuid,
            terminal_uuid=body.terminal,
            seq=body.seq,
            kind=body.kind,
            customer_uuid=body.customer,
            amount=body.amount,
            created_at=body.created_at,
            available_from=body.available_from,
            expires_at=body.expires_at,
            lot_uuid=body.lot,
            sale_uuid=body.sale,
            voucher_code=body.voucher,
            note=body.note,
            prev_hash=body.prev_hash,
            hash=body.hash,
            event_seq=event_seq,
        )
    )
    statement = insert(CustomerBalance).values(
        chain_id=chain.id, customer_uuid=body.customer, total=body.amount, applied_seq=event_seq
    )
    total = session.execute(
        statement.on_conflict_do_update(
            index_elements=[CustomerBalance.chain_id, CustomerBalance.customer_uuid],
            set_={
                "total": CustomerBalance.total + statement.excluded.total,
                "applied_seq": statement.excluded.applied_seq,
            },
        ).returning(CustomerBalance.total)
    ).scalar_one()
    if body.sale is not None:
        # The sale's own entries now show in the balance: its hold would count twice.
        session.execute(
            delete(Hold).where(
                Hold.chain_id == chain.id,
                Hold.customer_uuid == body.customer,
                Hold.sale_uuid == body.sale,
            )
        )
    if body.amount < 0 and body.kind in OVERDRAFT_KINDS and total < 0:
        conflicts.record(
            session,
            chain,
            kind="overdraft",
            customer_uuid=body.customer,
            amount=min(-body.amount, -total),
            entry_uuid=body.uuid,
            sale_uuid=body.sale,
            voucher_code=body.voucher,
            terminal_uuid=body.terminal,
            store_uuid=store_uuid,
        )
    if body.voucher is not None and body.kind in {
        "voucher_redeem", "voucher_restore", "voucher_cancel",
    }:  # fmt: skip
        _move_voucher(session, chain, body, store_uuid)


def _move_voucher(
    session: Session, chain: Chain, body: LedgerEntryBody, store_uuid: str | None
) -> None:
    assert body.voucher is not None
    voucher = session.get(Voucher, (chain.id, body.voucher), with_for_update=True)
    if voucher is None:  # redeemed before its issue reached the server: single use still holds
        voucher = Voucher(chain_id=chain.id, code=body.voucher, status="open", value=0)
        session.add(voucher)
    if body.kind == "voucher_redeem":
        if voucher.status == "open" or voucher.redeemed_sale == body.sale:
            voucher.status = "redeemed"
            voucher.redeemed_at = body.created_at
            voucher.redeemed_sale = body.sale
            voucher.redeemed_store_uuid = store_uuid
            if voucher.claim_sale == body.sale:
                voucher.claim_sale = voucher.claimed_at = None
        else:
            session.flush()
            conflicts.record(
                session,
                chain,
                kind="voucher_reuse",
                customer_uuid=body.customer,
                amount=voucher.value,
                entry_uuid=body.uuid,
                sale_uuid=body.sale,
                voucher_code=body.voucher,
                terminal_uuid=body.terminal,
                store_uuid=store_uuid,
            )
    elif body.kind == "voucher_restore":
        if voucher.status == "redeemed" and body.sale in (None, voucher.redeemed_sale):
            voucher.status = "open"
            voucher.redeemed_at = voucher.redeemed_sale = voucher.redeemed_store_uuid = None
    else:
        voucher.status = "cancelled"
    session.flush()


def pull(
    session: Session, terminal: Terminal, after: int, limit: int
) -> tuple[list[EventOut], int, bool]:
    """The chain's events after the cursor, not written by the caller, in seq order."""
    if terminal.terminal_uuid is None:
        raise hello_required()
    rows = list(
        session.scalars(
            select(Event)
            .where(
                Event.chain_id == terminal.chain_id,
                Event.seq > after,
                Event.terminal_uuid.is_distinct_from(terminal.terminal_uuid),
            )
            .order_by(Event.seq)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    box = secrets.box_for(session)
    try:
        events = [
            EventOut(
                seq=row.seq,
                uuid=row.uuid,
                kind=row.kind,
                created_at=iso(row.created_at) or "",
                terminal_uuid=row.terminal_uuid,
                store_uuid=row.store_uuid,
                body=_opened(box, row),
            )
            for row in rows
        ]
    except WrongSecretKey as wrong:
        raise wrong.api_error() from None
    return events, rows[-1].seq if rows else after, more


def _opened(box: SecretBox, row: Event) -> dict[str, Any]:
    """The body as the counters get it: a `store.joined` key is stored sealed, sent in clear."""
    key, store_uuid = row.body.get("signing_key"), row.body.get("store_uuid")
    if row.kind != "store.joined" or not isinstance(key, str) or not isinstance(store_uuid, str):
        return row.body
    place = secrets.signing_key_place(store_uuid)
    return {**row.body, "signing_key": box.open(row.chain_id, place, key)}
