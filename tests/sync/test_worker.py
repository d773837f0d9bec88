"""The back-off (pure, seeded) and the worker thread: prompt stop, wake, never in a sale's way."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlparse

from posapp.services.common.backoff import Backoff
from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.sync.cycle import SyncResult, run_cycle, start_worker
from posapp.services.sync.status import sync_status
from tests.sync.conftest import Network
from tests.sync.fault_proxy import FaultProxy


def test_backoff_grows_with_full_jitter_up_to_the_cap_and_resets_on_success() -> None:
    backoff = Backoff.seeded(42, base=1.0, cap=30.0)
    delays = [backoff.failed() for _ in range(8)]
    ceilings = [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert [backoff.ceiling(n) for n in range(1, 9)] == ceilings
    assert all(0.0 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)  # jittered, not a fixed ladder
    assert Backoff.seeded(42, base=1.0, cap=30.0).failed() == delays[0]  # seedable: same draws
    backoff.succeeded()
    assert backoff.failures == 0 and backoff.ceiling() == 0.0
    assert backoff.failed() <= 1.0  # back to the first step


def test_backoff_jitter_spreads_over_the_whole_window() -> None:
    backoff = Backoff.seeded(3, base=10.0, cap=10.0)
    draws = [backoff.failed() for _ in range(2_000)]
    assert max(draws) <= 10.0 and min(draws) >= 0.0
    assert min(draws) < 1.0 and max(draws) > 9.0  # full jitter: from 0 to the ceiling
    assert 4.5 < sum(draws) / len(draws) < 5.5


def _worker(cycle, reports: list[Outcome[int]], **kwargs: object) -> BackgroundWorker[int]:  # type: ignore[no-untyped-def]
    return BackgroundWorker(cycle, reports.append, **kwargs)  # type: ignore[arg-type]


def test_worker_backs_off_after_failures_resets_after_success_and_stops_promptly() -> None:
    calls: list[float] = []
    script = iter([RuntimeError("offline"), RuntimeError("offline"), RuntimeError("x"), 7, 8])

    def cycle() -> int:
        calls.append(time.monotonic())
        step = next(script, 9)
        if isinstance(step, Exception):
            raise step
        return step

    reports: list[Outcome[int]] = []
    worker = _worker(cycle, reports, backoff=Backoff.seeded(1, base=0.05, cap=0.2), interval=30.0)
    worker.start()
    deadline = time.monotonic() + 5
    while len(reports) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [r.failed for r in reports[:4]] == [True, True, True, False]
    assert isinstance(reports[0].error, RuntimeError) and reports[3].result == 7
    assert all(
        0.0 <= r.next_attempt_in <= c for r, c in zip(reports[:3], [0.05, 0.1, 0.2], strict=True)
    )
    assert reports[3].next_attempt_in == 30.0 and worker.backoff.failures == 0

    worker.wake()  # a sale: the next cycle runs now, not in 30 s
    while len(reports) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert reports[4].result == 8

    started = time.monotonic()
    assert worker.stop() is True  # sleeping 30 s: stop() wakes and joins it
    assert time.monotonic() - started < 1.0
    assert not worker.running


def test_a_wake_during_back_off_does_not_hammer_the_network() -> None:
    calls = 0

    def cycle() -> int:
        nonlocal calls
        calls += 1
        raise OSError("offline")

    reports: list[Outcome[int]] = []
    worker = _worker(cycle, reports, backoff=Backoff.seeded(5, base=0.5, cap=0.5))
    worker.backoff.rng.uniform = lambda _a, b: b  # type: ignore[method-assign]  # always the ceiling
    worker.start()
    time.sleep(0.1)
    for _ in range(20):  # twenty sales while offline
        worker.wake()
        time.sleep(0.005)
    assert calls == 1
    assert worker.stop()


def test_a_sale_never_waits_for_a_cycle_in_flight(network: Network) -> None:
    """The worker's cycle sits in the network (1.5 s per call) while the counter sells."""
    port = urlparse(network.server.url).port
    assert port is not None
    proxy = FaultProxy(port, seed=1, faults={"delay": 1.0}).start()
    proxy.rng.choice = lambda _options: 1.5  # type: ignore[method-assign]
    a = network.make("Centro", url=proxy.url)
    customer = a.shop.enrol("Bia Rocha", phone="11 95555-4444")
    a.sell("batom", customer=customer, cash=4_990, online=False)
    client = a.client(read_timeout=10.0)
    reports: list[Outcome[SyncResult]] = []
    in_flight = threading.Event()
    worker: BackgroundWorker[SyncResult] = BackgroundWorker(
        lambda: (in_flight.set(), run_cycle(a.station, client))[1],
        reports.append,
        failed=lambda result: not result.ok,
    )
    try:
        worker.start()
        assert in_flight.wait(5) and proxy.request_seen.wait(5)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            a.sell("shampoo", customer=customer, cash=3_000, online=False)
            timings.append(time.perf_counter() - started)
        assert not reports, "the cycle was still waiting on the network during the sales"
        assert max(timings) < 0.5, timings
    finally:
        assert worker.stop(timeout=15)
        proxy.stop()
    assert reports and reports[0].result is not None and reports[0].result.ok


def test_worker_reports_each_cycle_and_survives_a_broken_listener() -> None:
    seen: list[int] = []

    def listener(outcome: Outcome[int]) -> None:
        seen.append(outcome.result or 0)
        raise ValueError("listener bug")

    counter = iter(range(1, 100))
    worker = BackgroundWorker(lambda: next(counter), listener, interval=0.05)
    worker.start()
    deadline = time.monotonic() + 3
    while len(seen) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert worker.stop()
    assert seen[:3] == [1, 2, 3]


def test_the_apps_worker_pushes_a_sale_after_wake_and_follows_the_config(
    network: Network,
) -> None:
    a = network.make("Centro")
    customer = a.shop.enrol("Lia Matos", phone="11 92222-1111")
    reports: list[Outcome[SyncResult]] = []
    worker = start_worker(a.station, reports.append, interval=30.0)
    try:
        deadline = time.monotonic() + 10
        while not reports and time.monotonic() < deadline:
            time.sleep(0.02)
        assert reports and reports[0].result is not None and reports[0].result.ok
        a.sell("batom", customer=customer, cash=4_990, online=False)
        assert sync_status(a.station).waiting > 0
        worker.wake()  # after the sale: pushed now, not in 30 s
        while len(reports) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(reports) == 2 and reports[1].result is not None
        assert reports[1].result.pushed_entries > 0
        assert sync_status(a.station).waiting == 0
    finally:
        assert worker.stop(timeout=5)
