"""The Agenda for the README: the demo salon's day by professional (bookings in every
status), one professional's week, and a manager's statement. Run by
tests/ui/test_agenda_screenshots.py on its own Xvfb, as tests/ui/screenshot_app.py is."""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from db.models import Customer, Item, Staff
from posapp.core.agenda import Status
from posapp.core.commission import Base, Mode
from posapp.services.agenda.booking import book, set_status
from posapp.services.common.station import Station
from posapp.services.salon.rules import set_rule
from tests.ui.screenshot_app import grab, wait_until

DAY_PLAN = (
    # (professional, hh, mm, service words, status)
    ("Rosa Cabeleireira", 9, 0, ("Corte",), Status.DONE),
    ("Rosa Cabeleireira", 10, 30, ("Escova",), Status.IN_SERVICE),
    ("Rosa Cabeleireira", 14, 0, ("Hidratação",), Status.CONFIRMED),
    ("Júlio Cabeleireiro", 9, 30, ("Corte",), Status.NO_SHOW),
    ("Júlio Cabeleireiro", 11, 0, ("Corte",), Status.ARRIVED),
    ("Júlio Cabeleireiro", 15, 0, ("Escova",), Status.BOOKED),
    ("Paula Manicure", 9, 0, ("Manicure",), Status.CONFIRMED),
    ("Paula Manicure", 10, 0, ("Pedicure",), Status.BOOKED),
    ("Paula Manicure", 13, 30, ("Manicure",), Status.CANCELLED),
    ("Neide Manicure", 10, 0, ("Manicure", "Pedicure"), Status.BOOKED),
    ("Iara Esteticista", 11, 30, ("Design de sobrancelha",), Status.CONFIRMED),
    ("Iara Esteticista", 16, 0, ("Design de sobrancelha",), Status.BOOKED),
)


def plan(station: Station, zone: ZoneInfo) -> None:
    """Book the demo salon's day (and a few days of Rosa's week)."""
    today = datetime.now(zone).date()
    with station.read() as session:
        staff = {s.name: s.id for s in session.scalars(select(Staff))}
        clients = list(session.scalars(select(Customer.id).order_by(Customer.id).limit(40)))
        items = {i.name: i.id for i in session.scalars(select(Item).where(Item.kind == "service"))}
    desk = staff["Carlos Caixa"]
    for pro in ("Rosa Cabeleireira", "Júlio Cabeleireiro"):
        set_rule(station, manager_pin="1234", staff_id=staff[pro], share_bps=5_000,
                 mode=Mode.PARTNER, base=Base.NET, card_fees=True)  # fmt: skip

    def service(word: str) -> int:
        return next(i for name, i in sorted(items.items()) if name.startswith(word))

    for n, (pro, hh, mm, words, status) in enumerate(DAY_PLAN):
        made = book(
            station,
            staff_id=desk,
            professional_id=staff[pro],
            starts_at=datetime.combine(today, time(hh, mm), zone),
            item_ids=[service(w) for w in words],
            customer_id=clients[n],
        )
        path = {
            Status.DONE: (Status.ARRIVED, Status.DONE),
            Status.IN_SERVICE: (Status.ARRIVED, Status.IN_SERVICE),
        }.get(status, (status,) if status is not Status.BOOKED else ())
        for step in path:
            set_status(station, made, staff_id=desk, status=step)
    monday = today - timedelta(days=today.weekday())
    for n in range(6):
        day = monday + timedelta(days=n)
        if day == today:
            continue
        for k, hh in enumerate((9, 11, 15)[: 1 + n % 3]):
            book(
                station,
                staff_id=desk,
                professional_id=staff["Rosa Cabeleireira"],
                starts_at=datetime.combine(day, time(hh), zone),
                item_ids=[service(("Corte", "Escova", "Hidratação")[k])],
                customer_id=clients[12 + n * 3 + k],
            )


def main(out_dir: str, size: str = "") -> int:
    """The day, the week and a statement; with `size` ("1024x768") only the day, named
    with it: the screen must fit a counter of that size."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("posapp")

    from posapp import app as posapp_app
    from posapp.services.common.local_day import store_timezone
    from posapp.services.common.station import open_station
    from posapp.services.onboarding.demo import fill_demo

    folder = tempfile.mkdtemp(prefix="posapp-agenda-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "demo.sqlite"
    station = open_station(path)
    try:
        fill_demo(station, customers=60, products=40, sales=30)
        with station.read() as session:
            zone = ZoneInfo(store_timezone(session))
        plan(station, zone)
    finally:
        station.close()

    counter = posapp_app.build(path, demo=True)
    try:
        window = counter.window
        window.show()
        wait_until(window.isVisible)
        signin = window.signin
        marta = next(i for i, t in signin.tiles.items() if t.text().startswith("Marta"))
        signin.tiles[marta].click()
        for key in "1234":
            signin.pad.digits[key].click()
        signin.pad.enter_button.click()
        wait_until(lambda: window.context.staff is not None)

        window.show_screen("agenda")
        agenda = window.current
        agenda.refresh()  # type: ignore[attr-defined]
        wait_until(agenda.idle)  # type: ignore[attr-defined]  # the book is read off the GUI thread
        grab(window, out / (f"agenda-{size}.png" if size else "agenda.png"))
        if size:
            return 0
        agenda.week_button.click()  # type: ignore[attr-defined]
        rosa = agenda.professional.findText("Rosa Cabeleireira")  # type: ignore[attr-defined]
        agenda.professional.setCurrentIndex(rosa)  # type: ignore[attr-defined]
        wait_until(agenda.idle)  # type: ignore[attr-defined]
        grab(window, out / "agenda-week.png")
        agenda.day_button.click()  # type: ignore[attr-defined]
        dialog = agenda.open_statements()  # type: ignore[attr-defined]
        dialog.professional.setCurrentIndex(dialog.professional.findText("Rosa Cabeleireira"))
        dialog.span.setCurrentIndex(2)
        dialog.resize(640, 420)
        wait_until(dialog.isVisible)
        grab(dialog, out / "statements.png")
        dialog.close()
    finally:
        counter.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
