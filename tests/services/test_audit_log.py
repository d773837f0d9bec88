"""The audit log, searched: text, action, staff, days; newest first; paged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from posapp.core.presets import preset
from posapp.services.admin.audit_search import AuditSearch, audit_actions, search_audit
from posapp.services.admin.staff_changes import add_member, reset_pin
from posapp.services.admin.store import StoreData, change_program, update_store
from posapp.services.common.auth import Role
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
OURS = {"program.change", "staff.pin_reset", "staff.add", "store.change", "store.setup"}
"""What these tests write; the shop's set-up may write more (a shift opened), left aside."""


def ours(actions: list[str]) -> list[str]:
    return [action for action in actions if action in OURS]


def _busy_shop(make_shop: MakeShop) -> Shop:
    """Monday 2 March: setup, store data (10:00 local); Tuesday: Bia added; Wednesday: program."""
    shop = make_shop("salon")
    update_store(
        shop.station,
        StoreData("Salão Bela Vista", "11222333000181"),
        staff_id=shop.cashier_id,
        manager_pin=MANAGER_PIN,
    )
    shop.clock.advance(days=1)
    bia = add_member(
        shop.station,
        "Bia Souza",
        Role.CASHIER,
        "4321",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    shop.clock.advance(hours=1)
    reset_pin(shop.station, bia.id, "4322", staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    shop.clock.advance(days=1)
    change_program(shop.station, preset("pharmacy"), staff_id=shop.admin_id, manager_pin="0000")
    return shop


def test_everything_newest_first_with_names(make_shop: MakeShop) -> None:
    shop = _busy_shop(make_shop)
    page = search_audit(shop.station)
    rows = [r for r in page.rows if r.action in OURS]
    assert [r.action for r in rows] == [
        "program.change",
        "staff.pin_reset",
        "staff.add",
        "store.change",
        "store.setup",
    ]
    assert page.total == len(page.rows) and page.pages == 1
    program, pin, add, store, _setup = rows
    assert (program.staff_name, program.authorized_by_name) == ("Ana Admin", "Ana Admin")
    assert (store.staff_name, store.authorized_by_name) == ("Carlos Caixa", "Marta Gerente")
    assert pin.target_name == "Bia Souza" and add.details == {
        "name": "Bia Souza",
        "role": "cashier",
    }
    assert ours(audit_actions(shop.station)) == [
        "program.change",
        "staff.add",
        "staff.pin_reset",
        "store.change",
        "store.setup",
    ]


def test_filters(make_shop: MakeShop) -> None:
    shop = _busy_shop(make_shop)

    def actions(search: AuditSearch) -> list[str]:
        return ours([r.action for r in search_audit(shop.station, search).rows])

    assert actions(AuditSearch(text="bia")) == ["staff.pin_reset", "staff.add"]
    assert actions(AuditSearch(text="Bela Vista")) == ["store.change"]
    assert actions(AuditSearch(text="marta")) == ["staff.pin_reset", "staff.add", "store.change"]
    assert actions(AuditSearch(text="100%_")) == []  # LIKE wildcards are literal
    assert actions(AuditSearch(action="staff.add")) == ["staff.add"]
    assert actions(AuditSearch(staff_id=shop.cashier_id)) == ["store.change"]
    assert actions(AuditSearch(staff_id=shop.admin_id)) == ["program.change", "store.setup"]
    assert actions(AuditSearch(since=date(2026, 3, 3), until=date(2026, 3, 3))) == [
        "staff.pin_reset",
        "staff.add",
    ]
    assert actions(AuditSearch(since=date(2026, 3, 4))) == ["program.change"]
    assert actions(AuditSearch(until=date(2026, 3, 2))) == ["store.change", "store.setup"]
    assert actions(AuditSearch(text="bia", since=date(2026, 3, 4))) == []


def test_day_bounds_are_the_stores_days(make_shop: MakeShop) -> None:
    """01:00 UTC on 3 March is still 2 March in São Paulo (UTC-3)."""
    shop = make_shop("salon")
    shop.clock.advance(hours=12)  # 13:00 UTC + 12 h = 01:00 UTC on 3 March
    update_store(
        shop.station, StoreData("Loja Noite"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    found = search_audit(shop.station, AuditSearch(action="store.change", until=date(2026, 3, 2)))
    assert found.total == 1
    none = search_audit(shop.station, AuditSearch(action="store.change", since=date(2026, 3, 3)))
    assert none.total == 0


def test_paging(make_shop: MakeShop) -> None:
    shop = _busy_shop(make_shop)
    total = search_audit(shop.station).total
    assert total >= 5
    first = search_audit(shop.station, page=0, page_size=2)
    second = search_audit(shop.station, page=1, page_size=2)
    rest = search_audit(shop.station, page=2, page_size=total)
    assert first.total == total and first.pages == -(-total // 2)
    assert len(first.rows) == len(second.rows) == 2
    assert rest.rows == []  # past the end
    others = [search_audit(shop.station, page=n, page_size=2).rows for n in range(2, first.pages)]
    paged = first.rows + second.rows + [row for rows in others for row in rows]
    assert [r.id for r in paged] == [r.id for r in search_audit(shop.station).rows]
