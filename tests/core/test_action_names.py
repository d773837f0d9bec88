"""A refusal shown in English names its action and reason in English, and no action is
shown by its audit key ("agenda.hours") in either language."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from posapp.core.action_names import NAMES
from posapp.core.errors import ApprovalLocked, ManagerPinWrong, NotAuthorized, SaleNotRefundable

ROOT = Path(__file__).resolve().parents[2]
APPROVERS = {
    "authorize_manager": 2,
    "_approve": 4,
    "_authorize": 3,
    "_need_admin": 1,
    "_seal": 3,
}
"""The functions that take an action's name, and where it is among their arguments."""
NAMED_BY = {"NotAuthorized", "ManagerPinWrong", "ApprovalLocked", "SaleNotRefundable"}


def _texts(node: ast.expr, constants: dict[str, ast.expr]) -> Iterator[str]:
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _texts(node.body, constants)
        yield from _texts(node.orelse, constants)
    elif isinstance(node, ast.JoinedStr):
        yield ast.unparse(node)


def names_in_the_code() -> dict[str, str]:
    """Every action or reason written as text in posapp, with the file it is in."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "posapp").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            node.targets[0].id: node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            given = []
            if name in APPROVERS and len(node.args) > APPROVERS[name]:
                given.append(node.args[APPROVERS[name]])
            if name in NAMED_BY:
                given += [kw.value for kw in node.keywords if kw.arg in ("action", "reason")]
            for value in given:
                for text in _texts(value, constants):
                    found[text] = str(path.relative_to(ROOT))
    return found


def test_every_action_and_reason_the_services_name_has_both_languages() -> None:
    found = names_in_the_code()
    assert len(found) > 50  # the scan finds the approvals: it is not looking at nothing
    missing = {text: where for text, where in found.items() if text not in NAMES}
    assert missing == {}
    for pt, en in NAMES.values():
        assert pt and en and "." not in pt.replace("NFC-e", "").replace("NFS-e", "")


@pytest.mark.parametrize(
    ("error", "pt", "en"),
    [
        (
            ManagerPinWrong(action="cancelar venda"),
            "PIN de gerente incorreto: cancelar venda.",
            "Wrong manager PIN: void a sale.",
        ),
        (
            NotAuthorized(action="agenda.hours"),
            "Esta ação precisa da senha de um gerente: horário da agenda.",
            "This action needs a manager's PIN: the agenda's hours.",
        ),
        (
            ApprovalLocked(action="sangria", minutes=4),
            "Aprovação de gerente bloqueada por excesso de PINs errados: sangria. Tente em 4 min.",
            "Manager approval locked after too many wrong PINs: cash withdrawal. "
            "Try again in 4 min.",
        ),
        (
            SaleNotRefundable(value=12, reason="item {item} não é desta venda", item=7),
            "A venda 12 não pode ser devolvida: item 7 não é desta venda.",
            "Sale 12 cannot be refunded: item 7 is not from this sale.",
        ),
        (
            SaleNotRefundable(value=3, reason="já tem devolução; faça a devolução"),
            "A venda 3 não pode ser devolvida: já tem devolução; faça a devolução.",
            "Sale 3 cannot be refunded: it already has a refund; refund the rest instead.",
        ),
        (
            NotAuthorized(action="uma ação nova"),
            "Esta ação precisa da senha de um gerente: uma ação nova.",
            "This action needs a manager's PIN: uma ação nova.",
        ),
    ],
)
def test_a_refusal_names_its_action_in_its_own_language(
    error: NotAuthorized | SaleNotRefundable, pt: str, en: str
) -> None:
    assert (error.message("pt_BR"), error.message("en")) == (pt, en)
