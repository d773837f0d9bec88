"""Vendas: the day's sales, a sale's receipt and lines, reprint, returns and voids with a PIN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import AuditLog, LedgerEntry, Refund, RefundLine, Sale
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.app import install_translator
from posapp.services.customers import registry as customers
from posapp.services.sales.history import SaleLineView, SaleSummary
from posapp.services.sales.refunds import RefundRequest, RefundResult, refund
from posapp.ui.dialogs.manager_pin import ManagerPinDialog
from posapp.ui.sales.models import SALE_ID_ROLE, STATUS_ROLE, SaleLinesModel, SalesTableModel
from posapp.ui.sales.screen import SalesScreen
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.ui_support import make_context, when_shown

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def screens(qtbot: QtBot) -> Iterator[Callable[..., SalesScreen]]:
    made: list[SalesScreen] = []

    def make(shop: Shop, **kw: object) -> SalesScreen:
        kw.setdefault("staff", "cashier")
        screen = SalesScreen(make_context(shop, **kw))  # type: ignore[arg-type]
        qtbot.addWidget(screen)
        screen.resize(1280, 760)
        screen.show()  # lists today's sales
        qtbot.waitUntil(screen.idle)
        made.append(screen)
        return screen

    yield make
    for screen in made:
        qtbot.waitUntil(screen.idle, timeout=10_000)  # every answer has landed
        screen.context.printing.close()


@pytest.fixture
def salon(make_shop: MakeShop) -> Shop:
    """Carla earns R$ 8,00, then spends it on a corte + manicure (R$ 115,00)."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)  # sale 1: +R$ 8,00
    shop.clock.advance(minutes=30)
    shop.sell("corte", "manicure", customer=carla, cashback=800, pix=10_700)  # sale 2
    return shop


def shown(model: object) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]  # type: ignore[attr-defined]
        for row in range(model.rowCount())  # type: ignore[attr-defined]
    ]


def choose(screen: SalesScreen, qtbot: QtBot, row: int) -> None:
    screen.table.selectRow(row)
    sale_id = screen.model.index(row, 0).data(SALE_ID_ROLE)
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.id == sale_id)
    qtbot.waitUntil(screen.idle)


def written(shop: Shop) -> tuple[int, ...]:
    """Counts of everything a refund writes, and the statuses of the sales."""
    with shop.station.read() as session:
        counts = tuple(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (LedgerEntry, Refund, RefundLine)
        )
        # a refused approval is audited by design; nothing else may be
        audited = select(func.count()).select_from(AuditLog)
        counts += (int(session.scalar(audited.where(AuditLog.action != "auth.refused")) or 0),)
        statuses = tuple(session.scalars(select(Sale.status).order_by(Sale.id)))
    return counts + tuple(hash(s) for s in statuses)


def ask_return(screen: SalesScreen, qtbot: QtBot, quantities: dict[str, int], reason: str) -> None:
    """Open 'Devolver itens', choose quantities by description, give the reason, continue."""
    qtbot.mouseClick(screen.return_button, Qt.MouseButton.LeftButton)
    dialog = screen.return_dialog
    assert dialog is not None and dialog.isVisible()
    for line in dialog.detail.lines:
        dialog.spins[line.id].setValue(quantities.get(line.description, 0))
    dialog.reason.setText(reason)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


# -- the list ----------------------------------------------------------------------


def test_todays_sales_are_listed_newest_first_with_their_status(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon)
    assert screen.date_edit.date() == QDate(2026, 3, 2)
    assert shown(screen.model) == [
        ["000002", "02/03/2026 10:30", "Carla Dias", "Carlos Caixa", "R$ 115,00", "Concluída"],
        ["000001", "02/03/2026 10:00", "Carla Dias", "Carlos Caixa", "R$ 80,00", "Concluída"],
    ]
    assert screen.list_status.text() == "2 vendas"
    assert screen.detail_stack.currentIndex() == 0  # nothing chosen yet
    assert not screen.return_button.isEnabled() and not screen.void_button.isEnabled()


def test_choosing_a_sale_shows_its_lines_payments_and_receipt(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon)
    choose(screen, qtbot, 0)
    assert screen.detail_stack.currentIndex() == 1
    assert screen.sale_title.text() == "Venda nº 000002 · Concluída"
    assert "cliente: Carla Dias" in screen.sale_info.text()
    assert [row[:4] for row in shown(screen.lines_model)] == [
        ["Corte feminino", "1", "—", "R$ 80,00"],
        ["Manicure", "1", "—", "R$ 35,00"],
    ]
    assert "Cashback R$ 8,00" in screen.payments_label.text()
    assert "PIX R$ 107,00" in screen.payments_label.text()
    qtbot.waitUntil(lambda: not screen.preview.pixmap().isNull())
    pixmap = screen.preview.pixmap()
    assert pixmap.width() > 500 and pixmap.height() > pixmap.width()
    assert screen.return_button.isEnabled() and screen.void_button.isEnabled()


def test_a_sale_is_found_by_number_and_the_date_picker_moves_days(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    salon.clock.advance(days=1)
    tuesday = salon.sell("shampoo", pix=3_000)
    screen = screens(salon)  # opens on Tuesday, the clock's today
    assert [row[0] for row in shown(screen.model)] == ["000003"]
    assert tuesday.number == 3

    qtbot.keyClicks(screen.number_box, "1")
    qtbot.keyClick(screen.number_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.list_status.text() == "Venda nº 000001")
    assert [row[0] for row in shown(screen.model)] == ["000001"]  # from Monday
    qtbot.waitUntil(lambda: screen.detail is not None)  # the only one found is opened
    assert screen.detail is not None and screen.detail.summary.number == 1
    qtbot.waitUntil(screen.idle)

    screen.number_box.setText("99")
    qtbot.mouseClick(screen.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.list_status.text() == "Nenhuma venda com o número 99")
    assert screen.model.rowCount() == 0 and screen.detail is None

    screen.number_box.clear()  # back to the day's list
    qtbot.waitUntil(lambda: screen.list_status.text() == "1 venda")
    screen.date_edit.setDate(QDate(2026, 3, 2))
    qtbot.waitUntil(lambda: screen.list_status.text() == "2 vendas")
    screen.date_edit.setDate(QDate(2026, 3, 1))
    qtbot.waitUntil(lambda: screen.list_status.text() == "Nenhuma venda neste dia")
    qtbot.mouseClick(screen.today_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [row[0] for row in shown(screen.model)] == ["000003"])


def test_a_new_sale_appears_while_the_screen_is_open(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon)
    sale = salon.sell("shampoo", pix=3_000)
    screen.context.events.sale_committed.emit(sale.sale_id)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    assert shown(screen.model)[0][0] == "000003"


# -- reprint -----------------------------------------------------------------------


def test_reprint_sends_the_receipt_to_the_printer(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon, printer="virtual://sales-reprint")
    choose(screen, qtbot, 1)
    with qtbot.waitSignal(screen.context.events.printer_state, timeout=15_000) as state:
        qtbot.mouseClick(screen.reprint_button, Qt.MouseButton.LeftButton)
    assert state.args == [True, ""]
    assert screen.message.text() == "Cupom reimpresso"
    (receipt,) = virtual_printer("sales-reprint").wait_for_receipts(1)
    assert any("Corte feminino" in line for line in receipt.lines)


# -- refunds and voids -------------------------------------------------------------


def test_a_cashier_trying_a_refund_with_their_own_pin_is_refused_and_nothing_is_written(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon)  # Carlos, a cashier, is at the counter
    choose(screen, qtbot, 0)
    before = written(salon)
    asked: list[str] = []

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, ManagerPinDialog)
        asked.append(widget.windowTitle())
        widget.pin.setText(CASHIER_PIN)
        widget.accept()

    when_shown(ManagerPinDialog, answer, qtbot)  # the real PIN prompt, answered by Carlos
    ask_return(screen, qtbot, {"Manicure": 1}, "cliente desistiu")
    assert asked == ["Autorização do gerente"]
    qtbot.waitUntil(screen.idle)
    assert screen.message.text() == "PIN de gerente incorreto: devolução."
    assert screen.message.property("role") == "error"
    assert screen.result_label.text() == ""
    assert written(salon) == before
    assert shown(screen.model)[0][5] == "Concluída"
    assert screen.return_button.isEnabled()  # nothing happened: it can be tried again

    screen.ask_pin = lambda _parent, _action: None  # the manager is not there
    ask_return(screen, qtbot, {"Manicure": 1}, "cliente desistiu")
    assert screen.message.text() == "Devolução cancelada"
    assert written(salon) == before


def test_the_return_dialog_bounds_quantities_and_wants_a_reason(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    salon.sell(("shampoo", 3), pix=9_000)
    screen = screens(salon)
    choose(screen, qtbot, 0)
    qtbot.mouseClick(screen.return_button, Qt.MouseButton.LeftButton)
    dialog = screen.return_dialog
    assert dialog is not None
    (spin,) = dialog.spins.values()
    assert (spin.minimum(), spin.maximum()) == (0, 3)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "Escolha ao menos um item para devolver."
    spin.setValue(5)
    assert spin.value() == 3
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "Informe o motivo."
    dialog.reject()


def test_a_managers_pin_returns_one_line_and_shows_the_figures_worked_out_by_hand(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon)
    choose(screen, qtbot, 0)
    carla = screen.detail.summary.customer_id if screen.detail else None
    assert carla is not None
    actions: list[str] = []

    def manager(_parent: QWidget | None, action: str) -> str:
        actions.append(action)
        return MANAGER_PIN

    screen.ask_pin = manager
    with qtbot.waitSignal(screen.context.events.customer_changed, timeout=10_000) as changed:
        ask_return(screen, qtbot, {"Manicure": 1}, "cliente desistiu")
    assert changed.args == [carla]
    assert actions == ["devolução na venda nº 000002"]
    # R$ 35,00 of goods; cashback paid R$ 8,00 of R$ 115,00, so 35 x 8 / 115 = R$ 2,43
    # comes back as cashback and R$ 32,57 in money; the manicure had earned R$ 3,26.
    result = screen.last_result
    assert result is not None
    assert (result.goods_amount, result.loyalty_share, result.money_back) == (3_500, 243, 3_257)
    assert (result.cashback_restored, result.cashback_reversed, result.clawback) == (243, 326, 0)
    assert screen.result_label.text().splitlines() == [
        "Devolver por PIX: R$ 32,57",  # paid by PIX: back by PIX
        "Cashback devolvido: R$ 2,43",
        "Cashback estornado: R$ 3,26",
    ]
    assert screen.message.text() == "Devolução na venda nº 000002: R$ 35,00 em itens"
    assert customers.account(salon.station, carla).balance.spendable == 1_070 + 243 - 326

    qtbot.waitUntil(lambda: shown(screen.model)[0][5] == "Devolvida em parte")
    qtbot.waitUntil(lambda: screen.sale_title.text() == "Venda nº 000002 · Devolvida em parte")
    qtbot.waitUntil(screen.idle)
    assert [row[2] for row in shown(screen.lines_model)] == ["—", "1"]
    assert "R$ 32,57 devolvidos" in screen.refunds_label.text()
    assert "autorizado por Marta Gerente" in screen.refunds_label.text()
    assert screen.return_button.isEnabled() and not screen.void_button.isEnabled()
    assert screen.result_label.text().startswith("Devolver por PIX")  # still shown

    qtbot.mouseClick(screen.return_button, Qt.MouseButton.LeftButton)  # what is left
    dialog = screen.return_dialog
    assert dialog is not None
    maxima = {line.description: dialog.spins[line.id].maximum() for line in dialog.detail.lines}
    assert maxima == {"Corte feminino": 1, "Manicure": 0}
    dialog.reject()


def test_a_sale_refunded_meanwhile_at_another_counter_is_refused_plainly(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    screen = screens(salon)
    choose(screen, qtbot, 0)
    assert screen.detail is not None
    refund(
        salon.station,
        RefundRequest(screen.detail.id, salon.cashier_id, MANAGER_PIN, "outro caixa"),
    )
    before = written(salon)
    screen.ask_pin = lambda _parent, _action: MANAGER_PIN
    ask_return(screen, qtbot, {"Manicure": 1}, "de novo")
    qtbot.waitUntil(screen.idle)
    assert screen.message.text() == ("A venda 2 não pode ser devolvida: já devolvida ou cancelada.")
    assert screen.message.property("role") == "error"
    assert written(salon) == before


def test_cashback_already_spent_is_shown_as_kept_from_the_money(
    make_shop: MakeShop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)  # +R$ 8,00
    shop.sell("manicure", customer=carla, cashback=800, pix=2_700)  # -R$ 8,00, +R$ 2,70
    screen = screens(shop, staff="manager")
    choose(screen, qtbot, 1)
    screen.ask_pin = lambda _parent, _action: MANAGER_PIN
    qtbot.mouseClick(screen.return_button, Qt.MouseButton.LeftButton)
    dialog = screen.return_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    dialog.reason.setText("insatisfeita")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.last_result is not None)
    # R$ 8,00 to take back, only R$ 2,70 left: R$ 5,30 is kept from the R$ 80,00.
    assert screen.result_label.text().splitlines() == [
        "Devolver por PIX: R$ 74,70",  # paid by PIX: back by PIX
        "Cashback estornado: R$ 2,70",
        "Retido do cashback já usado: R$ 5,30",
    ]
    qtbot.waitUntil(lambda: shown(screen.model)[1][5] == "Devolvida")
    qtbot.waitUntil(screen.idle)
    assert not screen.return_button.isEnabled() and not screen.void_button.isEnabled()


def test_a_void_reopens_the_voucher_that_paid_the_sale(
    make_shop: MakeShop, screens: Callable[..., SalesScreen], qtbot: QtBot
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    assert customers.account(shop.station, maria).open_vouchers == ()
    screen = screens(shop)
    choose(screen, qtbot, 0)
    qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
    dialog = screen.void_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "Informe o motivo."
    dialog.reason.setText("lançada errada")
    actions: list[str] = []
    screen.ask_pin = lambda _parent, action: actions.append(action) or MANAGER_PIN  # type: ignore[func-returns-value]
    with qtbot.waitSignal(screen.context.events.customer_changed, timeout=10_000) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed.args == [maria]
    assert actions == ["cancelar a venda nº 000002"]
    assert screen.message.text() == "Venda nº 000002 cancelada"
    assert screen.result_label.text().splitlines() == [
        "Devolver por PIX: R$ 10,00",
        "Cashback estornado: R$ 1,00",  # what the shampoo had earned
        f"Vales reabertos: {voucher.code}",
    ]
    assert [v.code for v in customers.account(shop.station, maria).open_vouchers] == [voucher.code]
    qtbot.waitUntil(lambda: shown(screen.model)[0][5] == "Cancelada")
    qtbot.waitUntil(lambda: screen.sale_title.text() == "Venda nº 000002 · Cancelada")
    qtbot.waitUntil(screen.idle)
    assert "Cancelamento em" in screen.refunds_label.text()
    assert not screen.return_button.isEnabled() and not screen.void_button.isEnabled()
    assert screen.model.index(0, 0).data(STATUS_ROLE) == "voided"


# -- models ------------------------------------------------------------------------

AT = datetime(2026, 3, 2, 13, tzinfo=UTC)


def test_the_table_models_pass_the_model_tester(qtmodeltester: object) -> None:
    sales = SalesTableModel()
    sales.set_rows(
        [
            SaleSummary(2, 2, AT, None, None, 3_500, "voided", "Marta Gerente"),
            SaleSummary(1, 1, AT, 7, "Carla Dias", 11_500, "partially_refunded", "Carlos Caixa"),
        ]
    )
    lines = SaleLinesModel()
    lines.set_rows(
        [
            SaleLineView(1, "Corte feminino", 1, 0, 8_000, 8_000, None),
            SaleLineView(2, "Manicure", 2, 1, 3_500, 7_000, "Paula Manicure"),
        ]
    )
    for model in (sales, lines):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        model.set_rows([])
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_sales_model_names_statuses_and_formats_per_locale() -> None:
    sales = SalesTableModel(locale="en")
    sales.set_rows([SaleSummary(9, 12, AT, None, None, 123_456, "partially_refunded", "Marta")])
    assert [sales.index(0, c).data() for c in range(5)] == [
        "000012",
        "Mar 2, 2026 10:00 AM",
        "—",
        "Marta",
        "R$1,234.56",
    ]
    assert sales.index(0, 0).data(SALE_ID_ROLE) == 9
    assert sales.row_of(9) == 0 and sales.row_of(10) is None
    pt = SalesTableModel()
    pt.set_rows(
        [
            SaleSummary(9, 12, AT, None, None, 100, status, "M")
            for status in ("completed", "partially_refunded", "refunded", "voided")
        ]
    )
    assert [row[5] for row in shown(pt)] == [
        "Concluída",
        "Devolvida em parte",
        "Devolvida",
        "Cancelada",
    ]


def test_the_screen_and_the_figures_in_english(
    salon: Shop, screens: Callable[..., SalesScreen], qtbot: QtBot, qapp: QApplication
) -> None:
    translator = install_translator(qapp, "en")
    assert translator is not None
    try:
        screen = screens(salon, language="en")
        assert [b.text() for b in (screen.reprint_button, screen.return_button)] == [
            "Reprint",
            "Return items",
        ]
        assert screen.void_button.text() == "Void sale"
        assert screen.list_status.text() == "2 sales"
        assert shown(screen.model)[0][4:] == ["R$115.00", "Completed"]
        result = RefundResult(
            1, "refund", 2, 3_500, 3_257, 243, 243, 326, 50, ("AB",), (), None, (("cash", 3_257),)
        )
        assert screen.result_lines(result) == [
            "Give back in money: R$32.57",
            "Cashback given back: R$2.43",
            "Cashback reversed: R$3.26",
            "Kept for cashback already spent: R$0.50",
            "Vouchers reopened: AB",
        ]
    finally:
        QCoreApplication.removeTranslator(translator)
