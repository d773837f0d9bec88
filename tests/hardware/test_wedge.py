"""Keyboard-wedge scans told apart from a person typing."""

from __future__ import annotations

from hardware.scanner.events import Scan
from hardware.scanner.wedge import Typed, WedgeConfig, WedgeDetector, WedgeEvent


def feed(det: WedgeDetector, keys: list[str], start: float, gap: float) -> list[WedgeEvent]:
    out: list[WedgeEvent] = []
    for i, key in enumerate(keys):
        out += det.feed(key, start + i * gap)
    return out


def test_a_fast_burst_ending_in_enter_is_a_scan() -> None:
    det = WedgeDetector()
    assert feed(det, [*"7891234567895", "Enter"], 10.0, 0.004) == [Scan("7891234567895", "wedge")]


def test_a_person_typing_the_same_keys_is_handed_back() -> None:
    det = WedgeDetector()
    events = feed(det, [*"1234", "Enter"], 10.0, 0.25)
    keys = [k for e in events if isinstance(e, Typed) for k in e.keys]
    assert keys == ["1", "2", "3", "4", "Enter"]  # each released when the next came late
    assert det.flush(11.5) == []
    assert not any(isinstance(e, Scan) for e in events)


def test_a_lone_key_is_released_by_flush_after_the_gap() -> None:
    det = WedgeDetector()
    assert det.feed("a", 1.0) == []
    assert det.flush(1.01) == []
    assert det.flush(1.2) == [Typed(("a",))]


def test_short_fast_input_with_enter_is_not_a_scan() -> None:
    det = WedgeDetector(WedgeConfig(min_length=4))
    assert feed(det, ["1", "2", "Enter"], 0.0, 0.003) == [Typed(("1", "2", "Enter"))]


def test_prefix_and_suffix_are_configurable_and_stripped() -> None:
    det = WedgeDetector(WedgeConfig(prefix="#", suffix="Tab", max_gap=0.02))
    assert feed(det, [*"#ABC-99", "Tab"], 0.0, 0.005) == [Scan("ABC-99", "wedge")]
    # without the prefix the same burst is typing
    out = feed(det, [*"ABC-99", "Tab"], 5.0, 0.005)
    assert not any(isinstance(e, Scan) for e in out)


def test_speed_is_configurable() -> None:
    slow_scanner = WedgeDetector(WedgeConfig(max_gap=0.15))
    assert feed(slow_scanner, [*"12345", "Enter"], 0.0, 0.1) == [Scan("12345", "wedge")]


def test_a_named_key_inside_a_fast_burst_is_not_part_of_a_code() -> None:
    """A Tab among a burst's keys (an Enter-suffixed scanner, a person's fast Tab) is not a
    character of a code: the burst is handed back as typed, Tab and all."""
    det = WedgeDetector()
    events = feed(det, [*"7891", "Tab", *"2345", "Enter"], 10.0, 0.004)
    assert events == [Typed(("7", "8", "9", "1", "Tab", "2", "3", "4", "5", "Enter"))]


def test_a_forced_flush_hands_back_held_keys_before_the_gap() -> None:
    """A key no scanner types (an arrow, Shift+Tab) hands back what is held at once."""
    det = WedgeDetector()
    assert feed(det, [*"78"], 10.0, 0.004) == []
    assert det.holding
    assert det.flush(10.01) == []  # within the gap: a scan may still come
    assert det.flush(10.01, force=True) == [Typed(("7", "8"))]
    assert not det.holding
    assert det.flush(10.02, force=True) == []
