"""The keyboard-wedge scanner with the key events Qt delivers on Windows (ABNT2 layout).

Each sequence is what Qt's Windows key mapper (qwindowskeymapper.cpp) sends for
the keys a scanner types on a Brazilian ABNT2 keyboard layout: Shift as a
press of its own, AltGr as Ctrl+Alt (a fake left Ctrl, then right Alt), the
ABNT2 key beside right Shift for '/' and '?', dead keys composed by Windows
(no press for the dead key itself), and Alt codes typed on the keypad. The
events carry the Windows virtual-key codes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hardware.scanner.wedge import WedgeConfig
from posapp.ui.sale.scan_field import ScanField
from posapp.ui.sale.wedge_keys import SKIP, wedge_key

NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier
ALTGR = CTRL | ALT
VK_SHIFT, VK_CONTROL, VK_MENU, VK_RETURN, VK_SPACE = 0x10, 0x11, 0x12, 0x0D, 0x20
VK_ABNT_C1 = 0xC1  # the ABNT2 key beside right Shift: '/' and '?'
VK_OEM_MINUS = 0xBD

Press = tuple[int, Qt.KeyboardModifier, str, int]


def _event(kind: QEvent.Type, key: int, mods: Qt.KeyboardModifier, text: str, vk: int) -> QKeyEvent:
    return QKeyEvent(kind, key, mods, 0, vk, 0, text)


def _letter(char: str) -> list[Press]:
    """A letter or digit as the scanner types it; an upper-case one with Shift first."""
    key = (
        Qt.Key.Key_A.value + ord(char.upper()) - ord("A")
        if char.isalpha()
        else (Qt.Key.Key_0.value + int(char))
    )
    vk = ord(char.upper())
    if char.isupper():
        return [(Qt.Key.Key_Shift.value, NONE, "", VK_SHIFT), (key, SHIFT, char, vk)]
    return [(key, NONE, char, vk)]


def _text(text: str) -> list[Press]:
    return [press for char in text for press in _letter(char)]


ALTGR_DOWN: list[Press] = [
    (Qt.Key.Key_Control.value, NONE, "", VK_CONTROL),  # the fake left Ctrl of AltGr
    (Qt.Key.Key_Alt.value, CTRL, "", VK_MENU),
]
ENTER: list[Press] = [(Qt.Key.Key_Return.value, NONE, "\r", VK_RETURN)]


def _alt_code(char: str) -> list[Press]:
    """Alt held, the code on the keypad, Alt let go: then the character, key 0."""
    digits = [
        (Qt.Key.Key_0.value + int(d), ALT | KEYPAD, "", 0x60 + int(d)) for d in f"0{ord(char)}"
    ]
    return [(Qt.Key.Key_Alt.value, NONE, "", VK_MENU), *digits, (0, NONE, char, 0)]


def _type(line: QLineEdit, presses: list[Press]) -> None:
    for key, mods, text, vk in presses:
        QApplication.sendEvent(line, _event(QEvent.Type.KeyPress, key, mods, text, vk))
        QApplication.sendEvent(line, _event(QEvent.Type.KeyRelease, key, mods, text, vk))


class _Counter:
    def __init__(self, qtbot: QtBot) -> None:
        self.now = 100.0
        self.line = ScanField(WedgeConfig(), clock=lambda: self.now)
        qtbot.addWidget(self.line)
        self.scans: list[str] = []
        self.line.scanned.connect(self.scans.append)

    def scan(self, presses: list[Press]) -> list[str]:
        _type(self.line, presses)
        return self.scans

    def type_slowly(self, presses: list[Press]) -> None:
        for press in presses:
            _type(self.line, [press])
            self.now += 0.3
            self.line.flush()


def test_upper_case_code_with_shift_presses_is_one_scan(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    minus: list[Press] = [(Qt.Key.Key_Minus.value, NONE, "-", VK_OEM_MINUS)]
    assert counter.scan([*_text("TESTE"), *minus, *_text("01"), *ENTER]) == ["TESTE-01"]
    assert counter.line.text() == ""


def test_slash_and_question_mark_from_the_abnt2_key(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    slash: Press = (Qt.Key.Key_Slash.value, NONE, "/", VK_ABNT_C1)
    question: list[Press] = [
        (Qt.Key.Key_Shift.value, NONE, "", VK_SHIFT),
        (Qt.Key.Key_Question.value, SHIFT, "?", VK_ABNT_C1),
    ]
    presses = [*_text("LOTE"), slash, *_text("2026"), *question, *_text("A1"), *ENTER]
    assert counter.scan(presses) == ["LOTE/2026?A1"]
    assert counter.line.text() == ""


def test_altgr_characters_come_as_ctrl_alt_and_stay_in_the_scan(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    altgr_q = [*ALTGR_DOWN, (Qt.Key.Key_Slash.value, ALTGR, "/", ord("Q"))]
    altgr_w = [*ALTGR_DOWN, (Qt.Key.Key_Question.value, ALTGR, "?", ord("W"))]
    altgr_e = [*ALTGR_DOWN, (Qt.Key.Key_degree.value, ALTGR, "°", ord("E"))]
    presses = [*_text("NF"), *altgr_q, *_text("123"), *altgr_w, *altgr_e, *_text("9"), *ENTER]
    assert counter.scan(presses) == ["NF/123?°9"]
    assert counter.line.text() == ""


def test_dead_keys_composed_by_windows_keep_the_scan_whole(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    # '~' then space: one press with '~'. '~' then '1' (no '~1' letter): '~' on the 1
    # key's press, then '1' as a press of key 0. '^' then 'a': one press with 'â'.
    tilde_space: Press = (Qt.Key.Key_Space.value, NONE, "~", VK_SPACE)
    tilde_one: list[Press] = [(Qt.Key.Key_1.value, NONE, "~", ord("1")), (0, NONE, "1", 0)]
    circumflex_a: Press = (Qt.Key.Key_A.value, NONE, "â", ord("A"))
    presses = [*_text("AB"), tilde_space, *_text("7"), *tilde_one, circumflex_a, *ENTER]
    assert counter.scan(presses) == ["AB~7~1â"]


def test_dead_keys_as_linux_delivers_them_are_skipped(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    dead: Press = (Qt.Key.Key_Dead_Tilde.value, NONE, "", 0)
    presses = [*_text("AB"), dead, (Qt.Key.Key_Space.value, NONE, "~", 0), *_text("12"), *ENTER]
    assert counter.scan(presses) == ["AB~12"]


def test_a_scanner_typing_alt_codes(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    presses = [press for char in "7891/A" for press in _alt_code(char)]
    assert counter.scan([*presses, *ENTER]) == ["7891/A"]
    assert counter.line.text() == ""


def test_a_person_typing_with_altgr_gets_the_characters_in_the_field(qtbot: QtBot) -> None:
    counter = _Counter(qtbot)
    counter.type_slowly(
        [*_text("1"), *ALTGR_DOWN, (Qt.Key.Key_Slash.value, ALTGR, "/", ord("Q")), *_text("2")]
    )
    assert counter.line.text() == "1/2" and counter.scans == []


def test_ctrl_alt_shortcuts_are_not_characters() -> None:
    app_shortcut = _event(QEvent.Type.KeyPress, Qt.Key.Key_F5.value, ALTGR, "", 0x74)
    assert wedge_key(app_shortcut) is None
    assert wedge_key(_event(QEvent.Type.KeyPress, Qt.Key.Key_C.value, CTRL, "\x03", 0x43)) is None
    assert wedge_key(_event(QEvent.Type.KeyPress, Qt.Key.Key_AltGr.value, NONE, "", 0)) is SKIP
    assert wedge_key(_event(QEvent.Type.KeyPress, Qt.Key.Key_Tab.value, NONE, "\t", 9)) == "Tab"


def test_first_run_wizard_reads_the_scanner_test_typed_on_windows(qtbot: QtBot) -> None:
    from posapp.ui.first_run.wizard import ScannerPage

    times = iter(100.0 + n * 0.004 for n in range(1000))
    page = ScannerPage(lambda: next(times))
    qtbot.addWidget(page)
    altgr_q = [*ALTGR_DOWN, (Qt.Key.Key_Slash.value, ALTGR, "/", ord("Q"))]
    _type(page.test_field, [*_text("TESTE"), *altgr_q, *_text("01"), *ENTER])
    assert page.guess is not None
    assert (page.guess.code, page.guess.suffix) == ("TESTE/01", "Enter")


def test_a_tab_suffix_ends_the_scan_in_the_field_and_shift_tab_moves_on(qtbot: QtBot) -> None:
    """Tab, a scanner's configured suffix, ends the scan and keeps the cashier in the code
    field (Qt would otherwise move the focus before the key reached the scanner); Shift+Tab
    typed by a person moves on, the digit typed just before it kept in the field."""
    now = [100.0]
    window = QWidget()
    layout = QVBoxLayout(window)
    field = ScanField(WedgeConfig(suffix="Tab"), clock=lambda: now[0])
    other = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(other)
    qtbot.addWidget(window)
    scans: list[str] = []
    field.scanned.connect(scans.append)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)

    tab: Press = (Qt.Key.Key_Tab.value, NONE, "\t", 9)
    _type(field, [*_text("7891000100103"), tab])
    assert scans == ["7891000100103"]
    assert field.hasFocus() and field.text() == ""

    for press in _text("12"):
        _type(field, [press])
        now[0] += 0.3
        field.flush()
    _type(field, _text("3"))  # held: it may be the start of a scan
    backtab: Press = (Qt.Key.Key_Backtab.value, SHIFT, "", 9)
    _type(field, [backtab])
    assert field.text() == "123"
    qtbot.waitUntil(other.hasFocus)
    assert scans == ["7891000100103"]
