from __future__ import annotations

import datetime
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from messaging import PermanentDeliveryError, TemporaryDeliveryError
from messaging.retry import Delivered, GiveUp, RetryAt, RetryPolicy, after_failure, attempt

NOW = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
FLAKY = TemporaryDeliveryError("connection", "refused")


def test_back_off_doubles_up_to_the_cap_without_jitter() -> None:
    policy = RetryPolicy(base_s=60, factor=2, max_delay_s=600, max_attempts=10, jitter=0)
    rng = random.Random(1)
    waits = [
        (after_failure(FLAKY, n, NOW, policy, rng)).when - NOW  # type: ignore[union-attr]
        for n in range(1, 7)
    ]
    assert [w.total_seconds() for w in waits] == [60, 120, 240, 480, 600, 600]


def test_jitter_is_seedable_and_bounded() -> None:
    policy = RetryPolicy(base_s=100, jitter=0.2)
    first = [policy.delay_s(3, random.Random(42)) for _ in range(3)]
    assert first[0] == first[1] == first[2]
    assert policy.delay_s(3, random.Random(42)) != policy.delay_s(3, random.Random(43))
    rng = random.Random(0)
    spread = {round(policy.delay_s(3, rng)) for _ in range(200)}
    assert min(spread) >= 320 and max(spread) <= 480 and len(spread) > 50


def test_permanent_failure_gives_up_at_once_with_its_reason() -> None:
    error = PermanentDeliveryError("recipient_refused", "550 no such user")
    outcome = after_failure(error, 1, NOW, RetryPolicy(), random.Random(0))
    assert outcome == GiveUp(1, "permanent:recipient_refused", "550 no such user")


def test_max_attempts_gives_up_with_the_last_reason() -> None:
    policy = RetryPolicy(max_attempts=3)
    rng = random.Random(0)
    assert isinstance(after_failure(FLAKY, 2, NOW, policy, rng), RetryAt)
    assert after_failure(FLAKY, 3, NOW, policy, rng) == GiveUp(
        3, "max_attempts:connection", "refused"
    )


def test_retry_after_is_a_floor_within_the_cap() -> None:
    policy = RetryPolicy(base_s=10, jitter=0, max_delay_s=3600)
    rng = random.Random(0)
    later = TemporaryDeliveryError("http_429", retry_after_s=900)
    assert after_failure(later, 1, NOW, policy, rng).when == NOW + datetime.timedelta(seconds=900)  # type: ignore[union-attr]
    absurd = TemporaryDeliveryError("http_429", retry_after_s=10**9)
    assert after_failure(absurd, 1, NOW, policy, rng).when == NOW + datetime.timedelta(hours=1)  # type: ignore[union-attr]


def test_attempt_runs_the_send_and_counts() -> None:
    calls: list[int] = []

    def ok() -> None:
        calls.append(1)

    def boom() -> None:
        raise FLAKY

    def bug() -> None:
        raise ZeroDivisionError

    policy = RetryPolicy()
    assert attempt(ok, 0, NOW, policy, random.Random(0)) == Delivered(1)
    outcome = attempt(boom, 4, NOW, policy, random.Random(0))
    assert isinstance(outcome, RetryAt) and outcome.attempts == 5 and outcome.reason == "connection"
    with pytest.raises(ZeroDivisionError):  # a bug is not a delivery failure
        attempt(bug, 0, NOW, policy, random.Random(0))
    assert calls == [1]


def test_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(base_s=0)
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(jitter=1.0)


@given(st.integers(1, 30), st.integers(0, 2**32))
def test_delays_never_exceed_the_cap_nor_go_below_zero(n: int, seed: int) -> None:
    policy = RetryPolicy(max_attempts=40)
    delay = policy.delay_s(n, random.Random(seed))
    assert 0 < delay <= policy.max_delay_s
