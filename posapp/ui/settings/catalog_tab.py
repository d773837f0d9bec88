"""Gerência > Catálogo: find, add and edit items and services.

A manager sets the name, price, category, barcode (its check digit checked), SKU, a
service's duration and who does it, the NFC-e fields a product carries (NCM, CEST,
CFOP, CSOSN or CST, origin, unit), and the favourite mark that puts the item on the sale
screen's tiles. Saving goes through the Gerência screen's `with_pin`: the service checks
the manager's PIN and the bounds, and audits what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posapp.core.money import parse_centavos
from posapp.services.admin import staff
from posapp.services.common.auth import StaffRef
from posapp.services.sales import catalog
from posapp.services.sales.catalog import CatalogEntry, ItemDraft
from posapp.ui.rows_model import RowsModel
from posapp.ui.widgets import named, read_only_table

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost

ORIGINS = range(9)
"""The NFC-e's origem da mercadoria: 0 nacional .. 8 (the SEFAZ table)."""


class CatalogModel(RowsModel[CatalogEntry]):
    right_columns = frozenset({2})

    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Nome"),
            self.tr("Tipo"),
            self.tr("Preço"),
            self.tr("Código"),
            self.tr("Categoria"),
            self.tr("Favorito"),
        )

    def text(self, row: CatalogEntry, column: int) -> str | None:
        item = row.draft
        if column == 0:
            return item.name if item.active else self.tr("%1 (inativo)").replace("%1", item.name)
        if column == 1:
            return self.tr("Serviço") if item.kind == catalog.SERVICE else self.tr("Produto")
        if column == 2:
            return self._money(item.price)
        if column == 3:
            return item.gtin or item.sku or ""
        if column == 4:
            return item.category or ""
        return "★" if item.favourite else ""

    def extra(self, row: CatalogEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.draft.name
        return None


class CatalogTab(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.editing: int | None = None
        """The item the form shows (None: a new one)."""
        self.search_box = named(QLineEdit(), "catalogSearch")
        self.search_box.setPlaceholderText(self.tr("Buscar por nome, código de barras ou SKU"))
        self.search_box.returnPressed.connect(self.refresh)
        self.new_button = named(QPushButton(self.tr("Novo item")), "catalogNew")
        self.new_button.clicked.connect(self.new_item)
        self.model = CatalogModel(self, host.lang, host.zone)
        self.table = read_only_table("catalogTable", self.model)
        self.table.setMinimumHeight(160)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _: self._picked(current.row())
        )

        self.kind = named(QComboBox(), "itemKind")
        self.kind.addItem(self.tr("Produto"), catalog.PRODUCT)
        self.kind.addItem(self.tr("Serviço"), catalog.SERVICE)
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self.name = named(QLineEdit(), "itemName")
        self.name.setMaxLength(160)
        self.price = named(QLineEdit(), "itemPrice")
        self.price.setPlaceholderText("0,00")
        self.gtin = named(QLineEdit(), "itemGtin")
        self.gtin.setPlaceholderText(self.tr("EAN-13, EAN-8 ou GTIN-14"))
        self.sku = named(QLineEdit(), "itemSku")
        self.sku.setMaxLength(40)
        self.category = named(QComboBox(), "itemCategory")
        self.category.setEditable(True)
        self.duration = named(QSpinBox(), "itemDuration")
        self.duration.setRange(0, catalog.MAX_DURATION_MIN)
        self.duration.setSuffix(" min")
        self.duration.setSpecialValueText("—")
        self.active = named(QCheckBox(self.tr("Ativo (aparece na venda)")), "itemActive")
        self.favourite = named(
            QCheckBox(self.tr("Favorito (botão na tela de venda)")), "itemFavourite"
        )
        self.professionals = named(QListWidget(), "itemProfessionals")
        self.professionals.setMaximumHeight(120)
        self.ncm = named(QLineEdit(), "itemNcm")
        self.ncm.setPlaceholderText("0000.00.00")
        self.cest = named(QLineEdit(), "itemCest")
        self.cfop = named(QLineEdit(), "itemCfop")
        self.cfop.setPlaceholderText("5102")
        self.csosn = named(QLineEdit(), "itemCsosn")
        self.cst = named(QLineEdit(), "itemCst")
        self.origin = named(QComboBox(), "itemOrigin")
        self.origin.addItem("—", None)
        for value in ORIGINS:
            self.origin.addItem(str(value), value)
        self.unit = named(QLineEdit(), "itemUnit")
        self.unit.setMaxLength(6)
        self.unit.setPlaceholderText("UN")
        self.save_button = named(QPushButton(self.tr("Salvar item")), "catalogSave")
        self.save_button.clicked.connect(self.save)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.new_button)
        form = QFormLayout()
        form.addRow(self.tr("Tipo"), self.kind)
        form.addRow(self.tr("Nome"), self.name)
        form.addRow(self.tr("Preço (R$)"), self.price)
        form.addRow(self.tr("Código de barras"), self.gtin)
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Categoria"), self.category)
        form.addRow(self.tr("Duração (serviço)"), self.duration)
        form.addRow("", self.active)
        form.addRow("", self.favourite)
        form.addRow(self.tr("Quem faz (serviço)"), self.professionals)
        tax = QFormLayout()
        tax.addRow(self.tr("NCM"), self.ncm)
        tax.addRow(self.tr("CEST"), self.cest)
        tax.addRow(self.tr("CFOP"), self.cfop)
        tax.addRow(self.tr("CSOSN (Simples)"), self.csosn)
        tax.addRow(self.tr("CST"), self.cst)
        tax.addRow(self.tr("Origem"), self.origin)
        tax.addRow(self.tr("Unidade"), self.unit)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        tax_box = QVBoxLayout()
        tax_box.addWidget(named(QLabel(self.tr("Dados fiscais (NFC-e, produtos)")), "sectionTitle"))
        tax_box.addLayout(tax)
        tax_box.addStretch(1)
        columns.addLayout(tax_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.form_title = named(QLabel(self.tr("Novo item")), "sectionTitle")
        layout.addWidget(self.form_title)
        layout.addLayout(columns)
        layout.addWidget(self.save_button)
        self.new_item()

    # -- reading -------------------------------------------------------------------

    def load(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: staff.professionals(station), self._show_people)
        self.host.jobs.run(lambda: catalog.category_names(station), self._show_categories)
        self.refresh()

    def refresh(self) -> None:
        station, text = self.station, self.search_box.text()
        self.host.jobs.run(lambda: catalog.catalogue(station, text), self._show_rows)

    def _show_rows(self, rows: list[CatalogEntry]) -> None:
        self.model.set_rows(rows)
        if self.editing is not None:
            for number, row in enumerate(rows):
                if row.id == self.editing:
                    self.table.selectRow(number)

    def _show_people(self, people: list[StaffRef]) -> None:
        chosen = self._chosen_people()
        self.professionals.clear()
        for person in people:
            entry = QListWidgetItem(person.name)
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if person.id in chosen else Qt.CheckState.Unchecked
            )
            self.professionals.addItem(entry)

    def _show_categories(self, names: list[str]) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItem("")
        self.category.addItems(names)
        self.category.setCurrentText(current)

    def _chosen_people(self) -> set[int]:
        return {
            int(self.professionals.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.professionals.count())
            if self.professionals.item(i).checkState() == Qt.CheckState.Checked
        }

    # -- the form ------------------------------------------------------------------

    def new_item(self) -> None:
        self.table.clearSelection()
        self.editing = None
        self.form_title.setText(self.tr("Novo item"))
        self.show_draft(ItemDraft(name="", price=0))
        self.name.setFocus()

    def _picked(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            entry = self.model.row_at(row)
            self.editing = entry.id
            self.form_title.setText(self.tr("Editando: %1").replace("%1", entry.draft.name))
            self.show_draft(entry.draft)

    def show_draft(self, draft: ItemDraft) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.name.setText(draft.name)
        mark = "," if self.host.lang.startswith("pt") else "."
        shown = f"{draft.price // 100}{mark}{draft.price % 100:02d}"
        self.price.setText(shown if draft.price else "")
        self.gtin.setText(draft.gtin or "")
        self.sku.setText(draft.sku or "")
        self.category.setCurrentText(draft.category or "")
        self.duration.setValue(draft.duration_min or 0)
        self.active.setChecked(draft.active)
        self.favourite.setChecked(draft.favourite)
        for i in range(self.professionals.count()):
            entry = self.professionals.item(i)
            does = int(entry.data(Qt.ItemDataRole.UserRole)) in draft.professionals
            entry.setCheckState(Qt.CheckState.Checked if does else Qt.CheckState.Unchecked)
        for field, value in (
            (self.ncm, draft.ncm),
            (self.cest, draft.cest),
            (self.cfop, draft.cfop),
            (self.csosn, draft.csosn),
            (self.cst, draft.cst),
            (self.unit, draft.unit),
        ):
            field.setText(value or "")
        self.origin.setCurrentIndex(max(0, self.origin.findData(draft.origin)))
        self._kind_changed()

    def _kind_changed(self) -> None:
        service = self.kind.currentData() == catalog.SERVICE
        self.duration.setEnabled(service)
        self.professionals.setEnabled(service)
        for field in (self.ncm, self.cest, self.cfop, self.csosn, self.cst, self.unit):
            field.setEnabled(not service)
        self.origin.setEnabled(not service)

    def draft(self) -> ItemDraft | None:
        """What the form says, or None after saying (pt_BR/en) why the price is unreadable."""
        try:
            price = parse_centavos(self.price.text())
        except ValueError:
            self.host.say(
                self.tr("Preço inválido: “%1”. Digite o valor, por exemplo 12,90.").replace(
                    "%1", self.price.text()
                ),
                error=True,
            )
            self.price.setFocus()
            return None

        def text(field: QLineEdit) -> str | None:
            return field.text().strip() or None

        service = self.kind.currentData() == catalog.SERVICE
        return ItemDraft(
            name=self.name.text(),
            price=price,
            kind=str(self.kind.currentData()),
            gtin=text(self.gtin),
            sku=text(self.sku),
            category=self.category.currentText().strip() or None,
            duration_min=(self.duration.value() or None) if service else None,
            active=self.active.isChecked(),
            favourite=self.favourite.isChecked(),
            professionals=tuple(sorted(self._chosen_people())) if service else (),
            ncm=text(self.ncm),
            cest=text(self.cest),
            cfop=text(self.cfop),
            csosn=text(self.csosn),
            cst=text(self.cst),
            origin=self.origin.currentData(),
            unit=text(self.unit),
        )

    def save(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        station, item_id = self.station, self.editing
        self.host.with_pin(
            self.tr("editar catálogo"),
            lambda staff_id, pin: catalog.save_item(
                station, draft, item_id=item_id, staff_id=staff_id, manager_pin=pin
            ),
            self._saved,
            self.tr("Catálogo não alterado (sem PIN do gerente)."),
        )

    def _saved(self, entry: CatalogEntry) -> None:
        self.editing = entry.id
        self.form_title.setText(self.tr("Editando: %1").replace("%1", entry.draft.name))
        self.host.say(self.tr("Item salvo: %1").replace("%1", entry.draft.name))
        self.load()
