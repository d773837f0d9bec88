"""LGPD: one customer's data exported; a customer anonymized while the ledger stays whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.models import AuditLog, CustomerBalance, LedgerEntry, OutboxEvent
from posapp.core.errors import NotAuthorized
from posapp.services.customers.privacy import (
    ANONYMOUS_NAME,
    anonymize_customer,
    export_customer,
    save_export,
)
from posapp.services.customers.registry import search
from posapp.services.loyalty.verify import verify
from tests.services.messages_support import configure, email_settings, rows
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
CPF = "529.982.247-25"


def _customer(shop: Shop) -> int:
    maria = shop.enrol(
        "Maria Aparecida", cpf=CPF, phone="(11) 91234-5678", email="maria@example.com"
    )
    shop.sell("shampoo", "corte", customer=maria, cash=11_000)
    shop.clock.advance(minutes=5)
    shop.sell("manicure", customer=maria, pix=3_500)
    return maria


def test_export_holds_the_profile_and_every_ledger_entry(make_shop: MakeShop) -> None:
    shop = make_shop()
    maria = _customer(shop)
    data = json.loads(json.dumps(export_customer(shop.station, maria)))
    with shop.station.read() as session:
        entries = session.scalars(
            select(LedgerEntry.uuid).where(LedgerEntry.customer_id == maria)
        ).all()
    assert entries and [e["uuid"] for e in data["ledger"]] == list(entries)
    assert data["profile"]["cpf"] == "52998224725"
    assert data["profile"]["name"] == "Maria Aparecida"
    assert len(data["sales"]) == 2
    assert data["consent"]["marketing"] is False


def test_anonymize_keeps_the_ledger_whole_and_forgets_who(make_shop: MakeShop) -> None:
    shop = make_shop()
    maria = _customer(shop)
    with shop.station.read() as session:
        before = {b.customer_id: b.units for b in session.scalars(select(CustomerBalance))}
        hashes = session.scalars(select(LedgerEntry.hash).order_by(LedgerEntry.id)).all()

    with pytest.raises(NotAuthorized):
        anonymize_customer(shop.station, maria, CASHIER_PIN, "pedido da titular")
    anonymize_customer(shop.station, maria, MANAGER_PIN, "pedido da titular")

    assert verify(shop.station) == []
    with shop.station.read() as session:
        after = {b.customer_id: b.units for b in session.scalars(select(CustomerBalance))}
        assert session.scalars(select(LedgerEntry.hash).order_by(LedgerEntry.id)).all() == hashes
        kinds = session.scalars(select(OutboxEvent.kind)).all()
        audit_row = session.scalars(
            select(AuditLog).where(AuditLog.action == "customer.anonymize")
        ).one()
    assert after == before
    assert "customer.anonymized" in kinds
    assert "pedido da titular" in audit_row.details
    assert "Maria" not in audit_row.details
    assert search(shop.station, "Maria") == []
    assert search(shop.station, "Aparecida") == []
    assert search(shop.station, CPF) == []
    assert search(shop.station, "11912345678") == []
    profile = export_customer(shop.station, maria)["profile"]
    assert profile["name"] == ANONYMOUS_NAME
    assert (profile["cpf"], profile["phone"], profile["email"]) == (None, None, None)
    assert not profile["referral_code"].startswith("MARI")


def _index_holds(shop: Shop, term: bytes) -> bool:
    with shop.station.read() as session:
        blocks = session.execute(text("SELECT block FROM customer_fts_data")).scalars()
        return any(term in (block or b"") for block in blocks)


def test_anonymizing_leaves_the_old_name_nowhere_in_the_search_index(make_shop: MakeShop) -> None:
    shop = make_shop()
    for n in range(30):  # other customers: the index has more than one segment to merge
        shop.enrol(f"Pessoa {n} Silva", phone=f"(11) 9{1000 + n}-{2000 + n}")
    maria = _customer(shop)
    assert [c.id for c in search(shop.station, "Aparecida")] == [maria]
    assert _index_holds(shop, b"aparecida")
    with shop.station.write() as session:  # as SQLite's own default (Debian builds turn it on)
        session.execute(text("PRAGMA secure_delete = 0"))

    done = anonymize_customer(shop.station, maria, MANAGER_PIN, "pedido da titular")

    assert done.cleared == ("name", "cpf", "phone", "email")
    assert search(shop.station, "Aparecida") == []
    assert search(shop.station, "anonimizado")[0].id == maria
    assert not _index_holds(shop, b"aparecida")  # not just marked deleted: merged away
    assert len(search(shop.station, "Silva", limit=100)) == 30
    with shop.station.write() as session:  # the writer's connection is back to normal
        assert session.execute(text("PRAGMA secure_delete")).scalar() == 0


def test_the_export_file_needs_a_managers_pin_and_is_audited(
    make_shop: MakeShop, tmp_path: Path
) -> None:
    shop = make_shop()
    maria = _customer(shop)
    out = tmp_path / "pedido" / "maria.json"
    with pytest.raises(NotAuthorized):
        save_export(shop.station, maria, CASHIER_PIN, out)
    assert not out.exists()

    assert save_export(shop.station, maria, MANAGER_PIN, out) == out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(export_customer(shop.station, maria)))
    assert not list(out.parent.glob(".*.tmp"))
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "customer.export")).one()
    assert (row.staff_id, row.authorized_by_id) == (shop.manager_id, shop.manager_id)
    assert "Maria" not in row.details and "maria.json" in row.details


@pytest.mark.parametrize("counter_sends", [True, False], ids=["counter", "endpoint"])
def test_anonymizing_drops_waiting_messages_and_scrubs_every_copy(
    make_shop: MakeShop, counter_sends: bool
) -> None:
    shop = make_shop("cosmetics")
    settings = email_settings(2525, quiet_start="00:00", quiet_end="23:59")
    configure(shop, settings.with_changes(counter_sends=counter_sends))
    maria = shop.enrol(
        "Maria Aparecida", cpf=CPF, email="maria@example.com", marketing_consent=True
    )
    shop.sell("batom", customer=maria, pix=4_990)
    waiting = rows(shop)
    assert waiting and {m.to_address for m in waiting} == {"maria@example.com"}
    assert {m.status for m in waiting} <= {"queued", "deferred"}

    anonymize_customer(shop.station, maria, MANAGER_PIN, "pedido da titular")

    after = rows(shop)
    assert [m.id for m in after] == [m.id for m in waiting]
    assert {(m.status, m.reason) for m in after} == {("skipped", "anonymized")}
    assert all(m.to_address is None and m.facts_json == "{}" for m in after)
    with shop.station.read() as session:
        payloads = session.scalars(select(OutboxEvent.payload)).all()
        kinds = session.scalars(select(OutboxEvent.kind)).all()
    assert ("message.queued" in kinds) is not counter_sends  # the endpoint's copy is scrubbed
    for old in ("Maria", "Aparecida", "52998224725", "maria@example.com"):
        assert not any(old in payload for payload in payloads), old
    assert verify(shop.station) == []
