"""A report as an A4 PDF, written by Qt's own PDF writer (QPdfWriter + QTextDocument).

The page follows `report_output.sections`, the layout the receipt and the CSV
follow too: the store's name and the period on top, then every section as a
table of label, count and amount. `write_pdf` works without a window: when no
Qt application runs (the `posapp report` command), it starts an offscreen one.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from posapp.core.money import format_money
from posapp.services.cash.report_output import Section, period, sections, title
from posapp.services.cash.reports import Report

_app: QGuiApplication | None = None


def _ensure_app() -> None:
    """A GUI application is needed for fonts; an offscreen one when none runs."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if headless(sys.platform, os.environ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])


def headless(platform: str, environ: Mapping[str, str]) -> bool:
    """A Linux session with no X11 or Wayland display. Windows and macOS always have one
    (an interactive session draws with qwindows / cocoa), so they are never forced offscreen."""
    if not platform.startswith("linux"):
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def report_html(report: Report, locale: str) -> str:
    parts = sections(report, locale)
    out = [
        "<html><body style='font-family: sans-serif; font-size: 10pt'>",
        f"<h1 style='font-size: 18pt'>{html.escape(report.store_name)}</h1>",
        f"<h2 style='font-size: 14pt'>{html.escape(title(report, locale))}</h2>",
        f"<p>{html.escape(period(report, locale))}</p>",
    ]
    head, rest = parts[0], parts[1:]
    out.append(_table(Section("", head.rows[1:]), locale))
    for section in rest:
        out.append(f"<h3 style='font-size: 12pt'>{html.escape(section.title)}</h3>")
        out.append(_table(section, locale))
    out.append("</body></html>")
    return "\n".join(out)


def _table(section: Section, locale: str) -> str:
    rows = []
    for row in section.rows:
        if row.note is not None:
            count, amount = "", html.escape(row.note)
        else:
            count = "" if row.count is None else str(row.count)
            amount = "" if row.amount is None else html.escape(format_money(row.amount, locale))
        rows.append(
            f"<tr><td width='60%'>{html.escape(row.label)}</td>"
            f"<td width='15%' align='right'>{count}</td>"
            f"<td width='25%' align='right'>{amount}</td></tr>"
        )
    if not rows:
        rows.append("<tr><td>—</td><td></td><td></td></tr>")
    return "<table width='100%' cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


def write_pdf(report: Report, path: Path | str, locale: str = "pt_BR") -> Path:
    """Write the report as an A4 PDF at `path`."""
    _ensure_app()
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle(f"{report.store_name} — {title(report, locale)} — {period(report, locale)}")
    writer.setCreator("posapp")
    document = QTextDocument()
    document.setHtml(report_html(report, locale))
    document.print_(writer)
    return path
