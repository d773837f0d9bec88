"""Issue 13, bad input: CSV cells a spreadsheet would run as formulas are escaped."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Item
from posapp import cli
from posapp.core.presets import preset
from posapp.services.admin.csv_io import export_catalog, import_catalog
from posapp.services.admin.store_setup import set_up_store
from posapp.services.cash.report_output import report_csv
from posapp.services.cash.reports import x_report
from posapp.services.common.station import open_station
from posapp.services.sales import catalog
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
