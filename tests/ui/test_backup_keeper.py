"""The running app backs up once a day: at start-up, then from its hourly timer; a failure
is told, never fatal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from db.backup import backups_folder
from hardware.emulator.virtual import stop_virtual_printers
from posapp.app import Counter, build
from posapp.services.admin.backups import DailyRun
from posapp.services.machine.settings import config_file
from posapp.ui.backup_keeper import CHECK_EVERY_MS, BackupKeeper
from posapp.ui.context import UiContext
from posapp.ui.runner import wait_for_background
from tests.support import Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def _dailies(database: Path) -> list[Path]:
    return sorted(backups_folder(database).glob(f"{database.stem}-*-daily-*.sqlite"))


def _start(qtbot: QtBot, database: Path) -> tuple[Counter, DailyRun]:
    counter = build(database)
    qtbot.addWidget(counter.window)
    keeper = counter.backups
    assert keeper is not None
    qtbot.waitUntil(lambda: keeper.last is not None, timeout=10_000)
    assert keeper.last is not None
    return counter, keeper.last


@pytest.fixture
def app_style(qapp: QApplication) -> Iterator[None]:
    """build() styles the whole QApplication: later tests get it back as it was."""
    before = qapp.styleSheet()
    yield
    qapp.setStyleSheet(before)


def test_starting_the_app_takes_todays_backup_once(
    make_shop: MakeShop, qtbot: QtBot, app_style: None
) -> None:
    shop = make_shop()
    database = shop.station.path
    shop.station.close()

    first, run = _start(qtbot, database)
    try:
        assert run.failure is None and run.made is not None
        assert first.backups is not None and first.backups.timer.isActive()
        assert first.backups.timer.interval() == CHECK_EVERY_MS
    finally:
        first.close()
    assert _dailies(database) == [run.made]

    second, again = _start(qtbot, database)  # opened again the same day
    second.close()
    assert again.failure is None and again.made is None
    assert _dailies(database) == [run.made]


@pytest.fixture
def keeper(make_shop: MakeShop, qtbot: QtBot) -> Iterator[tuple[BackupKeeper, Shop]]:
    shop = make_shop()
    window = QMainWindow()
    qtbot.addWidget(window)
    context = make_context(shop)
    made = BackupKeeper(context, window)
    yield made, shop
    made.stop()
    wait_for_background()
    context.printing.close()


def _checked(keeper: BackupKeeper, qtbot: QtBot, act: Callable[[], None]) -> DailyRun:
    with qtbot.waitSignal(keeper.ran, timeout=10_000) as seen:
        act()
    run = seen.args[0] if seen.args else None
    assert isinstance(run, DailyRun)
    return run


def test_the_hourly_check_backs_up_again_once_the_local_day_changes(
    keeper: tuple[BackupKeeper, Shop], qtbot: QtBot
) -> None:
    kept, shop = keeper
    first = _checked(kept, qtbot, kept.start)
    assert first.made is not None
    shop.clock.advance(hours=1)
    same_day = _checked(kept, qtbot, kept.timer.timeout.emit)  # what the timer does each hour
    assert same_day.made is None and same_day.failure is None
    shop.clock.advance(days=1)
    next_day = _checked(kept, qtbot, kept.timer.timeout.emit)
    assert next_day.made is not None and next_day.made != first.made
    assert _dailies(shop.station.path) == sorted([first.made, next_day.made])


def test_a_backup_that_cannot_be_written_leaves_the_counter_usable_and_says_why(
    keeper: tuple[BackupKeeper, Shop], qtbot: QtBot
) -> None:
    kept, shop = keeper
    folder = backups_folder(shop.station.path)
    folder.write_bytes(b"")  # the backups folder cannot be made: a file is in the way
    statuses: list[str] = []
    kept.context.events.status.connect(statuses.append)

    run = _checked(kept, qtbot, kept.start)

    assert run.failure is not None
    notice = kept.notice
    assert isinstance(notice, QMessageBox) and notice.isVisible() and not notice.isModal()
    assert notice.text().startswith("A cópia de segurança de hoje não foi feita:")
    assert "não foi possível criar o arquivo da cópia" in notice.text()
    assert statuses == [notice.text()]
    assert kept.window.isEnabled()
    shop.sell("shampoo", cash=3_000)  # the counter goes on selling

    _checked(kept, qtbot, kept.timer.timeout.emit)  # the next hour: still failing
    assert kept.notice is notice and len(statuses) == 2  # told in the status bar, one box
    notice.close()


def test_an_english_counter_is_told_in_english(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop()
    backups_folder(shop.station.path).write_bytes(b"")
    window = QMainWindow()
    qtbot.addWidget(window)
    context: UiContext = make_context(shop, language="en")
    kept = BackupKeeper(context, window)
    try:
        _checked(kept, qtbot, kept.start)
        assert kept.notice is not None
        assert kept.notice.text().startswith("Today's backup was not made: could not create")
    finally:
        kept.stop()
        context.printing.close()


def test_unreadable_device_settings_are_told_at_start_up(
    keeper: tuple[BackupKeeper, Shop], qtbot: QtBot
) -> None:
    kept, _ = keeper
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("{", encoding="utf-8")
    _checked(kept, qtbot, kept.start)
    box = kept.config_notice
    assert box is not None and box.isVisible() and not box.isModal()
    assert "não puderam ser lidas" in box.text() and str(config_file()) in box.text()
    box.close()
