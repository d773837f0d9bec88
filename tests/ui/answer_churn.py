"""Run as a child process by test_runner: screens opened and closed while their background
answers are on the way, as a cashier clicking fast does. Exits 0 when every answer that
had a screen to go to arrived there (a crash is the failure this guards against)."""

from __future__ import annotations

import random
import sys
from functools import partial

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from posapp.ui.runner import run_in_background, wait_for_background


def churn(screens: int) -> int:
    """Answers delivered; each screen is closed at a random moment, some by their answer."""
    answered = 0
    open_now: list[QWidget] = []

    def landed(owner: QWidget, close_it: bool, _result: int) -> None:
        nonlocal answered
        answered += 1
        if close_it and owner in open_now:
            open_now.remove(owner)
            shiboken6.delete(owner)  # the answer itself closes its screen

    for number in range(screens):
        owner = QWidget()
        open_now.append(owner)
        run_in_background(
            owner,
            lambda: sum(range(random.randint(0, 3_000))),
            partial(landed, owner, number % 5 == 0),
        )
        if len(open_now) > 6:
            shiboken6.delete(open_now.pop(random.randrange(len(open_now))))
        QCoreApplication.processEvents()
    assert wait_for_background(10_000)
    QCoreApplication.processEvents()
    return answered


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    print(churn(int(sys.argv[1])))
