"""Campaigns and tiers through the real checkout: the campaign day's multiplied cashback, a tier
change from the next sale on, a refund that takes tier progress back."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from db.models import SaleLine
from posapp.core.campaigns import Campaign
from posapp.core.errors import NotAuthorized
from posapp.core.presets import preset
from posapp.core.tiers import InvalidTiers, Tier
from posapp.services.loyalty.campaigns import (
    calendar_suggestions,
    create_campaign,
    list_campaigns,
    set_campaign_active,
)
from posapp.services.loyalty.ledger import replay_customer
from posapp.services.loyalty.tiers import (
    TierSettings,
    customer_tier,
    save_tier_settings,
)
from posapp.services.sales.checkout import LineRequest
from posapp.services.sales.quote import quote
from posapp.services.sales.refunds import void
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
TODAY = datetime.date(2026, 3, 2)  # the test clock's local date
LADDER = (
    Tier("bronze", "Bronze", 0, 1_000, "Bronze"),
    Tier("prata", "Prata", 15_000, 1_500, "Silver"),
    Tier("ouro", "Ouro", 50_000, 2_000, "Gold"),
)


def line_earned(shop: Shop, sale_id: int) -> int:
    with shop.station.read() as session:
        total: int = session.scalar(
            select(func.sum(SaleLine.earned)).where(SaleLine.sale_id == sale_id)
        )
        return total


def campaign(shop: Shop, **kw: object) -> int:
    values: dict[str, object] = {
        "key": "maes_2026",
        "name": "Dia das Mães",
        "starts": TODAY,
        "ends": TODAY,
        "multiplier_bps": 20_000,
    }
    values.update(kw)
    return create_campaign(
        shop.station,
        Campaign(**values),  # type: ignore[arg-type]
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )


def test_a_campaign_day_doubles_the_cashback_and_the_next_day_does_not(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Reis", cpf="529.982.247-25")
    campaign(shop)
    live = quote(shop.station, [LineRequest(shop.items["corte"])], customer_id=ana)
    assert (live.earn_units, live.campaigns) == (1_600, ("maes_2026",))

    sale = shop.sell("corte", customer=ana, pix=8_000)
    assert (sale.earned, sale.campaigns) == (1_600, ("maes_2026",))  # 10 % x 2 of R$ 80,00
    assert line_earned(shop, sale.sale_id) == 1_600  # split per line, for refunds

    shop.clock.advance(days=1)
    after = shop.sell("corte", customer=ana, pix=8_000)
    assert (after.earned, after.campaigns) == (800, ())


def test_a_category_campaign_and_a_bonus_apply_only_where_they_should(make_shop: MakeShop) -> None:
    shop = make_shop(preset("salon").with_changes(category_bps={"higiene": 1_000}))
    ana = shop.enrol("Ana Reis", cpf="529.982.247-25")
    campaign(shop, categories=frozenset({"servicos"}), multiplier_bps=30_000, bonus_centavos=500)
    sale = shop.sell("corte", "shampoo", customer=ana, pix=11_000)
    # corte 8 000 x 10 % x 3 = 2 400; shampoo 3 000 x 10 % (its category's rate) = 300;
    # + R$ 5,00 bonus
    assert sale.earned == 2_400 + 300 + 500
    void(shop.station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "teste")
    # the void reverses the campaign's cashback line by line, to the centavo
    with shop.station.read() as session:
        assert replay_customer(session, ana).balance(shop.clock()).total == 0


def test_a_switched_off_campaign_stops_at_once(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Reis", cpf="529.982.247-25")
    campaign_id = campaign(shop)
    assert shop.sell("corte", customer=ana, pix=8_000).earned == 1_600
    with pytest.raises(NotAuthorized):
        set_campaign_active(
            shop.station, campaign_id, False, staff_id=shop.cashier_id, manager_pin="0"
        )
    set_campaign_active(
        shop.station, campaign_id, False, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert shop.sell("corte", customer=ana, pix=8_000).earned == 800
    [view] = list_campaigns(shop.station)
    assert not view.active and view.campaign.key == "maes_2026"


def test_the_calendar_suggests_the_brazilian_commercial_dates() -> None:
    suggested = {c.key: c for c in calendar_suggestions(2026)}
    assert {"dia_das_maes_2026", "dia_do_consumidor_2026", "black_friday_2026"} <= set(suggested)
    assert suggested["dia_das_maes_2026"].multiplier_bps == 20_000  # double by default
    assert suggested["dia_das_maes_2026"].starts <= datetime.date(2026, 5, 10)
    assert suggested["aniversario_2026"].birthday_month


def tiers_on(shop: Shop, ladder: tuple[Tier, ...] = LADDER) -> None:
    save_tier_settings(
        shop.station,
        TierSettings(True, ladder),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )


def test_a_tier_change_changes_the_rate_from_the_next_sale_on(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    tiers_on(shop)
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    first = shop.sell("corte", customer=bia, pix=8_000)
    assert (first.earned, first.tier) == (800, "bronze")
    tier = customer_tier(shop.station, bia)
    assert tier is not None and tier.text("pt_BR") == "Nível Bronze: faltam R$ 70,00 para Prata"

    crossing = shop.sell("corte", customer=bia, pix=8_000)  # spend 80 -> 160: crosses 150
    assert (crossing.earned, crossing.tier) == (800, "bronze")  # earns at the old rate
    tier = customer_tier(shop.station, bia)
    assert tier is not None and tier.progress.tier.key == "prata"
    assert tier.text("en") == "Silver tier: R$340.00 to Gold"

    next_sale = shop.sell("corte", customer=bia, pix=8_000)
    assert (next_sale.earned, next_sale.tier) == (1_200, "prata")  # 15 %
    live = quote(shop.station, [LineRequest(shop.items["corte"])], customer_id=bia)
    assert live.earn_units == 1_200 and live.tier is not None
    assert live.tier.progress.tier.key == "prata"


def test_a_refund_undoes_tier_progress_and_the_next_sale_earns_at_the_lower_rate(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    tiers_on(shop)
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    shop.sell("corte", customer=bia, pix=8_000)
    second = shop.sell("corte", customer=bia, pix=8_000)
    tier = customer_tier(shop.station, bia)
    assert tier is not None and (tier.spend_12m, tier.progress.tier.key) == (16_000, "prata")

    void(shop.station, second.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")

    tier = customer_tier(shop.station, bia)
    assert tier is not None and (tier.spend_12m, tier.progress.tier.key) == (8_000, "bronze")
    assert shop.sell("corte", customer=bia, pix=8_000).earned == 800  # bronze again


def test_spend_older_than_twelve_months_no_longer_counts(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    tiers_on(shop)
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    shop.sell("corte", "corte", customer=bia, pix=16_000)
    shop.clock.advance(days=364)
    assert shop.sell("corte", customer=bia, pix=8_000).tier == "prata"
    shop.clock.advance(days=2)  # the first sale is now more than a year old
    assert shop.sell("corte", customer=bia, pix=8_000).tier == "bronze"


def test_tiers_off_by_default_and_a_bad_ladder_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    assert customer_tier(shop.station, bia) is None
    assert shop.sell("corte", customer=bia, pix=8_000).tier is None
    with pytest.raises(InvalidTiers):
        tiers_on(shop, (Tier("prata", "Prata", 100, 1_500),))  # must start at R$ 0
    save_tier_settings(
        shop.station, TierSettings(True), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    preset = customer_tier(shop.station, bia)  # the salon's preset ladder
    assert preset is not None and preset.progress.next_tier is not None
    assert preset.text("pt_BR") == "Nível Bronze: faltam R$ 920,00 para Prata"
