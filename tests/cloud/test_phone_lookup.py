"""Finding a customer by phone at the endpoint: the page's sign-in (`customer_by_phone`) and
the WhatsApp opt-out (`withdraw_consent`) match the same way, whatever form the counter
wrote the phone in, through the indexed `customer.phone_digits` (real PostgreSQL, real
`posapp-cloud serve`, the upserts pushed as a counter pushes them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, event, select, text
from sqlalchemy.orm import Session

from cloud.chains import lock_chain
from cloud.customer_access import customer_by_phone
from cloud.db import unit_of_work
from cloud.models import Customer
from cloud.whatsapp import withdraw_consent
from messaging.whatsapp_status import Reply
from tests.cloud.helpers import Counter, customer_event, new_uuid
from tests.cloud_fixtures import Chain, CloudServer

# Five customers, each with her phone written in another form (the counter's E.164, with
# separators, national, with the country code, a WhatsApp id that lacks the ninth digit).
WRITTEN = {
    "+5511987654321": "11987654321",
    "+55 (21) 98765-4322": "21987654322",
    "31987654323": "31987654323",
    "5541987654324": "41987654324",
    "555187654325": "51987654325",
}
WA_IDS = {  # the WhatsApp id each one replies from, with or without the ninth digit
    "+5511987654321": "5511987654321",
    "+55 (21) 98765-4322": "552187654322",
    "31987654323": "5531987654323",
    "5541987654324": "554187654324",
    "555187654325": "5551987654325",
}


def forms(national: str) -> list[str]:
    """How a person or WhatsApp may give a Brazilian mobile (DDD + 9 + 8 digits)."""
    ddd, number = national[:2], national[2:]
    return [
        national,
        f"({ddd}) {number[:5]}-{number[5:]}",
        f"+55 {ddd} {number[:5]}-{number[5:]}",
        "55" + national,
        "+55" + national,
        "55" + ddd + number[1:],  # a wa_id without the ninth digit
        f"{ddd} {number[1:5]}-{number[5:]}",  # the old 8-digit mobile, typed
    ]


def upsert(customer: str, phone: str | None, **more: Any) -> dict[str, Any]:
    pushed = customer_event(customer, name=f"Cliente {phone}")
    pushed["body"].update(phone=phone, marketing_consent=True, consent_at=_iso(), **more)
    return pushed


def _iso() -> str:
    return datetime.now(UTC).isoformat()


@pytest.fixture
def chain(cloud_server: CloudServer) -> Iterator[tuple[Chain, Counter]]:
    chain = cloud_server.create_chain("Rede Bela")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    assert counter.hello().status_code == 200
    yield chain, counter
    counter.client.close()


def push(counter: Counter, *events: dict[str, Any]) -> None:
    answer = counter.push(*events)
    assert answer.status_code == 200, answer.text


def signed_in(server: CloudServer, chain: Chain, phone: str) -> str | None:
    with unit_of_work(server._sessions) as session:
        found = customer_by_phone(session, chain.chain_id, phone)
        return None if found is None else found.uuid


def opted_out(server: CloudServer, chain: Chain, wa_id: str) -> int:
    with unit_of_work(server._sessions) as session:
        reply = Reply(wa_id, "SAIR", datetime.now(UTC), "")
        return withdraw_consent(session, lock_chain(session, chain.chain_id), reply)


def consenting(server: CloudServer, chain: Chain) -> set[str]:
    with unit_of_work(server._sessions) as session:
        return {
            c.uuid
            for c in session.scalars(select(Customer).where(Customer.chain_id == chain.chain_id))
            if c.data.get("marketing_consent")
        }


def held_digits(server: CloudServer, chain: Chain) -> dict[str, str | None]:
    with server._engine.connect() as connection:
        rows = connection.execute(
            text("SELECT uuid, phone_digits FROM customer WHERE chain_id = :chain"),
            {"chain": chain.chain_id},
        )
        return {uuid: digits for uuid, digits in rows}


def test_the_sign_in_finds_her_whatever_form_her_phone_was_written_or_typed_in(
    cloud_server: CloudServer, chain: tuple[Chain, Counter]
) -> None:
    rede, counter = chain
    customers = {written: new_uuid() for written in WRITTEN}
    push(counter, *(upsert(uuid, written) for written, uuid in customers.items()))
    for written, national in WRITTEN.items():
        for typed in forms(national):
            assert signed_in(cloud_server, rede, typed) == customers[written], (written, typed)
    assert signed_in(cloud_server, rede, "(11) 98765-4320") is None
    assert signed_in(cloud_server, rede, "98765-4321") is None  # no DDD
    assert held_digits(cloud_server, rede) == {customers[w]: n for w, n in WRITTEN.items()}


def test_the_whatsapp_opt_out_finds_her_whatever_form_her_phone_was_written_in(
    cloud_server: CloudServer, chain: tuple[Chain, Counter]
) -> None:
    rede, counter = chain
    customers = {written: new_uuid() for written in WRITTEN}
    push(counter, *(upsert(uuid, written) for written, uuid in customers.items()))
    left = set(customers.values())
    assert opted_out(cloud_server, rede, "5511987654320") == 0
    for written, wa_id in WA_IDS.items():
        assert opted_out(cloud_server, rede, wa_id) == 1, written
        left.discard(customers[written])
        assert consenting(cloud_server, rede) == left


def test_an_anonymized_customer_is_never_found_by_her_phone(
    cloud_server: CloudServer, chain: tuple[Chain, Counter]
) -> None:
    rede, counter = chain
    forgotten, forgotten_later = new_uuid(), new_uuid()
    push(
        counter,
        upsert(forgotten, "+5511987654321", anonymized=True),
        upsert(forgotten_later, "+5521987654322"),
    )
    assert signed_in(cloud_server, rede, "21987654322") == forgotten_later
    push(counter, upsert(forgotten_later, "+5521987654322", anonymized=True))
    for phone in ("11987654321", "21987654322"):
        assert signed_in(cloud_server, rede, phone) is None
        assert opted_out(cloud_server, rede, "55" + phone) == 0
    assert held_digits(cloud_server, rede) == {forgotten: None, forgotten_later: None}


def test_two_customers_with_one_phone_the_sign_in_takes_one_always_the_same_the_opt_out_both(
    cloud_server: CloudServer, chain: tuple[Chain, Counter]
) -> None:
    rede, counter = chain
    first, second = sorted(new_uuid() for _ in range(2))
    other_chain = cloud_server.create_chain("Outra Rede")
    elsewhere = Counter(cloud_server.url, cloud_server.add_terminal(other_chain, "Caixa 1"))
    assert elsewhere.hello().status_code == 200
    push(elsewhere, upsert(new_uuid(), "+5511987654321"))
    push(counter, upsert(second, "(11) 98765-4321"), upsert(first, "+5511987654321"))
    for typed in forms("11987654321"):
        assert signed_in(cloud_server, rede, typed) == first
    assert opted_out(cloud_server, rede, "551187654321") == 2
    assert consenting(cloud_server, rede) == set()
    assert len(consenting(cloud_server, other_chain)) == 1  # another chain's customer


@contextmanager
def statements(connection: Connection) -> Iterator[list[tuple[str, Any]]]:
    """The SQL the block sends on the connection, with its parameters."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(connection, "before_cursor_execute", record)


def scans(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if "Relation Name" in plan:
        yield plan
    for child in plan.get("Plans", ()):
        yield from scans(child)


def read_rows(session: Session, statement: str, parameters: Any) -> list[dict[str, Any]]:
    """The scans of the customer table when the statement runs (EXPLAIN ANALYZE)."""
    answer = session.connection().exec_driver_sql(
        "EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters
    )
    plan = answer.scalar_one()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return [scan for scan in scans(plan[0]["Plan"]) if scan["Relation Name"] == "customer"]


def test_the_sign_in_and_the_opt_out_read_one_index_entry_not_the_whole_chain(
    cloud_server: CloudServer, chain: tuple[Chain, Counter]
) -> None:
    """Each is one statement whose only read of the customer table is the phone index,
    returning the one row asked for: a chain of 1,000 customers is not read whole."""
    rede, counter = chain
    many = [upsert(new_uuid(), f"+55119{n:08d}") for n in range(1_000)]
    push(counter, *many)
    with cloud_server._engine.connect() as connection:
        connection.execute(text("ANALYZE customer"))
        connection.commit()
    wanted = many[617]["body"]["uuid"]
    with cloud_server._sessions() as session:  # rolled back at the end
        chain_row = lock_chain(session, rede.chain_id)
        with statements(session.connection()) as sent:
            found = customer_by_phone(session, rede.chain_id, "(11) 90000-0617")
        assert found is not None and found.uuid == wanted
        with statements(session.connection()) as sent_by_opt_out:
            reply = Reply("5521987650000", "SAIR", datetime.now(UTC), "")
            assert withdraw_consent(session, chain_row, reply) == 0
        for sql, parameters in (*sent, *sent_by_opt_out):
            for scan in read_rows(session, sql, parameters):
                assert scan["Node Type"] in ("Index Scan", "Index Only Scan"), scan
                assert scan.get("Index Name") == "ix_customer_phone", scan
                assert "phone_digits" in scan.get("Index Cond", ""), scan
                assert scan["Actual Rows"] <= 1 and not scan.get("Rows Removed by Filter"), scan
        assert len(sent) == len(sent_by_opt_out) == 1, (sent, sent_by_opt_out)
