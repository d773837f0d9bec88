"""A store with history joins; identity clashes; anonymized data; expiry; the chain's program."""

from __future__ import annotations

from pathlib import Path

import httpx
import psycopg
from sqlalchemy import delete, func, select

from db.models import AuditLog, Customer, LedgerEntry, OutboxEvent, Voucher
from posapp.core.presets import preset
from posapp.services.admin.loyalty_upkeep import run_daily
from posapp.services.admin.store import change_program
from posapp.services.common.station import open_station
from posapp.services.customers.edit import update_customer
from posapp.services.customers.privacy import ANONYMOUS_NAME, anonymize_customer
from posapp.services.onboarding.demo import fill_demo
from posapp.services.sync.config import SyncConfig, load_sync_config, save_sync_config, state_in
from posapp.services.sync.conflicts import open_conflicts, resolve_conflict
from posapp.services.sync.pull import PLACEHOLDER_NAME
from tests.support import MANAGER_PIN, MovableClock, Shop
from tests.sync.conftest import Counter, Network, converge


def _server_text(dsn: str, query: str) -> list[str]:
    with psycopg.connect(dsn) as connection:
        return [str(row[0]) for row in connection.execute(query.encode()).fetchall()]


def test_a_store_with_history_pushes_its_customers_vouchers_and_ledger_on_first_sync(
    network: Network, clock: MovableClock, tmp_path: Path
) -> None:
    b = network.make("Shopping")
    station = open_station(tmp_path / "history.sqlite", clock=clock)
    summary = fill_demo(station, customers=40, products=20, sales=120, preset_key="cosmetics")
    with station.write() as session:  # customers from before the outbox: no event at all
        session.execute(delete(OutboxEvent))
    token = network.server.add_terminal(network.chain, "Caixa antigo")
    save_sync_config(
        station,
        SyncConfig(url=network.server.url, token=token, enabled=True),
        staff_id=None,
        manager_pin=summary.pins["admin"],
    )
    shop = Shop(station, clock, preset("cosmetics"), 0, 0, 0, 0)  # only its station is used
    a = Counter("Demo", shop, network.server.url, token)
    try:
        first = a.sync()
        assert first.ok and first.pushed_entries > 0
        converge(a, b)
        with station.read() as session:
            customers = session.scalar(select(func.count()).select_from(Customer))
            entries = session.scalar(select(func.count()).select_from(LedgerEntry))
            vouchers = session.scalar(select(func.count()).select_from(Voucher))
        with b.station.read() as session:
            assert session.scalar(select(func.count()).select_from(Customer)) == customers
            assert session.scalar(select(func.count()).select_from(LedgerEntry)) == entries
            assert session.scalar(select(func.count()).select_from(Voucher)) == vouchers
            assert (
                session.scalar(select(func.count()).where(Customer.name == PLACEHOLDER_NAME)) == 0
            )
        assert a.balances() == b.balances()
        assert b.faults() == []  # the demo store's whole chain, verified at B
        again = a.sync()
        assert again.ok and again.pushed == 0  # nothing sent twice
    finally:
        a.close()


def test_the_same_person_enrolled_offline_at_both_counters_does_not_break_the_pull(
    network: Network,
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    a.shop.enrol("Carla Dias", cpf="529.982.247-25", phone="11 91234-5678")
    b.shop.enrol("Carla D.", cpf="529.982.247-25")
    converge(a, b)
    for counter in (a, b):
        clashes = open_conflicts(counter.station)
        assert [row.kind for row in clashes] == ["cpf_in_use"], counter.name
        with counter.station.read() as session:
            rows = session.execute(select(Customer.name, Customer.cpf).order_by(Customer.id)).all()
        assert len(rows) == 2 and sum(1 for _, cpf in rows if cpf == "52998224725") == 1
    clash = open_conflicts(b.station)[0]
    resolve_conflict(
        b.station, clash.id, "customer_debit", "mesma pessoa, unificar depois",
        staff_id=b.shop.manager_id, manager_pin=MANAGER_PIN, client=None,
    )  # fmt: skip
    assert open_conflicts(b.station) == []


def test_an_anonymized_customer_is_never_sent_with_the_old_data(network: Network) -> None:
    a = network.make("Centro")
    maria = a.shop.enrol("Maria Sigilo", cpf="390.533.447-05", email="maria@example.com")
    a.sell("batom", customer=maria, cash=4_990)
    anonymize_customer(a.station, maria, MANAGER_PIN, "pedido da titular")
    assert a.sync().ok
    bodies = _server_text(network.server.dsn, "SELECT body::text FROM event")
    assert bodies and not any(
        "39053344705" in body or "Sigilo" in body or "maria@" in body for body in bodies
    )
    names = _server_text(network.server.dsn, "SELECT data->>'name' FROM customer")
    assert names == [ANONYMOUS_NAME]


def test_only_the_counter_the_endpoint_names_writes_expiry(
    network: Network, clock: MovableClock
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    assert a.sync().ok and b.sync().ok  # A said hello first: A runs the chain's expiry
    paula = a.shop.enrol("Paula Reis", phone="11 94444-3333")
    a.sell("batom", customer=paula, cash=4_990)
    converge(a, b)
    clock.advance(days=181)
    assert run_daily(b.station).expired_lots == 0
    assert run_daily(a.station).expired_lots == 1
    converge(a, b)
    paula_uuid = a.customer_uuid(paula)
    assert a.balances()[paula_uuid] == b.balances()[paula_uuid] == 0
    assert run_daily(b.station).expired_lots == 0 and run_daily(a.station).expired_lots == 0
    assert a.faults() == [] and b.faults() == []


def test_a_new_store_adopts_the_chains_program_and_later_changes(network: Network) -> None:
    a = network.make("Centro")
    assert a.sync().ok
    b = network.make("Shopping", program="salon")
    assert b.sync().ok
    with b.station.read() as session:
        assert b.station.program(session) == preset("cosmetics")
    richer = preset("cosmetics").with_changes(earn_bps=1_500)
    change_program(a.station, richer, staff_id=a.shop.manager_id, manager_pin=MANAGER_PIN)
    converge(a, b)
    with b.station.read() as session:
        assert b.station.program(session).earn_bps == 1_500


def test_saving_the_sync_config_takes_a_manager_and_never_audits_the_token(
    network: Network,
) -> None:
    a = network.make("Centro")
    config = load_sync_config(a.station)
    assert config.configured and config.large_spend_centavos == 5_000
    with a.station.read() as session:
        details = session.scalars(
            select(AuditLog.details).where(AuditLog.action == "sync.configure")
        ).all()
    assert details and all(a.token not in text for text in details)
    assert all('"token_changed": true' in text for text in details)


def test_an_edit_from_a_counter_that_had_not_heard_of_the_anonymization_does_not_undo_it(
    network: Network,
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    sofia = a.shop.enrol("Sofia Nunes", cpf="153.509.460-56", email="sofia@example.com")
    converge(a, b)
    sofia_uuid = a.customer_uuid(sofia)
    anonymize_customer(b.station, b.customer_id(sofia_uuid), MANAGER_PIN, "pedido da titular")
    assert b.sync().ok
    update_customer(a.station, sofia, staff_id=a.shop.cashier_id, email="sofia@novo.com")
    assert a.sync().ok  # pushes its edit (old data), then pulls the anonymization
    assert b.sync().ok  # pulls A's edit: ignored
    for counter in (a, b):
        with counter.station.read() as session:
            row = session.scalars(select(Customer).where(Customer.uuid == sofia_uuid)).one()
            assert (row.name, row.cpf, row.email) == (ANONYMOUS_NAME, None, None), counter.name


def test_the_expiry_role_moves_from_a_to_b_and_is_never_held_by_both(
    network: Network, clock: MovableClock
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    assert a.sync().ok and b.sync().ok  # A said hello first: A runs the chain's expiry
    with a.station.read() as session:
        assert state_in(session).runs_expiry
    with b.station.read() as session:
        assert not state_in(session).runs_expiry
        b_terminal = state_in(session).terminal_id
    paula = a.shop.enrol("Paula Reis", phone="11 94444-3333")
    a.sell("batom", customer=paula, cash=4_990)
    converge(a, b)

    # Caixa Centro is being retired: the chain's admin hands the role to Caixa Shopping.
    moved = httpx.post(
        f"{network.server.url}/v1/admin/expiry-terminal",
        json={"terminal_id": b_terminal},
        headers={"Authorization": f"Bearer {network.chain.admin_key}"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json() == {"terminal_id": b_terminal, "name": "Caixa Shopping"}
    converge(a, b)  # no hello again: each learns it from its pull
    with a.station.read() as session:
        assert not state_in(session).runs_expiry
    with b.station.read() as session:
        assert state_in(session).runs_expiry

    clock.advance(days=181)
    assert run_daily(a.station).expired_lots == 0
    assert run_daily(b.station).expired_lots == 1
    converge(a, b)
    paula_uuid = a.customer_uuid(paula)
    assert a.balances()[paula_uuid] == b.balances()[paula_uuid] == 0
    assert run_daily(a.station).expired_lots == 0 and run_daily(b.station).expired_lots == 0
    expiries = _server_text(
        network.server.dsn, "SELECT terminal_uuid FROM ledger_entry WHERE kind = 'expire'"
    )
    with b.station.read() as session:
        assert expiries == [b.station.snapshot(session).terminal.uuid]  # one lot, once, by B
    assert a.faults() == [] and b.faults() == []
