"""Checkout's edges that a one-line bug left green (mutation testing of
posapp/services/sales/checkout.py, issue 23).

- The sync endpoint's say (`Authority`, our protocol where the network begins): which
  vouchers are claimed and which cashback is held, under which sale, before anything is
  written; a refusal stops the sale with nothing written.
- The customer messages a sale writes: the cashback credited (amount, balance, the days it
  becomes usable and expires in the store's calendar, points in a points program) and the
  referrer's reward, as the customer receives them.
- What others read of a sale: the chain's outbox events, the audit log with who approved
  a price or a discount, the receipt, the sale history, the day's report, the customer
  screen's ledger, a refund, the manager's verification.

Amounts are worked out by hand in each docstring. Each test was run against the bugs it
targets, put in by hand, and failed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from db.models import Customer, LedgerEntry, OutboxEvent, Sale, Store, Terminal
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from messaging import OutgoingMessage
from posapp.core.errors import (
    ManagerPinWrong,
    NetworkBalanceTooLow,
    NotAuthorized,
    PaymentOver,
    UnknownCustomer,
    UnknownVoucher,
    VoucherUsedElsewhere,
)
from posapp.core.messages import Channel, MessageKind, Template
from posapp.core.presets import preset
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram, ReferralRule, VoucherRule, VoucherTrigger
from posapp.services.admin.audit_search import AuditRow, AuditSearch, search_audit
from posapp.services.cash.reports import x_report
from posapp.services.cash.shifts import close_shift
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import open_station
from posapp.services.customers.history import ledger as customer_ledger
from posapp.services.customers.registry import account
from posapp.services.loyalty.verify import verify
from posapp.services.messages.delivery import deliver_due
from posapp.services.messages.templates import save_template
from posapp.services.sales import catalog
from posapp.services.sales.checkout import (
    CheckoutRequest,
    LineRequest,
    ReceiptCustomer,
    ReceiptLine,
    SaleResult,
    TenderRequest,
    checkout,
)
from posapp.services.sales.history import sale_detail
from posapp.services.sales.receipts import sale_receipt
from posapp.services.sales.refunds import RefundRequest, refund
from tests.services.messages_support import configure, email_settings
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


# -- the sync endpoint's say over a sale ---------------------------------------------


@dataclass
class RecordingAuthority:
    """The endpoint's side of `Authority`: records what the counter asks, refuses on demand."""

    claims: list[tuple[str, str]] = field(default_factory=list)
    holds: list[tuple[str, str, int, int]] = field(default_factory=list)
    refusal: Exception | None = None

    def claim_voucher(self, code: str, sale_uuid: str) -> None:
        self.claims.append((code, sale_uuid))
        if self.refusal is not None:
            raise self.refusal

    def hold_cashback(
        self, customer_uuid: str, sale_uuid: str, amount_centavos: int, units: int
    ) -> None:
        self.holds.append((customer_uuid, sale_uuid, amount_centavos, units))
        if self.refusal is not None:
            raise self.refusal


def _sell(
    shop: Shop,
    authority: RecordingAuthority,
    *items: str,
    customer: int | None = None,
    payments: list[TenderRequest],
    sale_uuid: str | None = None,
) -> SaleResult:
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items[name]) for name in items],
        payments=payments,
        customer_id=customer,
        sale_uuid=sale_uuid,
    )
    return checkout(shop.station, request, authority)


def _sales(shop: Shop) -> int:
    with shop.station.read() as session:
        return session.scalar(select(func.count()).select_from(Sale)) or 0


def _cosmetics_voucher(make_shop: MakeShop) -> tuple[Shop, int, str, str]:
    """Cosmetics: a purchase above R$ 20 gives a R$ 5,00 voucher usable from R$ 20,00."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert voucher.value == 500
    return shop, maria, voucher.code, voucher.qr


def test_a_scanned_voucher_is_claimed_by_its_code_under_the_sale_it_pays(
    make_shop: MakeShop,
) -> None:
    """Batom R$ 49,90 = the R$ 5,00 voucher (scanned QR) + R$ 44,90 by Pix."""
    shop, maria, code, qr = _cosmetics_voucher(make_shop)
    authority = RecordingAuthority()
    sale = _sell(
        shop,
        authority,
        "batom",
        customer=maria,
        payments=[TenderRequest(Tender.VOUCHER, voucher=qr), TenderRequest(Tender.PIX, 4_490)],
    )
    assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}
    assert uuid.UUID(sale.uuid)  # a real uuid, the one the endpoint was told
    assert authority.claims == [(code, sale.uuid)]
    assert authority.holds == []  # no cashback spent: nothing held


def test_a_typed_voucher_with_no_customer_is_claimed_under_the_sale_it_pays(
    make_shop: MakeShop,
) -> None:
    """The code typed by hand, no customer attached: the voucher names Maria."""
    shop, _maria, code, _qr = _cosmetics_voucher(make_shop)
    authority = RecordingAuthority()
    sale = _sell(
        shop,
        authority,
        "batom",
        payments=[TenderRequest(Tender.VOUCHER, voucher=code), TenderRequest(Tender.CASH, 4_490)],
    )
    assert authority.claims == [(code, sale.uuid)]
    assert authority.holds == []
    assert sale.customer is not None and sale.customer.name == "Maria Silva"


def test_a_cart_tried_again_keeps_its_sale_uuid_for_the_claim_and_the_sale(
    make_shop: MakeShop,
) -> None:
    shop, maria, code, qr = _cosmetics_voucher(make_shop)
    chosen = str(uuid.uuid4())
    authority = RecordingAuthority()
    sale = _sell(
        shop,
        authority,
        "batom",
        customer=maria,
        payments=[TenderRequest(Tender.VOUCHER, voucher=qr), TenderRequest(Tender.PIX, 4_490)],
        sale_uuid=chosen,
    )
    assert sale.uuid == chosen
    assert authority.claims == [(code, chosen)]


def test_a_voucher_tender_without_a_code_is_refused_as_an_unknown_empty_code(
    make_shop: MakeShop,
) -> None:
    """With sync or without, a voucher tender with nothing typed names no voucher."""
    shop, maria, _code, _qr = _cosmetics_voucher(make_shop)
    authority = RecordingAuthority()
    with pytest.raises(UnknownVoucher) as refused:
        _sell(
            shop,
            authority,
            "batom",
            customer=maria,
            payments=[TenderRequest(Tender.VOUCHER), TenderRequest(Tender.PIX, 4_990)],
        )
    assert refused.value.message("pt_BR") == UnknownVoucher(value="").message("pt_BR")
    assert authority.claims == [] and _sales(shop) == 1


def test_a_cashback_spend_is_held_for_its_customer_with_its_units(make_shop: MakeShop) -> None:
    """Points: 1 point per real, 100 points = R$ 5,00 (1 point = 5 centavos).

    Ana's R$ 200,00 dress earns 200 points; R$ 10,00 of them pay part of shampoo +
    dipirona (R$ 30,00 + R$ 12,50 = R$ 42,50), the rest R$ 32,50 by Pix. The hold asks
    for R$ 10,00 = 200 points of Ana's (not Bia's, enrolled before her) under the sale.
    """
    shop = make_shop("points")
    bia = shop.enrol("Bia Costa", cpf="111.444.777-35")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.sell("vestido", customer=bia, pix=20_000)
    assert shop.sell("vestido", customer=ana, pix=20_000).earned == 200
    authority = RecordingAuthority()
    sale = _sell(
        shop,
        authority,
        "shampoo",
        "dipirona",
        customer=ana,
        payments=[TenderRequest(Tender.CASHBACK, 1_000), TenderRequest(Tender.PIX, 3_250)],
    )
    assert authority.holds == [(shop.customer_uuid(ana), sale.uuid, 1_000, 200)]
    assert authority.claims == []
    assert sale.redeemed == 200 and sale.balance is not None
    # 200 earned - 200 spent + 32 earned on the R$ 32,50 paid by Pix (1 per whole real).
    assert sale.balance.total == sale.earned == 32


def test_a_sale_with_no_voucher_and_no_cashback_asks_the_endpoint_nothing(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    authority = RecordingAuthority()
    sale = _sell(
        shop, authority, "corte", customer=rosa, payments=[TenderRequest(Tender.PIX, 8_000)]
    )
    assert sale.earned == 800  # 10 % of the R$ 80,00 service
    assert authority.claims == [] and authority.holds == []


def test_the_endpoint_refusing_a_voucher_stops_the_sale_with_nothing_written(
    make_shop: MakeShop,
) -> None:
    shop, maria, code, qr = _cosmetics_voucher(make_shop)
    before = account(shop.station, maria).balance
    authority = RecordingAuthority(
        refusal=VoucherUsedElsewhere(value=code, date="01/03", store="Loja Centro")
    )
    with pytest.raises(VoucherUsedElsewhere) as refused:
        _sell(
            shop,
            authority,
            "batom",
            customer=maria,
            payments=[
                TenderRequest(Tender.VOUCHER, voucher=qr),
                TenderRequest(Tender.PIX, 4_490),
            ],
        )
    assert refused.value.message("pt_BR") == f"Vale {code} já usado em 01/03 na loja Loja Centro."
    assert (
        refused.value.message("en") == f"Voucher {code} already used on 01/03 at store Loja Centro."
    )
    assert _sales(shop) == 1  # only the purchase that gave the voucher
    assert account(shop.station, maria).balance == before
    # Still open here: the same voucher pays once the endpoint agrees.
    sale = shop.sell("batom", customer=maria, voucher=qr, pix=4_490)
    assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}


def test_the_endpoint_refusing_a_cashback_hold_stops_the_sale_with_the_balance_kept(
    make_shop: MakeShop,
) -> None:
    """Salon: Rosa's R$ 80,00 haircut earns R$ 8,00; she asks R$ 8,00 of it on a manicure."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    shop.sell("corte", customer=rosa, pix=8_000)
    authority = RecordingAuthority(
        refusal=NetworkBalanceTooLow(asked_centavos=800, available_centavos=300)
    )
    with pytest.raises(NetworkBalanceTooLow) as refused:
        _sell(
            shop,
            authority,
            "manicure",
            customer=rosa,
            payments=[TenderRequest(Tender.CASHBACK, 800), TenderRequest(Tender.PIX, 2_700)],
        )
    assert refused.value.message("pt_BR") == (
        "Cashback acima do saldo na rede: pediu R$ 8,00. Saldo na rede: R$ 3,00."
    )
    assert refused.value.message("en") == (
        "Cashback above the chain-wide balance: asked R$8.00. Network balance: R$3.00."
    )
    assert len(authority.holds) == 1 and _sales(shop) == 1
    assert account(shop.station, rosa).balance.total == 800


def test_the_first_sale_after_the_counter_restarts_claims_its_scanned_voucher(
    make_shop: MakeShop,
) -> None:
    """The app closed and opened again: nothing about the store is in memory yet."""
    shop, maria, code, qr = _cosmetics_voucher(make_shop)
    restarted = open_station(shop.station.path, clock=shop.clock)
    authority = RecordingAuthority()
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["batom"])],
        payments=[TenderRequest(Tender.VOUCHER, voucher=qr), TenderRequest(Tender.PIX, 4_490)],
        customer_id=maria,
    )
    try:
        sale = checkout(restarted, request, authority)
    finally:
        restarted.close()
    assert authority.claims == [(code, sale.uuid)]
    assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}


# -- the messages a sale writes -----------------------------------------------------


@dataclass
class RecordingSender:
    """The e-mail channel's far end: what the customers received."""

    sent: list[OutgoingMessage] = field(default_factory=list)

    def send(self, message: OutgoingMessage) -> None:
        self.sent.append(message)

    def texts(self, kind: MessageKind, to: str | None = None) -> list[str]:
        return [
            m.text
            for m in self.sent
            if m.idempotency_key.startswith(f"{kind.value}:") and (to is None or m.to == to)
        ]


def _messaging_shop(make_shop: MakeShop, program: LoyaltyProgram | str) -> Shop:
    shop = make_shop(program)
    configure(shop, email_settings(25))  # the port is never used: the test's sender delivers
    return shop


def _delivered(shop: Shop) -> RecordingSender:
    sender = RecordingSender()
    deliver_due(shop.station, {Channel.EMAIL: sender})
    return sender


SIGN = "\n\nLoja Teste"


def test_the_cashback_message_says_each_sales_amount_the_new_balance_and_the_expiry(
    make_shop: MakeShop,
) -> None:
    """Salon, 10 % on services, lots expire 180 days after the sale (2026-03-02 + 180 days
    = 2026-08-29). Haircut R$ 80,00 earns R$ 8,00; then a manicure R$ 35,00 earns R$ 3,50,
    balance R$ 11,50. Each sale sends its own message."""
    shop = _messaging_shop(make_shop, "salon")
    rosa = shop.enrol(
        "Rosa Lima", phone="11987654321", email="rosa@example.com", marketing_consent=True
    )
    shop.sell("corte", customer=rosa, pix=8_000)
    shop.sell("manicure", customer=rosa, pix=3_500)
    assert _delivered(shop).texts(MessageKind.CASHBACK_CREDITED) == [
        "Olá, Rosa! Sua compra rendeu R$ 8,00 de cashback. "
        "Seu saldo agora é R$ 8,00. Use até 29 de agosto de 2026." + SIGN,
        "Olá, Rosa! Sua compra rendeu R$ 3,50 de cashback. "
        "Seu saldo agora é R$ 11,50. Use até 29 de agosto de 2026." + SIGN,
    ]


def test_the_cashback_message_dates_are_the_stores_calendar_days_after_the_pending_days(
    make_shop: MakeShop,
) -> None:
    """A sale at 01:30 UTC on 3 March is 22:30 on 2 March in São Paulo (UTC-3).

    7 pending days: usable from 9 March; expires 180 days later, on 5 September
    (2 March + 180 days = 29 August, + 7 = 5 September). A manager's text shows both."""
    program = replace(preset("salon"), pending_days=7)
    shop = _messaging_shop(make_shop, program)
    save_template(
        shop.station,
        MessageKind.CASHBACK_CREDITED,
        "pt_BR",
        Template("{store}: cashback", "{amount}: de {available_on} a {expires_on}."),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    rosa = shop.enrol(
        "Rosa Lima", phone="11987654321", email="rosa@example.com", marketing_consent=True
    )
    shop.clock.moment = datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    shop.sell("corte", customer=rosa, pix=8_000)
    assert _delivered(shop).texts(MessageKind.CASHBACK_CREDITED) == [
        "R$ 8,00: de 9 de março de 2026 a 5 de setembro de 2026."
    ]


def test_the_cashback_message_of_a_program_without_expiry_names_no_date(
    make_shop: MakeShop,
) -> None:
    program = replace(preset("salon"), expiry_days=0)
    shop = _messaging_shop(make_shop, program)
    rosa = shop.enrol(
        "Rosa Lima", phone="11987654321", email="rosa@example.com", marketing_consent=True
    )
    shop.sell("corte", customer=rosa, pix=8_000)
    (text,) = _delivered(shop).texts(MessageKind.CASHBACK_CREDITED)
    # The template's "Use até {expires_on}." sentence is left out when there is no date.
    assert text == (
        "Olá, Rosa! Sua compra rendeu R$ 8,00 de cashback. Seu saldo agora é R$ 8,00." + SIGN
    )


def test_the_cashback_message_of_a_points_program_counts_points(make_shop: MakeShop) -> None:
    """1 point per real: the R$ 200,00 dress earns 200 points (expiry 365 days: 2027-03-02)."""
    shop = _messaging_shop(make_shop, "points")
    ana = shop.enrol(
        "Ana Souza", phone="11987654322", email="ana@example.com", marketing_consent=True
    )
    shop.sell("vestido", customer=ana, pix=20_000)
    assert _delivered(shop).texts(MessageKind.CASHBACK_CREDITED) == [
        "Olá, Ana! Sua compra rendeu 200 pontos de cashback. "
        "Seu saldo agora é 200 pontos. Use até 2 de março de 2027." + SIGN
    ]


def test_a_purchase_voucher_is_sent_to_its_customer_with_its_code_and_date(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: Maria's R$ 49,90 batom (above R$ 20,00) gives her a R$ 5,00 voucher,
    valid 30 days: until 1 April 2026."""
    shop = _messaging_shop(make_shop, "cosmetics")
    maria = shop.enrol(
        "Maria Silva", phone="11987654325", email="maria@example.com", marketing_consent=True
    )
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert _delivered(shop).texts(MessageKind.VOUCHER_ISSUED) == [
        f"Olá, Maria! Você ganhou um vale de R$ 5,00.\nCódigo: {voucher.code}\n"
        "Válido até 1 de abril de 2026.\nMostre o código ou o QR no caixa." + SIGN
    ]


def _referral_shop(make_shop: MakeShop) -> tuple[Shop, int, str]:
    """Pharmacy (5 %, no voucher here): a referred customer's first purchase of R$ 30,00 or
    more gives the referrer R$ 10,00 and the referred customer R$ 5,00."""
    program = replace(preset("pharmacy"), voucher=VoucherRule())
    shop = _messaging_shop(make_shop, program)
    rosa = shop.enrol(
        "Rosa Lima", phone="11987654321", email="rosa@example.com", marketing_consent=True
    )
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == rosa))
    assert code is not None
    return shop, rosa, code


def test_the_referrer_is_told_of_each_referred_customers_first_purchase(
    make_shop: MakeShop,
) -> None:
    """Rosa's own R$ 200,00 dress earns R$ 10,00 (5 %). Bia's first purchase (R$ 200,00)
    gives Rosa R$ 10,00: balance R$ 20,00; Carla's gives another R$ 10,00: R$ 30,00."""
    shop, rosa, code = _referral_shop(make_shop)
    shop.sell("vestido", customer=rosa, pix=20_000)
    bia = shop.enrol(
        "Bia Costa",
        phone="11987654323",
        email="bia@example.com",
        marketing_consent=True,
        referred_by_code=code,
    )
    carla = shop.enrol(
        "Carla Dias",
        phone="11987654324",
        email="carla@example.com",
        marketing_consent=True,
        referred_by_code=code,
    )
    assert shop.sell("vestido", customer=bia, pix=20_000).referral_bonus == 500
    assert shop.sell("vestido", customer=carla, pix=20_000).referral_bonus == 500
    assert _delivered(shop).texts(MessageKind.REFERRAL_REWARD) == [
        "Olá, Rosa! Bia fez a primeira compra com a sua indicação e você ganhou R$ 10,00 de "
        "cashback. Seu saldo agora é R$ 20,00. Obrigado por indicar!" + SIGN,
        "Olá, Rosa! Carla fez a primeira compra com a sua indicação e você ganhou R$ 10,00 de "
        "cashback. Seu saldo agora é R$ 30,00. Obrigado por indicar!" + SIGN,
    ]


def test_the_referral_bonus_of_a_points_program_is_the_points_its_money_is_worth(
    make_shop: MakeShop,
) -> None:
    """Points (1 point per real, 100 points = R$ 5,00) with a referral rule of R$ 5,00 for
    Rosa and R$ 2,50 for Bia, set in money as the settings screen shows it. Bia, referred by
    Rosa, buys the R$ 200,00 dress: Rosa gets 100 points (R$ 5,00, not 500 points worth
    R$ 25,00), Bia 50 points on top of the 200 the dress earns; Rosa's message says so."""
    rule = ReferralRule(
        referrer_bonus_centavos=500, referred_bonus_centavos=250, min_purchase_centavos=3_000
    )
    shop = _messaging_shop(make_shop, replace(preset("points"), referral=rule))
    rosa = shop.enrol(
        "Rosa Lima", phone="11987654321", email="rosa@example.com", marketing_consent=True
    )
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == rosa))
    bia = shop.enrol("Bia Costa", phone="11987654323", referred_by_code=code)
    shop.sell("vestido", customer=bia, pix=20_000)
    (bonus,) = customer_ledger(shop.station, rosa)
    balance = account(shop.station, rosa).balance.total
    assert bonus.kind == "referral_bonus" and bonus.amount == balance == 100
    assert account(shop.station, bia).balance.total == 200 + 50
    assert _delivered(shop).texts(MessageKind.REFERRAL_REWARD) == [
        "Olá, Rosa! Bia fez a primeira compra com a sua indicação e você ganhou 100 pontos de "
        "cashback. Seu saldo agora é 100 pontos. Obrigado por indicar!" + SIGN
    ]


def test_a_sale_to_a_customer_nobody_referred_sends_no_referral_reward(
    make_shop: MakeShop,
) -> None:
    """Rosa was referred by nobody: her R$ 200,00 dress earns R$ 10,00 and that is all."""
    shop, rosa, _code = _referral_shop(make_shop)
    sale = shop.sell("vestido", customer=rosa, pix=20_000)
    assert (sale.earned, sale.referral_bonus) == (1_000, 0)
    sent = _delivered(shop)
    assert sent.texts(MessageKind.REFERRAL_REWARD) == []
    assert len(sent.texts(MessageKind.CASHBACK_CREDITED)) == 1


# -- what the chain and the manager read of a sale -------------------------------------


def _events(shop: Shop, kind: str | None = None) -> list[tuple[str, dict[str, object]]]:
    """The outbox events the sync pushes to the chain's endpoint, in order."""
    with shop.station.read() as session:
        query = select(OutboxEvent.kind, OutboxEvent.payload).order_by(OutboxEvent.id)
        rows = session.execute(query).all()
    return [(k, json.loads(p)) for k, p in rows if kind is None or k == kind]


def _store_and_terminal(shop: Shop) -> tuple[str, str]:
    with shop.station.read() as session:
        store = session.scalars(select(Store.uuid)).one()
        terminal = session.scalars(select(Terminal.uuid).where(Terminal.is_local)).one()
    return store, terminal


def test_each_sale_is_announced_to_the_chain_with_its_number_total_customer_and_earning(
    make_shop: MakeShop,
) -> None:
    """Salon: sale 1, a manicure R$ 35,00 with no customer, earns nothing. Sale 2, Rosa's
    haircut R$ 80,00 + shampoo R$ 30,00 = R$ 110,00, earns 10 % on the service only: R$ 8,00."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    first = shop.sell("manicure", pix=3_500)
    second = shop.sell("corte", "shampoo", customer=rosa, pix=11_000)
    store, terminal = _store_and_terminal(shop)
    assert _events(shop, "sale.completed") == [
        (
            "sale.completed",
            {
                "sale": first.uuid,
                "store": store,
                "terminal": terminal,
                "number": 1,
                "total": 3_500,
                "customer": None,
                "earned": 0,
            },
        ),
        (
            "sale.completed",
            {
                "sale": second.uuid,
                "store": store,
                "terminal": terminal,
                "number": 2,
                "total": 11_000,
                "customer": shop.customer_uuid(rosa),
                "earned": 800,
            },
        ),
    ]


def test_a_referral_reward_is_announced_before_the_sale_that_earned_it(
    make_shop: MakeShop,
) -> None:
    """Pharmacy: Bia, referred by Rosa, buys a R$ 200,00 dress (above the R$ 30,00 minimum):
    Rosa gets R$ 10,00, Bia R$ 5,00 (and 5 % = R$ 10,00 earned). The endpoint reads the
    reward event, naming both customers and Rosa's bonus, then the sale's."""
    shop, rosa, code = _referral_shop(make_shop)
    bia = shop.enrol("Bia Costa", phone="11987654323", referred_by_code=code)
    sale = shop.sell("vestido", customer=bia, pix=20_000)
    assert (sale.earned, sale.referral_bonus) == (1_000, 500)
    kinds = [kind for kind, _ in _events(shop) if kind in ("referral.rewarded", "sale.completed")]
    assert kinds == ["referral.rewarded", "sale.completed"]
    assert _events(shop, "referral.rewarded") == [
        (
            "referral.rewarded",
            {
                "referrer": shop.customer_uuid(rosa),
                "referred": shop.customer_uuid(bia),
                "bonus": 1_000,
            },
        )
    ]


def _sale_audit(shop: Shop) -> list[AuditRow]:
    return search_audit(shop.station, AuditSearch(action="sale.complete")).rows


def test_a_price_override_is_audited_with_the_approving_manager_and_the_new_price(
    make_shop: MakeShop,
) -> None:
    """The cashier sells the R$ 30,00 shampoo for R$ 25,00 and a dipirona at its price
    (R$ 12,50): R$ 37,50, approved by the manager's PIN."""
    shop = make_shop("salon")
    shop.sell("manicure", pix=3_500)
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[
            LineRequest(shop.items["shampoo"], unit_price=2_500),
            LineRequest(shop.items["dipirona"]),
        ],
        payments=[TenderRequest(Tender.PIX, 3_750)],
        manager_pin=MANAGER_PIN,
    )
    sale = checkout(shop.station, request)
    assert (sale.number, sale.total) == (2, 3_750)
    latest, first = _sale_audit(shop)
    assert (latest.at, latest.staff_name, latest.authorized_by_name, latest.target) == (
        shop.clock(),
        "Carlos Caixa",
        "Marta Gerente",
        "sale:2",
    )
    assert latest.details == {
        "total": 3_750,
        "price_overrides": [{"item": shop.items["shampoo"], "price": 2_500}],
        "discount": 0,
    }
    assert (first.target, first.authorized_by_name, first.details["price_overrides"]) == (
        "sale:1",
        None,
        [],
    )


def _discounted(shop: Shop, discount: int, staff: int, pin: str | None = None) -> SaleResult:
    request = CheckoutRequest(
        staff_id=staff,
        lines=[LineRequest(shop.items["corte"])],
        payments=[TenderRequest(Tender.PIX, 8_000 - discount)],
        sale_discount=discount,
        manager_pin=pin,
    )
    return checkout(shop.station, request)


def test_a_cashier_gives_up_to_ten_percent_off_alone_and_one_centavo_more_needs_a_manager(
    make_shop: MakeShop,
) -> None:
    """Haircut R$ 80,00: R$ 8,00 off (10 %) is the cashier's to give; R$ 8,01 is not."""
    shop = make_shop("salon")
    alone = _discounted(shop, 800, shop.cashier_id)
    assert (alone.discount, alone.total) == (800, 7_200)
    with pytest.raises(NotAuthorized) as refused:
        _discounted(shop, 801, shop.cashier_id)
    assert refused.value.message("pt_BR") == (
        "Esta ação precisa da senha de um gerente: desconto acima do limite."
    )
    assert refused.value.message("en") == (
        "This action needs a manager's PIN: discount above the limit."
    )
    approved = _discounted(shop, 801, shop.cashier_id, MANAGER_PIN)
    assert approved.total == 7_199
    (latest, first) = _sale_audit(shop)
    assert (latest.authorized_by_name, latest.details["discount"]) == ("Marta Gerente", 801)
    assert (first.authorized_by_name, first.details["discount"]) == (None, 800)


def test_a_manager_at_the_counter_approves_her_own_discount(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sale = _discounted(shop, 2_000, shop.manager_id)
    assert sale.total == 6_000
    (row,) = _sale_audit(shop)
    assert (row.staff_name, row.authorized_by_name) == ("Marta Gerente", "Marta Gerente")


def test_a_price_override_by_a_cashier_without_a_pin_is_refused_naming_the_price_change(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["shampoo"], unit_price=2_500)],
        payments=[TenderRequest(Tender.PIX, 2_500)],
        sale_discount=1_000,
    )
    with pytest.raises(NotAuthorized) as refused:
        checkout(shop.station, request)
    assert (
        refused.value.message("pt_BR") == "Esta ação precisa da senha de um gerente: alterar preço."
    )
    assert _sales(shop) == 0


def test_a_cashiers_own_pin_for_a_price_override_is_refused_naming_the_price_change(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["shampoo"], unit_price=2_500)],
        payments=[TenderRequest(Tender.PIX, 2_500)],
        manager_pin=CASHIER_PIN,
    )
    with pytest.raises(ManagerPinWrong) as refused:
        checkout(shop.station, request)
    assert refused.value.message("pt_BR") == "PIN de gerente incorreto: alterar preço."
    assert refused.value.message("en") == "Wrong manager PIN: change a price."
    assert _sales(shop) == 0


# -- the receipt -----------------------------------------------------------------------


def test_the_receipt_names_the_customer_with_the_cpf_masked_and_the_professional_of_each_line(
    make_shop: MakeShop,
) -> None:
    """Rosa's haircut by Paula and a shampoo nobody performed: R$ 80,00 + R$ 30,00."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[
            LineRequest(shop.items["corte"], professional_id=shop.professional_id),
            LineRequest(shop.items["shampoo"]),
        ],
        payments=[TenderRequest(Tender.PIX, 11_000)],
        customer_id=rosa,
    )
    sale = checkout(shop.station, request)
    assert [(line.description, line.professional) for line in sale.lines] == [
        ("Corte feminino", "Paula Manicure"),
        ("Shampoo 300 ml", None),
    ]
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == rosa))
    assert sale.customer == ReceiptCustomer("Rosa Lima", "***.982.247-**", str(code))


def test_a_customer_known_by_phone_only_has_no_cpf_on_the_receipt(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", phone="11987654322")
    sale = shop.sell("corte", customer=ana, pix=8_000)
    assert sale.customer is not None
    assert (sale.customer.name, sale.customer.masked_cpf) == ("Ana Souza", None)


def test_an_unknown_customer_is_refused_naming_the_number_typed(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(UnknownCustomer) as refused:
        shop.sell("corte", customer=4_321, pix=8_000)
    assert refused.value.message("pt_BR") == "Cliente não encontrado: 4321."
    assert refused.value.message("en") == "Customer not found: 4321."
    assert _sales(shop) == 0


def test_a_sale_with_no_customer_earns_nothing_and_shows_no_balance(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    sale = shop.sell("vestido", pix=20_000)
    assert (sale.customer, sale.earned, sale.redeemed, sale.referral_bonus) == (None, 0, 0, 0)
    assert (sale.balance, sale.spendable_value, sale.vouchers_issued) == (None, 0, ())
    # The manager's check finds the sale, its lines and its (absent) ledger in agreement.
    assert verify(shop.station) == []


# -- vouchers, cashback and money in one sale ------------------------------------------


def test_voucher_cashback_and_pix_are_listed_money_first_and_only_money_earns(
    make_shop: MakeShop,
) -> None:
    """Cosmetics, 10 %, up to 50 % of a purchase in cashback.

    Maria's first batom (R$ 49,90 by Pix) earns R$ 4,99 and a R$ 5,00 voucher. Her second
    batom: the voucher R$ 5,00, R$ 4,99 of cashback, R$ 39,91 by Pix; 10 % of the R$ 39,91
    paid in money is R$ 3,99. Balance: 4,99 - 4,99 + 3,99 = R$ 3,99."""
    shop, maria, _code, qr = _cosmetics_voucher(make_shop)
    sale = shop.sell("batom", customer=maria, voucher=qr, cashback=499, pix=3_991)
    assert sale.payments == (("pix", 3_991), ("cashback", 499), ("voucher", 500))
    assert (sale.redeemed, sale.earned) == (499, 399)
    assert sale.balance is not None and sale.balance.total == 399
    assert sale.spendable_value == 399


def _salon_with_plain_vouchers(make_shop: MakeShop) -> tuple[Shop, int, str]:
    """Salon (10 % on services, cashback may pay it all) giving a R$ 5,00 voucher, usable on
    any purchase, for each purchase above R$ 20,00; an R$ 13,00 nail polish.

    Rosa's two haircuts (R$ 80,00 each) earn R$ 16,00 and two vouchers."""
    rule = VoucherRule(
        trigger=VoucherTrigger.PURCHASE_ABOVE,
        threshold_centavos=2_000,
        value_centavos=500,
        validity_days=30,
    )
    shop = make_shop(replace(preset("salon"), voucher=rule))
    with shop.station.write() as session:
        shop.items["esmalte"] = catalog.add_item(
            session, name="Esmalte", price=1_300, sku="ESM-01", category_code="cosmeticos"
        ).id
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    shop.sell("corte", customer=rosa, pix=8_000)
    (voucher,) = shop.sell("corte", customer=rosa, pix=8_000).vouchers_issued
    return shop, rosa, voucher.qr


def test_cashback_may_pay_exactly_what_the_voucher_left(make_shop: MakeShop) -> None:
    """Nail polish R$ 13,00 = voucher R$ 5,00 + R$ 8,00 of the R$ 16,00 balance."""
    shop, rosa, qr = _salon_with_plain_vouchers(make_shop)
    sale = shop.sell("esmalte", customer=rosa, voucher=qr, cashback=800)
    assert sale.payments == (("cashback", 800), ("voucher", 500))
    assert (sale.change, sale.earned) == (0, 0)
    assert sale.balance is not None and sale.balance.total == 800


def test_cashback_one_centavo_above_what_the_voucher_left_is_refused_with_the_excess(
    make_shop: MakeShop,
) -> None:
    shop, rosa, qr = _salon_with_plain_vouchers(make_shop)
    with pytest.raises(PaymentOver) as refused:
        shop.sell("esmalte", customer=rosa, voucher=qr, cashback=801)
    assert refused.value.message("pt_BR") == (
        "Pagamento acima do total em R$ 0,01; só dinheiro pode ter troco."
    )
    assert refused.value.message("en") == (
        "Payment exceeds the total by R$0.01; only cash can give change."
    )
    assert _sales(shop) == 2 and account(shop.station, rosa).balance.total == 1_600


# -- a referral in a program of balance vouchers --------------------------------------


def test_each_side_of_a_referral_gets_their_own_voucher_and_only_the_buyers_is_on_the_receipt(
    make_shop: MakeShop,
) -> None:
    """Pharmacy: 5 %, a voucher for every R$ 5,00 of balance; Rosa referred Bia.

    Bia's R$ 200,00 dress: 5 % = R$ 10,00 + her R$ 5,00 welcome bonus = R$ 15,00, turned
    into a R$ 15,00 voucher on her receipt. Rosa's R$ 10,00 bonus becomes her own R$ 10,00
    voucher, sent to her and not printed on Bia's receipt."""
    shop = _messaging_shop(make_shop, "pharmacy")
    rosa = shop.enrol(
        "Rosa Lima", phone="11987654321", email="rosa@example.com", marketing_consent=True
    )
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == rosa))
    bia = shop.enrol(
        "Bia Costa",
        phone="11987654323",
        email="bia@example.com",
        marketing_consent=True,
        referred_by_code=code,
    )
    sale = shop.sell("vestido", customer=bia, pix=20_000)
    assert (sale.earned, sale.referral_bonus) == (1_000, 500)
    assert [v.value for v in sale.vouchers_issued] == [1_500]
    assert [v.value for v in account(shop.station, rosa).open_vouchers] == [1_000]
    sent = _delivered(shop)
    bia_text = sent.texts(MessageKind.VOUCHER_ISSUED, "bia@example.com")
    rosa_text = sent.texts(MessageKind.VOUCHER_ISSUED, "rosa@example.com")
    assert len(bia_text) == 1 and "Você ganhou um vale de R$ 15,00." in bia_text[0]
    assert len(rosa_text) == 1 and "Você ganhou um vale de R$ 10,00." in rosa_text[0]


def test_a_referral_pays_on_the_first_purchase_of_exactly_the_minimum_and_only_once(
    make_shop: MakeShop,
) -> None:
    """Pharmacy (no vouchers here): the bonus needs a purchase of R$ 30,00 or more.

    Bia's R$ 12,50 dipirona is below it: no bonus. Her R$ 30,00 shampoo (exactly the
    minimum) gives her R$ 5,00 and Rosa R$ 10,00. Her next R$ 30,00 shampoo gives nothing
    more: Rosa stays at R$ 10,00."""
    shop, rosa, code = _referral_shop(make_shop)
    bia = shop.enrol("Bia Costa", phone="11987654323", referred_by_code=code)
    assert shop.sell("dipirona", customer=bia, pix=1_250).referral_bonus == 0
    assert account(shop.station, rosa).balance.total == 0
    first = shop.sell("shampoo", customer=bia, pix=3_000)
    assert first.referral_bonus == 500
    assert account(shop.station, rosa).balance.total == 1_000
    # Both bonuses are shown under Bia's qualifying sale (her 2nd), written by its cashier.
    (rosa_bonus,) = customer_ledger(shop.station, rosa)
    bia_bonus = next(r for r in customer_ledger(shop.station, bia) if r.kind == "referral_bonus")
    assert [(r.value, r.sale_number) for r in (rosa_bonus, bia_bonus)] == [(1_000, 2), (500, 2)]
    with shop.station.read() as session:
        written = session.execute(
            select(LedgerEntry.sale_uuid, LedgerEntry.staff_id).where(
                LedgerEntry.id.in_([rosa_bonus.id, bia_bonus.id])
            )
        ).all()
    assert [tuple(row) for row in written] == [(first.uuid, shop.cashier_id)] * 2
    assert shop.sell("shampoo", customer=bia, pix=3_000).referral_bonus == 0
    assert account(shop.station, rosa).balance.total == 1_000


def _balance_voucher_change(make_shop: MakeShop) -> tuple[Shop, int, SaleResult, str]:
    """Pharmacy with 2 pending days (see the test below): Ana's R$ 10,00 balance voucher
    pays an R$ 8,00 gauze, R$ 2,00 comes back to her balance; R$ 1,50 still pending."""
    shop = make_shop(replace(preset("pharmacy"), pending_days=2))
    with shop.station.write() as session:
        shop.items["gaze"] = catalog.add_item(
            session, name="Gaze", price=800, sku="GAZ-01", category_code="higiene"
        ).id
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.sell("vestido", customer=ana, pix=20_000)
    shop.clock.advance(days=3)
    (voucher,) = shop.sell("shampoo", customer=ana, pix=3_000).vouchers_issued
    sale = shop.sell("gaze", customer=ana, voucher=voucher.qr)
    return shop, ana, sale, voucher.code


def test_what_a_balance_voucher_leaves_comes_back_as_balance_usable_at_once(
    make_shop: MakeShop,
) -> None:
    """Pharmacy with 2 pending days: Ana's R$ 200,00 dress earns R$ 10,00, usable after
    2 days. Three days on, her R$ 30,00 shampoo earns R$ 1,50 (pending) and turns the
    R$ 10,00 into a R$ 10,00 voucher. That voucher pays an R$ 8,00 gauze: the R$ 2,00 left
    comes back to her balance usable at once (it was already usable), not in 2 days."""
    _shop, _ana, sale, _code = _balance_voucher_change(make_shop)
    assert sale.payments == (("voucher", 800),)
    assert sale.balance is not None
    assert (sale.balance.spendable, sale.balance.total) == (200, 350)
    assert sale.spendable_value == 200


# -- read back: history, reports, the customer screen, refunds, verification ---------


def test_the_receipt_and_the_sale_read_back_from_history_say_the_same(
    make_shop: MakeShop,
) -> None:
    """Salon, 10 % on services, products earn nothing.

    Two manicures by Paula (2 x R$ 35,00 = R$ 70,00, R$ 5,00 off the line: R$ 65,00) and a
    shampoo (R$ 30,00): gross R$ 100,00, discount R$ 5,00 (within the cashier's 10 %),
    total R$ 95,00; R$ 100,00 in cash gives R$ 5,00 change. Rosa earns 10 % of R$ 65,00 =
    R$ 6,50, usable at once."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[
            LineRequest(
                shop.items["manicure"],
                quantity=2,
                discount=500,
                professional_id=shop.professional_id,
            ),
            LineRequest(shop.items["shampoo"]),
        ],
        payments=[TenderRequest(Tender.CASH, 10_000)],
        customer_id=rosa,
    )
    sale = checkout(shop.station, request)
    assert (sale.number, sale.created_at) == (1, shop.clock())
    assert (sale.gross, sale.discount, sale.total, sale.change) == (10_000, 500, 9_500, 500)
    assert sale.lines == (
        ReceiptLine("Manicure", 2, 3_500, 500, 6_500, "Paula Manicure"),
        ReceiptLine("Shampoo 300 ml", 1, 3_000, 0, 3_000, None),
    )
    assert sale.payments == (("cash", 10_000),)
    assert (sale.earned, sale.spendable_value) == (650, 650)

    detail = sale_detail(shop.station, sale.sale_id)
    summary = detail.summary
    assert (summary.id, summary.number, summary.created_at, summary.total) == (
        sale.sale_id,
        1,
        shop.clock(),
        9_500,
    )
    assert (summary.customer_name, summary.staff_name, summary.status) == (
        "Rosa Lima",
        "Carlos Caixa",
        "completed",
    )
    assert (detail.gross, detail.discount, detail.change, detail.earned) == (
        10_000,
        500,
        500,
        650,
    )
    assert [
        (line.description, line.quantity, line.unit_price, line.net, line.professional)
        for line in detail.lines
    ] == [
        ("Manicure", 2, 3_500, 6_500, "Paula Manicure"),
        ("Shampoo 300 ml", 1, 3_000, 3_000, None),
    ]
    assert [(p.tender, p.amount, p.voucher_code) for p in detail.payments] == [
        ("cash", 10_000, None)
    ]
    with shop.station.read() as session:
        row_uuid = session.scalar(select(Sale.uuid).where(Sale.id == sale.sale_id))
    assert row_uuid == sale.uuid and uuid.UUID(sale.uuid)
    # The drawer: R$ 100,00 in, R$ 5,00 back: the manager's close expects R$ 95,00.
    closed = close_shift(shop.station, shop.manager_id, MANAGER_PIN, {5_000: 1, 2_000: 2, 500: 1})
    assert (closed.cash.cash_sales, closed.expected, closed.difference) == (9_500, 9_500, 0)
    # The customer screen lists the R$ 6,50 under sale 1; the row names the sale's uuid.
    (earn,) = customer_ledger(shop.station, rosa)
    assert (earn.kind, earn.value, earn.sale_number) == ("earn", 650, 1)
    with shop.station.read() as session:
        written = session.scalar(select(LedgerEntry.sale_uuid).where(LedgerEntry.id == earn.id))
    assert written == sale.uuid
    assert verify(shop.station) == []


def test_a_product_only_purchase_in_a_salon_shows_nothing_to_spend(make_shop: MakeShop) -> None:
    """Salon products earn 0 %: Rosa's shampoo leaves her with R$ 0,00 to spend."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    sale = shop.sell("shampoo", customer=rosa, pix=3_000)
    assert sale.earned == 0 and sale.balance is not None and sale.balance.spendable == 0
    assert sale.spendable_value == 0


def test_the_voucher_on_the_receipt_shows_its_value_minimum_and_expiry_and_pays_by_code(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: Maria's R$ 49,90 batom gives a R$ 5,00 voucher, usable from R$ 20,00,
    valid 30 days from the sale (2 March 13:00 UTC + 30 days = 1 April 13:00 UTC). Typed at
    the next sale, it pays R$ 5,00 of another batom; history names it by its code."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert (voucher.value, voucher.percent_bps, voucher.min_purchase, voucher.expires_at) == (
        500,
        0,
        2_000,
        datetime(2026, 4, 1, 13, 0, tzinfo=UTC),
    )
    store, _terminal = _store_and_terminal(shop)
    assert voucher.qr.split("|")[:2] == ["PV1", store]  # signed by this store
    sale = shop.sell("batom", customer=maria, voucher=voucher.code, pix=4_490)
    detail = sale_detail(shop.station, sale.sale_id)
    assert [(p.tender, p.amount, p.voucher_code) for p in detail.payments] == [
        ("pix", 4_490, None),
        ("voucher", 500, voucher.code),
    ]


def test_refunding_a_sale_paid_by_a_balance_voucher_takes_its_change_back_and_reopens_it(
    make_shop: MakeShop,
) -> None:
    """After the refund Ana has her R$ 10,00 voucher again, so the R$ 2,00 of change it
    left is taken back: her balance is the R$ 1,50 still pending, nothing to spend."""
    shop, ana, sale, code = _balance_voucher_change(make_shop)
    back = refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca"))
    assert back.vouchers_reopened == (code,)
    assert [(v.code, v.value) for v in account(shop.station, ana).open_vouchers] == [(code, 1_000)]
    balance = account(shop.station, ana).balance
    assert (balance.spendable, balance.total) == (0, 150)


def test_a_voucher_redeemed_the_next_day_was_open_at_the_end_of_the_day_it_was_issued(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: the R$ 5,00 voucher of 2 March pays part of a batom on 3 March. The
    report of 2 March still counts it open (a liability that night); 3 March's counts it
    redeemed, R$ 5,00, and open no more."""
    shop, maria, _code, qr = _cosmetics_voucher(make_shop)
    shop.clock.advance(days=1)
    shop.sell("batom", customer=maria, voucher=qr, pix=4_490)
    issued_day, redeemed_day = (
        x_report(shop.station, date(2026, 3, 2)),
        x_report(shop.station, date(2026, 3, 3)),
    )
    assert (issued_day.vouchers_open.count, issued_day.vouchers_open.amount) == (1, 500)
    assert (redeemed_day.vouchers_redeemed.count, redeemed_day.vouchers_redeemed.amount) == (
        1,
        500,
    )
    # The voucher of 3 March's batom is the one open that night.
    assert (redeemed_day.vouchers_open.count, redeemed_day.vouchers_open.amount) == (1, 500)


def test_the_customer_screen_shows_the_voucher_redemption_and_its_change_under_the_sale(
    make_shop: MakeShop,
) -> None:
    """Ana's ledger, newest first: the R$ 2,00 change and the redemption (R$ 0,00: the
    voucher's value left her balance when it was issued), both under the gauze sale (her
    3rd purchase: dress, shampoo, gauze) and the voucher's code. The rows also name the
    sale's uuid and the cashier."""
    shop, ana, sale, code = _balance_voucher_change(make_shop)
    change, redeem = customer_ledger(shop.station, ana)[:2]
    assert (change.kind, change.value, change.sale_number, change.voucher_code) == (
        "voucher_change",
        200,
        3,
        code,
    )
    assert (redeem.kind, redeem.value, redeem.sale_number, redeem.voucher_code) == (
        "voucher_redeem",
        0,
        3,
        code,
    )
    with shop.station.read() as session:
        written = session.execute(
            select(LedgerEntry.kind, LedgerEntry.sale_uuid, LedgerEntry.staff_id)
            .where(LedgerEntry.voucher_code == code)
            .where(LedgerEntry.kind.in_(["voucher_redeem", "voucher_change"]))
            .order_by(LedgerEntry.id)
        ).all()
    assert [tuple(row) for row in written] == [
        ("voucher_redeem", sale.uuid, shop.cashier_id),
        ("voucher_change", sale.uuid, shop.cashier_id),
    ]


def test_a_discount_voucher_worth_more_than_what_is_left_gives_no_change(
    make_shop: MakeShop,
) -> None:
    """Three R$ 5,00 discount vouchers on a R$ 13,00 nail polish: R$ 5,00 + R$ 5,00 +
    R$ 3,00. The R$ 2,00 the third could not pay is lost (only balance vouchers give
    change): Rosa's R$ 24,00 from three haircuts stays R$ 24,00."""
    shop, rosa, _qr = _salon_with_plain_vouchers(make_shop)
    (third,) = shop.sell("corte", customer=rosa, pix=8_000).vouchers_issued
    others = [v.code for v in account(shop.station, rosa).open_vouchers if v.code != third.code]
    assert account(shop.station, rosa).balance.total == 2_400 and len(others) == 2
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["esmalte"])],
        payments=[TenderRequest(Tender.VOUCHER, voucher=code) for code in (*others, third.qr)],
        customer_id=rosa,
    )
    sale = checkout(shop.station, request)
    assert sale.payments == (("voucher", 500), ("voucher", 500), ("voucher", 300))
    assert sale.balance is not None and sale.balance.total == 2_400


def test_a_balance_voucher_used_in_full_leaves_no_change_row_on_the_customer_screen(
    make_shop: MakeShop,
) -> None:
    """Pharmacy with 2 pending days: Ana's R$ 10,00 balance voucher (as above) pays
    R$ 10,00 of a R$ 30,00 shampoo, R$ 20,00 by Pix earns 5 % = R$ 1,00. Her 3rd sale
    shows the redemption and the earning, and no R$ 0,00 change."""
    shop = make_shop(replace(preset("pharmacy"), pending_days=2))
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.sell("vestido", customer=ana, pix=20_000)
    shop.clock.advance(days=3)
    (voucher,) = shop.sell("shampoo", customer=ana, pix=3_000).vouchers_issued
    sale = shop.sell("shampoo", customer=ana, voucher=voucher.qr, pix=2_000)
    assert (sale.number, sale.earned) == (3, 100)
    rows = [(r.kind, r.value) for r in customer_ledger(shop.station, ana) if r.sale_number == 3]
    assert sorted(rows) == [("earn", 100), ("voucher_redeem", 0)]


def test_a_referred_customer_in_a_program_without_referral_bonus_just_earns(
    make_shop: MakeShop,
) -> None:
    """Salon (no referral rule): Bia came with Rosa's code; her R$ 80,00 haircut earns her
    10 % = R$ 8,00 and nobody gets a bonus."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == rosa))
    bia = shop.enrol("Bia Costa", phone="11987654323", referred_by_code=code)
    sale = shop.sell("corte", customer=bia, pix=8_000)
    assert (sale.earned, sale.referral_bonus) == (800, 0)
    assert account(shop.station, rosa).balance.total == 0


def _receipt_lines(shop: Shop, sale_id: int) -> list[str]:
    [paper] = decode(render_bytes(sale_receipt(shop.station, sale_id, CounterSettings())).data)
    return [" ".join(line.split()) for line in paper.lines]


def test_line_and_sale_discounts_reach_the_reprinted_receipt_and_the_days_categories(
    make_shop: MakeShop,
) -> None:
    """A haircut R$ 80,00 with R$ 10,00 off the line (R$ 70,00) and a shampoo R$ 30,00;
    R$ 1,00 off the sale, shared 70:30 = R$ 0,70 and R$ 0,30. Discounts R$ 11,00, exactly
    the cashier's 10 % of R$ 110,00. Lines: R$ 69,30 and R$ 29,70, total R$ 99,00."""
    shop = make_shop("salon")
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[
            LineRequest(shop.items["corte"], discount=1_000),
            LineRequest(shop.items["shampoo"]),
        ],
        payments=[TenderRequest(Tender.PIX, 9_900)],
        sale_discount=100,
    )
    sale = checkout(shop.station, request)
    assert [(line.discount, line.net) for line in sale.lines] == [(1_070, 6_930), (30, 2_970)]
    paper = _receipt_lines(shop, sale.sale_id)
    assert [line for line in paper if line.lower().startswith("desconto")] == [
        "desconto -R$ 10,70",
        "desconto -R$ 0,30",
        "Descontos -R$ 11,00",
    ]
    day = x_report(shop.station, date(2026, 3, 2))
    # By category (named by their codes in this shop), at what each line really sold for.
    assert [(f.name, f.count, f.amount) for f in day.categories] == [
        ("servicos", 1, 6_930),
        ("higiene", 1, 2_970),
    ]
