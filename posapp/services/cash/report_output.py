"""A report as sections of labelled figures, and the same sections on paper and in CSV.

`sections(report, locale)` is the one layout every output follows: the receipt
printer (58 and 80 mm) here, the CSV here, and the A4 PDF in posapp.ui.reports.pdf.
So the three show the very same figures, in the same order, under the same labels.

The CSV is for Brazilian spreadsheets: UTF-8 with a BOM (so Excel reads the
accents), ';' between fields, money as "1234,56" (no currency sign, no thousands
separator; negative as "-12,34").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from hardware.receipt import Receipt, ReceiptBuilder
from payments.card import BRANDS
from posapp.core.csv_cells import spreadsheet_money, spreadsheet_safe
from posapp.core.money import format_money
from posapp.core.tender_names import tender_name
from posapp.services.cash.reports import Figure, Report, Z

_TEXT: dict[str, tuple[str, str]] = {
    "title_x": ("RELATÓRIO X (LEITURA)", "X REPORT (READING)"),
    "title_z": ("REDUÇÃO Z Nº {number}", "Z REPORT NO. {number}"),
    "header": ("Relatório", "Report"),
    "store": ("Loja", "Store"),
    "terminal": ("Caixa", "Counter"),
    "day": ("Dia", "Day"),
    "period": ("Período", "Period"),
    "made_at": ("Emitido em", "Made at"),
    "made_by": ("Emitido por", "Made by"),
    "authorized_by": ("Autorizado por", "Authorized by"),
    "sales": ("Vendas", "Sales"),
    "sales_count": ("Número de vendas", "Number of sales"),
    "gross": ("Bruto", "Gross"),
    "discounts": ("Descontos", "Discounts"),
    "refunds": ("Devoluções", "Refunds"),
    "voids": ("Cancelamentos", "Voids"),
    "net": ("Líquido", "Net"),
    "money_back": ("Devolvido em dinheiro/cartão", "Paid back in money"),
    "payments": ("Formas de pagamento", "Payment methods"),
    "cards": ("Cartões por bandeira", "Cards by brand"),
    "tips_by_tender": ("Gorjetas por forma de pagamento", "Tips by payment method"),
    "with_tips": ("Vendas + gorjetas por forma", "Sales + tips by method"),
    "staff": ("Por atendente", "Per staff member"),
    "professionals": ("Por profissional (base de comissão)", "Per professional (commission base)"),
    "salon": ("Salão-parceiro e comissões", "Partner salon and commissions"),
    "salon_share": ("Cota-parte do salão", "The salon's share"),
    "partner_share": ("Cota-parte: {name}", "Partner share: {name}"),
    "commission": ("Comissão: {name}", "Commission: {name}"),
    "tip": ("Gorjeta: {name}", "Tip: {name}"),
    "categories": ("Por categoria", "Per category"),
    "top_items": ("Mais vendidos", "Top items"),
    "loyalty": ("Cashback", "Cashback"),
    "earned": ("Ganho", "Earned"),
    "spent": ("Usado", "Spent"),
    "reversed": ("Estornado", "Reversed"),
    "expired": ("Vencido", "Expired"),
    "referral_bonus": ("Bônus de indicação", "Referral bonuses"),
    "vouchers": ("Vales", "Vouchers"),
    "issued": ("Emitidos", "Issued"),
    "redeemed": ("Resgatados", "Redeemed"),
    "open": ("Em aberto", "Still open"),
    "liability": ("Passivo do programa", "Program liability"),
    "liability_cashback": ("Saldo de cashback dos clientes", "Customers' cashback balance"),
    "liability_vouchers": ("Vales em aberto", "Open vouchers"),
    "liability_total": ("Total a honrar", "Total outstanding"),
    "customers": ("Clientes", "Customers"),
    "enrolled": ("Cadastrados", "Enrolled"),
    "referrals": ("Por indicação", "Referred"),
    "anchor": ("Âncora do extrato", "Ledger anchor"),
    "anchor_count": ("Lançamentos deste caixa", "This counter's entries"),
    "anchor_hash": ("Hash do último", "Hash of the last"),
    "cash": ("Caixa (dinheiro)", "Cash drawer"),
    "shifts": ("Turnos", "Shifts"),
    "float": ("Fundo de troco", "Opening float"),
    "cash_sales": ("Vendas em dinheiro (menos troco)", "Cash sales (less change)"),
    "cash_refunds": ("Devoluções em dinheiro", "Cash refunds"),
    "cash_tips": ("Gorjetas em dinheiro", "Tips in cash"),
    "cash_in": ("Suprimentos", "Cash in"),
    "cash_out": ("Sangrias", "Cash out"),
    "expected": ("Esperado", "Expected"),
    "counted": ("Contado", "Counted"),
    "difference": ("Diferença", "Difference"),
    "shift_open": ("turno aberto", "shift open"),
    "none": ("Nenhum", "None"),
    "satisfaction": ("Satisfação (NPS)", "Satisfaction (NPS)"),
    "answers": ("Respostas", "Answers"),
    "promoters": ("Promotores (9-10)", "Promoters (9-10)"),
    "passives": ("Neutros (7-8)", "Passives (7-8)"),
    "detractors": ("Detratores (0-6)", "Detractors (0-6)"),
    "nps": ("NPS", "NPS"),
    "csv_head": ("Seção;Item;Quantidade;Valor", "Section;Item;Count;Amount"),
}


def text(key: str, locale: str, **values: object) -> str:
    pt, en = _TEXT[key]
    return (pt if locale.startswith("pt") else en).format(**values)


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    count: int | None = None
    amount: int | None = None
    note: str | None = None
    """A text instead of a figure (a name, a day, "turno aberto")."""


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    rows: tuple[Row, ...]


def card_name(name: str, locale: str) -> str:
    """ "credit:02" -> "Mastercard Crédito" (a Figure of `Report.cards`)."""
    kind, _, brand = name.partition(":")
    return f"{BRANDS.get(brand, brand)} {tender_name(kind, locale)}"


def title(report: Report, locale: str) -> str:
    if report.kind == Z:
        return text("title_z", locale, number=f"{report.number or 0:04d}")
    return text("title_x", locale)


def period(report: Report, locale: str) -> str:
    """The local day, from midnight to midnight: '02/03/2026 00:00 – 03/03/2026 00:00'."""
    zone = ZoneInfo(report.timezone)
    start, end = (
        format_datetime(m.astimezone(zone), "short", locale=locale)
        for m in (report.start, report.end)
    )
    return _plain(f"{start} – {end}")


def sections(report: Report, locale: str) -> list[Section]:
    def t(key: str) -> str:
        return text(key, locale)

    zone = ZoneInfo(report.timezone)
    header = [
        Row(t("store"), note=report.store_name),
        Row(t("terminal"), note=report.terminal_name),
        Row(t("day"), note=_plain(str(format_date(report.day, "short", locale=locale)))),
        Row(t("period"), note=period(report, locale)),
        Row(
            t("made_at"),
            note=_plain(
                str(format_datetime(report.made_at.astimezone(zone), "short", locale=locale))
            ),
        ),
    ]
    if report.made_by:
        header.append(Row(t("made_by"), note=report.made_by))
    if report.authorized_by:
        header.append(Row(t("authorized_by"), note=report.authorized_by))
    cash = report.cash
    cash_rows = [
        Row(t("shifts"), count=cash.shifts),
        Row(t("float"), amount=cash.opening_float),
        Row(t("cash_sales"), amount=cash.cash_sales),
        *([Row(t("cash_tips"), amount=cash.cash_tips)] if cash.cash_tips else []),
        Row(t("cash_refunds"), amount=-cash.cash_refunds),
        Row(t("cash_in"), amount=cash.cash_in),
        Row(t("cash_out"), amount=-cash.cash_out),
        Row(t("expected"), amount=cash.expected),
    ]
    if cash.counted is None:
        cash_rows.append(Row(t("counted"), note=t("shift_open") if cash.open_shifts else "—"))
    else:
        cash_rows.append(Row(t("counted"), amount=cash.counted))
        cash_rows.append(Row(t("difference"), amount=cash.difference))
    parts = [
        Section(title(report, locale), tuple(header)),
        Section(
            t("sales"),
            (
                Row(t("sales_count"), count=report.sales_count),
                Row(t("gross"), amount=report.gross),
                Row(t("discounts"), amount=-report.discounts),
                Row(t("refunds"), count=report.refunds_count, amount=-report.refunds),
                Row(t("voids"), count=report.voids_count, amount=-report.voids),
                Row(t("net"), amount=report.net),
                Row(t("money_back"), amount=report.money_back),
            ),
        ),
        Section(
            t("payments"),
            tuple(Row(tender_name(f.name, locale), f.count, f.amount) for f in report.payments),
        ),
        *(
            [
                Section(
                    t("cards"),
                    tuple(Row(card_name(f.name, locale), f.count, f.amount) for f in report.cards),
                )
            ]
            if report.cards
            else []
        ),
        *_tender_tip_sections(report, locale),
        # each person's figures: absent from the copy of someone who may not see them
        # (services/cash/report_access), and on a day with nobody's
        *(
            Section(t(key), _figures(figures))
            for key, figures in (("staff", report.staff), ("professionals", report.professionals))
            if figures
        ),
        *_salon_section(report, locale),
        Section(t("categories"), _figures(report.categories)),
        Section(t("top_items"), _figures(report.top_items)),
        Section(
            t("loyalty"),
            (
                Row(t("earned"), amount=report.cashback_earned),
                Row(t("spent"), amount=report.cashback_spent),
                Row(t("reversed"), amount=report.cashback_reversed),
                Row(t("expired"), amount=report.cashback_expired),
                Row(t("referral_bonus"), amount=report.referral_bonus),
            ),
        ),
        Section(
            t("vouchers"),
            (
                Row(t("issued"), report.vouchers_issued.count, report.vouchers_issued.amount),
                Row(t("redeemed"), report.vouchers_redeemed.count, report.vouchers_redeemed.amount),
                Row(t("open"), report.vouchers_open.count, report.vouchers_open.amount),
            ),
        ),
        Section(
            t("liability"),
            (
                Row(t("liability_cashback"), amount=report.liability_cashback),
                Row(t("liability_vouchers"), amount=report.vouchers_open.amount),
                Row(t("liability_total"), amount=report.liability),
            ),
        ),
        Section(
            t("customers"),
            (
                Row(t("enrolled"), count=report.customers_enrolled),
                Row(t("referrals"), count=report.referrals),
            ),
        ),
        Section(t("cash"), tuple(cash_rows)),
    ]
    if report.chain_head:  # a Z: the ledger's head, to type into `posapp db verify --anchor`
        parts.append(
            Section(
                t("anchor"),
                (
                    Row(t("anchor_count"), count=report.chain_seq),
                    Row(t("anchor_hash"), note=report.chain_head),
                ),
            )
        )
    nps = report.nps
    if nps.responses:  # a store that does not run the survey sees no empty section
        parts.append(
            Section(
                t("satisfaction"),
                (
                    Row(t("answers"), count=nps.responses),
                    Row(t("promoters"), count=nps.promoters),
                    Row(t("passives"), count=nps.passives),
                    Row(t("detractors"), count=nps.detractors),
                    Row(t("nps"), note=f"{nps.score:+d}" if nps.score else "0"),
                ),
            )
        )
    return parts


def _tender_tip_sections(report: Report, locale: str) -> list[Section]:
    """The tips by tender, apart from the payments, then both together per tender: the
    figure the card machine's and the bank's statements show."""
    if not report.tips_by_tender:
        return []
    return [
        Section(
            text(key, locale),
            tuple(Row(tender_name(f.name, locale), f.count, f.amount) for f in figures),
        )
        for key, figures in (
            ("tips_by_tender", report.tips_by_tender),
            ("with_tips", report.with_tips),
        )
    ]


def _salon_section(report: Report, locale: str) -> list[Section]:
    """The salon's share apart from each partner's share, the commissions and the tips."""
    if not (report.partner_shares or report.commissions or report.tips):
        return []
    rows = [Row(text("salon_share", locale), amount=report.salon_share)]
    for key, figures in (
        ("partner_share", report.partner_shares),
        ("commission", report.commissions),
        ("tip", report.tips),
    ):
        rows += [Row(text(key, locale, name=f.name), f.count, f.amount) for f in figures]
    return [Section(text("salon", locale), tuple(rows))]


def _figures(figures: tuple[Figure, ...]) -> tuple[Row, ...]:
    return tuple(Row(f.name, f.count, f.amount) for f in figures)


def _plain(value: str) -> str:
    return value.replace("\u202f", " ").replace("\xa0", " ")


def cell_text(row: Row, locale: str) -> str:
    """A row's figure as the paper and the PDF show it: '3 × R$ 12,00', 'R$ 12,00', '3'."""
    if row.note is not None:
        return row.note
    money = format_money(row.amount, locale) if row.amount is not None else None
    if row.count is not None and money is not None:
        return f"{row.count} × {money}" if row.count else money
    return money if money is not None else str(row.count if row.count is not None else "")


# -- paper --------------------------------------------------------------------------


def report_receipt(report: Report, locale: str, paper: int = 80) -> Receipt:
    out = ReceiptBuilder(paper=paper)
    parts = sections(report, locale)
    head, rest = parts[0], parts[1:]
    out.text(report.store_name, align="center", bold=True, double=True)
    out.text(head.title, align="center", bold=True)
    for row in head.rows[1:]:
        out.text(f"{row.label}: {row.note}")
    for section in rest:
        out.rule()
        out.text(section.title, bold=True)
        if not section.rows:
            out.text("  " + text("none", locale))
        for row in section.rows:
            figure = cell_text(row, locale)
            if row.count is not None and row.amount is not None:
                out.text(row.label)
                out.row(f"  {row.count}", format_money(row.amount, locale))
            elif row.note is not None and len(row.note) > 24:  # a hash: whole, in halves
                out.text(row.label)
                half = (len(row.note) + 1) // 2
                out.text("  " + row.note[:half])
                out.text("  " + row.note[half:])
            else:
                out.row(row.label, figure)
    out.feed(2)
    return out.cut().build()


# -- CSV ----------------------------------------------------------------------------


def report_csv(report: Report, locale: str = "pt_BR") -> str:
    """The report as CSV text (without the BOM, which `write_csv` adds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(text("csv_head", locale).split(";"))
    for section in sections(report, locale):
        for row in section.rows:
            if row.note is not None:
                cells = [section.title, row.label, "", row.note]
                writer.writerow([spreadsheet_safe(cell) for cell in cells])
                continue
            writer.writerow(
                [
                    spreadsheet_safe(section.title),
                    spreadsheet_safe(row.label),
                    "" if row.count is None else str(row.count),
                    "" if row.amount is None else spreadsheet_money(row.amount),
                ]
            )
    return buffer.getvalue()


def write_csv(report: Report, path: Path | str, locale: str = "pt_BR") -> Path:
    path = Path(path)
    path.write_text(report_csv(report, locale), encoding="utf-8-sig", newline="")
    return path
