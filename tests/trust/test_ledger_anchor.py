"""Issue 13, the ledger anchored outside the file.

The attacker here holds the SQLite file and posapp's source: drops the append-only
triggers, edits an amount (or deletes the last entries), recomputes the SHA-256 chain
with posapp's own `chain_hash` and patches the balances. Before, `db verify` said
nothing; now the keyed MAC (secret outside the file), the Z heads, a typed anchor and
the endpoint's head each catch it, and say which anchor the file no longer reaches.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from db.models import Customer, CustomerBalance, LedgerEntry, Sale, ZReport
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp import cli
from posapp.core.ledger import GENESIS_HASH, chain_hash
from posapp.services.cash.report_output import report_receipt
from posapp.services.cash.reports import stored_z, z_report
from posapp.services.cash.shifts import close_shift
from posapp.services.loyalty.ledger import entry_record
from posapp.services.loyalty.ledger_key import forget_cached_keys, key_path
from posapp.services.loyalty.verify import verify, verify_all
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def busy_day(shop: Shop) -> tuple[int, str]:
    """Sales with cashback, then the Z: returns the head the Z printed."""
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    ana = shop.enrol("Ana Reis", cpf="390.533.447-05")
    for _ in range(3):
        shop.sell("corte", customer=bela, pix=8_000)
        shop.sell("manicure", customer=ana, pix=3_500)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    report = z_report(shop.station, shop.manager_id, MANAGER_PIN)
    return report.chain_seq, report.chain_head


def tamper(path: Path, edit: Callable[[Session], None]) -> None:
    """Edit the file as an attacker with the source would, then re-chain and re-balance."""
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        session.execute(text("DROP TRIGGER IF EXISTS ledger_entry_no_update"))
        session.execute(text("DROP TRIGGER IF EXISTS ledger_entry_no_delete"))
        edit(session)
        session.flush()
        for terminal in session.scalars(select(LedgerEntry.terminal_uuid).distinct()).all():
            previous = GENESIS_HASH
            chain = select(LedgerEntry).where(LedgerEntry.terminal_uuid == terminal)
            for entry in session.scalars(chain.order_by(LedgerEntry.seq)):
                entry.prev_hash = previous
                entry.hash = previous = chain_hash(previous, entry_record(entry))
        sums = session.execute(
            select(LedgerEntry.customer_id, func.sum(LedgerEntry.amount)).group_by(
                LedgerEntry.customer_id
            )
        ).all()
        for customer_id, total in sums:
            balance = session.get(CustomerBalance, customer_id)
            if balance is None:
                session.add(CustomerBalance(customer_id=customer_id, units=int(total)))
            else:
                balance.units = int(total)
        for balance in session.scalars(select(CustomerBalance)):
            if balance.customer_id not in {row[0] for row in sums}:
                balance.units = 0
        session.commit()
    engine.dispose()


def move_first_earning(session: Session) -> None:
    """Bela's first cashback becomes Ana's: every sale still adds up."""
    entry = session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq)).first()
    other = session.scalars(select(Customer).where(Customer.id != entry.customer_id)).first()
    assert entry is not None and other is not None
    entry.customer_id, entry.customer_uuid = other.id, other.uuid


def drop_last_entries(session: Session) -> None:
    """This counter's last two entries go, and their sales are made to say they earned
    nothing (the counter's own entries are those with a MAC)."""
    last = session.scalars(
        select(LedgerEntry)
        .where(LedgerEntry.mac.is_not(None))
        .order_by(LedgerEntry.seq.desc())
        .limit(2)
    )
    for entry in list(last):
        sale = session.get(Sale, entry.sale_id)
        assert sale is not None
        sale.earned = 0
        for line in sale.lines:
            line.earned = 0
        session.delete(entry)


def codes(shop: Shop) -> list[str]:
    return [fault.code for fault in verify(shop.station)]


def test_cashback_moved_and_re_chained_is_caught_by_the_terminal_key(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    busy_day(shop)
    assert verify(shop.station) == []
    tamper(shop.station.path, move_first_earning)
    found = codes(shop)
    assert "chain_mac" in found  # the SHA-256 chain is whole again; the MAC is not
    assert "chain_hash" not in found and "balance_mismatch" not in found
    assert "anchor_lost" in found  # and the Z's head is no longer in the file
    messages = [f.message("pt_BR") for f in verify(shop.station)]
    assert any("a assinatura deste caixa não confere" in m for m in messages)
    assert any("não alcança mais a âncora Z nº 1" in m for m in messages)


def test_deleted_last_entries_are_caught_by_the_z_head_and_a_typed_anchor(
    make_shop: MakeShop, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = make_shop("salon")
    seq, head = busy_day(shop)
    with shop.station.read() as session:
        last = session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq.desc())).first()
        assert last is not None and (seq, head) == (last.seq, last.hash)
    path = shop.station.path
    shop.station.close()
    assert cli.main(["db", "verify", "--db", str(path), "--anchor", head]) == 0
    assert "Âncora --anchor" in capsys.readouterr().out

    tamper(path, drop_last_entries)
    # The attacker also rewrites the stored Z head: the printed one, typed in, still tells.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE z_report SET chain_head = NULL, chain_seq = NULL"))
    engine.dispose()
    printed = f"{head[:32]}\n{head[32:]}"  # as typed from the paper's two lines
    assert cli.main(["db", "verify", "--db", str(path), "--anchor", printed]) == 1
    out = capsys.readouterr().out
    assert f"O arquivo não alcança mais a âncora --anchor ({head[:16]}…)" in out
    assert "Traceback" not in out


def test_the_z_prints_and_stores_the_chain_head(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    seq, head = busy_day(shop)
    assert seq == 6 and len(head) == 64  # six sales with cashback: six entries
    with shop.station.read() as session:
        z_id = session.scalars(select(ZReport.id)).one()
    reprint = stored_z(shop.station, z_id)  # the stored Z: the same paper again
    assert (reprint.chain_seq, reprint.chain_head) == (seq, head)
    for paper_mm in (58, 80):
        [paper] = decode(render_bytes(report_receipt(reprint, "pt_BR", paper_mm)).data)
        lines = [line.strip() for line in paper.lines]
        title = lines.index("Âncora do extrato")
        block = [" ".join(line.split()) for line in lines[title + 1 : title + 5]]
        assert block == ["Lançamentos deste caixa 6", "Hash do último", head[:32], head[32:]]


def test_the_key_lives_outside_the_database_readable_by_its_user_only(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    busy_day(shop)
    with shop.station.read() as session:
        terminal = shop.station.terminal(session).uuid
    key = key_path(terminal)
    assert key.is_file() and not str(key).startswith(str(shop.station.path.parent / "shop"))
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text() not in shop.station.path.read_bytes().decode("latin-1")


def test_a_copy_on_another_computer_says_what_it_cannot_check(
    make_shop: MakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = make_shop("salon")
    busy_day(shop)
    monkeypatch.setenv("POSAPP_CONFIG_DIR", str(tmp_path / "other-pc"))
    forget_cached_keys()
    verdict = verify_all(shop.station)
    assert verdict.faults == ()
    assert [n.code for n in verdict.notices if n.code == "keyed_elsewhere"] == ["keyed_elsewhere"]
    assert "não está neste computador" in next(
        n.message("pt_BR") for n in verdict.notices if n.code == "keyed_elsewhere"
    )
    # ... and a tampered copy there is still caught by the Z's head.
    tamper(shop.station.path, move_first_earning)
    assert "anchor_lost" in codes(shop)


def test_a_typed_anchor_that_is_not_a_hash_gets_one_line(
    make_shop: MakeShop, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = make_shop("salon")
    path = shop.station.path
    shop.station.close()
    assert cli.main(["db", "verify", "--db", str(path), "--anchor", "abc"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["Âncora inválida: abc (use os 64 caracteres do hash impresso na redução Z)."]
