"""Paper and messages say only what the store's program offers, and print the store's
CNPJ, phone and CEP in their usual masks."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp.core.masks import show_cnpj, show_phone, with_cep_shown
from posapp.core.messages import MessageFacts, MessageKind, default_template, render
from posapp.services.admin import store as store_admin
from posapp.services.admin.store import StoreData
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.sales.receipts import balance_slip, sale_receipt
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def lines_of(receipt: object) -> list[str]:
    [paper] = decode(render_bytes(receipt).data)  # type: ignore[arg-type]
    return list(paper.lines)


def test_a_salon_without_referrals_prints_no_referral_invitation(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    sale = shop.sell("corte", customer=bia, pix=8_000)
    settings = CounterSettings(paper_mm=80)
    paper = lines_of(sale_receipt(shop.station, sale.sale_id, settings))
    slip = lines_of(balance_slip(shop.station, bia, settings))
    assert any("Cashback ganho" in line for line in paper)  # the program's own lines stay
    assert not any("Indique" in line for line in paper + slip)


def test_a_pharmacy_with_referrals_invites_with_the_customers_code(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    bia = shop.enrol("Bia Costa", cpf="529.982.247-25")
    sale = shop.sell("dipirona", customer=bia, pix=1_250)
    paper = lines_of(sale_receipt(shop.station, sale.sale_id, CounterSettings(paper_mm=80)))
    assert any("Indique amigos e ganhe! Seu código:" in line for line in paper)


def test_the_store_header_prints_cnpj_phone_and_cep_masked(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    store_admin.update_store(
        shop.station,
        StoreData("Salão Bela", "11222333000181", "Rua Augusta, 500 - CEP 01305000", "1133334444"),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    sale = shop.sell("corte", pix=8_000)
    paper = lines_of(sale_receipt(shop.station, sale.sale_id, CounterSettings(paper_mm=80)))
    assert any("CNPJ 11.222.333/0001-81" in line for line in paper)
    assert any("(11) 3333-4444" in line for line in paper)
    assert any("CEP 01305-000" in line for line in paper)
    assert not any("11222333000181" in line for line in paper)


def test_the_masks_and_what_they_leave_alone() -> None:
    assert show_cnpj("11222333000181") == "11.222.333/0001-81"
    assert show_cnpj("123") == "123"  # not a CNPJ: shown as typed
    assert show_phone("+5511912345678") == "(11) 91234-5678"
    assert show_phone("(11) 3333-4444") == "(11) 3333-4444"
    assert show_phone("ramal 12") == "ramal 12"
    assert with_cep_shown("Rua 7, 1234567890") == "Rua 7, 1234567890"  # not 8 digits


def test_a_cashback_message_promises_no_date_when_cashback_never_expires() -> None:
    kind = MessageKind.CASHBACK_CREDITED
    template = default_template(kind, "pt_BR", "")
    forever = MessageFacts("Salão Bela", "Maria Souza", balance_centavos=900, amount_centavos=450)
    text = render(kind, template, forever).text
    assert "Use até" not in text and text.startswith("Olá, Maria! Sua compra rendeu R$ 4,50")
    dated = MessageFacts(
        "Salão Bela", "Maria Souza", 900, 450, expires_on=datetime.date(2027, 1, 5)
    )
    assert "Use até 5 de janeiro de 2027." in render(kind, template, dated).text
