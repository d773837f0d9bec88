"""The cashier signs out or the window closes with a sale in progress: nothing is lost.

The cart is parked at once (marked `left_open`, so the next sign-in says where it went
and F6 brings it back), and the counter forgets the customer, their balance and the
last sale, so the next person finds a clean screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from posapp.services.sales import parking
from posapp.services.sales.parking import ParkedCart
from posapp.ui.sale.discount_dialog import SaleDiscount
from posapp.ui.sale.screen import SaleScreen


def park_left_open(screen: SaleScreen) -> int | None:
    """Park the cart in progress (on this thread: the window may be closing) and clear the
    counter. The parked cart's id, or None when there was nothing to park."""
    parked_id: int | None = None
    staff = screen.context.staff
    if screen.model.rowCount() and staff is not None:
        discount = screen.sale_discount or SaleDiscount()
        customer = screen.customer
        parked_id = parking.park(
            screen.station,
            label=customer.name if customer else "",
            staff_id=staff.id,
            lines=screen.model.requests(),
            customer_id=customer.id if customer else None,
            sale_discount=discount.amount,
            sale_discount_bps=discount.percent_bps,
            left_open=True,
        )
    if screen.payment_dialog is not None:
        screen.payment_dialog.reject()
    screen.model.clear()
    screen.sale_uuid = None
    screen.sale_discount = None
    screen.detach_customer()
    screen.last_sale = None
    screen.last_sale_label.clear()
    screen.preview.clear()
    screen.message.clear()
    screen.skip_nps()
    return parked_id


def left_open_notice(carts: list[ParkedCart]) -> str:
    """What the next sign-in says about the carts parked when the counter was left."""
    if not carts:
        return ""
    parts = []
    for cart in carts:
        total = sum(line.quantity for line in cart.lines)
        who = cart.customer_name or cart.label
        items = (
            QCoreApplication.translate("Leaving", "1 item")
            if total == 1
            else QCoreApplication.translate("Leaving", "%1 itens").replace("%1", str(total))
        )
        parts.append(
            QCoreApplication.translate("Leaving", "nº %1 (%2, %3)")
            .replace("%1", str(cart.id))
            .replace("%2", who)
            .replace("%3", items)
        )
    return QCoreApplication.translate(
        "Leaving", "Venda em andamento guardada ao sair: estacionada %1. F6 recupera."
    ).replace("%1", "; ".join(parts))
