"""The Gerência screen's tables: the staff, and the audit log."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from posapp.services.admin.audit_search import AuditRow
from posapp.services.admin.staff_changes import StaffMember
from posapp.ui.formatting import STORE_ZONE, day, moment
from posapp.ui.rows_model import RowsModel
from posapp.ui.signin import role_name

STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 2


def action_name(action: str) -> str:
    """An audit action in the counter's language (unknown ones as they are)."""
    names = {
        "store.setup": QCoreApplication.translate("Audit", "Instalação da loja"),
        "store.change": QCoreApplication.translate("Audit", "Dados da loja"),
        "program.change": QCoreApplication.translate("Audit", "Programa de fidelidade"),
        "settings.change": QCoreApplication.translate("Audit", "Configurações"),
        "staff.add": QCoreApplication.translate("Audit", "Equipe: cadastro"),
        "staff.role": QCoreApplication.translate("Audit", "Equipe: função"),
        "staff.pin_reset": QCoreApplication.translate("Audit", "Equipe: troca de PIN"),
        "staff.deactivate": QCoreApplication.translate("Audit", "Equipe: desativação"),
        "staff.sign_in": QCoreApplication.translate("Audit", "Entrada no caixa"),
    }
    return names.get(action, action)


def details_text(details: dict[str, Any]) -> str:
    """What changed as 'field: before → after'; otherwise the details as 'key: value'."""
    changed = details.get("changed")
    if isinstance(changed, dict) and changed:
        parts = []
        for key, pair in sorted(changed.items()):
            if isinstance(pair, list) and len(pair) == 2:
                parts.append(f"{key}: {_short(pair[0])} → {_short(pair[1])}")
        return "; ".join(parts)
    parts = []
    before, after = details.get("before"), details.get("after")
    if "before" in details and not isinstance(before, dict) and not isinstance(after, dict):
        parts.append(f"{_short(before)} → {_short(after)}")
    shown = {k: v for k, v in details.items() if k not in ("before", "after", "changed")}
    parts += [f"{key}: {_short(value)}" for key, value in sorted(shown.items())]
    return "; ".join(parts)


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


class StaffTableModel(RowsModel[StaffMember]):
    """Everyone who ever worked here: the active first; the deactivated greyed out."""

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (self.tr("Nome"), self.tr("Função"), self.tr("Situação"), self.tr("Desde"))

    def text(self, row: StaffMember, column: int) -> str | None:
        if column == 0:
            return row.name
        if column == 1:
            return role_name(row.role)
        if column == 2:
            return self.tr("Ativo") if row.active else self.tr("Desativado")
        if column == 3:
            return day(row.created_at, self.locale, self.timezone)
        return None

    def extra(self, row: StaffMember, column: int, role: int) -> Any:
        if role == STAFF_ID_ROLE:
            return row.id
        if role == ACTIVE_ROLE:
            return row.active
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(QColor("#8a8a8a"))
        return None

    def row_of(self, member_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.id == member_id:
                return number
        return None


class AuditTableModel(RowsModel[AuditRow]):
    """The audit log's page: when, who, authorized by, action, target, details."""

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Quando"),
            self.tr("Quem"),
            self.tr("Autorizado por"),
            self.tr("Ação"),
            self.tr("Alvo"),
            self.tr("Detalhes"),
        )

    def text(self, row: AuditRow, column: int) -> str | None:
        if column == 0:
            return moment(row.at, self.locale, self.timezone)
        if column == 1:
            return row.staff_name or "—"
        if column == 2:
            return row.authorized_by_name or "—"
        if column == 3:
            return action_name(row.action)
        if column == 4:
            return row.target_name or row.target or "—"
        if column == 5:
            return details_text(row.details)
        return None

    def extra(self, row: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return json.dumps(row.details, ensure_ascii=False, indent=1)
        return None
