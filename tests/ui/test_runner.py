"""Service calls run off the GUI thread and come back on it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from posapp.core.errors import InvalidCPF
from posapp.ui import runner
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


class _PausedAfterAnswering:
    """Workers the system pauses right after they post their answer, still holding what
    they were handed (one thread per call; `resume()` lets them finish)."""

    def __init__(self) -> None:
        self.resumed = threading.Event()
        self.threads: list[threading.Thread] = []

    def submit(self, fn: Callable[..., None], *args: object) -> Future[None]:
        done: Future[None] = Future()

        def run() -> None:
            fn(*args)
            self.resumed.wait(10)
            done.set_result(None)

        thread = threading.Thread(target=run)
        self.threads.append(thread)
        thread.start()
        return done

    def resume(self) -> None:
        self.resumed.set()
        for thread in self.threads:
            thread.join(10)


def _named_after(screen: QWidget, fails: bool) -> int:
    if fails:
        raise InvalidCPF(value=type(screen).__name__)
    return len(type(screen).__name__)


def _screen_dies_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> tuple[bool, set[int]]:
    """A screen whose call answered and which was then closed and let go, while its worker
    is paused: whether it was gone before the worker resumed, and the threads it died on."""
    workers = _PausedAfterAnswering()
    monkeypatch.setattr(runner, "_workers", workers)
    died_on: set[int] = set()
    answered: list[object] = []
    screen = QWidget()

    call = partial(_named_after, screen, fails)  # the call holds the screen too
    run_in_background(screen, call, answered.append, answered.append)
    qtbot.waitUntil(lambda: len(answered) == 1, timeout=5_000)
    gone = weakref.ref(screen, lambda _ref: died_on.add(threading.get_ident()))
    screen.close()
    del screen, call
    answered.clear()
    gone_before_resume = gone() is None
    workers.resume()
    return gone_before_resume, died_on


@pytest.mark.parametrize("fails", [False, True], ids=["answer", "error"])
def test_a_closed_screen_is_never_destroyed_on_a_worker_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    """Python destroys a widget where its last reference goes: on a worker thread, while
    the GUI thread painted, that crashed the tests once. A worker paused after posting its
    answer must hold nothing of the screen, its callbacks, its call or the error's frames."""
    gone_before_resume, died_on = _screen_dies_on(qtbot, monkeypatch, fails)
    assert gone_before_resume
    assert died_on == {threading.get_ident()}
