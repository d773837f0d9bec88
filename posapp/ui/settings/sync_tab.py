"""Gerência > Sincronização: the endpoint's address and token, the last result, conflicts.

The token is never shown back: a saved one is kept when the field is left empty.
A self-hosted endpoint's certificate is trusted through the CA file pinned here (the
same setting as `posapp sync --ca-file`); the service refuses a file that is not PEM.
Saving, syncing now and resolving a conflict go through the Gerência screen's
`with_pin` (the service checks the manager's PIN and audits); every call runs
off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.core.money import format_money, parse_centavos
from posapp.services.common.station import Station
from posapp.services.sync.config import SyncConfig, load_sync_config, save_sync_config
from posapp.services.sync.conflicts import (
    ConflictRow,
    Resolution,
    open_conflicts,
    resolve_conflict,
    settle_forget_request,
)
from posapp.services.sync.cycle import SyncResult, client_for, run_cycle
from posapp.services.sync.pull import FORGET_REQUEST
from posapp.services.sync.status import SyncStatus, sync_status
from posapp.ui.formatting import moment
from posapp.ui.rows_model import RowsModel
from posapp.ui.sync_line import conflict_kind, status_text
from posapp.ui.widgets import file_field, named, read_only_table

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost

ABSORBED, CUSTOMER_DEBIT = "absorbed", "customer_debit"


class ConflictsModel(RowsModel[ConflictRow]):
    right_columns = frozenset({3})

    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Quando"),
            self.tr("Tipo"),
            self.tr("Cliente"),
            self.tr("Valor"),
            self.tr("Loja"),
        )

    def text(self, row: ConflictRow, column: int) -> str | None:
        if column == 0:
            return moment(row.created_at, self.locale, self.timezone)
        if column == 1:
            return conflict_kind(row.kind)
        if column == 2:
            return row.customer_name or "—"
        if column == 3:
            return format_money(row.amount, self.locale)
        return row.store_name or "—"


class SyncTab(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.config = SyncConfig()
        self.url = named(QLineEdit(), "syncUrl")
        self.url.setPlaceholderText("https://nuvem.exemplo.com.br")
        self.token = named(QLineEdit(), "syncToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.enabled = named(QCheckBox(self.tr("Sincronizar com a nuvem")), "syncEnabled")
        self.large_spend = named(QLineEdit(), "syncLargeSpend")
        self.ca_file = named(QLineEdit(), "syncCaFile")
        self.ca_file.setPlaceholderText(self.tr("(vazio: certificados do sistema)"))
        self.ca_button = named(QPushButton(self.tr("Escolher…")), "syncCaFileChoose")
        self.save_button = named(QPushButton(self.tr("Salvar")), "syncSave")
        self.save_button.clicked.connect(self.save)
        self.now_button = named(QPushButton(self.tr("Sincronizar agora")), "syncNow")
        self.now_button.clicked.connect(self.sync_now)
        self.state = named(QLabel(""), "syncState")
        self.state.setWordWrap(True)
        self.model = ConflictsModel(self, host.lang, host.zone)
        self.table = read_only_table("syncConflicts", self.model)
        self.absorb_button = named(QPushButton(self.tr("Loja assume a diferença")), "syncAbsorb")
        self.debit_button = named(QPushButton(self.tr("Manter débito do cliente")), "syncDebit")
        self.absorb_button.clicked.connect(lambda: self.resolve(ABSORBED))
        self.debit_button.clicked.connect(lambda: self.resolve(CUSTOMER_DEBIT))
        self.forget_button = named(QPushButton(self.tr("Anonimizar cliente")), "syncForget")
        self.dismiss_button = named(QPushButton(self.tr("Dispensar pedido")), "syncDismiss")
        self.forget_button.clicked.connect(lambda: self.settle_forget(True))
        self.dismiss_button.clicked.connect(lambda: self.settle_forget(False))
        self.note = named(QLineEdit(), "syncNote")
        self.note.setPlaceholderText(self.tr("Observação (obrigatória para resolver)"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        form = QFormLayout()
        form.addRow(self.tr("Endereço da nuvem"), self.url)
        form.addRow(self.tr("Token do terminal"), self.token)
        ca_row = file_field(
            self.ca_file,
            self.ca_button,
            self.tr("Certificado da nuvem (CA)"),
            self.tr("Certificados PEM (*.pem *.crt *.cer);;Todos os arquivos (*)"),
        )
        form.addRow(self.tr("Certificado da nuvem (CA, PEM)"), ca_row)
        form.addRow("", self.enabled)
        form.addRow(self.tr("Consultar a nuvem para gastos de cashback acima de"), self.large_spend)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.now_button)
        buttons.addStretch(1)
        resolve = QHBoxLayout()
        resolve.addWidget(self.note, 1)
        resolve.addWidget(self.absorb_button)
        resolve.addWidget(self.debit_button)
        resolve.addWidget(self.forget_button)
        resolve.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(named(QLabel(self.tr("Conflitos entre lojas")), "sectionTitle"))
        layout.addWidget(self.table, 1)
        layout.addLayout(resolve)
        self._update_buttons()

    # -- reading -------------------------------------------------------------------

    def load(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: load_sync_config(station), self._show_config)
        self.refresh()

    def refresh(self) -> None:
        station = self.station
        self.host.jobs.run(lambda: sync_status(station), self._show_status)
        self.host.jobs.run(lambda: open_conflicts(station), self._show_conflicts)

    def _show_config(self, config: SyncConfig) -> None:
        self.config = config
        self.url.setText(config.url)
        self.token.clear()
        self.token.setPlaceholderText(
            self.tr("(guardado; deixe vazio para manter)") if config.token else ""
        )
        self.enabled.setChecked(config.enabled)
        self.ca_file.setText(config.ca_file)
        self.large_spend.setText(format_money(config.large_spend_centavos, self.host.lang))

    def _show_status(self, status: SyncStatus) -> None:
        text = status_text(status, self.host.lang, self.host.zone)
        english = not self.host.lang.startswith("pt")
        error = status.last_error_en if english else status.last_error
        if status.configured and error:
            text += "\n" + self.tr("Último erro: %1").replace("%1", error)
        self.state.setText(text)

    def _show_conflicts(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.table.selectionModel().currentIndex()
        chosen = index.isValid()
        forget = chosen and self.model.row_at(index.row()).kind == FORGET_REQUEST
        self.absorb_button.setEnabled(chosen and not forget)
        self.debit_button.setEnabled(chosen and not forget)
        self.forget_button.setEnabled(forget)
        self.dismiss_button.setEnabled(forget)

    # -- acting --------------------------------------------------------------------

    def form(self) -> SyncConfig | None:
        typed = self.large_spend.text()
        try:
            large = parse_centavos(typed or "0")
        except ValueError:
            large = -1
        if large < 0:
            self.host.say(self.tr("Valor inválido: %1").replace("%1", typed), error=True)
            return None
        return SyncConfig(
            url=self.url.text().strip(),
            token=self.token.text().strip() or self.config.token,
            enabled=self.enabled.isChecked(),
            large_spend_centavos=large,
            ca_file=self.ca_file.text().strip(),
        )

    def save(self) -> None:
        config = self.form()
        if config is None:
            return
        station = self.station
        self.host.with_pin(
            self.tr("alterar a sincronização"),
            lambda staff_id, pin: save_sync_config(
                station, config, staff_id=staff_id, manager_pin=pin
            ),
            self._saved,
            self.tr("Alteração cancelada"),
        )

    def _saved(self, config: SyncConfig) -> None:
        self._show_config(config)
        self.host.say(self.tr("Sincronização salva"))
        self.host.context.events.sync_configured.emit()
        self.host.context.events.sync_changed.emit()

    def sync_now(self) -> None:
        station = self.station
        self.now_button.setEnabled(False)
        self.host.say(self.tr("Sincronizando…"))
        self.host.jobs.run(lambda: sync_once(station), self._synced, self._sync_failed)

    def _synced(self, result: SyncResult | None) -> None:
        self.now_button.setEnabled(True)
        if result is None:
            self.host.say(self.tr("Sincronização não configurada"), error=True)
        elif result.ok:
            self.host.say(
                self.tr("Sincronizado: %1 enviados, %2 recebidos")
                .replace("%1", str(result.pushed + result.pushed_entries))
                .replace("%2", str(result.pulled))
            )
        else:
            english = not self.host.lang.startswith("pt")
            self.host.say((result.error_en if english else result.error) or "", error=True)
        self.refresh()
        self.host.context.events.sync_changed.emit()

    def _sync_failed(self, error: Exception) -> None:
        self.now_button.setEnabled(True)
        text = error.message(self.host.lang) if isinstance(error, PosError) else str(error)
        self.host.say(text, error=True)

    def resolve(self, resolution: str) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        conflict = self.model.row_at(index.row())
        note = self.note.text().strip()
        action = (
            self.tr("a loja assumir %1 de %2")
            if resolution == ABSORBED
            else self.tr("manter %1 como débito de %2")
        )
        station = self.station
        self.host.with_pin(
            action.replace("%1", format_money(conflict.amount, self.host.lang)).replace(
                "%2", conflict.customer_name or "—"
            ),
            lambda staff_id, pin: _resolve(station, conflict.id, resolution, note, staff_id, pin),
            self._resolved,
            self.tr("Nada foi alterado"),
        )

    def settle_forget(self, anonymize: bool) -> None:
        """A customer's request to be forgotten: anonymize them, or dismiss it (a reason)."""
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        conflict = self.model.row_at(index.row())
        note = self.note.text().strip()
        action = (
            self.tr("anonimizar %1") if anonymize else self.tr("dispensar o pedido de %1")
        ).replace("%1", conflict.customer_name or "—")
        station = self.station
        self.host.with_pin(
            action,
            lambda staff_id, pin: settle_forget_request(
                station, conflict.id, anonymize, note, staff_id=staff_id, manager_pin=pin
            ),
            self._resolved,
            self.tr("Nada foi alterado"),
        )

    def _resolved(self, _: object) -> None:
        self.note.clear()
        self.host.say(self.tr("Conflito resolvido"))
        self.refresh()


def sync_once(station: Station) -> SyncResult | None:
    """One cycle now (hello, push, pull); None when sync is not configured."""
    client = client_for(station)
    if client is None:
        return None
    with client:
        return run_cycle(station, client)


def _resolve(
    station: Station, conflict_id: int, resolution: str, note: str, staff_id: int, pin: str
) -> ConflictRow:
    client = client_for(station)
    try:
        return resolve_conflict(
            station,
            conflict_id,
            cast(Resolution, resolution),
            note,
            staff_id=staff_id,
            manager_pin=pin,
            client=client,
        )
    finally:
        if client is not None:
            client.close()
