"""The counter's devices as a manager sets them: printer, paper, drawer, scanner.

Settings are checked before they are saved (a printer URI that cannot be
parsed, a model that does not exist), saved with the manager's PIN and audited
by `settings.save_settings`. The test page is hardware's own, sent on the
print service's device thread to the printer the form names, saved or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.errors import HardwareError
from hardware.printer import Printer
from hardware.profiles import paper_for, profile_data, profile_names
from hardware.serial_ports import parse_serial_uri
from hardware.test_page import test_page
from hardware.uri import parse_printer_uri
from posapp.core.errors import InvalidSetting
from posapp.services.common.changes import Change, announces
from posapp.services.common.counter_settings import CounterSettings, save_settings
from posapp.services.common.station import Station
from posapp.services.sales.printing import PrintService

PAPERS = (58, 80)
DRAWER_PINS = (2, 5)
SCANNER_SUFFIXES = ("Enter", "Tab", "")
TEST_TIMEOUT_S = 30.0


def printer_profiles() -> list[str]:
    """The capability profiles a printer may be given (python-escpos's and ours)."""
    return profile_names()


def check_device_settings(settings: CounterSettings) -> CounterSettings:
    """`settings` when the devices part makes sense; else InvalidSetting in pt_BR and en."""
    if settings.paper_mm not in PAPERS:
        raise InvalidSetting(
            value_pt=f"papel de {settings.paper_mm} mm (use 58 ou 80)",
            value_en=f"paper of {settings.paper_mm} mm (use 58 or 80)",
        )
    if settings.drawer_pin not in DRAWER_PINS:
        raise InvalidSetting(
            value_pt=f"pino da gaveta {settings.drawer_pin} (use 2 ou 5)",
            value_en=f"drawer pin {settings.drawer_pin} (use 2 or 5)",
        )
    if not 1 <= settings.scanner_max_gap_ms <= 1_000:
        raise InvalidSetting(
            value_pt="o intervalo do leitor deve ficar entre 1 e 1000 ms",
            value_en="the scanner gap must be between 1 and 1000 ms",
        )
    if settings.scanner_suffix not in SCANNER_SUFFIXES:
        raise InvalidSetting(
            value_pt=f"final do leitor '{settings.scanner_suffix}'",
            value_en=f"scanner suffix '{settings.scanner_suffix}'",
        )
    if settings.scanner_uri.strip():
        try:
            parse_serial_uri(settings.scanner_uri)
        except HardwareError as error:
            raise InvalidSetting(
                value_pt=error.message("pt_BR"), value_en=error.message("en")
            ) from None
    try:
        uri = parse_printer_uri(settings.printer_uri)
        profile_data(settings.printer_profile, uri.raw)
    except HardwareError as error:
        raise InvalidSetting(
            value_pt=error.message("pt_BR"), value_en=error.message("en")
        ) from None
    return settings


@announces(Change.DEVICES)
def save_device_settings(
    station: Station, settings: CounterSettings, *, staff_id: int, manager_pin: str
) -> CounterSettings:
    return save_settings(
        station, check_device_settings(settings), staff_id=staff_id, manager_pin=manager_pin
    )


@dataclass(frozen=True, slots=True)
class TestPrint:
    printed: bool
    bytes_sent: int = 0
    error_pt: str | None = None
    error_en: str | None = None
    substitutions: tuple[str, ...] = ()

    def error(self, locale: str = "pt_BR") -> str | None:
        return self.error_pt if locale.startswith("pt") else self.error_en


def print_test_page(printing: PrintService, settings: CounterSettings) -> TestPrint:
    """Blocking (call it off the GUI thread): the test page on the printer `settings` name."""
    try:
        check_device_settings(settings)
    except InvalidSetting as error:
        return TestPrint(False, error_pt=error.message("pt_BR"), error_en=error.message("en"))
    printer = Printer(
        settings.printer_uri,
        paper_for(settings.paper_mm),
        settings.printer_profile,
        devices=printing.devices,
        timeout=printing.timeout,
    )
    try:
        job = printer.render(test_page(printer.paper, printer.name, settings.printer_profile))
        result = printer.send(job).result(timeout=TEST_TIMEOUT_S)
    except HardwareError as error:
        return TestPrint(False, error_pt=error.message("pt_BR"), error_en=error.message("en"))
    return TestPrint(
        True,
        result.bytes_sent,
        substitutions=tuple(f"{s.original} → {s.printed}" for s in job.substitutions),
    )
