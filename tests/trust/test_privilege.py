"""Issue 13, privilege: every refused manager approval is audited (who tried, what, when),
no PIN is a plain refusal, a wrong PIN is called wrong, five lock the prompt, and the
customer export needs a manager."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditLog
from posapp import cli
from posapp.core.errors import ApprovalLocked, ManagerPinWrong, NotAuthorized
from posapp.services.sales.refunds import RefundRequest, refund
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def refusals(shop: Shop) -> list[tuple[int | None, str | None, str, object]]:
    with shop.station.read() as session:
        rows = session.scalars(
            select(AuditLog).where(AuditLog.action == "auth.refused").order_by(AuditLog.id)
        ).all()
        return [
            (row.staff_id, row.target, json.loads(row.details)["reason"], row.at) for row in rows
        ]


def ask_refund(shop: Shop, pin: str | None, sale_id: int) -> None:
    refund(shop.station, RefundRequest(sale_id, shop.cashier_id, pin, "troca"))  # type: ignore[arg-type]


@pytest.mark.parametrize("pin", [None, "", "   "])
def test_no_pin_is_a_clear_refusal_and_audited(make_shop: MakeShop, pin: str | None) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", pix=8_000)
    with pytest.raises(NotAuthorized) as refused:
        ask_refund(shop, pin, sale.sale_id)
    assert refused.value.message("pt_BR") == "Esta ação precisa da senha de um gerente: devolução."
    assert refusals(shop) == [(shop.cashier_id, "devolução", "no_pin", shop.clock())]


def test_a_wrong_or_a_cashiers_pin_is_called_wrong_and_audited(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", pix=8_000)
    for pin in ("0001", CASHIER_PIN):
        with pytest.raises(ManagerPinWrong) as refused:
            ask_refund(shop, pin, sale.sale_id)
        assert refused.value.message("pt_BR") == "PIN de gerente incorreto: devolução."
        assert refused.value.message("en") == "Wrong manager PIN: refund."
    assert [(who, what, why) for who, what, why, _ in refusals(shop)] == [
        (shop.cashier_id, "devolução", "wrong_pin"),
        (shop.cashier_id, "devolução", "not_manager"),
    ]
    ask_refund(shop, MANAGER_PIN, sale.sale_id)  # the refund itself goes through


def test_the_manager_prompt_locks_after_five_wrong_pins(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", pix=8_000)
    for _ in range(5):
        with pytest.raises(ManagerPinWrong):
            ask_refund(shop, "0001", sale.sale_id)
        shop.clock.advance(seconds=10)
    with pytest.raises(ApprovalLocked) as locked:
        ask_refund(shop, MANAGER_PIN, sale.sale_id)  # even the right PIN, for now
    assert "bloqueada por excesso de PINs errados" in locked.value.message("pt_BR")
    assert refusals(shop)[-1][2] == "locked"
    shop.clock.advance(minutes=5)
    ask_refund(shop, MANAGER_PIN, sale.sale_id)


def test_the_customer_export_needs_a_managers_pin_and_is_audited(
    make_shop: MakeShop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = make_shop("salon")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell("corte", customer=maria, pix=8_000)
    path = shop.station.path
    out = tmp_path / "maria.json"
    base = ["customer", "export", "--db", str(path), "--cpf", "52998224725", "--out", str(out)]
    assert cli.main([*base, "--manager-pin", CASHIER_PIN]) == 2
    assert capsys.readouterr().err.strip() == (
        "PIN de gerente incorreto: exportar dados de cliente."
    )
    assert not out.exists()
    assert cli.main([*base, "--manager-pin", MANAGER_PIN]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["profile"]["name"] == "Maria Silva"
    with shop.station.read() as session:
        actions = list(session.scalars(select(AuditLog.action).order_by(AuditLog.id)))
    assert actions[-2:] == ["auth.refused", "customer.export"]
