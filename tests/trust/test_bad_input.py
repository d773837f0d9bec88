"""Issue 13, bad input: CSV cells a spreadsheet would run as formulas are escaped."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Item, LedgerEntry, Sale
from posapp import cli
from posapp.core.errors import AmountTooHigh, PosError, PriceTooHigh, QuantityTooHigh
from posapp.core.presets import preset
from posapp.core.pricing import Tender
from posapp.services.admin.csv_io import export_catalog, import_catalog
from posapp.services.admin.store_setup import set_up_store
from posapp.services.cash.report_output import report_csv
from posapp.services.cash.reports import x_report
from posapp.services.common.station import open_station
from posapp.services.sales import catalog
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import MANAGER_PIN, MovableClock, Shop

MakeShop = Callable[..., Shop]
RISKY = ["=SOMA(1;2)", "+55 Shampoo", "-Desconto", "@Lista", '=HYPERLINK("http://x")']


def test_csv_exports_escape_formula_cells_and_import_them_back_whole(
    make_shop: MakeShop, tmp_path: Path, clock: MovableClock
) -> None:
    shop = make_shop("salon")
    with shop.station.write() as session:
        for name in RISKY:
            catalog.add_item(session, name=name, price=1_000)
    out = tmp_path / "catalogo.csv"
    export_catalog(shop.station, out, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines(), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert {"'" + name for name in RISKY} <= set(cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-D")]
    assert "10,00" in cells  # figures stay figures

    fresh = open_station(tmp_path / "fresh.sqlite", clock=clock)
    try:
        admin = set_up_store(
            fresh, name="Nova", program=preset("salon"), admin_name="Ana", admin_pin=MANAGER_PIN
        ).admin_id
        import_catalog(fresh, out, staff_id=admin, manager_pin=MANAGER_PIN)
        with fresh.read() as session:
            names = set(session.scalars(select(Item.name)))
    finally:
        fresh.close()
    assert set(RISKY) <= names


def test_the_report_csv_escapes_a_name_that_looks_like_a_formula(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with shop.station.write() as session:
        shop.items["risky"] = catalog.add_item(session, name="=1+1", price=1_000).id
    shop.sell("risky", pix=1_000)
    text = report_csv(x_report(shop.station), "pt_BR")
    assert "'=1+1" in text and ";=1+1" not in text


def test_printer_test_to_a_regular_file_never_empties_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "notas.txt"
    precious.write_text("contas do mês\n", encoding="utf-8")
    assert cli.main(["printer", "test", f"file://{precious}"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "é um arquivo comum com outro conteúdo" in err[0]
    assert precious.read_text(encoding="utf-8") == "contas do mês\n"

    fresh = tmp_path / "saida.bin"  # a new file, and then the same file again: allowed
    for _ in range(2):
        assert cli.main(["printer", "test", f"file://{fresh}"]) == 0
        assert fresh.read_bytes().startswith(b"\x1b@")
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a device-like file, read as printed
    try:
        assert cli.main(["printer", "test", f"file://{fifo}"]) == 0
        assert os.read(reader, 2) == b"\x1b@"
    finally:
        os.close(reader)


# -- bounds -------------------------------------------------------------------------------


def sell_line(shop: Shop, line: LineRequest, paid: int, customer: int | None = None) -> None:
    checkout(
        shop.station,
        CheckoutRequest(
            shop.cashier_id,
            [line],
            [TenderRequest(Tender.PIX, paid)],
            customer_id=customer,
            manager_pin=MANAGER_PIN,
        ),
    )


def sales_and_entries(shop: Shop) -> tuple[int, int]:
    with shop.station.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Sale)) or 0,
            session.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
        )


@pytest.mark.parametrize(
    ("line", "paid", "error", "words"),
    [
        (LineRequest(1, unit_price=100_000_001), 100_000_001, PriceTooHigh, "R$ 1.000.000,01"),
        (LineRequest(1, unit_price=10**20), 10**20, PriceTooHigh, "Preço acima do limite"),
        (LineRequest(1, quantity=10_001), 30_003_000, QuantityTooHigh, "10001"),
        (LineRequest(1, quantity=10**19), 1, QuantityTooHigh, "Quantidade acima do limite"),
        (
            LineRequest(1, quantity=10_000, unit_price=100_001),
            1_000_010_000,
            AmountTooHigh,
            "R$ 10.000.100,00",
        ),
    ],
)
def test_absurd_prices_quantities_and_carts_are_refused_with_a_message(
    make_shop: MakeShop, line: LineRequest, paid: int, error: type[PosError], words: str
) -> None:
    shop = make_shop("salon")
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    line = LineRequest(shop.items["shampoo"], line.quantity, unit_price=line.unit_price)
    with pytest.raises(error) as refused:
        sell_line(shop, line, paid, bela)
    assert words in refused.value.message("pt_BR")
    assert sales_and_entries(shop) == (0, 0)  # no sale, no cashback


def test_an_absurd_cash_payment_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(AmountTooHigh):
        shop.sell("shampoo", cash=10**19)
    assert sales_and_entries(shop) == (0, 0)


def test_an_absurd_catalogue_or_csv_price_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(PriceTooHigh), shop.station.write() as session:
        catalog.add_item(session, name="Erro", price=10**20)
    report = import_catalog(
        shop.station,
        b"nome;preco\nCaro;99999999999999999999,00\nBarato;10,00\n",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    assert (report.imported, report.refused) == (1, 1)
    assert "Preço acima do limite" in report.problems[0].message("pt_BR")
