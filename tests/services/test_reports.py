"""Shifts, cash and the X/Z reports: a day worked out by hand, on paper, in PDF and in CSV."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditLog, Customer, ShiftCount, ZReport
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.errors import (
    DayClosed,
    NoOpenShift,
    NotAuthorized,
    ShiftAlreadyOpen,
    ShiftStillOpen,
)
from posapp.core.pricing import Tender
from posapp.services.cash.report_output import report_csv, write_csv
from posapp.services.cash.reports import Figure, Report, stored_z, x_report, z_report
from posapp.services.cash.shifts import cash_in, cash_out, close_shift, current_shift, open_shift
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.customers.registry import Enrolment, enrol
from posapp.services.loyalty.verify import verify
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.printing import PrintService
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import CASHIER_PIN, MANAGER_PIN, MovableClock, Shop, open_shop

DAY = date(2026, 3, 2)
COUNT = {2_000: 2, 1_000: 1, 100: 4, 50: 1}  # R$ 54,50 in the drawer


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    """A moment in UTC (São Paulo is UTC-3: 11:00 UTC is 08:00 at the counter)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def day(tmp_path: Path) -> Shop:
    """Fashion (10 %, a voucher when the balance reaches R$ 20,00), worked by hand.

    1 Mar  Carla: vestido R$ 200,00 PIX -> R$ 20,00 -> a voucher of R$ 20,00.
           Bruno: batom R$ 49,90 PIX -> R$ 4,99 of cashback. Shift closed, R$ 0,00.
    2 Mar  08:00 the cashier opens the shift with R$ 100,00.
      A 08:30 shampoo + dipirona R$ 42,50, cash R$ 50,00, change R$ 7,50.
      B 09:00 Carla: batom R$ 49,90, her voucher R$ 20,00 + PIX R$ 29,90 -> earns 2,99.
      C 09:30 Bruno: shampoo R$ 30,00, cashback R$ 4,99 + cash R$ 30,00 (change 4,99)
              -> earns 10 % of 25,01 = 2,50.
      D 10:00 the manager rings corte R$ 80,00 + manicure R$ 35,00 by Paula, debit.
      10:30 refund of A's dipirona (R$ 12,50 in cash) and D's manicure (R$ 35,00 debit).
      E 11:00 vestido R$ 200,00 cash, voided at 11:10 (R$ 200,00 back in cash).
      11:30 suprimento R$ 50,00; 12:00 sangria R$ 150,00.
      12:30 Dora enrols, referred by Carla; F 12:40 Dora: vestido R$ 200,00 PIX
              -> earns R$ 20,00 -> a voucher of R$ 20,00, still open.
    Expected cash: 100,00 + (50,00 - 7,50) + (30,00 - 4,99) + 200,00 - 12,50 - 200,00
                   + 50,00 - 150,00 = R$ 55,01; counted R$ 54,50: R$ 0,51 missing.
    """
    clock = MovableClock(at(14, day=1))
    shop = open_shop(tmp_path / "day.sqlite", "fashion", clock)
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    bruno = shop.enrol("Bruno Reis", phone="11 98888-7777")
    (voucher,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    shop.sell("batom", customer=bruno, pix=4_990)
    clock.moment = at(20, day=1)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})

    clock.moment = at(11)
    open_shift(shop.station, shop.cashier_id, 10_000)
    clock.moment = at(11, 30)
    a = shop.sell("shampoo", "dipirona", cash=5_000)
    clock.moment = at(12)
    shop.sell("batom", customer=carla, voucher=voucher.code, pix=2_990)
    clock.moment = at(12, 30)
    shop.sell("shampoo", customer=bruno, cashback=499, cash=3_000)
    clock.moment = at(13)
    d = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.manager_id,
            lines=[
                LineRequest(shop.items["corte"], professional_id=shop.professional_id),
                LineRequest(shop.items["manicure"], professional_id=shop.professional_id),
            ],
            payments=[TenderRequest(Tender.DEBIT, 11_500)],
        ),
    )
    clock.moment = at(13, 30)
    refund(
        shop.station,
        RefundRequest(
            a.sale_id,
            shop.cashier_id,
            MANAGER_PIN,
            "vencido",
            {shop.line_id(a.sale_id, "Dipirona 500 mg"): 1},
        ),
    )
    refund(
        shop.station,
        RefundRequest(
            d.sale_id,
            shop.cashier_id,
            MANAGER_PIN,
            "não gostou",
            {shop.line_id(d.sale_id, "Manicure"): 1},
        ),
    )
    clock.moment = at(14)
    e = shop.sell("vestido", cash=20_000)
    clock.moment = at(14, 10)
    void(shop.station, e.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    clock.moment = at(14, 30)
    cash_in(shop.station, shop.cashier_id, MANAGER_PIN, 5_000, "troco")
    clock.moment = at(15)
    cash_out(shop.station, shop.cashier_id, MANAGER_PIN, 15_000, "cofre")
    clock.moment = at(15, 30)
    with shop.station.read() as session:
        code = session.scalars(select(Customer.referral_code).where(Customer.id == carla)).one()
    dora = enrol(
        shop.station, Enrolment(name="Dora Lima", phone="11 97777-6666", referred_by_code=code)
    ).id
    clock.moment = at(15, 40)
    shop.sell("vestido", customer=dora, pix=20_000)
    clock.moment = at(18)
    return shop


EXPECTED_PAYMENTS = (
    Figure("cash", 3, 26_751),
    Figure("debit", 1, 11_500),
    Figure("pix", 2, 22_990),
    Figure("cashback", 1, 499),
    Figure("voucher", 1, 2_000),
)


def check_day(report: Report) -> None:
    """Every figure of 2 March, as worked out above."""
    assert report.day == DAY
    assert (report.sales_count, report.gross, report.discounts) == (6, 63_740, 0)
    assert (report.refunds_count, report.refunds) == (2, 4_750)
    assert (report.voids_count, report.voids) == (1, 20_000)
    assert report.net == 38_990
    assert report.money_back == 24_750
    assert report.payments == EXPECTED_PAYMENTS
    assert report.staff == (Figure("Carlos Caixa", 5, 52_240), Figure("Marta Gerente", 1, 11_500))
    assert report.professionals == (Figure("Paula Manicure", 2, 8_000),)
    assert report.categories == (
        Figure("roupas", 2, 40_000),
        Figure("servicos", 2, 11_500),
        Figure("higiene", 2, 6_000),
        Figure("cosmeticos", 1, 4_990),
        Figure("medicamentos", 1, 1_250),
    )
    assert report.top_items[:3] == (
        Figure("Vestido midi", 2, 40_000),
        Figure("Corte feminino", 1, 8_000),
        Figure("Shampoo 300 ml", 2, 6_000),
    )
    assert (
        report.cashback_earned,
        report.cashback_spent,
        report.cashback_reversed,
        report.cashback_expired,
    ) == (2_549, 499, 0, 0)
    assert report.vouchers_issued == Figure("issued", 1, 2_000)
    assert report.vouchers_redeemed == Figure("redeemed", 1, 2_000)
    assert report.vouchers_open == Figure("open", 1, 2_000)
    # Carla 2,99 + Bruno 2,50 + Dora 0 (her R$ 20,00 is the open voucher).
    assert (report.liability_cashback, report.liability) == (549, 2_549)
    assert (report.customers_enrolled, report.referrals) == (1, 1)
    cash = report.cash
    assert (cash.shifts, cash.opening_float, cash.cash_sales, cash.cash_refunds) == (
        1,
        10_000,
        26_751,
        21_250,
    )
    assert (cash.cash_in, cash.cash_out, cash.expected) == (5_000, 15_000, 5_501)


def test_a_day_by_hand_x_then_blind_close_then_z(day: Shop, tmp_path: Path) -> None:
    shop = day
    x = x_report(shop.station)
    check_day(x)
    assert x.kind == "X" and x.cash.counted is None and x.cash.open_shifts == 1
    assert current_shift(shop.station) is not None

    with pytest.raises(ShiftStillOpen):
        z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    with pytest.raises(NotAuthorized):
        close_shift(shop.station, shop.cashier_id, CASHIER_PIN, COUNT)
    closed = close_shift(shop.station, shop.cashier_id, MANAGER_PIN, COUNT)
    assert (closed.expected, closed.counted, closed.difference) == (5_501, 5_450, -51)
    assert current_shift(shop.station) is None
    with shop.station.read() as session:
        counts = session.scalars(select(ShiftCount).where(ShiftCount.shift_id == closed.id))
        assert {c.denomination: c.quantity for c in counts} == COUNT
    with pytest.raises(NoOpenShift):
        shop.sell("batom", pix=4_990)

    with pytest.raises(NotAuthorized):
        z_report(shop.station, shop.cashier_id, CASHIER_PIN)
    z = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    check_day(z)
    assert (z.kind, z.number, z.cash.counted, z.cash.difference) == ("Z", 1, 5_450, -51)
    assert z.authorized_by == "Marta Gerente"
    assert stored_z(shop.station, z.z_id or 0) == z
    assert x_report(shop.station, DAY).net == z.net  # an X changes nothing
    with pytest.raises(DayClosed) as refused:
        z_report(shop.station, shop.manager_id, MANAGER_PIN)
    assert refused.value.message("pt_BR") == (
        "O dia 02/03/2026 já foi encerrado com a redução Z nº 1."
    )
    with pytest.raises(DayClosed):
        open_shift(shop.station, shop.cashier_id, 0)
    with shop.station.read() as session:
        assert len(session.scalars(select(ZReport)).all()) == 1
        actions = [a.action for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert actions.count("shift.open") == 2 and actions.count("shift.close") == 2
    assert actions.count("cash.in") == 1 and actions.count("cash.out") == 1
    assert actions.count("report.z") == 1
    assert verify(shop.station) == []

    # The CSV: BOM, ';', centavos as 1234,56, the same figures.
    path = write_csv(z, tmp_path / "z.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Seção", "Item", "Quantidade", "Valor"]
    table = {(r[0], r[1]): (r[2], r[3]) for r in rows[1:]}
    assert table[("Vendas", "Número de vendas")] == ("6", "")
    assert table[("Vendas", "Bruto")] == ("", "637,40")
    assert table[("Vendas", "Devoluções")] == ("2", "-47,50")
    assert table[("Vendas", "Cancelamentos")] == ("1", "-200,00")
    assert table[("Vendas", "Líquido")] == ("", "389,90")
    assert table[("Formas de pagamento", "Dinheiro")] == ("3", "267,51")
    assert table[("Por profissional (base de comissão)", "Paula Manicure")] == ("2", "80,00")
    assert table[("Cashback", "Ganho")] == ("", "25,49")
    assert table[("Cashback", "Usado")] == ("", "4,99")
    assert table[("Vales", "Resgatados")] == ("1", "20,00")
    assert table[("Passivo do programa", "Total a honrar")] == ("", "25,49")
    assert table[("Clientes", "Por indicação")] == ("1", "")
    assert table[("Caixa (dinheiro)", "Esperado")] == ("", "55,01")
    assert table[("Caixa (dinheiro)", "Contado")] == ("", "54,50")
    assert table[("Caixa (dinheiro)", "Diferença")] == ("", "-0,51")
    assert table[("REDUÇÃO Z Nº 0001", "Loja")] == ("", "Loja Teste")
    assert report_csv(z, "en").startswith("Section;Item;Count;Amount")


def test_the_z_as_pdf_reads_back_the_same(day: Shop, tmp_path: Path, qapp: object) -> None:
    from posapp.ui.reports.pdf import write_pdf  # Qt, in the test's QApplication

    close_shift(day.station, day.cashier_id, MANAGER_PIN, COUNT)
    z = z_report(day.station, day.cashier_id, MANAGER_PIN)
    path = write_pdf(z, tmp_path / "z.pdf")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "595 x 842 pts (A4)" in info.stdout
    assert "Loja Teste — REDUÇÃO Z Nº 0001 — 02/03/2026 00:00 – 03/03/2026 00:00" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines[0] == "Loja Teste"
    assert "REDUÇÃO Z Nº 0001" in lines
    assert "02/03/2026 00:00 – 03/03/2026 00:00" in lines
    for expected in (
        "Número de vendas 6",
        "Bruto R$ 637,40",
        "Devoluções 2 -R$ 47,50",
        "Cancelamentos 1 -R$ 200,00",
        "Líquido R$ 389,90",
        "Dinheiro 3 R$ 267,51",
        "Débito 1 R$ 115,00",
        "PIX 2 R$ 229,90",
        "Carlos Caixa 5 R$ 522,40",
        "Paula Manicure 2 R$ 80,00",
        "roupas 2 R$ 400,00",
        "Ganho R$ 25,49",
        "Usado R$ 4,99",
        "Resgatados 1 R$ 20,00",
        "Em aberto 1 R$ 20,00",
        "Total a honrar R$ 25,49",
        "Cadastrados 1",
        "Esperado R$ 55,01",
        "Contado R$ 54,50",
        "Diferença -R$ 0,51",
    ):
        assert expected in lines, expected


@pytest.mark.parametrize("paper", [58, 80])
def test_the_z_printed_decodes_back(day: Shop, paper: int) -> None:
    close_shift(day.station, day.cashier_id, MANAGER_PIN, COUNT)
    z = z_report(day.station, day.cashier_id, MANAGER_PIN)
    emulator = virtual_printer(f"report-{paper}", paper_dots=384 if paper == 58 else 576)
    printing = PrintService(
        day.station, CounterSettings(printer_uri=f"virtual://report-{paper}", paper_mm=paper)
    )
    try:
        outcome = printing.print_z(z.z_id or 0).result(timeout=30)
        assert outcome.printed, outcome.error_pt
        x_outcome = printing.print_report_now(x_report(day.station, DAY)).result(timeout=30)
        assert x_outcome.printed
    finally:
        printing.close()
    papers = emulator.wait_for_receipts(2, timeout=10)
    z_lines = [" ".join(line.split()) for line in papers[0].lines]
    assert "REDUÇÃO Z Nº 0001" in z_lines
    assert "Líquido R$ 389,90" in z_lines
    assert "Dinheiro" in z_lines and "3 R$ 267,51" in z_lines
    assert "Diferença -R$ 0,51" in z_lines
    assert any("RELATÓRIO X" in line for line in papers[1].lines)


def test_no_sale_and_no_money_back_without_an_open_shift(tmp_path: Path) -> None:
    shop = open_shop(tmp_path / "s.sqlite", "salon", opening_float=None)
    try:
        with pytest.raises(NoOpenShift) as refused:
            shop.sell("corte", pix=8_000)
        assert refused.value.message("pt_BR") == "Abra o turno antes de vender."
        assert refused.value.message("en") == "Open the shift before selling."
        with pytest.raises(NoOpenShift):
            cash_in(shop.station, shop.cashier_id, MANAGER_PIN, 1_000, "troco")
        opened = open_shift(shop.station, shop.cashier_id, 5_000)
        assert (opened.opened_by, opened.opening_float) == ("Carlos Caixa", 5_000)
        with pytest.raises(ShiftAlreadyOpen):
            open_shift(shop.station, shop.manager_id, 0)
        sale = shop.sell("corte", cash=10_000)
        assert sale.change == 2_000
        close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {5_000: 2, 1_000: 3})
        with pytest.raises(NoOpenShift):
            void(shop.station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "erro")
    finally:
        shop.station.close()


def test_a_cashier_cannot_move_cash_close_or_run_a_z_with_their_own_pin(
    make_shop: Callable[..., Shop],
) -> None:
    shop = make_shop("salon")
    for act in (
        lambda: cash_in(shop.station, shop.cashier_id, CASHIER_PIN, 1_000, "troco"),
        lambda: cash_out(shop.station, shop.cashier_id, CASHIER_PIN, 1_000, "cofre"),
        lambda: close_shift(shop.station, shop.cashier_id, CASHIER_PIN, {}),
        lambda: z_report(shop.station, shop.cashier_id, CASHIER_PIN),
    ):
        with pytest.raises(NotAuthorized):
            act()
    assert current_shift(shop.station) is not None  # still open
    with shop.station.read() as session:  # and nothing was written
        assert session.scalars(select(ZReport)).all() == []
        assert session.scalars(select(ShiftCount)).all() == []
        assert (
            session.scalars(select(AuditLog.action).where(AuditLog.action.like("cash%"))).all()
            == []
        )


def test_blind_close_difference_over_and_exact(make_shop: Callable[..., Shop]) -> None:
    shop = make_shop("pharmacy")
    shop.sell("dipirona", cash=2_000)  # R$ 12,50, change R$ 7,50
    over = close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {1_000: 1, 200: 1, 50: 1, 25: 1})
    assert (over.expected, over.counted, over.difference) == (1_250, 1_275, 25)
    open_shift(shop.station, shop.cashier_id, 2_000)
    exact = close_shift(shop.station, shop.manager_id, MANAGER_PIN, {2_000: 1})
    assert exact.difference == 0
