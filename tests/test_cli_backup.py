"""`posapp db backup|restore` and `posapp customer export`, run in-process."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from posapp import cli
from tests.support import CASHIER_PIN, MANAGER_PIN, open_shop


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop_db(tmp_path: Path) -> Path:
    shop = open_shop(tmp_path / "loja.sqlite", "salon")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell("shampoo", customer=maria, cash=3_000)
    shop.sell("corte", customer=maria, cash=8_000)
    shop.station.close()
    return shop.station.path


def test_backup_then_restore_then_verify(
    shop_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copia.sqlite"
    assert run(capsys, "db", "backup", "--db", str(shop_db), "--out", str(copy))[0] == 0
    code, out, err = run(
        capsys, "db", "restore", str(copy), "--db", str(shop_db), "--manager-pin", MANAGER_PIN
    )
    assert (code, err) == (0, "")
    assert "restaurado" in out and "2 vendas" in out
    code, out, _ = run(capsys, "db", "verify", "--db", str(shop_db))
    assert (code, out.strip()) == (0, "Nenhuma falha encontrada")


def test_restore_refusals_exit_2_and_replace_nothing(
    shop_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copia.sqlite"
    run(capsys, "db", "backup", "--db", str(shop_db), "--out", str(copy))
    garbage = tmp_path / "lixo.sqlite"
    garbage.write_bytes(os.urandom(20_000))
    broken = tmp_path / "cortado.sqlite"
    broken.write_bytes(copy.read_bytes()[:8192])
    before = _content(shop_db)
    for file, pin, message in (
        (garbage, MANAGER_PIN, "não é um banco de dados do posapp"),
        (broken, MANAGER_PIN, "está danificado"),
        (copy, CASHIER_PIN, "PIN de gerente incorreto"),
        (tmp_path / "nada.sqlite", MANAGER_PIN, "não encontrado"),
    ):
        code, _, err = run(
            capsys, "db", "restore", str(file), "--db", str(shop_db), "--manager-pin", pin
        )
        assert code == 2 and message in err, err
        assert _content(shop_db) == before  # only the refused attempt's audit row is new
    with sqlite3.connect(shop_db) as connection:
        refused = connection.execute(
            "SELECT target FROM audit_log WHERE action = 'auth.refused'"
        ).fetchall()
    assert refused == [("restaurar cópia",)]


def _content(path: Path) -> list[str]:
    """Every row of the database but the audit log's."""
    with sqlite3.connect(path) as connection:
        return [line for line in connection.iterdump() if '"audit_log"' not in line]


def test_customer_export_writes_the_entries(
    shop_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "maria.json"
    code, text, err = run(
        capsys,
        "customer",
        "export",
        "--db",
        str(shop_db),
        "--cpf",
        "52998224725",
        "--out",
        str(out),
        "--manager-pin",
        MANAGER_PIN,
    )
    assert (code, err) == (0, ""), err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["profile"]["name"] == "Maria Silva"
    assert data["ledger"] and all(e["amount"] for e in data["ledger"])
    assert str(out) in text
    code, _, err = run(
        capsys,
        "customer",
        "export",
        "--db",
        str(shop_db),
        "--cpf",
        "111.444.777-35",
        "--out",
        str(out),
        "--manager-pin",
        MANAGER_PIN,
    )
    assert code == 2 and "Cliente não encontrado" in err
