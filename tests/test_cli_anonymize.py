"""`posapp customer anonymize`, run in-process: a manager's PIN, then the person is gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp import cli
from posapp.services.common.station import open_station
from posapp.services.customers.registry import search
from posapp.services.loyalty.verify import verify
from tests.support import CASHIER_PIN, MANAGER_PIN, open_shop

CPF = "529.982.247-25"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop_db(tmp_path: Path) -> Path:
    shop = open_shop(tmp_path / "loja.sqlite", "salon")
    maria = shop.enrol("Maria Aparecida", cpf=CPF, phone="(11) 91234-5678")
    shop.sell("shampoo", customer=maria, cash=3_000)
    shop.station.close()
    return shop.station.path


def _found(path: Path, query: str) -> int:
    station = open_station(path)
    try:
        assert verify(station) == []
        return len(search(station, query))
    finally:
        station.close()


def test_anonymize_needs_a_managers_pin_then_erases_the_customer(
    shop_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("customer", "anonymize", "--db", str(shop_db), "--cpf", CPF)
    code, out, err = run(capsys, *base, "--manager-pin", CASHIER_PIN)
    assert (code, out) == (2, "")
    assert "gerente" in err
    assert _found(shop_db, "Aparecida") == 1

    code, out, err = run(capsys, *base, "--manager-pin", MANAGER_PIN)
    assert (code, err) == (0, "")
    assert out.strip() == (
        "Cliente anonimizado (nome, CPF, celular apagados); extrato, vendas e vales mantidos. "
        "Cópias de segurança anteriores guardam os dados até vencerem (30 dias)."
    )
    assert _found(shop_db, "Aparecida") == 0
    code, _, err = run(capsys, *base, "--manager-pin", MANAGER_PIN)  # the CPF is gone too
    assert code == 2 and CPF in err


def test_anonymize_speaks_english_when_asked(
    shop_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "--lang",
        "en",
        "customer",
        "anonymize",
        "--db",
        str(shop_db),
        "--cpf",
        CPF,
        "--manager-pin",
        MANAGER_PIN,
    )
    assert code == 0
    assert out.startswith("Customer anonymized (name, CPF, mobile erased)")
    assert "Earlier backups keep the data until they age out (30 days)." in out
