"""A professional's statement as receipt paper, CSV (Brazilian spreadsheet) and HTML (PDF).

pt_BR first; English when the counter's language is English.
"""

from __future__ import annotations

import csv
import html
import io
from zoneinfo import ZoneInfo

from babel.dates import format_date

from hardware.receipt import Receipt, ReceiptBuilder
from posapp.core.csv_cells import spreadsheet_money, spreadsheet_safe
from posapp.core.money import format_money
from posapp.services.salon.split import DAY, MONTH, WEEK, Statement

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("Extrato do profissional", "Professional's statement"),
    DAY: ("Dia", "Day"),
    WEEK: ("Semana", "Week"),
    MONTH: ("Mês", "Month"),
    "services_done": ("Serviços realizados", "Services done"),
    "base": ("Base de cálculo", "Base"),
    "deductions": ("Deduções (taxas de cartão)", "Deductions (card fees)"),
    "share": ("Comissão / cota-parte", "Commission / partner share"),
    "tips": ("Gorjetas", "Tips"),
    "to_pay": ("A pagar", "To pay"),
    "lines": ("Atendimentos", "Work done"),
    "none": ("Nenhum atendimento no período.", "Nothing done in the period."),
    "csv_head": (
        "Data;Venda;Descrição;Tipo;Qtd;Bruto;Líquido;Base;Dedução;Valor;Modalidade",
        "Date;Sale;Description;Kind;Qty;Gross;Net;Base;Deduction;Amount;Mode",
    ),
    "commission": ("comissão", "commission"),
    "partner": ("parceria", "partner"),
    "service": ("serviço", "service"),
    "product": ("produto", "product"),
    "total": ("Total", "Total"),
}


def t(key: str, locale: str) -> str:
    pt, en = _TEXT[key]
    return pt if locale.startswith("pt") else en


def period_text(statement: Statement, locale: str) -> str:
    first = format_date(statement.first_day, format="short", locale=locale)
    last = format_date(statement.last_day, format="short", locale=locale)
    span = t(statement.span, locale)
    return f"{span}: {first}" if first == last else f"{span}: {first} – {last}"


def summary(statement: Statement, locale: str) -> list[tuple[str, str]]:
    p = statement.professional
    return [
        (t("services_done", locale), str(p.services_done)),
        (t("base", locale), format_money(p.base, locale)),
        (t("deductions", locale), format_money(p.deductions, locale)),
        (t("share", locale), format_money(p.share, locale)),
        (t("tips", locale), format_money(p.tips, locale)),
        (t("to_pay", locale), format_money(p.to_pay, locale)),
    ]


def statement_receipt(
    statement: Statement, store_name: str, zone: ZoneInfo, locale: str, paper: int = 80
) -> Receipt:
    out = ReceiptBuilder(paper=paper)
    out.text(store_name, align="center", bold=True, double=True)
    out.text(t("title", locale), align="center", bold=True)
    out.text(statement.professional.name, align="center")
    out.text(period_text(statement, locale), align="center")
    out.rule()
    out.text(t("lines", locale), bold=True)
    if not statement.professional.lines:
        out.text("  " + t("none", locale))
    for line in statement.professional.lines:
        out.text(f"{line.at.astimezone(zone):%d/%m %H:%M} #{line.sale_number} {line.description}")
        out.row(
            f"  {format_money(line.base, locale)} -{format_money(line.deduction, locale)}",
            format_money(line.share, locale),
        )
    out.rule()
    for label, value in summary(statement, locale):
        out.row(label, value, bold=label == t("to_pay", locale))
    out.feed(2)
    return out.cut().build()


def statement_csv(statement: Statement, zone: ZoneInfo, locale: str = "pt_BR") -> str:
    """One row per line worked, then the totals; ';' and decimal commas (a spreadsheet's)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(t("csv_head", locale).split(";"))
    p = statement.professional
    for line in p.lines:
        writer.writerow(
            [
                f"{line.at.astimezone(zone):%Y-%m-%d %H:%M}",
                str(line.sale_number),
                spreadsheet_safe(line.description),
                t(line.item_kind, locale) if line.item_kind in _TEXT else line.item_kind,
                str(line.quantity),
                spreadsheet_money(line.gross),
                spreadsheet_money(line.net),
                spreadsheet_money(line.base),
                spreadsheet_money(line.deduction),
                spreadsheet_money(line.share),
                t(line.mode, locale),
            ]
        )
    writer.writerow(
        [
            t("total", locale), "", "", "", str(p.services_done), "", "",
            spreadsheet_money(p.base), spreadsheet_money(p.deductions),
            spreadsheet_money(p.share), "",
        ]
    )  # fmt: skip
    writer.writerow([t("tips", locale), *[""] * 8, spreadsheet_money(p.tips), ""])
    writer.writerow([t("to_pay", locale), *[""] * 8, spreadsheet_money(p.to_pay), ""])
    return buffer.getvalue()


def statement_html(statement: Statement, store_name: str, zone: ZoneInfo, locale: str) -> str:
    p = statement.professional
    out = [
        "<html><body style='font-family: sans-serif; font-size: 10pt'>",
        f"<h1 style='font-size: 16pt'>{html.escape(store_name)}</h1>",
        f"<h2 style='font-size: 13pt'>{html.escape(t('title', locale))}: "
        f"{html.escape(p.name)}</h2>",
        f"<p>{html.escape(period_text(statement, locale))}</p>",
        "<table width='100%' cellspacing='0' cellpadding='3' border='1'>",
        "<tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in t("csv_head", locale).split(";"))
        + "</tr>",
    ]
    for line in p.lines:
        cells = [
            f"{line.at.astimezone(zone):%d/%m/%Y %H:%M}",
            str(line.sale_number),
            line.description,
            t(line.item_kind, locale) if line.item_kind in _TEXT else line.item_kind,
            str(line.quantity),
            format_money(line.gross, locale),
            format_money(line.net, locale),
            format_money(line.base, locale),
            format_money(line.deduction, locale),
            format_money(line.share, locale),
            t(line.mode, locale),
        ]
        out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    out.append("</table><table cellpadding='3'>")
    for label, value in summary(statement, locale):
        out.append(
            f"<tr><td><b>{html.escape(label)}</b></td>"
            f"<td align='right'>{html.escape(value)}</td></tr>"
        )
    out.append("</table></body></html>")
    return "\n".join(out)
