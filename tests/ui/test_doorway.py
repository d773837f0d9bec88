"""Paint first: the sign-in drawn from the file before the counter is built, and nothing
the cashier taps or types on it lost when the shell takes its place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.app import Opening
from posapp.ui.signin import SignInScreen
from tests.support import CASHIER_PIN, Shop

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _restore(qapp: QApplication) -> Iterator[None]:
    """Opening styles the whole QApplication; later tests get it back as it was."""
    before = qapp.styleSheet()
    yield
    qapp.setStyleSheet(before)
    stop_virtual_printers()


@pytest.fixture
def database(make_shop: MakeShop) -> Path:
    shop = make_shop("pharmacy")
    path = shop.station.path
    shop.station.close()
    return path


def tap(signin: SignInScreen, qtbot: QtBot, name: str, pin: str, enter: bool = True) -> None:
    tile = next(t for t in signin.tiles.values() if t.text().startswith(name))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    for digit in pin:
        qtbot.mouseClick(signin.pad.digits[digit], Qt.MouseButton.LeftButton)
    if enter:
        qtbot.mouseClick(signin.pad.enter_button, Qt.MouseButton.LeftButton)


def open_counter(database: Path, qtbot: QtBot, before: Callable[[SignInScreen], None]) -> Opening:
    """Opening on `database`, `before` done on the painted sign-in, until the shell is in."""
    opening = Opening(database)
    doorway = opening.doorway
    assert doorway is not None and opening.counter is None  # nothing built yet
    with qtbot.waitSignal(opening.ready, timeout=30_000):
        doorway.show()
        before(doorway.signin)
    assert opening.counter is not None
    assert opening.window is opening.counter.window and opening.window.isVisible()
    assert not doorway.isVisible()
    return opening


def test_a_pin_entered_before_the_counter_is_built_signs_in_once_it_is(
    database: Path, qtbot: QtBot
) -> None:
    said: list[str] = []

    def early(signin: SignInScreen) -> None:
        names = [tile.text().split("\n")[0] for tile in signin.tiles.values()]
        assert names == sorted(names) and "Carlos Caixa" in names
        tap(signin, qtbot, "Carlos", CASHIER_PIN)
        said.append(signin.message.text())

    opening = open_counter(database, qtbot, early)
    try:
        assert said == ["Abrindo o caixa…"]
        shell = opening.counter.window  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: shell.context.staff is not None, timeout=5_000)
        assert shell.context.staff is not None and shell.context.staff.name == "Carlos Caixa"
        assert shell.current is not shell.signin
    finally:
        opening.close()


def test_a_wrong_pin_entered_early_is_refused_once_the_counter_is_built(
    database: Path, qtbot: QtBot
) -> None:
    opening = open_counter(database, qtbot, lambda s: tap(s, qtbot, "Carlos", "0000"))
    try:
        shell = opening.counter.window  # type: ignore[union-attr]
        assert shell.context.staff is None and shell.current is shell.signin
        assert shell.signin.message.text() == "PIN incorreto."
        assert shell.signin.chosen is not None and shell.signin.chosen.name == "Carlos Caixa"
    finally:
        opening.close()


def test_a_tile_and_digits_typed_early_wait_on_the_shells_sign_in(
    database: Path, qtbot: QtBot
) -> None:
    opening = open_counter(
        database, qtbot, lambda s: tap(s, qtbot, "Carlos", CASHIER_PIN[:3], enter=False)
    )
    try:
        shell = opening.counter.window  # type: ignore[union-attr]
        signin = shell.signin
        assert signin.chosen is not None and signin.chosen.name == "Carlos Caixa"
        assert signin.pad.pin() == CASHIER_PIN[:3]
        qtbot.mouseClick(signin.pad.digits[CASHIER_PIN[3]], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(signin.pad.enter_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: shell.context.staff is not None, timeout=5_000)
    finally:
        opening.close()


PAINT_PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from posapp.app import Opening
    opening = Opening(Path(sys.argv[1]))
    seen = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not seen:
                loaded = ("sqlalchemy", "db.models", "posapp.services.sales.checkout",
                          "escpos", "httpx", "alembic")
                seen["loaded"] = [name for name in loaded if name in sys.modules]
                seen["tiles"] = len(opening.doorway.signin.tiles)
            return False

    spy = FirstPaint()
    opening.window.installEventFilter(spy)
    opening.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    opening.window.show()
    app.exec()
    seen["then"] = "sqlalchemy" in sys.modules and opening.counter is not None
    opening.close()
    print(json.dumps(seen))
    """
)


def test_the_sign_in_is_painted_before_the_database_layer_is_imported(database: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PAINT_PROBE, str(database)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"loaded": [], "tiles": 4, "then": True}


def test_a_store_in_english_is_greeted_in_english_before_the_counter_is_built(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    from posapp.services.common.counter_settings import change_language
    from tests.support import MANAGER_PIN

    shop = make_shop("salon")
    change_language(shop.station, "en", staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    path = shop.station.path
    shop.station.close()
    seen: dict[str, object] = {}

    def early(signin: SignInScreen) -> None:
        window = signin.window()
        seen["status"] = window.statusBar().currentMessage()  # type: ignore[attr-defined]
        seen["title"] = signin.title.text()
        seen["tile"] = next(t.text() for t in signin.tiles.values() if "Carlos" in t.text())

    opening = open_counter(path, qtbot, early)
    try:
        assert seen == {
            "status": "Opening the counter…",
            "title": "Who is at the counter?",
            "tile": "Carlos Caixa\nCashier",
        }
    finally:
        opening.close()


def test_a_counter_that_cannot_be_built_behind_the_painted_sign_in_is_reported(
    database: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """main() then offers the repair dialog for a damaged file (or raises anything else):
    Opening hands it the error instead of showing a half-built counter."""
    from posapp import app as posapp_app

    broken = OSError("disco cheio")

    def build(*_args: object, **_kwargs: object) -> None:
        raise broken

    monkeypatch.setattr(posapp_app, "build", build)
    opening = Opening(database)
    ready: list[bool] = []
    opening.ready.connect(lambda: ready.append(True))
    try:
        assert opening.doorway is not None
        with qtbot.waitSignal(opening.failed, timeout=10_000) as failed:
            opening.doorway.show()
        assert failed.args == [broken]
        qtbot.wait(50)
        assert opening.counter is None and ready == []
        assert opening.window is opening.doorway
    finally:
        opening.close()
