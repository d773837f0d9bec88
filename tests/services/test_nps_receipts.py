"""The satisfaction survey and the tier on paper: the receipt's tier line and survey QR decoded
back from ESC/POS, NPS recorded at the counter and shown in the X report and its CSV."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp.core.nps import InvalidScore, Period, payload_from_url, verify_survey_qr
from posapp.core.tiers import Tier
from posapp.services.cash.report_output import report_csv, sections
from posapp.services.cash.reports import x_report
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.loyalty.tiers import TierSettings, save_tier_settings
from posapp.services.messages.survey import (
    ScoreAlreadyRecorded,
    SurveySettings,
    UnknownSale,
    nps_for_period,
    record_score,
    save_survey_settings,
)
from posapp.services.sales.receipts import sale_receipt
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
SURVEY = "https://pesquisa.lojateste.com.br/nps"


def printed(shop: Shop, sale_id: int, language: str = "pt_BR") -> tuple[list[str], list[str]]:
    receipt = sale_receipt(shop.station, sale_id, CounterSettings(language=language, paper_mm=80))
    [paper] = decode(render_bytes(receipt).data)
    return list(paper.lines), paper.qr_payloads


def test_the_receipt_shows_the_tier_left_to_the_next_and_a_survey_qr_that_verifies(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    ladder = (
        Tier("bronze", "Bronze", 0, 1_000, "Bronze"),
        Tier("prata", "Prata", 15_000, 1_500, "Silver"),
        Tier("ouro", "Ouro", 50_000, 2_000, "Gold"),
    )
    save_tier_settings(
        shop.station, TierSettings(True, ladder), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    save_survey_settings(
        shop.station,
        SurveySettings(True, SURVEY),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    shop.sell("corte", customer=bia, pix=8_000)
    sale = shop.sell("corte", "manicure", customer=bia, pix=11_500)  # spend 195,00: Prata

    lines, qrs = printed(shop, sale.sale_id)
    assert "Nível Prata: faltam R$ 305,00 para Ouro" in lines
    assert any(line.startswith("Como foi o seu atendimento?") for line in lines)
    [survey] = [q for q in qrs if q.startswith(SURVEY)]
    with shop.station.read() as session:
        store = shop.station.store(session)
        assert verify_survey_qr(payload_from_url(survey), store.signing_key) == (
            store.uuid,
            sale.uuid,
        )

    # A reprint after a later sale is the same paper (the spend counts up to that sale).
    shop.clock.advance(hours=1)
    shop.sell("corte", customer=bia, pix=8_000)
    assert printed(shop, sale.sale_id) == (lines, qrs)
    english, _ = printed(shop, sale.sale_id, "en")
    assert "Silver tier: R$305.00 to Gold" in english


def test_no_tier_line_nor_survey_unless_the_store_turns_them_on(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    sale = shop.sell("corte", customer=bia, pix=8_000)
    lines, qrs = printed(shop, sale.sale_id)
    assert not any(line.startswith(("Nível", "Como foi")) for line in lines) and qrs == []


def test_nps_is_recorded_once_per_sale_and_shows_in_the_x_report(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sales = [shop.sell("corte", pix=8_000) for _ in range(4)]
    for sale, score in zip(sales, (10, "9", 7, 3), strict=True):
        record_score(shop.station, sale.uuid, score, shop.cashier_id)
    with pytest.raises(ScoreAlreadyRecorded):
        record_score(shop.station, sales[0].uuid, 5, shop.cashier_id)
    with pytest.raises(InvalidScore):
        record_score(shop.station, sales[1].uuid, 11, shop.cashier_id)
    with pytest.raises(UnknownSale):
        record_score(shop.station, "no-such-sale", 8, shop.cashier_id)

    report = x_report(shop.station)
    nps = report.nps
    assert (nps.responses, nps.promoters, nps.passives, nps.detractors) == (4, 2, 1, 1)
    assert nps.score == 25  # (2 - 1) / 4
    [section] = [s for s in sections(report, "pt_BR") if s.title == "Satisfação (NPS)"]
    assert [(r.label, r.count, r.note) for r in section.rows][-1] == ("NPS", None, "+25")
    assert "Satisfação (NPS);Respostas;4;" in report_csv(report)

    by_month = nps_for_period(
        shop.station, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), Period.MONTH
    )
    assert list(by_month) == [datetime.date(2026, 3, 1)]
    assert by_month[datetime.date(2026, 3, 1)].score == 25
    shop.clock.advance(days=1)
    assert x_report(shop.station).nps.responses == 0  # the next day has none yet
