"""The PDF report forces Qt offscreen only where there is no display: a headless Linux."""

from __future__ import annotations


def test_pdf_reports_go_offscreen_only_on_a_linux_without_display() -> None:
    from posapp.ui.reports.pdf import headless

    assert headless("linux", {}) is True
    assert headless("linux", {"DISPLAY": ":0"}) is False
    assert headless("linux", {"WAYLAND_DISPLAY": "wayland-0"}) is False
    assert headless("win32", {}) is False  # a Windows session always has its display
