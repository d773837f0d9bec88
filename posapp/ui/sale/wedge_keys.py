"""Which key a Qt key press is for the keyboard-wedge detector, on Windows as on Linux.

A scanner "types" through the keyboard layout of the computer. What Qt
delivers for it differs by platform (Qt's Windows key mapper,
qwindowskeymapper.cpp):

- Shift, Ctrl, Alt and AltGr arrive as key presses of their own with no text.
  They belong to the next character, so they are skipped, never taken as the
  end of a burst (a scan of "TESTE-01" presses Shift).
- AltGr on Windows is Ctrl+Alt: a character typed with it (on the Brazilian
  ABNT2 layout AltGr+Q is '/', AltGr+W '?', AltGr+E '°') comes with both
  modifiers and its text. Ctrl+Alt with one printable character is that
  character; a real shortcut has no printable text.
- The ABNT2 key beside the right Shift types '/' and '?' (Shift) as plain
  keys: nothing special.
- Dead keys (on ABNT2: ´ ` ~ ^ ¨) are taken by Windows itself: Qt gets no
  press for them, and the next key brings the composed text ('~' then 'a'
  is one press with text 'ã'; '~' then '1' is two presses, '~' and '1').
  On Linux (xcb) the dead key arrives as Key_Dead_* with no text: skipped.
- An Alt code (Alt held, digits on the keypad, as some scanners send every
  character) arrives as keypad digits with Alt and no text, then the
  character as a press with key 0 when Alt is let go: the digits are skipped.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

_ENDINGS: dict[int, str] = {
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Tab: "Tab",
}
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Mode_switch,
    }
)
_DEAD_FIRST, _DEAD_LAST = Qt.Key.Key_Dead_Grave.value, Qt.Key.Key_Dead_Longsolidusoverlay.value
_IGNORED_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.KeypadModifier
    | Qt.KeyboardModifier.GroupSwitchModifier
)
_KEPT_MODIFIERS = ~_IGNORED_MODIFIERS
_NO_MODIFIER = Qt.KeyboardModifier.NoModifier
_ALT_GR = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_DIGITS = frozenset(Qt.Key(Qt.Key.Key_0.value + n) for n in range(10))


class Skip(Enum):
    """A press that is part of typing a character but carries none of it."""

    KEY = "skip"


SKIP = Skip.KEY


def wedge_key(event: QKeyEvent) -> str | Skip | None:
    """The key for WedgeDetector ("Enter", "Tab" or one character), SKIP, or None.

    None: a key no scanner types (F-keys, arrows, Ctrl shortcuts); it ends any
    burst forming and goes to the widget.
    """
    key = event.key()
    if key in _MODIFIER_KEYS or _DEAD_FIRST <= key <= _DEAD_LAST:
        return SKIP
    text = event.text()
    printable = len(text) == 1 and text.isprintable()
    pressed = event.modifiers()
    # No modifier at all (what a scanner types most) needs no flag arithmetic.
    modifiers = pressed if pressed == _NO_MODIFIER else pressed & _KEPT_MODIFIERS
    if modifiers == _ALT_GR:  # Windows AltGr
        return text if printable else None
    if modifiers == Qt.KeyboardModifier.AltModifier:
        alt_code = pressed & Qt.KeyboardModifier.KeypadModifier and key in _DIGITS
        return SKIP if alt_code and not text else None
    if modifiers != _NO_MODIFIER:
        return None
    ending = _ENDINGS.get(key)
    if ending is not None:
        return ending
    return text if printable else None
