"""Correcting a campaign: the next sale earns under the new rule, a sale already made keeps what
it earned; a manager's PIN, the same checks as a new campaign, audited with before and after."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import Campaign as CampaignRow
from posapp.core.campaigns import Campaign, InvalidCampaign
from posapp.core.errors import InvalidSetting, NotAuthorized
from posapp.services.loyalty.campaigns import (
    create_campaign,
    list_campaigns,
    update_campaign,
)
from posapp.services.loyalty.ledger import replay_customer
from posapp.services.sales.checkout import LineRequest
from posapp.services.sales.quote import quote
from tests.services.admin_support import everything, last_audit
from tests.services.test_campaigns_tiers import line_earned
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
TODAY = datetime.date(2026, 3, 2)  # the test clock's local date
MAES = Campaign("maes_2026", "Dia das Mães", TODAY, TODAY, multiplier_bps=30_000)


def created(shop: Shop, campaign: Campaign = MAES) -> int:
    return create_campaign(
        shop.station, campaign, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )


def edit(shop: Shop, target: int | str, changes: Campaign, pin: str = MANAGER_PIN) -> int:
    return update_campaign(shop.station, target, changes, staff_id=shop.manager_id, manager_pin=pin)


def test_a_corrected_multiplier_applies_from_the_next_sale_and_the_past_keeps_its_cashback(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Reis", cpf="529.982.247-25")
    campaign_id = created(shop)  # 3x typed where 2x was meant
    before = shop.sell("corte", customer=ana, pix=8_000)
    assert before.earned == 2_400  # 10 % x 3 of R$ 80,00

    [view] = list_campaigns(shop.station)
    fixed = dataclasses.replace(MAES, multiplier_bps=20_000, ends=TODAY + datetime.timedelta(1))
    assert edit(shop, campaign_id, fixed) == campaign_id
    live = quote(shop.station, [LineRequest(shop.items["corte"])], customer_id=ana)
    assert (live.earn_units, live.campaigns) == (1_600, ("maes_2026",))
    after = shop.sell("corte", customer=ana, pix=8_000)
    assert (after.earned, after.campaigns) == (1_600, ("maes_2026",))

    # the sale made before keeps its 3x, per line and in the customer's balance
    assert line_earned(shop, before.sale_id) == 2_400
    with shop.station.read() as session:
        assert replay_customer(session, ana).balance(shop.clock()).total == 2_400 + 1_600

    # the corrected end date counts as well: the next day is still in the campaign
    shop.clock.advance(days=1)
    assert shop.sell("corte", customer=ana, pix=8_000).earned == 1_600
    [stored] = list_campaigns(shop.station)
    assert stored.campaign == fixed and stored.active and stored.id == view.id


def test_a_cashiers_pin_changes_nothing(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Reis", cpf="529.982.247-25")
    campaign_id = created(shop)
    assert shop.sell("corte", customer=ana, pix=8_000).earned == 2_400  # the cache is warm
    kept, stored = everything(shop), list_campaigns(shop.station)
    with pytest.raises(NotAuthorized):
        edit(shop, campaign_id, dataclasses.replace(MAES, multiplier_bps=20_000), CASHIER_PIN)
    assert everything(shop) == kept and list_campaigns(shop.station) == stored
    assert shop.sell("corte", customer=ana, pix=8_000).earned == 2_400


def test_an_invalid_edit_is_refused_like_a_new_campaign(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    campaign_id = created(shop)
    kept, stored = everything(shop), list_campaigns(shop.station)
    with pytest.raises(InvalidCampaign):
        dataclasses.replace(MAES, ends=TODAY - datetime.timedelta(1))
    # one forged past its checks is refused by the service too
    forged = dataclasses.replace(MAES)
    object.__setattr__(forged, "ends", TODAY - datetime.timedelta(1))
    with pytest.raises(InvalidCampaign) as refused:
        edit(shop, campaign_id, forged)
    assert "o fim vem antes do início" in refused.value.message("pt_BR")
    # the key is the campaign's identity: another key is refused, so no two can share one
    other = created(shop, dataclasses.replace(MAES, key="pais_2026", name="Dia dos Pais"))
    with pytest.raises(InvalidSetting):
        edit(shop, other, MAES)
    assert len(list_campaigns(shop.station)) == 2
    assert list_campaigns(shop.station)[0] == stored[0]
    assert everything(shop)[2] == kept[2] + 1  # only the second campaign's creation audited


def test_the_audit_keeps_what_was_and_what_is(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    created(shop)
    [view] = list_campaigns(shop.station)
    with shop.station.read() as session:  # by its uuid, as a chain would name it
        row_uuid = session.scalars(select(CampaignRow.uuid).where(CampaignRow.id == view.id)).one()
    changes = dataclasses.replace(
        MAES, multiplier_bps=20_000, categories=frozenset({"servicos", "higiene"})
    )
    edit(shop, row_uuid, changes)
    row, details = last_audit(shop, "campaign.change")
    assert row.target == "campaign:maes_2026"
    assert row.staff_id == shop.manager_id and row.authorized_by_id == shop.manager_id
    assert details["before"]["multiplier_bps"] == 30_000 and details["before"]["categories"] is None
    assert details["after"]["multiplier_bps"] == 20_000
    assert details["after"]["categories"] == ["higiene", "servicos"]
    assert details["changed"] == {
        "multiplier_bps": [30_000, 20_000],
        "categories": [None, ["higiene", "servicos"]],
    }
    assert list_campaigns(shop.station)[0].campaign == changes
