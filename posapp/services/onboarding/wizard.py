"""The first-run wizard's services: USB printers on this computer, and the store set up at once.

`complete_setup` is the only way to save the counter settings without a
manager's PIN, and only while the database has no store: nobody exists yet to
approve it. Everything is checked before anything is written.

`detect_scanner` reads the scanner's settings off one test scan: the key that
ends it (Enter or Tab), a prefix before the code, and how slow its keys come.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hardware.scanner.events import Scan
from hardware.scanner.wedge import WedgeConfig, WedgeDetector
from hardware.test_page import TEST_CODE128, TEST_EAN13
from hardware.usb_library import usb_backend
from posapp.core.cnpj import normalize_cnpj
from posapp.core.errors import FieldRequired, PosError
from posapp.core.gtin import is_valid_gtin
from posapp.core.presets import PRESETS
from posapp.services.admin.devices import check_device_settings
from posapp.services.admin.staff_changes import check_pin_shape
from posapp.services.admin.store_setup import SetupResult, is_set_up, set_up_store
from posapp.services.common import audit
from posapp.services.common.counter_settings import CounterSettings, write_settings
from posapp.services.common.station import Station

PRINTER_CLASS = 7


class StoreAlreadySetUp(PosError):
    code = "store_already_set_up"
    pt_BR = "Esta loja já foi configurada."
    en = "This store is already set up."


class PinsDiffer(PosError):
    code = "pins_differ"
    pt_BR = "Os dois PINs não são iguais."
    en = "The two PINs differ."


class UnknownSegment(PosError):
    code = "unknown_segment"
    pt_BR = "Segmento desconhecido: {value}."
    en = "Unknown segment: {value}."


@dataclass(frozen=True, slots=True)
class UsbPrinter:
    vendor_id: int
    product_id: int
    description: str

    @property
    def uri(self) -> str:
        return f"usb://{self.vendor_id:04x}:{self.product_id:04x}"


@dataclass(frozen=True, slots=True)
class UsbScan:
    printers: list[UsbPrinter]
    reason_pt: str | None = None
    reason_en: str | None = None

    def reason(self, locale: str = "pt_BR") -> str | None:
        return self.reason_pt if locale.startswith("pt") else self.reason_en


def _has_printer_interface(device: Any) -> bool:
    for config in device:
        for interface in config:
            if interface.bInterfaceClass == PRINTER_CLASS:
                return True
    return False


def _description(device: Any) -> str:
    import usb.util

    names: list[str] = []
    for index in (device.iManufacturer, device.iProduct):
        if not index:
            continue
        try:
            text = usb.util.get_string(device, index)
        except Exception:  # no permission, no string descriptor: the ids will do
            text = None
        if text:
            names.append(str(text).strip())
    ids = f"{device.idVendor:04x}:{device.idProduct:04x}"
    return f"{' '.join(names)} ({ids})" if names else f"USB {ids}"


def scan_usb_printers(backend: Any = None) -> UsbScan:
    """USB devices with a printer interface (class 7); never raises, says why none were seen."""
    try:
        import usb.core

        found = usb.core.find(find_all=True, backend=usb_backend(backend)) or []
        printers = [
            UsbPrinter(int(d.idVendor), int(d.idProduct), _description(d))
            for d in found
            if _has_printer_interface(d)
        ]
    except ImportError:
        return UsbScan([], "pyusb não está instalado", "pyusb is not installed")
    except Exception as error:
        if type(error).__name__ == "NoBackendError":
            return UsbScan(
                [],
                "a biblioteca libusb não foi encontrada neste computador",
                "the libusb library was not found on this computer",
            )
        return UsbScan(
            [],
            f"não foi possível procurar impressoras USB ({error})",
            f"could not look for USB printers ({error})",
        )
    if not printers:
        return UsbScan([], "nenhuma impressora USB encontrada", "no USB printer found")
    return UsbScan(printers)


BURST_GAP_S = 0.1
"""Keys closer than this belong to one burst: a scanner, not a person typing."""
SCANNER_ENDINGS = ("Enter", "Tab")
MIN_GAP_MS, MAX_GAP_MS = 50, 100
"""The gap saved: never tighter than the default 50 ms (a busy computer delays keys), and
never as wide as a person's typing."""
_TRAILING_GTIN = re.compile(r"(\D*)(\d{8}|\d{12,14})")


@dataclass(frozen=True, slots=True)
class ScannerGuess:
    """What one test scan says about the scanner, in the settings' terms."""

    code: str
    prefix: str
    suffix: str
    max_gap_ms: int


def detect_scanner(keys: Sequence[tuple[str, float]]) -> ScannerGuess | None:
    """The settings that read the last burst of `keys` ((key, seconds) pairs) as a scan.

    None when the keys end in anything but Enter or Tab, or were typed by a person
    (slower than `BURST_GAP_S`). A prefix is what comes before the test page's
    barcodes, or before a valid GTIN at the end. The answer is checked with the
    sale screen's own detector before it is given.
    """
    if not keys or keys[-1][0] not in SCANNER_ENDINGS:
        return None
    start = len(keys) - 1
    while start > 0 and keys[start][1] - keys[start - 1][1] <= BURST_GAP_S:
        start -= 1
    burst = list(keys[start:])
    chars = [key for key, _ in burst[:-1]]
    if not chars or any(len(key) != 1 for key in chars):
        return None
    text = "".join(chars)
    prefix = ""
    for known in (TEST_EAN13, TEST_CODE128):
        if known in text:
            prefix = text[: text.index(known)]
            break
    else:
        found = _TRAILING_GTIN.fullmatch(text)
        if found is not None and is_valid_gtin(found.group(2)):
            prefix = found.group(1)
    slowest = max(later - earlier for (_, earlier), (_, later) in itertools.pairwise(burst))
    gap_ms = min(max(MIN_GAP_MS, 2 * math.ceil(round(slowest * 1000, 3)) + 10), MAX_GAP_MS)
    config = WedgeConfig(prefix=prefix, suffix=burst[-1][0], max_gap=gap_ms / 1000)
    detector = WedgeDetector(config)
    events = [event for key, at in burst for event in detector.feed(key, at)]
    scans = [event for event in events if isinstance(event, Scan)]
    if len(scans) != 1:
        return None  # too short a code, or not a burst the sale screen would take
    return ScannerGuess(scans[0].code, prefix, config.suffix, gap_ms)


def check_store_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise FieldRequired(field_pt="o nome da loja", field_en="the store's name")
    return clean[:120]


def check_admin_pin(pin: str, again: str | None = None) -> str:
    check_pin_shape(pin)
    if again is not None and again != pin:
        raise PinsDiffer()
    return pin


def complete_setup(
    station: Station,
    store_name: str,
    preset_key: str,
    admin_name: str,
    admin_pin: str,
    printer_uri: str = "virtual://",
    paper_mm: int = 80,
    *,
    admin_pin_again: str | None = None,
    cnpj: str | None = None,
    settings: CounterSettings | None = None,
) -> SetupResult:
    """Set the store up with the chosen preset and admin, and save the counter's settings.

    Refused (PosError, pt_BR and en) when the store exists already or any answer is wrong.
    """
    if is_set_up(station):
        raise StoreAlreadySetUp()
    name = check_store_name(store_name)
    if preset_key not in PRESETS:
        raise UnknownSegment(value=preset_key)
    admin = " ".join(admin_name.split())
    if not admin:
        raise FieldRequired(field_pt="o nome do administrador", field_en="the admin's name")
    pin = check_admin_pin(admin_pin, admin_pin_again)
    number = normalize_cnpj(cnpj) if cnpj and cnpj.strip() else None
    counter = check_device_settings(
        (settings or CounterSettings()).with_changes(
            printer_uri=printer_uri.strip(), paper_mm=paper_mm
        )
    )
    done = set_up_store(
        station,
        name=name,
        program=PRESETS[preset_key],
        admin_name=admin[:80],
        admin_pin=pin,
        cnpj=number,
    )
    now = station.now()
    with station.write() as session:
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="settings.change",
            staff_id=done.admin_id,
            target="settings:counter",
            changed={"first_run": [None, True]},
            printer_uri=counter.printer_uri,
            paper_mm=counter.paper_mm,
        )
        write_settings(session, counter)
    return done
