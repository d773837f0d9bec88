"""Store data and the loyalty program: a manager's PIN, an audit row, an outbox event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from posapp.core.errors import (
    FieldRequired,
    InvalidCNPJ,
    InvalidProgramRules,
    NotAuthorized,
    ProgramModeLocked,
)
from posapp.core.presets import preset
from posapp.core.program import ProgramMode, VoucherRule, VoucherTrigger
from posapp.services.admin.store import (
    StoreData,
    change_program,
    current_program,
    edit_program,
    example,
    store_data,
    update_store,
)
from posapp.services.common.store_info import store_info
from tests.services.admin_support import events, everything, last_audit
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
NEW = StoreData("Salão Bela Vista", "11.222.333/0001-81", "Rua das Flores, 10", "(11) 3333-4444")


def test_a_manager_changes_the_store_data_audited_with_before_and_after(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    saved = update_store(shop.station, NEW, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN)
    assert saved.cnpj == "11222333000181"
    assert store_data(shop.station) == saved
    assert store_info(shop.station).name == "Salão Bela Vista"  # the cache was dropped
    row, details = last_audit(shop, "store.change")
    assert (row.staff_id, row.authorized_by_id) == (shop.cashier_id, shop.manager_id)
    assert details["before"]["name"] == "Loja Teste" and details["before"]["cnpj"] is None
    assert details["after"]["cnpj"] == "11222333000181"
    assert details["changed"]["name"] == ["Loja Teste", "Salão Bela Vista"]
    (event,) = events(shop, "store.changed")
    assert event["name"] == "Salão Bela Vista" and event["cnpj"] == "11222333000181"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            StoreData("Loja", "11.222.333/0001-82"),
            InvalidCNPJ,
            "CNPJ inválido: 11.222.333/0001-82. Confira os dígitos.",
        ),
        (StoreData("   ", None), FieldRequired, "Informe o nome da loja."),
    ],
)
def test_bad_store_data_is_refused_and_nothing_is_written(
    make_shop: MakeShop, data: StoreData, error: type[Exception], message: str
) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    with pytest.raises(error) as refused:
        update_store(shop.station, data, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert refused.value.message() == message  # type: ignore[attr-defined]
    assert everything(shop) == before


def test_a_cashiers_pin_changes_neither_the_store_nor_the_program(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    with pytest.raises(NotAuthorized) as refused:
        update_store(shop.station, NEW, staff_id=shop.cashier_id, manager_pin=CASHIER_PIN)
    assert refused.value.message() == ("PIN de gerente incorreto: alterar os dados da loja.")
    with pytest.raises(NotAuthorized):
        change_program(
            shop.station, preset("pharmacy"), staff_id=shop.cashier_id, manager_pin=CASHIER_PIN
        )
    with pytest.raises(NotAuthorized):  # nor a wrong one
        change_program(
            shop.station, preset("pharmacy"), staff_id=shop.manager_id, manager_pin="12345"
        )
    assert everything(shop) == before


def test_switching_preset_changes_what_the_next_sale_earns(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    assert shop.sell("corte", customer=carla, pix=8_000).earned == 800  # 10 %
    change_program(
        shop.station, preset("pharmacy"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert current_program(shop.station).key == "pharmacy"
    assert shop.sell("corte", customer=carla, pix=8_000).earned == 400  # 5 %
    row, details = last_audit(shop, "program.change")
    assert (row.staff_id, row.authorized_by_id) == (shop.manager_id, shop.manager_id)
    assert row.target == "program:pharmacy"
    assert details["changed"]["earn_bps"] == [1_000, 500]
    assert details["before"]["key"] == "salon" and details["after"]["key"] == "pharmacy"
    (event,) = events(shop, "program.changed")
    assert event["program"]["earn_bps"] == 500


def test_every_rule_is_editable_and_the_edit_takes_effect(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    edited = edit_program(
        current_program(shop.station),
        earn_bps=1_500,
        category_bps={"servicos": 2_000, "cosmeticos": 1_500},  # the salon's products: 0 %
        excluded_categories=frozenset({"higiene"}),
        min_purchase_centavos=5_000,
        expiry_days=90,
        max_redeem_bps=3_000,
    )
    change_program(shop.station, edited, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert shop.sell("corte", customer=carla, pix=8_000).earned == 1_600  # 20 % on services
    assert shop.sell("batom", customer=carla, pix=4_990).earned == 0  # below R$ 50,00
    assert shop.sell("shampoo", "batom", customer=carla, pix=7_990).earned == 748  # 15 % of 49,90


def test_a_bad_rule_is_refused_with_every_problem_in_pt_br(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    before = everything(shop)
    with pytest.raises(InvalidProgramRules) as refused:
        edit_program(
            current_program(shop.station),
            earn_bps=12_000,
            voucher=VoucherRule(trigger=VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=0),
        )
    assert refused.value.message() == (
        "Regras do programa inválidas: o cashback deve ficar entre 0% e 100%; "
        "o vale por saldo precisa de um valor mínimo acima de zero."
    )
    assert refused.value.message("en") == (
        "Invalid program rules: earn rates must be between 0 % and 100 %; "
        "a balance voucher needs a threshold above zero."
    )
    with pytest.raises(InvalidProgramRules, match="the program needs a name"):
        edit_program(current_program(shop.station), name=" ")
    assert everything(shop) == before


def test_cashback_to_points_is_refused_while_customers_hold_a_balance(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    before = everything(shop)
    with pytest.raises(ProgramModeLocked) as refused:
        change_program(
            shop.station, preset("points"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        )
    assert refused.value.message() == (
        "O programa não pode passar de cashback para pontos: 1 cliente(s) têm saldo. "
        "Mantenha o modo atual ou espere os saldos zerarem."
    )
    assert everything(shop) == before
    # keeping the mode is fine, balances or not
    change_program(
        shop.station, preset("fashion"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )


def test_with_no_balances_the_mode_may_change(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    change_program(
        shop.station, preset("points"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert current_program(shop.station).mode is ProgramMode.POINTS
    assert shop.sell("corte", customer=carla, pix=8_000).earned == 80  # 1 point a real


# -- the live example --------------------------------------------------------------


def test_example_of_each_preset_worked_by_hand() -> None:
    salon = example(preset("salon"), 10_000)
    assert (salon.earned_units, salon.earned_value, salon.redeem_cap) == (1_000, 1_000, 10_000)
    assert salon.expires_in_days == 180 and salon.balance_voucher == 0

    fashion = example(preset("fashion"), 10_000)  # R$ 10,00 < R$ 20,00: no voucher yet
    assert (fashion.earned_value, fashion.balance_voucher, fashion.redeem_cap) == (1_000, 0, 5_000)
    fashion = example(preset("fashion"), 25_000)  # R$ 25,00 reaches R$ 20,00: all of it
    assert (fashion.balance_voucher, fashion.voucher_validity_days) == (2_500, 60)

    pharmacy = example(preset("pharmacy"), 25_000)  # R$ 12,50 -> two R$ 5,00 steps
    assert (pharmacy.earned_value, pharmacy.balance_voucher) == (1_250, 1_000)

    cosmetics = example(preset("cosmetics"), 2_000)  # not above R$ 20,00
    assert cosmetics.purchase_voucher == 0
    cosmetics = example(preset("cosmetics"), 2_001)
    assert (cosmetics.purchase_voucher, cosmetics.voucher_validity_days) == (500, 30)

    points = example(preset("points"), 10_050)  # R$ 100,50 -> 100 points, worth R$ 5,00
    assert points.points and (points.earned_units, points.earned_value) == (100, 500)

    minimum = example(preset("salon").with_changes(min_purchase_centavos=5_000), 4_000)
    assert minimum.below_minimum and minimum.earned_units == 0
