"""Service calls run off the GUI thread and come back on it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from posapp.core.errors import InvalidCPF
from posapp.ui.runner import run_in_background


def test_results_and_errors_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def fail() -> int:
        raise InvalidCPF(value="123")

    run_in_background(owner, work, lambda r: seen.update(result=r, on=threading.get_ident()))
    run_in_background(owner, fail, lambda r: None, lambda e: seen.update(error=e))
    qtbot.waitUntil(lambda: "result" in seen and "error" in seen, timeout=5_000)
    assert seen["result"] == 42 and seen["on"] == gui and seen["worker"] != gui
    assert isinstance(seen["error"], InvalidCPF)


def test_a_screen_closed_before_its_answer_is_not_counted_as_busy(qtbot: QtBot) -> None:
    from posapp.ui.runner import pending_count, wait_for_background

    assert wait_for_background(5_000)
    before = pending_count()
    release = threading.Event()
    owner = QWidget()
    run_in_background(owner, lambda: release.wait(5), lambda r: None)
    assert pending_count() == before + 1
    owner.deleteLater()
    qtbot.waitUntil(lambda: pending_count() == before)  # gone with its screen
    release.set()
    assert wait_for_background(5_000)
    assert pending_count() == before


def test_a_quiet_refresh_does_not_light_the_busy_bar_but_still_answers(qtbot: QtBot) -> None:
    from posapp.ui.runner import pending_count, wait_for_background

    assert wait_for_background(5_000)
    before = pending_count()
    release = threading.Event()
    owner = QWidget()
    qtbot.addWidget(owner)
    answers: list[int] = []
    run_in_background(owner, lambda: release.wait(5) and 7, answers.append, busy=False)
    assert pending_count() == before
    release.set()
    qtbot.waitUntil(lambda: answers == [7])
    assert wait_for_background(5_000)


def test_screens_closed_while_their_answers_are_on_the_way_never_crash_the_app() -> None:
    """Workers answered into a closing screen's Qt objects, and now and then Qt crashed."""
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.answer_churn", "6000"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.returncode == 0, child.stderr[-2_000:]
    assert int(child.stdout) > 0  # the screens still open got their answers


def test_a_screen_deleted_before_its_answers_still_ends_idle(qtbot: QtBot) -> None:
    """Closing a screen must not leave its Jobs waiting forever for answers nobody takes
    (shutdown and every test wait for `idle()`): each call counts down when it is over."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from posapp.ui.runner import Jobs

    owner = QWidget()
    jobs = Jobs(owner, lambda error: None)
    release = threading.Event()
    answered: list[object] = []
    jobs.run(lambda: release.wait(5) and 1, answered.append)
    jobs.run(lambda: release.wait(5) and 1 / 0, answered.append, answered.append)
    assert not jobs.idle()
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(owner, QEvent.Type.DeferredDelete.value)
    release.set()
    qtbot.waitUntil(jobs.idle, timeout=5_000)
    assert answered == []  # the deleted screen is told nothing
