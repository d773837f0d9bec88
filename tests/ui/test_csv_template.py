"""The import offers a template file and says which values each column takes; the template
imports as it is, and every value the help names for `tipo` is accepted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Customer, Item
from hardware.emulator.virtual import stop_virtual_printers
from posapp.core.presets import preset
from posapp.services.admin import csv_io
from posapp.services.admin.csv_io import (
    CATALOG,
    CATALOG_COLUMNS,
    CUSTOMER_COLUMNS,
    CUSTOMERS,
    import_catalog,
    import_customers,
)
from posapp.services.admin.store_setup import set_up_store
from posapp.services.common.station import open_station
from posapp.services.sales import catalog
from posapp.ui.imports.panel import ImportExportPanel
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_every_column_is_explained_in_both_languages() -> None:
    assert [c.name for c in csv_io.column_help(CATALOG)] == list(CATALOG_COLUMNS)
    assert [c.name for c in csv_io.column_help(CUSTOMERS)] == list(CUSTOMER_COLUMNS)
    pt = csv_io.help_text(CATALOG, "pt_BR")
    assert "tipo: produto (ou p, em branco)" in pt and "servico (ou serviço, s)" in pt
    assert "preco (obrigatória)" in pt
    assert "tipo: produto (or p, blank)" in csv_io.help_text(CATALOG, "en")


def test_the_templates_import_as_they_are_into_a_new_store(tmp_path: Path) -> None:
    station = open_station(tmp_path / "nova.sqlite")
    try:
        admin = set_up_store(
            station, name="Salão Novo", program=preset("salon"), admin_name="Ana", admin_pin="0000"
        ).admin_id
        report = import_catalog(
            station, csv_io.template_csv(CATALOG), staff_id=admin, manager_pin="0000"
        )
        assert list(report.problems) == []
        corte = catalog.find_by_code(station, "SRV-CORTE")
        assert (corte.name, corte.kind, corte.price) == ("Corte feminino", catalog.SERVICE, 8_000)
        people = import_customers(
            station, csv_io.template_csv(CUSTOMERS), staff_id=admin, manager_pin="0000"
        )
        assert list(people.problems) == []
        with station.read() as session:
            assert session.scalars(select(Customer.name)).all() == ["Maria Aparecida Souza"]
    finally:
        station.close()


@pytest.mark.parametrize(
    ("tipo", "kind"),
    [
        ("produto", "product"),
        ("p", "product"),
        ("", "product"),
        ("servico", "service"),
        ("serviço", "service"),
        ("s", "service"),
    ],
)
def test_each_tipo_the_help_names_is_accepted(make_shop: MakeShop, tipo: str, kind: str) -> None:
    shop = make_shop("salon")
    data = f"tipo;nome;preco\r\n{tipo};Escova progressiva;150,00\r\n".encode()
    report = import_catalog(shop.station, data, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert list(report.problems) == []
    with shop.station.read() as session:
        item = session.scalars(select(Item).where(Item.name == "Escova progressiva")).one()
        assert item.kind == kind


def test_the_panel_saves_the_template_and_shows_the_help(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
) -> None:
    shop = make_shop("salon")
    panel = ImportExportPanel(make_context(shop))
    qtbot.addWidget(panel)
    panel.show()
    assert "tipo: produto (ou p, em branco)" in panel.columns_hint.text()
    panel.customers_choice.setChecked(True)
    assert "aceita_mensagens: sim ou não" in panel.columns_hint.text()
    panel.catalog_choice.setChecked(True)
    target = tmp_path / "modelo.csv"
    offered: list[str] = []
    panel.choose_save = lambda _parent, _caption, suggested: (
        offered.append(suggested) or str(target)
    )
    panel.template_button.click()
    qtbot.waitUntil(lambda: target.exists() and panel.idle(), timeout=5_000)
    assert offered == ["modelo-catalogo.csv"]
    assert target.read_bytes() == csv_io.template_csv(CATALOG)
    assert "Modelo salvo em" in panel.summary.text()
    panel.context.printing.close()
