"""Who sees which figures: a professional only their own production, a cashier the takings
without anyone's production, a manager everything (services/cash/report_access)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from posapp.core.errors import NotAuthorized
from posapp.core.pricing import Tender
from posapp.services.admin.staff_changes import add_member
from posapp.services.cash.report_access import (
    own_production,
    production_sections,
    stored_z_for,
    x_report_for,
)
from posapp.services.cash.reports import z_report
from posapp.services.cash.shifts import close_shift
from posapp.services.common.auth import Role
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def serve(shop: Shop, professional_id: int, *items: str) -> None:
    lines = [LineRequest(shop.items[i], 1, professional_id=professional_id) for i in items]
    total = sum({"corte": 8_000, "manicure": 3_500}[i] for i in items)
    checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=lines,
            payments=[TenderRequest(Tender.PIX, total)],
        ),
    )


def salon_day(make_shop: MakeShop) -> tuple[Shop, int]:
    shop = make_shop("salon")
    bia = add_member(
        shop.station,
        "Bia Cabeleireira",
        Role.PROFESSIONAL,
        "5678",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    ).id
    serve(shop, shop.professional_id, "manicure", "manicure")
    serve(shop, bia, "corte")
    return shop, bia


def test_a_professional_sees_only_their_own_production(make_shop: MakeShop) -> None:
    shop, bia = salon_day(make_shop)
    paula = own_production(shop.station, shop.professional_id)
    assert paula.name == "Paula Manicure"
    assert [(f.name, f.count, f.amount) for f in paula.services] == [("Manicure", 2, 7_000)]
    assert (paula.count, paula.net) == (2, 7_000)
    shown = production_sections(paula, "pt_BR")
    labels = [row.label for section in shown for row in section.rows]
    assert "Corte feminino" not in labels and "Manicure" in labels
    with pytest.raises(NotAuthorized):
        x_report_for(shop.station, shop.professional_id)
    assert own_production(shop.station, bia).net == 8_000


def test_a_cashier_sees_the_takings_but_nobodys_production(make_shop: MakeShop) -> None:
    shop, _bia = salon_day(make_shop)
    seen = x_report_for(shop.station, shop.cashier_id)
    assert seen.net == 15_000 and seen.sales_count == 2
    assert [f.amount for f in seen.payments] == [15_000]
    assert seen.professionals == () and seen.staff == ()
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    z = z_report(shop.station, shop.manager_id, MANAGER_PIN)
    assert z.z_id is not None
    assert stored_z_for(shop.station, shop.cashier_id, z.z_id).professionals == ()
    with pytest.raises(NotAuthorized):
        stored_z_for(shop.station, shop.professional_id, z.z_id)


def test_a_manager_sees_everyones_production(make_shop: MakeShop) -> None:
    shop, _bia = salon_day(make_shop)
    seen = x_report_for(shop.station, shop.manager_id)
    assert {(f.name, f.amount) for f in seen.professionals} == {
        ("Paula Manicure", 7_000),
        ("Bia Cabeleireira", 8_000),
    }
    mine = own_production(shop.station, shop.professional_id)
    full = {f.name: f.amount for f in seen.professionals}
    assert mine.net == full["Paula Manicure"]  # the same figure as the commission base


def test_the_cashiers_paper_leaves_out_the_per_person_sections(make_shop: MakeShop) -> None:
    from hardware.emulator.decoder import decode
    from hardware.escpos_render import render_bytes
    from posapp.services.cash.report_output import report_receipt

    shop, _bia = salon_day(make_shop)

    def paper(viewer: int) -> list[str]:
        report = x_report_for(shop.station, viewer)
        [printed] = decode(render_bytes(report_receipt(report, "pt_BR", 80)).data)
        return list(printed.lines)

    cashier, manager = paper(shop.cashier_id), paper(shop.manager_id)
    assert "Por atendente" in manager and "Por profissional (base de comissão)" in manager
    assert "Por atendente" not in cashier
    assert "Por profissional (base de comissão)" not in cashier
    assert not any("Nenhum" in line for line in cashier)  # left out, not shown as empty
    assert any("150,00" in line for line in cashier)  # the takings are all there
