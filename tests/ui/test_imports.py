"""Importar / exportar CSV: file picked, PIN asked, progress shown, bad rows listed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Customer, Item
from hardware.emulator.virtual import stop_virtual_printers
from posapp.core.gtin import make_ean13
from posapp.services.admin.csv_io import RowProblem
from posapp.ui.imports.models import ProblemsModel
from posapp.ui.imports.panel import ImportExportDialog, ImportExportPanel
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def panels(qtbot: QtBot) -> Iterator[Callable[..., ImportExportPanel]]:
    made: list[ImportExportPanel] = []

    def make(shop: Shop, **kw: Any) -> ImportExportPanel:
        panel = ImportExportPanel(make_context(shop, **kw))
        qtbot.addWidget(panel)
        panel.show()
        made.append(panel)
        return panel

    yield make
    for panel in made:
        qtbot.waitUntil(panel.idle, timeout=10_000)
        panel.context.printing.close()


def catalog_file(tmp_path: Path, rows: int = 250) -> Path:
    lines = ["tipo;nome;codigo_barras;preco;categoria"]
    for n in range(rows):
        lines.append(f"produto;Item {n};{make_ean13(f'78977{n:07d}')};{n + 1},50;Perfumaria")
    lines.insert(3, "produto;Sem preço;;;Perfumaria")  # line 4
    lines.insert(6, "produto;Código torto;7891234567890;2,00;")  # line 7
    path = tmp_path / "catálogo.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def count(shop: Shop, model: type[Any]) -> int:
    with shop.station.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_import_shows_progress_and_the_bad_rows(
    make_shop: MakeShop, panels: Callable[..., ImportExportPanel], qtbot: QtBot, tmp_path: Path
) -> None:
    shop = make_shop("pharmacy")
    before = count(shop, Item)
    panel = panels(shop)
    path = catalog_file(tmp_path)
    asked: list[str] = []
    panel.choose_open = lambda parent, caption, suggested: str(path)

    def ask(parent: Any, action: str) -> str:
        asked.append(action)
        return MANAGER_PIN

    panel.ask_pin = ask
    panel.import_button.click()
    assert not panel.import_button.isEnabled()  # busy while it runs
    qtbot.waitUntil(lambda: panel.report is not None, timeout=20_000)
    report = panel.report
    assert report is not None
    assert asked == ["importar catálogo"]
    assert (report.total, report.imported, report.refused) == (252, 250, 2)
    assert count(shop, Item) == before + 250
    assert panel.model.rowCount() == 2
    shown = [[panel.model.index(r, c).data() for c in range(3)] for r in range(2)]
    assert shown == [
        ["4", "Preço em branco.", "produto;Sem preço;;;Perfumaria"],
        [
            "7",
            "Código de barras inválido: 7891234567890.",
            "produto;Código torto;7891234567890;2,00;",
        ],
    ]
    assert panel.summary.text() == (
        "250 de 252 linhas importadas; 2 recusadas. Categorias criadas: Perfumaria."
    )
    # the progress crossed to the GUI thread: from 0, never back, ends at the total
    qtbot.waitUntil(lambda: bool(panel.progress_seen) and panel.progress_seen[-1][0] == 252)
    done = [d for d, _ in panel.progress_seen]
    assert done[0] == 0 and done == sorted(done) and len(done) >= 2
    assert {t for _, t in panel.progress_seen} == {252}
    assert (panel.progress.value(), panel.progress.maximum()) == (252, 252)
    assert panel.import_button.isEnabled()


def test_a_cashier_pin_is_refused(
    make_shop: MakeShop, panels: Callable[..., ImportExportPanel], qtbot: QtBot, tmp_path: Path
) -> None:
    shop = make_shop("pharmacy")
    before = count(shop, Customer)
    panel = panels(shop, staff="cashier")
    path = tmp_path / "clientes.csv"
    path.write_text("nome;celular\nAna;11 97777-0001\n", encoding="utf-8")
    panel.customers_choice.setChecked(True)
    panel.choose_open = lambda parent, caption, suggested: str(path)
    panel.ask_pin = lambda parent, action: CASHIER_PIN
    panel.import_button.click()
    qtbot.waitUntil(panel.idle)
    assert panel.report is None
    assert panel.summary.text() == ("PIN de gerente incorreto: importar clientes.")
    assert count(shop, Customer) == before


def test_cancelled_file_or_pin_does_nothing(
    make_shop: MakeShop, panels: Callable[..., ImportExportPanel], tmp_path: Path
) -> None:
    shop = make_shop("salon")
    panel = panels(shop)
    panel.choose_open = lambda parent, caption, suggested: None
    asked: list[str] = []
    panel.ask_pin = lambda parent, action: asked.append(action) or None  # type: ignore[func-returns-value]
    panel.import_button.click()
    assert asked == [] and panel.idle()
    panel.choose_open = lambda parent, caption, suggested: str(tmp_path / "x.csv")
    panel.import_button.click()
    assert asked == ["importar catálogo"] and panel.idle() and panel.report is None


def test_export_customers(
    make_shop: MakeShop, panels: Callable[..., ImportExportPanel], qtbot: QtBot, tmp_path: Path
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    panel = panels(shop)
    panel.customers_choice.setChecked(True)
    target = tmp_path / "saida.csv"
    suggested: list[str] = []

    def choose(parent: Any, caption: str, name: str) -> str:
        suggested.append(name)
        return str(target)

    panel.choose_save = choose
    panel.ask_pin = lambda parent, action: MANAGER_PIN
    panel.export_button.click()
    qtbot.waitUntil(lambda: panel.exported is not None)
    assert suggested == ["clientes.csv"]
    lines = target.read_text("utf-8-sig").splitlines()
    assert lines[0].startswith("nome;cpf;celular;") and lines[0].endswith(";saldo_cashback")
    assert lines[1].startswith("Carla Dias;;(11) 91234-5678;") and lines[1].endswith(";8,00")
    assert panel.summary.text() == f"1 registros exportados para {target}."


def test_the_problems_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = ProblemsModel()
    qtmodeltester.check(model)
    model.set_rows(
        [
            RowProblem(3, "gtin", "produto;X;123;1,00", (("value", "123"),)),
            RowProblem(9, "price_missing", "produto;Y;;;"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Código de barras inválido: 123."
    english = ProblemsModel(locale="en")
    english.set_rows(model.rows)
    assert english.index(1, 1).data() == "Price is blank."


def test_the_dialog_holds_the_panel(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop("salon")
    dialog = ImportExportDialog(make_context(shop))
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.panel.catalog_choice.isChecked()
    assert "codigo_barras" in dialog.panel.columns_hint.text()
    dialog.panel.customers_choice.setChecked(True)
    assert "cpf" in dialog.panel.columns_hint.text()
    dialog.accept()
    assert not dialog.isVisible()
    dialog.panel.context.printing.close()
