"""`posapp --self-test`: is this installation whole? One sale end to end, then the window.

Run from source or from the PyInstaller bundle, it works in a temporary folder and
never touches the store's database or printer:

  banco       a new database, brought to the head revision by the migrations (read
              from db/migrations as files at run time, as on the counter)
  loja        a store set up with a preset program, a cashier, an item, an open shift
  venda       one sale rung up through checkout, paid in cash
  impressora  python-escpos's capability profiles loaded (escpos/capabilities.json)
  recibo      that sale's receipt printed through python-escpos to the ESC/POS
              emulator on a loopback port, decoded back, holding the store and total
  windows     (on Windows only) pywin32's spooler answers with the installed printers
              (win32://), and pyusb finds the libusb-1.0.dll the bundle carries (usb://)
  interface   Qt on the platform of QT_QPA_PLATFORM: translations, style sheet,
              the main window built (not shown) and closed (posapp.app.check_interface)

One line per check, in pt_BR; exit 0 when all pass, 1 at the first that fails (its
name and why). POSAPP_SELF_TEST_PRINTER=URI prints the receipt to that printer
instead of the emulator (a way to see the failure path: tcp://127.0.0.1:9).

No Qt here: the last check imports posapp.app when it runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from db.migrate import head_revision
from db.revisions import MIGRATIONS
from hardware.emulator.server import EmulatorServer
from posapp.core.money import format_money
from posapp.core.presets import preset
from posapp.core.pricing import Tender
from posapp.self_test_failure import CheckFailed
from posapp.services.admin.store_setup import set_up_store
from posapp.services.cash.shifts import open_shift
from posapp.services.common.auth import Role, add_staff
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station, open_station
from posapp.services.sales import catalog
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.printing import PrintService

PRINTER_ENV = "POSAPP_SELF_TEST_PRINTER"
STORE_NAME = "Salão Autoteste"
ITEM_NAME = "Escova progressiva"
ITEM_PRICE = 12_990
CASH_GIVEN = 15_000
PRINT_TIMEOUT = 20.0


@dataclass
class _Run:
    """What the checks hand on to each other."""

    folder: Path
    station: Station | None = None
    cashier_id: int = 0
    item_id: int = 0
    sale_id: int = 0
    sale_number: int = 0
    total: int = 0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.folder / "autoteste.sqlite"

    def open(self) -> Station:
        if self.station is None:
            raise CheckFailed("o banco não foi aberto")
        return self.station

    def close(self) -> None:
        if self.station is not None:
            self.station.close()
            self.station = None


def _database(run: _Run) -> str:
    run.station = open_station(run.db_path)
    migration = run.station.migration
    head = head_revision()
    if migration is None or migration.after != head:
        raise CheckFailed(f"o banco não chegou à revisão {head}")
    versions = len(list((MIGRATIONS / "versions").glob("[0-9]*.py")))
    return f"migrações aplicadas até a revisão {head} ({versions} arquivos em {MIGRATIONS})"


def _store(run: _Run) -> str:
    station = run.open()
    program = preset("salon")
    set_up_store(
        station, name=STORE_NAME, program=program, admin_name="Admin Teste", admin_pin="0000"
    )
    with station.write() as session:
        cashier = add_staff(session, "Caixa Teste", Role.CASHIER, "1111", station.now())
        item = catalog.add_item(
            session, name=ITEM_NAME, price=ITEM_PRICE, kind=catalog.SERVICE, sku="AUTO-01"
        )
        run.cashier_id, run.item_id = cashier.id, item.id
    open_shift(station, run.cashier_id, 0)
    return f'"{STORE_NAME}" com o programa {program.key}, caixa aberto'


def _sale(run: _Run) -> str:
    request = CheckoutRequest(
        staff_id=run.cashier_id,
        lines=[LineRequest(run.item_id)],
        payments=[TenderRequest(Tender.CASH, CASH_GIVEN)],
    )
    sale = checkout(run.open(), request)
    if sale.total != ITEM_PRICE or sale.change != CASH_GIVEN - ITEM_PRICE:
        raise CheckFailed(f"total {sale.total} e troco {sale.change} inesperados")
    run.sale_id, run.sale_number, run.total = sale.sale_id, sale.number, sale.total
    return (
        f"venda {sale.number:06d} de {format_money(sale.total)}, troco {format_money(sale.change)}"
    )


def _escpos_profiles(run: _Run) -> str:
    from escpos.capabilities import CAPABILITIES, capabilities_path

    profiles = CAPABILITIES.get("profiles", {})
    if "BrokenDefault" in str(profiles.get("default", {}).get("name")) or len(profiles) < 2:
        raise CheckFailed(f"perfis do python-escpos não carregados de {capabilities_path}")
    return f"{len(profiles)} perfis do python-escpos ({Path(capabilities_path).name})"


def _plain(text: str) -> str:
    """Spaces of any width as one kind: the receipt may print R$ with a no-break space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _receipt(run: _Run) -> str:
    override = os.environ.get(PRINTER_ENV, "").strip()
    server = None if override else EmulatorServer(port=0).start()
    uri = override or (server.uri if server is not None else "")
    printing = PrintService(run.open(), CounterSettings(printer_uri=uri), timeout=5.0)
    try:
        outcome = printing.print_sale(run.sale_id).result(timeout=PRINT_TIMEOUT)
        if not outcome.printed:
            raise CheckFailed(f"não imprimiu em {uri}: {outcome.error('pt_BR')}")
        if server is None:
            return f"enviado para {uri} (sem conferir o papel)"
        received = server.wait_for_receipts(1, timeout=PRINT_TIMEOUT)
        if not received:
            raise CheckFailed(f"o emulador em {uri} não recebeu o recibo")
        paper = received[-1]
    finally:
        printing.close()
        if server is not None:
            server.stop()
    text = _plain("\n".join(paper.lines))
    total = _plain(format_money(run.total))
    missing = [wanted for wanted in (STORE_NAME, total) if _plain(wanted) not in text]
    if missing:
        raise CheckFailed(f"o papel não traz {', '.join(missing)}; leu: {text[:200]!r}")
    return f"recibo da venda {run.sale_number:06d} impresso em {uri} e lido de volta ({total})"


def _windows(run: _Run) -> str:
    from hardware.errors import PrinterError
    from hardware.usb_library import usb_backend
    from hardware.win32_spooler import installed_printers

    try:
        printers = installed_printers()
    except PrinterError as error:
        raise CheckFailed(error.message("pt_BR")) from None
    if usb_backend() is None:
        raise CheckFailed("a libusb-1.0.dll não foi encontrada (pacote libusb-package)")
    names = ", ".join(p.name for p in printers[:3]) or "nenhuma"
    return f"spooler do Windows com {len(printers)} impressora(s) ({names}); libusb carregada"


def _interface(run: _Run) -> str:
    run.close()  # the window opens its own station on the same file
    from posapp.app import check_interface  # Qt is loaded only here

    return check_interface(run.db_path)


CHECKS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("banco", _database),
    ("loja", _store),
    ("venda", _sale),
    ("impressora", _escpos_profiles),
    ("recibo", _receipt),
    *((("windows", _windows),) if sys.platform == "win32" else ()),
    ("interface", _interface),
)


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check in order; 0 when all pass, 1 at the first failure."""
    out = out or sys.stdout
    where = "pacote" if getattr(sys, "frozen", False) else "código-fonte"
    print(f"posapp --self-test ({where}, Python {sys.version.split()[0]})", file=out, flush=True)
    # ignore_cleanup_errors: on Windows a file still open must not turn a pass into a traceback
    with tempfile.TemporaryDirectory(
        prefix="posapp-self-test-", ignore_cleanup_errors=True
    ) as folder:
        run = _Run(Path(folder))
        try:
            for name, check in CHECKS:
                try:
                    detail = check(run)
                except Exception as error:  # every failure is reported by its check's name
                    reason = str(error) or type(error).__name__
                    if not isinstance(error, CheckFailed):
                        reason = f"{type(error).__name__}: {reason}"
                    print(f"FALHOU {name}: {reason}", file=out, flush=True)
                    return 1
                print(f"ok {name}: {detail}", file=out, flush=True)
        finally:
            run.close()
    print(f"autoteste concluído: {len(CHECKS)} verificações ok", file=out, flush=True)
    return 0
