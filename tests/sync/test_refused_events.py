"""One bad event must not block a counter: an outbox event the endpoint refuses is set
aside for managers; a refused ledger entry stops the cycle and is never skipped."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import httpx
import psycopg
from sqlalchemy import func, select

from db.models import LedgerEntry, OutboxEvent
from posapp.core.ledger import chain_hash
from posapp.services.loyalty.ledger import entry_record
from posapp.services.sync.client import SyncClient
from posapp.services.sync.config import state_in
from posapp.services.sync.conflicts import conflicts, open_conflicts, resolve_conflict
from posapp.services.sync.status import sync_status
from tests.support import MANAGER_PIN
from tests.sync.conftest import Counter, Network


class Recorder(httpx.HTTPTransport):
    """A real HTTP transport that keeps the event uuids of every push it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.pushes: list[list[str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v1/events":
            self.pushes.append([e["uuid"] for e in json.loads(request.content)["events"]])
        return super().handle_request(request)

    def sent(self) -> list[str]:
        return [event_uuid for push in self.pushes for event_uuid in push]


def _server_uuids(dsn: str, table: str) -> set[str]:
    with psycopg.connect(dsn) as connection:
        return {str(row[0]) for row in connection.execute(f"SELECT uuid FROM {table}".encode())}


def _own_entries(counter: Counter) -> dict[int, str]:
    with counter.station.read() as session:
        terminal = counter.station.snapshot(session).terminal.uuid
        rows = session.execute(
            select(LedgerEntry.seq, LedgerEntry.uuid).where(LedgerEntry.terminal_uuid == terminal)
        ).all()
    return {seq: entry_uuid for seq, entry_uuid in rows}


def _outbox(counter: Counter, event_uuid: str, kind: str, payload: dict[str, Any]) -> None:
    """An outbox row written by hand (the way a buggy or older writer might have)."""
    with counter.station.write() as session:
        session.add(
            OutboxEvent(
                uuid=event_uuid,
                kind=kind,
                payload=json.dumps(payload),
                created_at=counter.station.now(),
            )
        )


def test_a_malformed_outbox_event_is_set_aside_and_everything_else_reaches_the_chain(
    network: Network,
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    assert a.sync().ok and b.sync().ok
    maria = a.shop.enrol("Maria Souza", cpf="529.982.247-25")
    a.sell("batom", customer=maria, cash=4_990)
    bad_body = str(uuid.uuid4())  # fits the schema, refused by the kind's rules: invalid_event
    _outbox(a, bad_body, "message.queued", {"channel": "pombo", "kind": "?"})
    bad_uuid = "nao-e-um-uuid"  # does not even fit the schema: invalid_request
    _outbox(a, bad_uuid, "sale.completed", {"sale": "x"})
    ana = a.shop.enrol("Ana Lima", phone="11 95555-4444")
    a.sell("shampoo", customer=ana, cash=3_000)
    with a.station.read() as session:
        good = set(session.scalars(select(OutboxEvent.uuid))) - {bad_body, bad_uuid}
    assert len(good) >= 4

    recorder = Recorder()
    with SyncClient(a.url, a.token, transport=recorder) as client:
        first = a.sync(client)
        assert first.ok, first.error_en
        assert first.set_aside == 2
        # One batch, pushed again at once without each event the endpoint refused: the
        # schema refuses the bad uuid first, then the kind's rules refuse the bad body.
        assert len(recorder.pushes) == 3
        assert {bad_body, bad_uuid} <= set(recorder.pushes[0])
        assert bad_body in recorder.pushes[1] and bad_uuid not in recorder.pushes[1]
        assert {bad_body, bad_uuid}.isdisjoint(recorder.pushes[2])
        assert len(recorder.pushes[2]) == len(recorder.pushes[0]) - 2

        on_server = _server_uuids(network.server.dsn, "event")
        assert good <= on_server
        assert {bad_body, bad_uuid}.isdisjoint(on_server)
        assert set(_own_entries(a).values()) <= _server_uuids(network.server.dsn, "ledger_entry")
        assert sync_status(a.station).waiting == 0

        # The other counter gets every good event: customers, entries, balances.
        assert b.sync().ok
        assert sorted(a.entry_uuids()) == sorted(b.entry_uuids())
        assert a.balances() == b.balances() and len(b.balances()) == 2
        assert b.faults() == []

        # A manager sees what was set aside, and why, in the server's words.
        refused = {row.event_uuid: row for row in open_conflicts(a.station)}
        assert set(refused) == {bad_body, bad_uuid}
        body_row, uuid_row = refused[bad_body], refused[bad_uuid]
        assert body_row.kind == uuid_row.kind == "event_refused"
        assert body_row.event_kind == "message.queued" and uuid_row.event_kind == "sale.completed"
        assert body_row.reason is not None and "recusado" in body_row.reason
        assert body_row.reason_en is not None and "refused" in body_row.reason_en
        assert uuid_row.reason is not None and uuid_row.reason.startswith("Requisição inválida")
        assert uuid_row.reason_en is not None and uuid_row.reason_en.startswith("Invalid request")
        assert body_row.detail is not None and body_row.detail.startswith("message.queued: ")
        assert open_conflicts(b.station) == []  # local to the counter that wrote it

        # A second cycle does not send them again, and records nothing new.
        recorder.pushes.clear()
        maria_again = a.sell("batom", customer=maria, cash=4_990)
        second = a.sync(client)
        assert second.ok and second.set_aside == 0 and second.pushed_entries > 0
        assert recorder.pushes and {bad_body, bad_uuid}.isdisjoint(recorder.sent())
        assert len(open_conflicts(a.station)) == 2
        assert b.sync().ok
        assert b.balances()[a.customer_uuid(maria)] == a.balances()[a.customer_uuid(maria)]
        assert maria_again.earned > 0

    # Resolving one just closes it here (the endpoint never had it).
    closed = resolve_conflict(
        a.station,
        body_row.id,
        "absorbed",
        "evento de teste escrito à mão",
        staff_id=a.shop.manager_id,
        manager_pin=MANAGER_PIN,
        client=None,
    )
    assert closed.status == "resolved"
    assert [row.event_uuid for row in open_conflicts(a.station)] == [bad_uuid]
    assert len(conflicts(a.station)) == 2
    assert a.faults() == []


def _forge_entry(counter: Counter) -> LedgerEntry:
    """A row of this terminal's own chain whose amount was changed after it was hashed
    (UPDATE is refused by a trigger, so the forger INSERTs it)."""
    now = counter.station.now()
    with counter.station.write() as session:
        terminal = counter.station.snapshot(session).terminal.uuid
        last = session.scalars(
            select(LedgerEntry)
            .where(LedgerEntry.terminal_uuid == terminal)
            .order_by(LedgerEntry.seq.desc())
        ).first()
        assert last is not None
        forged_uuid = str(uuid.uuid4())
        forged = LedgerEntry(
            uuid=forged_uuid,
            terminal_uuid=terminal,
            seq=last.seq + 1,
            kind="adjust",
            customer_id=last.customer_id,
            customer_uuid=last.customer_uuid,
            amount=1,
            created_at=now,
            available_from=now,
            expires_at=now + timedelta(days=180),
            lot_uuid=forged_uuid,
            note="ajuste",
            prev_hash=last.hash,
            hash="",
        )
        forged.hash = chain_hash(last.hash, entry_record(forged))
        forged.amount = 100_000  # after hashing
        session.add(forged)
        session.flush()
        session.expunge(forged)
        return forged


def test_a_refused_ledger_entry_stops_the_cycle_and_nothing_is_skipped(network: Network) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    assert a.sync().ok and b.sync().ok
    maria = a.shop.enrol("Maria Souza", cpf="529.982.247-25")
    a.sell("batom", customer=maria, cash=4_990)
    good = _own_entries(a)
    forged = _forge_entry(a)
    assert forged.seq == max(good) + 1
    ana = a.shop.enrol("Ana Lima", phone="11 95555-4444")  # written after the forged row
    a.sell("shampoo", customer=ana, cash=3_000)  # its entries chain on from the forged row
    later = {seq: u for seq, u in _own_entries(a).items() if seq > forged.seq}
    assert later

    for _ in range(2):  # the second cycle fails the same way: nothing is skipped
        result = a.sync()
        assert not result.ok and result.refused and not result.offline
        assert result.error is not None and result.error_en is not None
        assert result.error.startswith("O servidor recusou um lançamento do extrato: ")
        assert result.error.endswith("; chame o suporte.")
        assert "hash" in result.error
        assert result.error_en.startswith("The server refused a ledger entry: ")
        assert result.error_en.endswith("; call support.")
        assert sync_status(a.station).last_error == result.error
        with a.station.read() as session:
            assert state_in(session).pushed_seq == max(good)  # what came before it went up

        server_entries = _server_uuids(network.server.dsn, "ledger_entry")
        assert set(good.values()) <= server_entries
        assert forged.uuid not in server_entries
        assert set(later.values()).isdisjoint(server_entries)
        assert open_conflicts(a.station) == []  # an entry is never set aside
        assert sync_status(a.station).waiting == 1 + len(later)

    # What came before the forged row in the batch reached the chain: B has Ana and the
    # first sale's entries, and none of the entries from the forged one on.
    assert b.sync().ok
    assert b.customer_id(a.customer_uuid(ana))
    assert set(good.values()) <= set(b.entry_uuids())
    assert forged.uuid not in b.entry_uuids()
    # `db verify` is where a manager or support finds why.
    faults = a.faults()
    assert faults and any(forged.uuid in fault or "hash" in fault.lower() for fault in faults)
    with a.station.read() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None))
            )
            == 0
        )


def test_a_customer_message_the_endpoint_refuses_says_so_in_the_counters_log(
    network: Network,
) -> None:
    from db.models import Message
    from posapp.services.messages.log import message_log, reason_words
    from tests.services.messages_support import configure, email_settings

    a = network.make("Centro")
    configure(a.shop, email_settings(2525, counter_sends=False))  # the endpoint delivers
    maria = a.shop.enrol(
        "Maria Souza", cpf="529.982.247-25", email="maria@example.com", marketing_consent=True
    )
    a.sell("batom", customer=maria, cash=4_990)
    with a.station.write() as session:  # one message's event spoiled on its way out
        event = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "message.queued").limit(1)
        ).one()
        body = json.loads(event.payload)
        event.payload = json.dumps({**body, "channel": "pombo"})
        spoiled = body["idempotency_key"]

    result = a.sync()
    assert result.ok and result.set_aside == 1
    with a.station.read() as session:
        rows = {
            m.idempotency_key: (m.id, m.status, m.reason) for m in session.scalars(select(Message))
        }
    spoiled_id, status, reason = rows.pop(spoiled)
    assert (status, reason) == ("failed", "endpoint_refused")
    [logged] = [m for m in message_log(a.station) if m.id == spoiled_id]
    assert "recusou" in reason_words(logged, "pt_BR")
    assert "refused" in reason_words(logged, "en")
    assert rows and all(reason == "endpoint" for _, _, reason in rows.values())  # still queued
