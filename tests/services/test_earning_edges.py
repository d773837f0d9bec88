"""Earning edges where a one-line bug in `posapp/services/loyalty/earning.py` left the
suite green (mutation testing): the store's calendar near midnight (campaign day and
the 12-month tier window), the birthday-month campaign, and what the sale result and
the live quote report when tiers and campaigns are on together.

The store is in America/Sao_Paulo (UTC-3, no daylight saving since 2019), so a sale
at 01:30 UTC is at 22:30 of the previous day at the counter. The machine's own zone
is set to UTC for these tests (as on a server or a container), so a computation that
used the machine's calendar instead of the store's gives a different day.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest

from posapp.core.campaigns import Campaign
from posapp.core.tiers import Tier
from posapp.services.loyalty.campaigns import create_campaign, set_campaign_active
from posapp.services.loyalty.tiers import TierSettings, save_tier_settings
from posapp.services.sales.checkout import LineRequest
from posapp.services.sales.quote import Quote, quote
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
LADDER = (
    Tier("bronze", "Bronze", 0, 1_000, "Bronze"),  # from R$ 0: 10 %
    Tier("prata", "Prata", 15_000, 1_500, "Silver"),  # from R$ 150,00: 15 %
    Tier("ouro", "Ouro", 50_000, 2_000, "Gold"),  # from R$ 500,00: 20 %
)


@pytest.fixture
def machine_in_utc() -> Iterator[None]:
    """The machine's local zone is UTC, three hours ahead of the store's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def _campaign(shop: Shop, **kw: object) -> int:
    values: dict[str, object] = {
        "key": "campanha",
        "name": "Campanha",
        "starts": date(2026, 3, 2),
        "ends": date(2026, 3, 2),
        "multiplier_bps": 20_000,  # double cashback
    }
    values.update(kw)
    return create_campaign(
        shop.station,
        Campaign(**values),  # type: ignore[arg-type]
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )


def _tiers_on(shop: Shop) -> None:
    save_tier_settings(
        shop.station, TierSettings(True, LADDER), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )


def _quote_corte(shop: Shop, customer: int) -> Quote:
    return quote(shop.station, [LineRequest(shop.items["corte"])], customer_id=customer)


def _at(shop: Shop, moment: datetime) -> None:
    assert moment >= shop.clock.moment  # the clock only moves forward
    shop.clock.moment = moment


# -- the campaign day is the store's date -----------------------------------------------


@pytest.mark.usefixtures("machine_in_utc")
def test_a_one_day_campaign_follows_the_stores_calendar_not_the_machines(
    make_shop: MakeShop,
) -> None:
    """A 2x campaign on 14 March only. The salon gives 10 % on services: a cut of
    R$ 80,00 earns R$ 8,00, R$ 16,00 on the campaign day."""
    shop = make_shop("salon")
    ana = shop.enrol("Ana Reis", cpf="529.982.247-25")
    _campaign(shop, key="dia_14", starts=date(2026, 3, 14), ends=date(2026, 3, 14))

    # 14 March 01:30 UTC is 13 March 22:30 in São Paulo: not the campaign's day yet.
    _at(shop, datetime(2026, 3, 14, 1, 30, tzinfo=UTC))
    eve = shop.sell("corte", customer=ana, pix=8_000)
    assert (eve.earned, eve.campaigns) == (800, ())

    # 15 March 01:30 UTC is still 14 March (22:30) at the counter: the campaign applies.
    _at(shop, datetime(2026, 3, 15, 1, 30, tzinfo=UTC))
    live = _quote_corte(shop, ana)
    assert (live.earn_units, live.campaigns) == (1_600, ("dia_14",))
    late = shop.sell("corte", customer=ana, pix=8_000)
    assert (late.earned, late.campaigns) == (1_600, ("dia_14",))


# -- the birthday-month campaign ------------------------------------------------------


def test_a_birthday_month_campaign_doubles_only_for_customers_born_that_month(
    make_shop: MakeShop,
) -> None:
    """March 2026 birthday campaign, 2x. On 2 March (the test clock) a cut of R$ 80,00
    earns 10 % x 2 = R$ 16,00 for a customer born in March, R$ 8,00 for one born in May."""
    shop = make_shop("salon")
    _campaign(
        shop,
        key="aniversario_2026",
        name="Mês do aniversário",
        starts=date(2026, 3, 1),
        ends=date(2026, 3, 31),
        birthday_month=True,
    )
    march = shop.enrol("Clara Março", cpf="529.982.247-25", birthday=date(1990, 3, 20))
    may = shop.enrol("Maia Maio", cpf="111.444.777-35", birthday=date(1988, 5, 9))

    assert _quote_corte(shop, march).earn_units == 1_600
    born_in_march = shop.sell("corte", customer=march, pix=8_000)
    assert (born_in_march.earned, born_in_march.campaigns) == (1_600, ("aniversario_2026",))

    born_in_may = shop.sell("corte", customer=may, pix=8_000)
    assert (born_in_may.earned, born_in_may.campaigns) == (800, ())


# -- tiers and campaigns together ------------------------------------------------------


def test_with_tiers_and_a_campaign_on_the_sale_and_quote_still_show_the_tier(
    make_shop: MakeShop,
) -> None:
    """Bronze earns 10 %, doubled by the day's campaign: a cut of R$ 80,00 earns R$ 16,00.
    After it the 12-month spend is R$ 80,00: R$ 150,00 - 80,00 = R$ 70,00 to Prata."""
    shop = make_shop("salon")
    _tiers_on(shop)
    _campaign(shop, key="maes_2026", name="Dia das Mães")
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")

    before = _quote_corte(shop, bia)
    assert before.tier is not None
    assert before.tier.text("pt_BR") == "Nível Bronze: faltam R$ 150,00 para Prata"
    first = shop.sell("corte", customer=bia, pix=8_000)
    assert (first.earned, first.tier, first.campaigns) == (1_600, "bronze", ("maes_2026",))

    live = _quote_corte(shop, bia)
    assert live.earn_units == 1_600 and live.tier is not None
    assert live.tier.text("pt_BR") == "Nível Bronze: faltam R$ 70,00 para Prata"
    assert live.tier.text("en") == "Bronze tier: R$70.00 to Silver"

    # Spend 80 -> 160 crosses R$ 150,00; the next cut earns Prata's 15 % x 2 = R$ 24,00.
    shop.sell("corte", customer=bia, pix=8_000)
    third = shop.sell("corte", customer=bia, pix=8_000)
    assert (third.earned, third.tier, third.campaigns) == (2_400, "prata", ("maes_2026",))


def test_with_tiers_on_and_the_campaign_switched_off_no_campaign_is_reported(
    make_shop: MakeShop,
) -> None:
    """Tiers on, the only campaign switched off: a cut of R$ 80,00 earns Bronze's 10 %
    (R$ 8,00) and the sale and the quote name no campaign (an empty list, not 'unknown')."""
    shop = make_shop("salon")
    _tiers_on(shop)
    campaign_id = _campaign(shop, key="maes_2026", name="Dia das Mães")
    set_campaign_active(
        shop.station, campaign_id, False, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")

    live = _quote_corte(shop, bia)
    assert (live.earn_units, live.campaigns) == (800, ())
    sale = shop.sell("corte", customer=bia, pix=8_000)
    assert (sale.earned, sale.tier, sale.campaigns) == (800, "bronze", ())
    assert ", ".join(sale.campaigns) == ""  # what a screen listing them would show


# -- the 12-month window starts at the store's midnight ---------------------------------


@pytest.mark.usefixtures("machine_in_utc")
def test_the_twelve_month_spend_window_starts_at_the_stores_midnight(
    make_shop: MakeShop,
) -> None:
    """Two cuts (R$ 160,00, Prata from R$ 150,00) bought on 2 March 2026 at 22:30 in
    São Paulo, i.e. 3 March 01:30 UTC. They count for exactly one year of store dates:
    the window on 1 March 2027 runs from 2 March 2026 (they count: Prata, 15 % of a
    R$ 80,00 cut = R$ 12,00); on 2 March 2027 it runs from 3 March 2026 00:00 São Paulo
    = 03:00 UTC, after the purchase (Bronze again, 10 % = R$ 8,00). The machine's
    midnight (00:00 UTC) would still count them."""
    shop = make_shop("salon")
    _tiers_on(shop)
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    _at(shop, datetime(2026, 3, 3, 1, 30, tzinfo=UTC))
    assert shop.sell(("corte", 2), customer=bia, pix=16_000).tier == "bronze"

    _at(shop, datetime(2027, 3, 1, 15, 0, tzinfo=UTC))  # 12:00 on 1 March at the counter
    last_day = _quote_corte(shop, bia)
    assert last_day.earn_units == 1_200 and last_day.tier is not None
    assert last_day.tier.progress.tier.key == "prata"

    _at(shop, datetime(2027, 3, 2, 15, 0, tzinfo=UTC))  # 12:00 on 2 March at the counter
    sale = shop.sell("corte", customer=bia, pix=8_000)
    assert (sale.earned, sale.tier) == (800, "bronze")
