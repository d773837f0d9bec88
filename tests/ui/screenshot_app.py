"""Open the demo app on a real X display and save screenshots of its screens.

    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.screenshot_app docs/screenshots

Run by tests/ui/test_screenshots.py under Xvfb. It builds the app exactly as
`posapp --demo` does (app.build on a fresh demo database, virtual printer), with
three things added to the demo database first, through the services where there is
one: loyalty tiers switched on, and a conflict the sync endpoint would have reported
(an overdraft from another store of the chain, a `sync_conflict` row as the pull
writes it). Then it drives the screens as a manager at the counter would: signs in
on the PIN pad, rings up a sale for a customer, opens the payment, the customers
screen and a receipt; pays the sale (the satisfaction question) and rings up a
customer with a tier; returns an item of that sale in Vendas; Caixa with a past Z
report; in Gerência, points sync at an endpoint that cannot be reached and syncs
(Offline, events waiting), opens a message template and creates a campaign from the
calendar. A few services are marked favourites (the sale screen's tiles). Where the
app asks for the manager's PIN (a blocking dialog), `ask_pin` is answered with the demo
manager's PIN, as the UI tests do. Each screen is grabbed with QScreen.grabWindow.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from posapp.services.common.station import Station
    from posapp.ui.shell import Shell

SIZE = (1366, 768)
"""The full set's screen size (the most common counter screen in Brazil)."""
FIT_SIZES = ((1024, 768), (1920, 1080))
"""The other sizes a counter has: the sale, payment, customers and cash screens again,
saved as `<name>-<width>x<height>.png`."""
MANAGER_PIN = "1234"
"""Marta Gerente's PIN in the demo (posapp.services.onboarding.demo.STAFF)."""
STORE_ZONE = ZoneInfo("America/Sao_Paulo")
"""The demo store's time zone (the counter settings' default)."""
SYNC_URL = "https://nuvem.belavista.invalid"
"""An endpoint that cannot be reached (.invalid never resolves, RFC 6761)."""


def wait_until(condition: Callable[[], object], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def widest(widget: QWidget, over: int, depth: int = 0) -> list[str]:
    """The visible widgets whose minimum width is more than `over`, as an indented tree."""
    found: list[str] = []
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        need = child.minimumSizeHint().expandedTo(child.minimumSize())
        if child.isVisible() and need.width() > over:
            found.append(
                f"{'  ' * depth}{type(child).__name__} {child.objectName()} {need.width()}"
            )
            found.extend(widest(child, over, depth + 1))
    return found


def grab(window: QWidget, path: Path) -> None:
    """What the screen shows of the window. A window larger than the screen (its minimum
    size wins over the geometry asked for) would be cut where the screen ends, as on a
    counter: that is refused, naming the size the window took."""
    settle()
    screen = window.screen()
    room = screen.availableGeometry()
    taken = window.frameGeometry()
    if taken.width() > room.width() or taken.height() > room.height():
        raise RuntimeError(
            f"{path.name}: the window is {taken.width()}x{taken.height()}, "
            f"the screen has {room.width()}x{room.height()}; the widest parts:\n"
            + "\n".join(widest(window, room.width() // 3))
        )
    geometry = window.frameGeometry().intersected(screen.geometry())
    picture = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
    if not picture.save(str(path)):
        raise OSError(f"could not save {path}")
    print(f"screenshot: {path}")


def main(out_dir: str, size: str = "") -> int:
    """The full set at SIZE; with `size` ("1024x768"), the four screens that must fit a
    counter at that size, named with it."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("posapp")

    from posapp import app as posapp_app
    from posapp.services.common.station import open_station
    from posapp.services.customers import history as customer_history
    from posapp.services.customers import registry as customers
    from posapp.services.onboarding.demo import fill_demo
    from posapp.services.sales import catalog

    folder = tempfile.mkdtemp(prefix="posapp-shots-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "demo.sqlite"
    station = open_station(path)
    try:
        fill_demo(station, customers=80, products=120, sales=240)
        prepare(station)
    finally:
        station.close()

    counter = posapp_app.build(path, demo=True)
    try:
        window = counter.window
        window.show()  # at the screen's size, as at the counter
        wait_until(window.isVisible)
        wait_until(lambda: window.printer_status.text() != "")

        signin = window.signin
        marta = next(i for i, t in signin.tiles.items() if t.text().startswith("Marta"))
        signin.tiles[marta].click()
        for key in "12":
            signin.pad.digits[key].click()
        if not size:
            grab(window, out / "signin.png")
        for key in "34":
            signin.pad.digits[key].click()
        signin.pad.enter_button.click()
        wait_until(lambda: window.context.staff is not None)

        sale = window.current
        products = [
            item
            for word in ("Shampoo", "Protetor", "Vitamina", "Esmalte")
            for item in catalog.search_items(counter.station, word, limit=1)
        ]
        for item in products:
            sale.add_item(item)  # type: ignore[attr-defined]
        found = customers.search(counter.station, "Ana")
        if found:
            sale.attach_customer(found[0])  # type: ignore[attr-defined]
        wait_until(lambda: getattr(sale, "idle", lambda: True)())

        def name(base: str) -> str:
            return f"{base}-{size}.png" if size else f"{base}.png"

        grab(window, out / name("sale"))

        sale.pay()  # type: ignore[attr-defined]
        wait_until(lambda: getattr(sale, "payment_dialog", None) is not None)
        dialog = sale.payment_dialog  # type: ignore[attr-defined]
        wait_until(dialog.isVisible)
        grab(window, out / name("payment"))
        dialog.reject()

        window.show_screen("customers")
        screen = window.current
        box = screen.search_box  # type: ignore[attr-defined]
        box.setText("Souza")
        screen.search()  # type: ignore[attr-defined]
        wait_until(lambda: screen.model.rowCount() > 0)  # type: ignore[attr-defined]
        rows = screen.model.rows  # type: ignore[attr-defined]
        busiest = max(
            range(len(rows)),
            key=lambda r: len(customer_history.ledger(counter.station, rows[r].id)),
        )
        screen.table.selectRow(busiest)  # type: ignore[attr-defined]
        wait_until(lambda: screen.customer_id is not None)  # type: ignore[attr-defined]
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        grab(window, out / name("customers"))
        if size:
            cash_screen(window, out / name("cash"))
            window.close()
            return 0

        history = screen.history_model  # type: ignore[attr-defined]
        sale_rows = [r for r in range(history.rowCount()) if history.row_at(r).sale_id]
        if sale_rows:
            row = history.row_at(sale_rows[0])
            screen.open_sale(row.sale_id, row.sale_number)  # type: ignore[attr-defined]
            wait_until(lambda: screen.preview_dialog is not None)  # type: ignore[attr-defined]
            preview = screen.preview_dialog  # type: ignore[attr-defined]
            preview.move(window.geometry().center() - preview.rect().center())
            wait_until(preview.isVisible)
            grab(window, out / "receipt.png")
            preview.accept()

        paid = tier_and_satisfaction(window, counter.station, out)
        sales_screen(window, paid, out)
        cash_screen(window, out / "cash.png")
        settings_screens(window, out)
        window.close()
    finally:
        counter.close()
    return 0


def prepare(station: Station) -> None:
    """Tiers on (the salon preset's ladder) and one open sync conflict from another store."""
    from sqlalchemy import func, select

    from db.models import Customer, LedgerEntry, Sale, Staff, StoreKey, SyncConflict
    from posapp.services.cash import shifts
    from posapp.services.cash.reports import z_report
    from posapp.services.loyalty.tiers import TierSettings, save_tier_settings
    from posapp.services.sales import catalog

    with station.read() as session:
        manager = session.scalars(select(Staff.id).where(Staff.name == "Marta Gerente")).one()
    save_tier_settings(
        station, TierSettings(enabled=True), staff_id=manager, manager_pin=MANAGER_PIN
    )
    now = station.now()
    # the Z reports of the last six days with sales, as the manager ran them each evening
    with station.read() as session:
        moments = session.scalars(
            select(Sale.created_at).where(Sale.created_at > now - timedelta(days=14))
        ).all()
    today = now.astimezone(STORE_ZONE).date()
    days = sorted({m.astimezone(STORE_ZONE).date() for m in moments} - {today})[-6:]
    # a Z needs no shift open: today's (empty) shift is closed, then opened again
    with station.read() as session:
        cashier = session.scalars(select(Staff.id).where(Staff.name == "Carlos Caixa")).one()
        connection = session.connection()
        shift_id = shifts.open_shift_id(connection, station.terminal(session).id)
        expected = shifts.cash_figures(connection, [shift_id] if shift_id else []).expected
    counts: dict[int, int] = {}
    for denomination in shifts.DENOMINATIONS:
        counts[denomination], expected = divmod(expected, denomination)
    shifts.close_shift(station, cashier, MANAGER_PIN, counts)
    for day in days:
        z_report(station, manager, MANAGER_PIN, day)
    shifts.open_shift(station, cashier, 20_000)
    # the salon's favourite services as tiles on the sale screen (Gerência > Catálogo)
    for word in ("Corte", "Escova", "Manicure", "Hidratação", "Pedicure", "Sobrancelha"):
        for entry in catalog.catalogue(station, word)[:1]:
            marked = replace(entry.draft, favourite=True)
            catalog.save_item(
                station, marked, item_id=entry.id, staff_id=manager, manager_pin=MANAGER_PIN
            )
    with station.write() as session:
        # the customer with the most ledger rows: a regular, spending at both stores
        customer_uuid = session.execute(
            select(Customer.uuid)
            .join(LedgerEntry, LedgerEntry.customer_id == Customer.id)
            .group_by(Customer.id)
            .order_by(func.count().desc(), Customer.id)
            .limit(1)
        ).scalar_one()
        other_store = str(uuid.UUID(int=0xBE1A_715A))
        session.add(
            StoreKey(store_uuid=other_store, name="Bela Vista Centro", signing_key=bytes(32))
        )
        session.add(
            SyncConflict(
                server_id="demo-conflict-1",
                kind="overdraft",
                customer_uuid=customer_uuid,
                amount=1_850,
                store_uuid=other_store,
                detail="cashback gasto nas duas lojas sem rede",
                created_at=now - timedelta(hours=2),
                status="open",
            )
        )


def tier_and_satisfaction(window: Shell, station: Station, out: Path) -> int:
    """Pay the sale in progress by PIX (the 0-10 question comes up), then ring up a
    customer with a tier: the tier line beside the balance, the question still there."""
    from posapp.core.pricing import Tender
    from posapp.services.customers import registry as customers
    from posapp.services.loyalty import tiers
    from posapp.services.sales import catalog

    window.show_screen("sale")
    sale = window.current
    wait_until(lambda: sale.idle())  # type: ignore[attr-defined]
    sale.pay()  # type: ignore[attr-defined]
    wait_until(lambda: getattr(sale, "payment_dialog", None) is not None)
    dialog = sale.payment_dialog  # type: ignore[attr-defined]
    dialog.fill_remaining(Tender.PIX)
    dialog.submit()
    wait_until(lambda: sale.last_sale is not None, timeout=30)  # type: ignore[attr-defined]
    wait_until(lambda: sale.idle())  # type: ignore[attr-defined]
    sale_id = int(sale.last_sale.sale_id)  # type: ignore[attr-defined]

    def climbing(found: customers.CustomerSummary) -> tuple[bool, int]:
        tier = tiers.customer_tier(station, found.id)
        if tier is None:
            return (False, 0)
        return ("faltam" in tier.text_pt, tier.spend_12m)

    regular = max(customers.search(station, "Souza"), key=climbing)
    sale.attach_customer(regular)  # type: ignore[attr-defined]
    for word in ("Escova", "Hidratação"):
        for item in catalog.search_items(station, word, limit=1):
            sale.add_item(item)  # type: ignore[attr-defined]
    wait_until(lambda: sale.idle() and sale.tier_label.text() != "")  # type: ignore[attr-defined]
    if not sale.nps_panel.isVisible():  # type: ignore[attr-defined]
        raise RuntimeError("the satisfaction question is not on the sale screen")
    grab(window, out / "tier-nps.png")
    return sale_id


def sales_screen(window: Shell, sale_id: int, out: Path) -> None:
    """Vendas: the sale just paid, one item returned with the manager's PIN."""
    window.show_screen("sales")
    screen = window.current
    wait_until(lambda: screen.idle() and screen.model.rowCount() > 0)  # type: ignore[attr-defined]
    screen.ask_pin = lambda _parent, _action: MANAGER_PIN  # type: ignore[attr-defined]
    wait_until(lambda: screen.model.row_of(sale_id) is not None)  # type: ignore[attr-defined]
    screen.table.selectRow(screen.model.row_of(sale_id))  # type: ignore[attr-defined]
    wait_until(lambda: screen.detail is not None and screen.detail.id == sale_id)  # type: ignore[attr-defined]
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    screen.return_items()  # type: ignore[attr-defined]
    dialog = screen.return_dialog  # type: ignore[attr-defined]
    wait_until(dialog.isVisible)
    first = dialog.detail.lines[0].id
    for line_id, spin in dialog.spins.items():
        spin.setValue(1 if line_id == first else 0)
    dialog.reason.setText("cliente desistiu")
    dialog.ok_button.click()
    wait_until(lambda: screen.refund_row.isVisibleTo(screen), timeout=30)  # type: ignore[attr-defined]
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    grab(window, out / "sales.png")


def cash_screen(window: Shell, path: Path) -> None:
    """Caixa: today's shift open, the past Z reports listed, the latest one shown."""
    window.show_screen("cash")
    screen = window.current
    wait_until(lambda: screen.idle() and screen.z_model.rowCount() > 0)  # type: ignore[attr-defined]
    screen.z_table.selectRow(0)  # type: ignore[attr-defined]
    wait_until(lambda: screen.idle() and screen.report is not None)  # type: ignore[attr-defined]
    grab(window, path)


def settings_screens(window: Shell, out: Path) -> None:
    """Gerência: Sincronização, Mensagens > Modelos, Campanhas."""
    from posapp.core.messages import MessageKind
    from posapp.ui.settings.messages_tab import MODELOS
    from posapp.ui.settings.screen import CAMPANHAS, MENSAGENS, SINCRONIZACAO

    window.show_screen("settings")
    screen = window.current
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    screen.ask_pin = lambda _parent, _action: MANAGER_PIN  # type: ignore[attr-defined]

    screen.tabs.setCurrentIndex(SINCRONIZACAO)  # type: ignore[attr-defined]
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    sync = screen.sync_tab  # type: ignore[attr-defined]
    sync.url.setText(SYNC_URL)
    sync.token.setText("token-do-caixa-1")
    sync.enabled.setChecked(True)
    sync.save_button.click()
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    sync.now_button.click()
    wait_until(lambda: screen.idle() and sync.now_button.isEnabled(), timeout=60)  # type: ignore[attr-defined]
    wait_until(lambda: sync.state.text().startswith("Offline · ") and sync.model.rowCount() > 0)
    if sync.state.text().startswith("Offline · 0 "):
        raise RuntimeError("no events are waiting to be sent")
    sync.table.selectRow(0)
    grab(window, out / "sync.png")

    screen.tabs.setCurrentIndex(MENSAGENS)  # type: ignore[attr-defined]
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    messages = screen.messages_tab  # type: ignore[attr-defined]
    messages.pages.setCurrentIndex(MODELOS)
    wait_until(lambda: screen.idle() and bool(messages.views))  # type: ignore[attr-defined]
    messages.kind.setCurrentIndex(messages.kind.findData(MessageKind.BALANCE_REMINDER.value))
    wait_until(lambda: messages.preview_text.text() != "")
    grab(window, out / "messages.png")

    screen.tabs.setCurrentIndex(CAMPANHAS)  # type: ignore[attr-defined]
    wait_until(lambda: screen.idle())  # type: ignore[attr-defined]
    campaigns = screen.campaigns_tab  # type: ignore[attr-defined]
    wait_until(lambda: campaigns.suggestions.count() > 1 and campaigns.tiers_table.rowCount() > 0)
    # the next two dates of the commercial calendar: one created, the other in the form
    dates = [
        index
        for index in range(1, campaigns.suggestions.count())
        if not campaigns.suggestions.itemData(index).birthday_month
    ]
    campaigns.suggestions.setCurrentIndex(dates[0])
    campaigns.suggestions.activated.emit(dates[0])
    campaigns.create_button.click()
    wait_until(lambda: screen.idle() and campaigns.model.rowCount() > 0)  # type: ignore[attr-defined]
    campaigns.table.selectRow(0)
    campaigns.suggestions.setCurrentIndex(dates[1])
    campaigns.suggestions.activated.emit(dates[1])
    grab(window, out / "campaigns.png")


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:3] if len(sys.argv) > 1 else ["docs/screenshots"])))
