"""The customers screen's tables: ledger history, vouchers and referrals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)

from posapp.services.customers.history import LedgerRow, Referral
from posapp.services.customers.registry import VoucherView
from posapp.ui.formatting import STORE_ZONE, day, moment
from posapp.ui.rows_model import RowsModel

SALE_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def kind_name(kind: str) -> str:
    """A ledger movement's kind in the counter's language."""
    names = {
        "earn": QCoreApplication.translate("Ledger", "Cashback ganho"),
        "redeem": QCoreApplication.translate("Ledger", "Cashback usado"),
        "expire": QCoreApplication.translate("Ledger", "Vencimento"),
        "reverse": QCoreApplication.translate("Ledger", "Estorno de cashback"),
        "restore": QCoreApplication.translate("Ledger", "Cashback devolvido"),
        "adjust": QCoreApplication.translate("Ledger", "Ajuste manual"),
        "referral_bonus": QCoreApplication.translate("Ledger", "Bônus de indicação"),
        "voucher_issue": QCoreApplication.translate("Ledger", "Vale emitido"),
        "voucher_redeem": QCoreApplication.translate("Ledger", "Vale usado"),
        "voucher_restore": QCoreApplication.translate("Ledger", "Vale devolvido"),
        "voucher_change": QCoreApplication.translate("Ledger", "Troco de vale"),
        "voucher_cancel": QCoreApplication.translate("Ledger", "Vale cancelado"),
    }
    return names.get(kind, kind)


def voucher_status_name(status: str) -> str:
    names = {
        "open": QCoreApplication.translate("Ledger", "Disponível"),
        "redeemed": QCoreApplication.translate("Ledger", "Usado"),
        "expired": QCoreApplication.translate("Ledger", "Vencido"),
        "cancelled": QCoreApplication.translate("Ledger", "Cancelado"),
    }
    return names.get(status, status)


class HistoryTableModel(RowsModel[LedgerRow]):
    """Every ledger movement, newest first; the sale's number links to its receipt."""

    right_columns = frozenset({2, 3})

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Data"),
            self.tr("Movimento"),
            self.tr("Valor"),
            self.tr("Venda"),
            self.tr("Vale"),
            self.tr("Observação"),
        )

    def text(self, row: LedgerRow, column: int) -> str | None:
        if column == 0:
            return moment(row.at, self.locale, self.timezone)
        if column == 1:
            return kind_name(row.kind)
        if column == 2:
            return self._money(row.value)
        if column == 3:
            return f"#{row.sale_number}" if row.sale_number is not None else ""
        if column == 4:
            return row.voucher_code or ""
        if column == 5:
            return row.note or ""
        return None

    def extra(self, row: LedgerRow, column: int, role: int) -> Any:
        if role == SALE_ID_ROLE:
            return row.sale_id
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and row.sale_id is not None:
            return self.tr("Clique duas vezes para ver o cupom da venda")
        return None


class VoucherTableModel(RowsModel[VoucherView]):
    right_columns = frozenset({1, 2})

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Código"),
            self.tr("Valor"),
            self.tr("Compra mínima"),
            self.tr("Validade"),
            self.tr("Situação"),
        )

    def text(self, row: VoucherView, column: int) -> str | None:
        if column == 0:
            return row.code
        if column == 1:
            return self._money(row.value) if row.value else f"{row.percent_bps / 100:g}%"
        if column == 2:
            return self._money(row.min_purchase) if row.min_purchase else "—"
        if column == 3:
            return day(row.expires_at, self.locale, self.timezone)
        if column == 4:
            return voucher_status_name(row.status)
        return None


class ReferralTableModel(RowsModel[Referral]):
    right_columns = frozenset({2, 3})

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Cliente indicado"),
            self.tr("Cadastro"),
            self.tr("Compras"),
            self.tr("Bônus recebido"),
        )

    def text(self, row: Referral, column: int) -> str | None:
        if column == 0:
            return row.name
        if column == 1:
            return day(row.enrolled_at, self.locale, self.timezone)
        if column == 2:
            return str(row.purchases)
        if column == 3:
            return self._money(row.bonus)
        return None
