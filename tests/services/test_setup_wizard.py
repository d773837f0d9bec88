"""The first-run wizard's services: the store set up at once, and USB printers found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Setting, Staff, Store
from hardware.test_page import TEST_CODE128, TEST_EAN13
from hardware.testing.usb_backend import EmulatedBackend, EmulatedHidScanner, EmulatedPrinter
from posapp.core.errors import FieldRequired, InvalidCNPJ, InvalidSetting, InvalidStaffPin
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.auth import sign_in
from posapp.services.common.counter_settings import CounterSettings, load_settings
from posapp.services.common.station import Station, open_station
from posapp.services.machine.settings import read_machine_config
from posapp.services.onboarding.wizard import (
    PinsDiffer,
    ScannerGuess,
    StoreAlreadySetUp,
    complete_setup,
    detect_scanner,
    scan_usb_printers,
)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    opened = open_station(tmp_path / "new.sqlite")
    yield opened
    opened.close()


def test_complete_setup_makes_the_store_the_admin_and_the_settings(station: Station) -> None:
    done = complete_setup(
        station,
        "  Farmácia  Boa Saúde ",
        "pharmacy",
        "Paula",
        "13579",
        "tcp://192.168.0.50:9100",
        58,
        admin_pin_again="13579",
    )
    assert is_set_up(station)
    with station.read() as session:
        store = session.scalars(select(Store)).one()
        assert (store.name, store.segment) == ("Farmácia Boa Saúde", "pharmacy")
        assert '"key": "pharmacy"' in store.program_json
        admin = sign_in(session, done.admin_id, "13579", station.now())
        assert admin.name == "Paula" and admin.role.value == "admin"
    settings = load_settings(station)
    assert (settings.printer_uri, settings.paper_mm) == ("tcp://192.168.0.50:9100", 58)


@pytest.mark.parametrize(
    ("name", "pin", "again", "cnpj", "uri", "error"),
    [
        ("   ", "1234", "1234", None, "virtual://", FieldRequired),
        ("Loja", "12", "12", None, "virtual://", InvalidStaffPin),
        ("Loja", "12ab", None, None, "virtual://", InvalidStaffPin),
        ("Loja", "1234", "4321", None, "virtual://", PinsDiffer),
        ("Loja", "1234", "1234", "11.111.111/1111-11", "virtual://", InvalidCNPJ),
        ("Loja", "1234", "1234", None, "impressora", InvalidSetting),
    ],
)
def test_bad_answers_are_refused_in_portuguese_and_nothing_is_written(
    station: Station,
    name: str,
    pin: str,
    again: str | None,
    cnpj: str | None,
    uri: str,
    error: type[Exception],
) -> None:
    with pytest.raises(error) as raised:
        complete_setup(station, name, "salon", "Ana", pin, uri, admin_pin_again=again, cnpj=cnpj)
    assert raised.value.message("pt_BR")  # type: ignore[attr-defined]
    assert not is_set_up(station)
    with station.read() as session:
        assert session.scalars(select(Staff)).all() == []


def test_a_store_set_up_already_is_not_set_up_again(station: Station) -> None:
    complete_setup(station, "Loja", "salon", "Ana", "1234")
    with pytest.raises(StoreAlreadySetUp) as raised:
        complete_setup(station, "Outra", "fashion", "Bia", "5678")
    assert raised.value.message("pt_BR") == "Esta loja já foi configurada."


def test_usb_detection_finds_the_emulated_printer_and_not_the_scanner() -> None:
    backend = EmulatedBackend(EmulatedPrinter(), EmulatedHidScanner())
    scan = scan_usb_printers(backend)
    assert [(p.uri, p.description) for p in scan.printers] == [("usb://04b8:0e15", "USB 04b8:0e15")]
    assert scan.reason() is None


def test_usb_detection_without_printers_or_libusb_says_why_and_does_not_crash() -> None:
    scan = scan_usb_printers(EmulatedBackend(EmulatedHidScanner()))
    assert scan.printers == [] and scan.reason() == "nenhuma impressora USB encontrada"

    class NoLibusb:
        def enumerate_devices(self) -> object:
            import usb.core

            raise usb.core.NoBackendError("No backend available")

    scan = scan_usb_printers(NoLibusb())
    assert scan.printers == []
    assert scan.reason("en") == "the libusb library was not found on this computer"


# -- the scanner's settings, read off one test scan ------------------------------------


def _burst(
    text: str, gap: float, ending: str = "Enter", start: float = 10.0
) -> list[tuple[str, float]]:
    return [(key, start + i * gap) for i, key in enumerate([*text, ending])]


def test_a_plain_scan_keeps_the_default_settings() -> None:
    guess = detect_scanner(_burst("7891000100103", 0.004))
    assert guess == ScannerGuess("7891000100103", "", "Enter", 50)


def test_a_prefix_a_tab_and_slow_keys_are_read_off_the_test_page_barcode() -> None:
    guess = detect_scanner(_burst(f"]E0{TEST_EAN13}", 0.03, ending="Tab"))
    assert guess == ScannerGuess(TEST_EAN13, "]E0", "Tab", 70)
    code128 = detect_scanner(_burst(f"#{TEST_CODE128}", 0.07))
    assert code128 is not None and (code128.prefix, code128.max_gap_ms) == ("#", 100)


def test_a_prefix_before_any_valid_gtin_is_found_too() -> None:
    guess = detect_scanner(_burst("A7891000100103", 0.005))
    assert guess is not None and (guess.prefix, guess.code) == ("A", "7891000100103")
    unknown = detect_scanner(_burst("A7891000100104", 0.005))  # bad check digit: no prefix
    assert unknown is not None and (unknown.prefix, unknown.code) == ("", "A7891000100104")


def test_typing_a_short_code_or_no_ending_is_not_a_scanner() -> None:
    assert detect_scanner(_burst("7891000100103", 0.2)) is None  # a person's pace
    assert detect_scanner(_burst("123", 0.004)) is None  # shorter than a code
    assert detect_scanner(_burst("7891000100103", 0.004)[:-1]) is None  # no Enter or Tab
    assert detect_scanner([]) is None
    typed_then_scanned = [*_burst("abc", 0.3, start=0.0)[:-1], *_burst("7891000100103", 0.004)]
    guess = detect_scanner(typed_then_scanned)  # only the last burst counts
    assert guess is not None and guess.code == "7891000100103"


def test_complete_setup_saves_the_scanner_into_this_computers_file(station: Station) -> None:
    scanner = CounterSettings(scanner_prefix="]E0", scanner_suffix="Tab", scanner_max_gap_ms=70)
    complete_setup(station, "Loja", "salon", "Ana", "2468", settings=scanner)
    devices = read_machine_config().devices
    assert (devices["scanner_prefix"], devices["scanner_suffix"]) == ("]E0", "Tab")
    assert devices["scanner_max_gap_ms"] == 70
    with station.read() as session:
        row = session.get(Setting, "counter")
        assert row is not None and "scanner" not in row.value
