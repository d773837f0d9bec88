"""Gerência > Campanhas: cashback campaigns, the tiers ladder and the satisfaction survey.

A campaign is made from the calendar of Brazilian commercial dates (a suggestion fills
the form, which stays editable) or by hand: dates, a multiplier and/or a bonus, the
categories it covers (empty: all) and whether it only applies in the customer's
birthday month. Selecting a campaign in the list fills the form to correct it ("Salvar
alterações"; "Nova" goes back to a new one): the change applies from the next sale, and a
sale already made keeps the cashback it earned. A campaign is never deleted: it is switched
off. The ladder of tiers
(name, minimum spend over 12 months, cashback rate) starts from the segment's preset;
turning tiers on or off and changing the ladder take effect from the next sale. Every
change is checked before the manager's PIN is asked, and saved with it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.core.campaigns import ONE_X_BPS, Campaign
from posapp.core.errors import PosError
from posapp.core.messages import offer_text
from posapp.core.money import format_money, parse_centavos
from posapp.core.program import LoyaltyProgram
from posapp.core.tiers import Tier, TierLadder, preset_ladder
from posapp.services.admin import store as store_admin
from posapp.services.loyalty.campaigns import (
    CampaignView,
    calendar_suggestions,
    create_campaign,
    list_campaigns,
    set_campaign_active,
    update_campaign,
)
from posapp.services.loyalty.tiers import (
    TierSettings,
    load_tier_settings,
    save_tier_settings,
)
from posapp.services.messages.survey import (
    SurveySettings,
    load_survey_settings,
    save_survey_settings,
)
from posapp.services.sync.survey_page import endpoint_survey_base
from posapp.ui.formatting import day
from posapp.ui.rows_model import RowsModel
from posapp.ui.widgets import named, read_only_table

if TYPE_CHECKING:
    from posapp.ui.settings.tab_host import TabHost

MULTIPLIERS = (10_000, 15_000, 20_000, 30_000, 50_000)
TIER_NAME, TIER_NAME_EN, TIER_MIN, TIER_RATE = range(4)
SUGGESTION_LIMIT = 16


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "campanha"


def percent_text(bps: int, locale: str) -> str:
    text = f"{Decimal(bps) / 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if locale.startswith("pt") else text


def parse_percent(text: str) -> int | None:
    """'12,5' -> 1250 basis points; None when it is not a number from 0 to 100."""
    try:
        value = Decimal(text.strip().replace("%", "").replace(",", "."))
    except InvalidOperation:
        return None
    bps = value * 100
    if not 0 <= bps <= 10_000 or bps != bps.to_integral_value():
        return None
    return int(bps)


class CampaignsModel(RowsModel[CampaignView]):
    def __init__(self, parent: Any, locale: str, timezone: str) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Campanha"),
            self.tr("De"),
            self.tr("Até"),
            self.tr("Oferta"),
            self.tr("Categorias"),
            self.tr("Situação"),
        )

    def text(self, row: CampaignView, column: int) -> str | None:
        campaign = row.campaign
        if column == 0:
            return campaign.name
        if column == 1:
            return day(campaign.starts, self.locale)
        if column == 2:
            return day(campaign.ends, self.locale)
        if column == 3:
            offer = offer_text(campaign.multiplier_bps, campaign.bonus_centavos, self.locale)
            if campaign.birthday_month:
                offer += " · " + self.tr("no mês do aniversário")
            return offer
        if column == 4:
            if campaign.categories is None:
                return self.tr("Todas")
            return ", ".join(sorted(campaign.categories))
        return self.tr("Ligada") if row.active else self.tr("Desligada")


class CampaignsTab(QWidget):
    def __init__(self, host: TabHost) -> None:
        super().__init__()
        self.host = host
        self.station = host.station
        self.lang = host.lang
        self.program: LoyaltyProgram | None = None
        self.suggested: Campaign | None = None
        self.editing: CampaignView | None = None
        """The campaign the form corrects; None: the form makes a new one."""
        self.tier_settings = TierSettings()
        self.survey = SurveySettings()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self._campaigns_box(), 3)
        top.addWidget(self._form_box(), 2)
        layout.addLayout(top, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self._tiers_box(), 3)
        bottom.addWidget(self._survey_box(), 2)
        layout.addLayout(bottom, 2)

    # -- the list ------------------------------------------------------------------

    def _campaigns_box(self) -> QWidget:
        box = QGroupBox(self.tr("Campanhas"))
        self.model = CampaignsModel(self, self.lang, self.host.zone)
        self.table = read_only_table("campaignsTable", self.model)
        self.toggle_button = named(QPushButton(self.tr("Ligar/desligar")), "campaignToggle")
        self.toggle_button.clicked.connect(self.toggle)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        layout = QVBoxLayout(box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._update_toggle()
        return box

    def selected(self) -> CampaignView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_toggle(self) -> None:
        chosen = self.selected()
        self.toggle_button.setEnabled(chosen is not None)
        if chosen is not None:
            self.toggle_button.setText(self.tr("Desligar") if chosen.active else self.tr("Ligar"))

    def _row_changed(self) -> None:
        self._update_toggle()
        chosen = self.selected()
        if chosen is not None and (self.editing is None or self.editing.id != chosen.id):
            self.edit(chosen)

    def _listed(self, rows: list[CampaignView], select: int | None = None) -> None:
        keep = select
        if keep is None and (chosen := self.selected()) is not None:
            keep = chosen.id
        if self.editing is not None:  # fresh from the database, the form left as typed
            editing_id = self.editing.id
            self.editing = next((row for row in rows if row.id == editing_id), None)
            if self.editing is None:
                self.new_campaign()
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if row.id == keep:
                self.table.selectRow(number)
        self._update_toggle()

    def load_campaigns(self, select: int | None = None) -> None:
        station = self.station
        self.host.jobs.run(lambda: list_campaigns(station), lambda rows: self._listed(rows, select))

    def toggle(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        station, campaign_id, active = self.station, chosen.id, not chosen.active
        action = self.tr("ligar a campanha %1") if active else self.tr("desligar a campanha %1")
        self.host.with_pin(
            action.replace("%1", chosen.campaign.name),
            lambda staff_id, pin: set_campaign_active(
                station, campaign_id, active, staff_id=staff_id, manager_pin=pin
            ),
            lambda _none: self._toggled(campaign_id, active),
            self.tr("Alteração cancelada"),
        )

    def _toggled(self, campaign_id: int, active: bool) -> None:
        self.host.say(self.tr("Campanha ligada") if active else self.tr("Campanha desligada"))
        self.load_campaigns(select=campaign_id)

    # -- the form ------------------------------------------------------------------

    def _form_box(self) -> QWidget:
        box = self.form_box = QGroupBox(self.tr("Nova campanha"))
        self.suggestions = named(QComboBox(), "campaignSuggestions")
        self.suggestions.activated.connect(self._suggestion_chosen)
        self.c_name = named(QLineEdit(), "campaignName")
        self.c_name.setMaxLength(80)
        self.c_starts = named(QDateEdit(), "campaignStarts")
        self.c_ends = named(QDateEdit(), "campaignEnds")
        for edit in (self.c_starts, self.c_ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.c_multiplier = named(QComboBox(), "campaignMultiplier")
        for bps in MULTIPLIERS:
            label = (
                self.tr("sem multiplicar")
                if bps == ONE_X_BPS
                else percent_text(bps // 100, self.lang) + "x"
            )
            self.c_multiplier.addItem(label, bps)
        self.c_bonus = named(QLineEdit(format_money(0, self.lang)), "campaignBonus")
        self.c_categories = named(QLineEdit(), "campaignCategories")
        self.c_categories.setPlaceholderText(self.tr("vazio = todas; ex.: servicos, higiene"))
        self.c_birthday = named(
            QCheckBox(self.tr("Só no mês do aniversário do cliente")), "campaignBirthday"
        )
        self.create_button = named(QPushButton(self.tr("Criar campanha")), "campaignCreate")
        self.create_button.clicked.connect(self.save_campaign)
        self.new_button = named(QPushButton(self.tr("Nova")), "campaignNew")
        self.new_button.clicked.connect(self.new_campaign)
        self.edit_note = named(
            QLabel(
                self.tr(
                    "A alteração vale a partir da próxima venda; "
                    "o cashback das vendas já feitas não muda."
                )
            ),
            "campaignEditNote",
        )
        self.edit_note.setWordWrap(True)
        self.edit_note.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        form = QFormLayout(box)
        form.addRow(self.tr("Sugestões do calendário"), self.suggestions)
        form.addRow(self.tr("Nome"), self.c_name)
        form.addRow(self.tr("Início"), self.c_starts)
        form.addRow(self.tr("Fim"), self.c_ends)
        form.addRow(self.tr("Multiplicador"), self.c_multiplier)
        form.addRow(self.tr("Bônus por compra (R$)"), self.c_bonus)
        form.addRow(self.tr("Categorias"), self.c_categories)
        form.addRow(self.c_birthday)
        form.addRow(self.edit_note)
        form.addRow(buttons)
        self._show_mode()
        self._fill_suggestions()
        return box

    def _fill_suggestions(self) -> None:
        today = self.station.now().date()
        found = calendar_suggestions(today.year, self.lang) + calendar_suggestions(
            today.year + 1, self.lang
        )
        coming = sorted((c for c in found if c.ends >= today), key=lambda c: c.starts)
        self.suggestions.clear()
        self.suggestions.addItem(self.tr("(escolha uma data)"), None)
        for campaign in coming[:SUGGESTION_LIMIT]:
            starts, ends = day(campaign.starts, self.lang), day(campaign.ends, self.lang)
            label = f"{campaign.name} · {starts} – {ends}"
            self.suggestions.addItem(label, campaign)
        self._set_dates(today, today)

    def _set_dates(self, starts: datetime.date, ends: datetime.date) -> None:
        self.c_starts.setDate(QDate(starts.year, starts.month, starts.day))
        self.c_ends.setDate(QDate(ends.year, ends.month, ends.day))

    def _suggestion_chosen(self, index: int) -> None:
        campaign = self.suggestions.itemData(index)
        if isinstance(campaign, Campaign):
            self.use_suggestion(campaign)

    def use_suggestion(self, campaign: Campaign) -> None:
        """Fill the form with a suggestion (still editable before creating it): a new campaign."""
        self._stop_editing()
        self.suggested = campaign
        self._fill(campaign)

    def edit(self, view: CampaignView) -> None:
        """Fill the form with a stored campaign, to correct it ("Salvar alterações")."""
        self.editing = view
        self.suggested = None
        self.suggestions.setCurrentIndex(0)
        self._fill(view.campaign)
        self._show_mode()

    def new_campaign(self) -> None:
        """Back to a blank form that creates a new campaign ("Criar campanha")."""
        self._stop_editing()
        self.suggested = None
        self.suggestions.setCurrentIndex(0)
        today = self.station.now().date()
        self.c_name.clear()
        self._set_dates(today, today)
        self.c_multiplier.setCurrentIndex(0)
        self.c_bonus.setText(format_money(0, self.lang))
        self.c_categories.clear()
        self.c_birthday.setChecked(False)

    def _stop_editing(self) -> None:
        self.editing = None
        if self.table.currentIndex().isValid():
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        self._show_mode()
        self._update_toggle()

    def _show_mode(self) -> None:
        editing = self.editing is not None
        self.form_box.setTitle(self.tr("Alterar campanha") if editing else self.tr("Nova campanha"))
        self.create_button.setText(
            self.tr("Salvar alterações") if editing else self.tr("Criar campanha")
        )
        self.edit_note.setVisible(editing)
        self.new_button.setEnabled(editing)

    def _fill(self, campaign: Campaign) -> None:
        self.c_name.setText(campaign.name)
        self._set_dates(campaign.starts, campaign.ends)
        self.c_multiplier.setCurrentIndex(
            max(0, self.c_multiplier.findData(campaign.multiplier_bps))
        )
        self.c_bonus.setText(format_money(campaign.bonus_centavos, self.lang))
        self.c_categories.setText(", ".join(sorted(campaign.categories or ())))
        self.c_birthday.setChecked(campaign.birthday_month)

    def campaign_form(self) -> Campaign:
        """The campaign as typed (raises InvalidCampaign or ValueError with the problem)."""

        def day_of(edit: QDateEdit) -> datetime.date:
            picked = edit.date()
            return datetime.date(picked.year(), picked.month(), picked.day())

        name = " ".join(self.c_name.text().split())
        if not name:
            raise ValueError(self.tr("Dê um nome à campanha."))
        try:
            bonus = parse_centavos(self.c_bonus.text() or "0")
        except ValueError:
            raise ValueError(
                self.tr("Valor inválido: %1").replace("%1", self.c_bonus.text())
            ) from None
        starts = day_of(self.c_starts)
        typed = [c.strip() for c in self.c_categories.text().replace(";", ",").split(",")]
        categories = frozenset(c for c in typed if c) or None
        suggested = self.suggested
        if self.editing is not None:
            key = self.editing.campaign.key  # a campaign keeps its key
        elif suggested is not None and suggested.name == name and suggested.starts == starts:
            key = suggested.key
        else:
            key = f"{slug(name)}_{starts.isoformat()}"
        return Campaign(
            key=key,
            name=name,
            starts=starts,
            ends=day_of(self.c_ends),
            multiplier_bps=int(self.c_multiplier.currentData()),
            bonus_centavos=bonus,
            categories=categories,
            birthday_month=self.c_birthday.isChecked(),
        )

    def save_campaign(self) -> None:
        """Create the campaign in the form, or save the corrections to the one selected;
        what is wrong with the form is said before the manager's PIN is asked."""
        try:
            campaign = self.campaign_form()
        except PosError as error:
            self.host.say(error.message(self.lang), error=True)
            return
        except ValueError as error:
            self.host.say(str(error), error=True)
            return
        station = self.station
        if self.editing is not None:
            campaign_id = self.editing.id
            self.host.with_pin(
                self.tr("alterar a campanha %1").replace("%1", self.editing.campaign.name),
                lambda staff_id, pin: update_campaign(
                    station, campaign_id, campaign, staff_id=staff_id, manager_pin=pin
                ),
                lambda saved_id: self._updated(campaign, saved_id),
                self.tr("Nada foi alterado"),
            )
            return
        self.host.with_pin(
            self.tr("criar a campanha %1").replace("%1", campaign.name),
            lambda staff_id, pin: create_campaign(
                station, campaign, staff_id=staff_id, manager_pin=pin
            ),
            lambda campaign_id: self._created(campaign, campaign_id),
            self.tr("Nada foi criado"),
        )

    def _updated(self, campaign: Campaign, campaign_id: int) -> None:
        self.host.say(
            self.tr(
                "Campanha %1 salva: vale a partir da próxima venda; o cashback já ganho não muda"
            ).replace("%1", campaign.name)
        )
        self.load_campaigns(select=campaign_id)

    def _created(self, campaign: Campaign, campaign_id: int) -> None:
        self.host.say(self.tr("Campanha %1 criada").replace("%1", campaign.name))
        self.suggested = None
        self.c_name.clear()
        self.suggestions.setCurrentIndex(0)
        self.load_campaigns(select=campaign_id)

    # -- tiers ---------------------------------------------------------------------

    def _tiers_box(self) -> QWidget:
        box = QGroupBox(self.tr("Níveis de cliente"))
        self.tiers_on = named(QCheckBox(self.tr("Níveis ligados")), "tiersEnabled")
        self.tiers_table = named(QTableWidget(0, 4), "tiersTable")
        self.tiers_table.setHorizontalHeaderLabels(
            [
                self.tr("Nome"),
                self.tr("Nome em inglês"),
                self.tr("Gasto mínimo em 12 meses (R$)"),
                self.tr("Cashback (%)"),
            ]
        )
        self.tiers_table.verticalHeader().setVisible(False)
        self.tiers_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tier_add = named(QPushButton(self.tr("Mais um nível")), "tierAdd")
        self.tier_remove = named(QPushButton(self.tr("Tirar o último")), "tierRemove")
        self.tier_preset = named(QPushButton(self.tr("Usar a sugestão")), "tierPreset")
        self.tiers_save = named(QPushButton(self.tr("Salvar níveis")), "tiersSave")
        self.tier_add.clicked.connect(self._add_tier_row)
        self.tier_remove.clicked.connect(
            lambda: self.tiers_table.setRowCount(max(0, self.tiers_table.rowCount() - 1))
        )
        self.tier_preset.clicked.connect(self.use_preset)
        self.tiers_save.clicked.connect(self.save_tiers)
        buttons = QHBoxLayout()
        for button in (self.tier_add, self.tier_remove, self.tier_preset, self.tiers_save):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.tiers_on)
        layout.addWidget(self.tiers_table, 1)
        layout.addLayout(buttons)
        return box

    def _add_tier_row(self) -> None:
        self._put_tier(self.tiers_table.rowCount(), Tier("", "", 0, 0))

    def _put_tier(self, row: int, tier: Tier) -> None:
        if row >= self.tiers_table.rowCount():
            self.tiers_table.setRowCount(row + 1)
        texts = (
            tier.name,
            tier.name_en,
            format_money(tier.min_spend_12m_centavos, self.lang),
            percent_text(tier.rate_bps, self.lang),
        )
        for column, text in enumerate(texts):
            self.tiers_table.setItem(row, column, QTableWidgetItem(text))
        item = self.tiers_table.item(row, TIER_NAME)
        if item is not None:
            item.setData(Qt.ItemDataRole.UserRole, tier.key)

    def show_tiers(self, tiers: tuple[Tier, ...]) -> None:
        self.tiers_table.setRowCount(0)
        for row, tier in enumerate(tiers):
            self._put_tier(row, tier)

    def use_preset(self) -> None:
        if self.program is not None:
            self.show_tiers(preset_ladder(self.program).tiers)

    def _cell(self, row: int, column: int) -> str:
        item = self.tiers_table.item(row, column)
        return item.text().strip() if item is not None else ""

    def tiers_form(self) -> tuple[Tier, ...]:
        """The ladder as typed (raises ValueError or InvalidTiers with the problem)."""
        tiers = []
        for row in range(self.tiers_table.rowCount()):
            name = self._cell(row, TIER_NAME)
            try:
                minimum = parse_centavos(self._cell(row, TIER_MIN) or "0")
            except ValueError:
                raise ValueError(
                    self.tr("Valor inválido: %1").replace("%1", self._cell(row, TIER_MIN))
                ) from None
            rate = parse_percent(self._cell(row, TIER_RATE))
            if rate is None:
                raise ValueError(
                    self.tr("Taxa inválida: %1").replace("%1", self._cell(row, TIER_RATE))
                )
            item = self.tiers_table.item(row, TIER_NAME)
            key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            tiers.append(
                Tier(str(key or slug(name)), name, minimum, rate, self._cell(row, TIER_NAME_EN))
            )
        TierLadder(tuple(tiers))  # every problem, before the PIN is asked
        return tuple(tiers)

    def save_tiers(self) -> None:
        enabled = self.tiers_on.isChecked()
        try:
            tiers = self.tiers_form() if self.tiers_table.rowCount() or enabled else ()
        except PosError as error:
            self.host.say(error.message(self.lang), error=True)
            return
        except ValueError as error:
            self.host.say(str(error), error=True)
            return
        settings = TierSettings(enabled, tiers)
        station = self.station
        self.host.with_pin(
            self.tr("alterar os níveis de cliente"),
            lambda staff_id, pin: save_tier_settings(
                station, settings, staff_id=staff_id, manager_pin=pin
            ),
            self._tiers_saved,
            self.tr("Alteração cancelada"),
        )

    def _tiers_saved(self, settings: TierSettings) -> None:
        self.tier_settings = settings
        self.host.say(self.tr("Níveis salvos"))

    def _show_tier_settings(self, found: tuple[TierSettings, LoyaltyProgram]) -> None:
        self.tier_settings, self.program = found
        self.tiers_on.setChecked(self.tier_settings.enabled)
        self.show_tiers(self.tier_settings.tiers or preset_ladder(self.program).tiers)

    # -- survey --------------------------------------------------------------------

    def _survey_box(self) -> QWidget:
        box = QGroupBox(self.tr("Pesquisa de satisfação"))
        self.survey_on = named(QCheckBox(self.tr("QR da pesquisa no recibo")), "surveyEnabled")
        self.survey_url = named(QLineEdit(), "surveyUrl")
        self.survey_url.setPlaceholderText("https://pesquisa.exemplo.com.br/nps")
        self.survey_save = named(QPushButton(self.tr("Salvar pesquisa")), "surveySave")
        self.survey_save.clicked.connect(self.save_survey)
        self.survey_network = named(QPushButton(self.tr("Usar a página da rede")), "surveyNetwork")
        self.survey_network.setVisible(False)
        self.survey_network.clicked.connect(self._use_network_page)
        self.network_page: str | None = None
        note = QLabel(
            self.tr("No caixa, depois de cada venda, a nota de 0 a 10 pode ser marcada na hora.")
        )
        note.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.survey_on)
        form.addRow(self.tr("Endereço da página"), self.survey_url)
        form.addRow(self.survey_network)
        form.addRow(note)
        form.addRow(self.survey_save)
        return box

    def _show_survey(self, survey: SurveySettings) -> None:
        self.survey = survey
        self.survey_on.setChecked(survey.enabled)
        self.survey_url.setText(survey.base_url)

    def _show_network_page(self, url: str | None) -> None:
        """With sync on, the chain's endpoint hosts the survey page: offer its address."""
        self.network_page = url
        self.survey_network.setVisible(url is not None)
        if url is not None:
            self.survey_network.setToolTip(url)

    def _use_network_page(self) -> None:
        if self.network_page is not None:
            self.survey_url.setText(self.network_page)
            self.survey_on.setChecked(True)

    def save_survey(self) -> None:
        survey = SurveySettings(self.survey_on.isChecked(), self.survey_url.text().strip())
        station = self.station
        self.host.with_pin(
            self.tr("alterar a pesquisa de satisfação"),
            lambda staff_id, pin: save_survey_settings(
                station, survey, staff_id=staff_id, manager_pin=pin
            ),
            self._survey_saved,
            self.tr("Alteração cancelada"),
        )

    def _survey_saved(self, survey: SurveySettings) -> None:
        self._show_survey(survey)
        self.host.say(self.tr("Pesquisa salva"))

    # -- reading -------------------------------------------------------------------

    def load(self) -> None:
        station = self.station
        self.load_campaigns()
        self.host.jobs.run(
            lambda: (load_tier_settings(station), store_admin.current_program(station)),
            self._show_tier_settings,
        )
        self.host.jobs.run(lambda: load_survey_settings(station), self._show_survey)
        self.host.jobs.run(lambda: endpoint_survey_base(station), self._show_network_page)
