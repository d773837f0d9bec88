"""Gerência > Campanhas: a campaign from the commercial calendar, one by hand, switching off,
correcting one; the tiers ladder from its preset; the survey switch; every change with the
manager's PIN."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.core.campaigns import Campaign
from posapp.services.loyalty.campaigns import create_campaign, list_campaigns
from posapp.services.loyalty.tiers import load_tier_settings
from posapp.services.messages.survey import load_survey_settings
from posapp.ui.settings.campaigns_tab import TIER_MIN, TIER_NAME, TIER_RATE
from posapp.ui.settings.screen import CAMPANHAS, SettingsScreen
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.settings_support import click, settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def listed(screen: SettingsScreen) -> list[list[str]]:
    model = screen.campaigns_tab.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_campaign_from_the_calendar_is_listed_and_switched_off(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")  # the clock says 2 March 2026
    screen = screens(shop, CAMPANHAS)
    tab = screen.campaigns_tab
    assert screen.tabs.tabText(CAMPANHAS) == "Campanhas"
    assert listed(screen) == []
    offered = [tab.suggestions.itemData(i) for i in range(1, tab.suggestions.count())]
    assert all(isinstance(c, Campaign) for c in offered)
    names = [c.name for c in offered]
    assert "Dia das Mães" in names and "Mês do aniversário" in names
    assert all(c.ends.isoformat() >= "2026-03-02" for c in offered)  # nothing already over

    mothers = names.index("Dia das Mães") + 1
    tab.suggestions.setCurrentIndex(mothers)
    tab.suggestions.activated.emit(mothers)
    assert tab.c_name.text() == "Dia das Mães"
    assert tab.c_multiplier.currentData() == 20_000  # double cashback

    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.create_button, qtbot, screen)
    assert "gerente" in screen.message.text()
    assert list_campaigns(shop.station) == []

    pins = Pins()
    screen.ask_pin = pins
    click(tab.create_button, qtbot, screen)
    assert pins.asked == ["criar a campanha Dia das Mães"]
    assert screen.message.text() == "Campanha Dia das Mães criada"
    [row] = listed(screen)
    assert row[0] == "Dia das Mães"
    assert row[3:] == ["cashback em dobro", "Todas", "Ligada"]
    [stored] = list_campaigns(shop.station)
    assert stored.active and stored.campaign.multiplier_bps == 20_000
    assert stored.campaign.key == offered[mothers - 1].key

    # The same date twice: the service refuses the repeated key.
    tab.suggestions.activated.emit(mothers)
    click(tab.create_button, qtbot, screen)
    assert "já existe uma campanha" in screen.message.text()
    assert len(list_campaigns(shop.station)) == 1

    tab.table.selectRow(0)
    assert tab.toggle_button.text() == "Desligar"
    click(tab.toggle_button, qtbot, screen)
    assert pins.asked[-1] == "desligar a campanha Dia das Mães"
    assert screen.message.text() == "Campanha desligada"
    assert listed(screen)[0][5] == "Desligada"
    assert not list_campaigns(shop.station)[0].active
    assert tab.toggle_button.text() == "Ligar"  # still the selected row


def test_a_campaign_by_hand_is_checked_before_the_pin(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop, CAMPANHAS)
    tab = screen.campaigns_tab
    pins = Pins()
    screen.ask_pin = pins

    tab.c_name.setText("Semana da Beleza")
    tab.c_multiplier.setCurrentIndex(tab.c_multiplier.findData(10_000))  # no multiplier, no bonus
    click(tab.create_button, qtbot, screen)
    assert pins.asked == []
    assert screen.message.text() == (
        "Campanha inválida: informe um multiplicador acima de 1x ou um bônus."
    )

    tab.c_bonus.setText("5,00")
    tab.c_categories.setText("servicos; higiene")
    tab.c_birthday.setChecked(True)
    click(tab.create_button, qtbot, screen)
    assert pins.asked == ["criar a campanha Semana da Beleza"]
    [row] = listed(screen)
    assert row[3:] == ["R$ 5,00 de bônus · no mês do aniversário", "higiene, servicos", "Ligada"]
    [stored] = list_campaigns(shop.station)
    assert stored.campaign.categories == frozenset({"servicos", "higiene"})
    assert stored.campaign.birthday_month and stored.campaign.bonus_centavos == 500


def test_a_campaign_selected_in_the_list_is_corrected_with_the_managers_pin(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")  # the clock says 2 March 2026
    today = datetime.date(2026, 3, 2)
    semana = Campaign("semana_beleza", "Semana da Beleza", today, today, multiplier_bps=30_000)
    create_campaign(shop.station, semana, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    screen = screens(shop, CAMPANHAS)
    settle(screen, qtbot)
    tab = screen.campaigns_tab
    assert tab.create_button.text() == "Criar campanha" and tab.edit_note.isHidden()

    tab.table.selectRow(0)
    assert tab.c_name.text() == "Semana da Beleza"
    assert tab.c_multiplier.currentData() == 30_000
    assert tab.create_button.text() == "Salvar alterações"
    assert tab.form_box.title() == "Alterar campanha" and not tab.edit_note.isHidden()
    assert tab.edit_note.text() == (
        "A alteração vale a partir da próxima venda; o cashback das vendas já feitas não muda."
    )

    # an end before the start is refused before the PIN
    pins = Pins()
    screen.ask_pin = pins
    tab.c_ends.setDate(QDate(2026, 3, 1))
    click(tab.create_button, qtbot, screen)
    assert pins.asked == []
    assert screen.message.text() == "Campanha inválida: o fim vem antes do início."

    tab.c_ends.setDate(QDate(2026, 3, 20))
    tab.c_multiplier.setCurrentIndex(tab.c_multiplier.findData(20_000))
    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.create_button, qtbot, screen)
    assert "gerente" in screen.message.text()
    [stored] = list_campaigns(shop.station)
    assert stored.campaign == semana  # nothing changed
    assert listed(screen)[0][2:4] == ["02/03/2026", "cashback triplo"]

    screen.ask_pin = pins
    click(tab.create_button, qtbot, screen)
    assert pins.asked == ["alterar a campanha Semana da Beleza"]
    assert screen.message.text() == (
        "Campanha Semana da Beleza salva: vale a partir da próxima venda; "
        "o cashback já ganho não muda"
    )
    [row] = listed(screen)
    assert row == [
        "Semana da Beleza",
        "02/03/2026",
        "20/03/2026",
        "cashback em dobro",
        "Todas",
        "Ligada",
    ]
    [stored] = list_campaigns(shop.station)
    assert stored.campaign.key == "semana_beleza"  # the same campaign, corrected
    assert (stored.campaign.ends, stored.campaign.multiplier_bps) == (
        datetime.date(2026, 3, 20),
        20_000,
    )
    assert tab.selected() == stored and tab.create_button.text() == "Salvar alterações"

    # "Nova" clears the form back to creating one; the stored campaign stays as it is
    click(tab.new_button, qtbot, screen)
    assert tab.create_button.text() == "Criar campanha" and tab.c_name.text() == ""
    assert tab.selected() is None and tab.form_box.title() == "Nova campanha"
    assert tab.edit_note.isHidden()
    tab.c_name.setText("Semana do Cliente")
    tab.c_multiplier.setCurrentIndex(tab.c_multiplier.findData(15_000))
    click(tab.create_button, qtbot, screen)
    assert pins.asked[-1] == "criar a campanha Semana do Cliente"
    assert sorted(v.campaign.name for v in list_campaigns(shop.station)) == [
        "Semana da Beleza",
        "Semana do Cliente",
    ]
    assert list_campaigns(shop.station)[0].campaign.ends == datetime.date(2026, 3, 20)


def test_the_tiers_ladder_from_the_preset_and_the_survey_are_saved(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop, CAMPANHAS)
    tab = screen.campaigns_tab
    assert not tab.tiers_on.isChecked()
    shown = [
        [tab.tiers_table.item(r, c).text() for c in range(4)]
        for r in range(tab.tiers_table.rowCount())
    ]
    assert shown == [
        ["Bronze", "Bronze", "R$ 0,00", "10"],
        ["Prata", "Silver", "R$ 1.000,00", "12"],
        ["Ouro", "Gold", "R$ 3.000,00", "15"],
    ]
    pins = Pins()
    screen.ask_pin = pins

    tab.tiers_on.setChecked(True)
    tab.tiers_table.setItem(0, TIER_MIN, QTableWidgetItem("50,00"))
    click(tab.tiers_save, qtbot, screen)
    assert pins.asked == []
    assert "o primeiro nível deve começar em R$ 0,00" in screen.message.text()
    tab.tiers_table.setItem(0, TIER_MIN, QTableWidgetItem("0"))
    tab.tiers_table.setItem(1, TIER_RATE, QTableWidgetItem("doze"))
    click(tab.tiers_save, qtbot, screen)
    assert screen.message.text() == "Taxa inválida: doze" and pins.asked == []

    tab.tiers_table.setItem(1, TIER_RATE, QTableWidgetItem("12,5"))
    tab.tiers_table.setItem(1, TIER_MIN, QTableWidgetItem("800,00"))
    tab.tiers_table.item(2, TIER_NAME).setText("Diamante")  # keeps its key
    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.tiers_save, qtbot, screen)
    assert "gerente" in screen.message.text() and not load_tier_settings(shop.station).enabled

    screen.ask_pin = pins
    click(tab.tiers_save, qtbot, screen)
    assert pins.asked == ["alterar os níveis de cliente"]
    assert screen.message.text() == "Níveis salvos"
    saved = load_tier_settings(shop.station)
    assert saved.enabled
    assert [(t.key, t.name, t.min_spend_12m_centavos, t.rate_bps) for t in saved.tiers] == [
        ("bronze", "Bronze", 0, 1_000),
        ("prata", "Prata", 80_000, 1_250),
        ("ouro", "Diamante", 300_000, 1_500),
    ]

    # The survey: on without an address is refused by the service; with one, saved.
    tab.survey_on.setChecked(True)
    click(tab.survey_save, qtbot, screen)
    assert "a pesquisa precisa do endereço (URL) da página" in screen.message.text()
    assert not load_survey_settings(shop.station).enabled
    tab.survey_url.setText("https://pesquisa.lojateste.com.br/nps")
    click(tab.survey_save, qtbot, screen)
    assert screen.message.text() == "Pesquisa salva"
    survey = load_survey_settings(shop.station)
    assert survey.enabled and survey.base_url == "https://pesquisa.lojateste.com.br/nps"


def test_with_sync_on_the_networks_survey_page_is_offered(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    from posapp.services.sync.config import SyncConfig, save_sync_config
    from tests.support import MANAGER_PIN

    plain = screens(make_shop("salon"), CAMPANHAS)
    settle(plain, qtbot)
    assert not plain.campaigns_tab.survey_network.isVisible()  # no sync: nothing to offer

    shop = make_shop("pharmacy")
    config = SyncConfig("https://nuvem.belavista.com.br", "token", True)
    save_sync_config(shop.station, config, staff_id=None, manager_pin=MANAGER_PIN)
    screen = screens(shop, CAMPANHAS)
    settle(screen, qtbot)
    tab = screen.campaigns_tab
    assert tab.survey_network.isVisible()
    click(tab.survey_network, qtbot, screen)
    assert tab.survey_url.text() == "https://nuvem.belavista.com.br/s"
    assert tab.survey_on.isChecked()
    screen.ask_pin = Pins()
    click(tab.survey_save, qtbot, screen)
    saved = load_survey_settings(shop.station)
    assert (saved.enabled, saved.base_url) == (True, "https://nuvem.belavista.com.br/s")
