"""Who may see which figures of the day, decided here from the viewer's role in the database.

- **Administração, Gerente**: everything: the X report, the Z reports, every person's
  sales and every professional's production (the commission base).
- **Caixa**: the takings they count and close: the X report and this counter's Z
  reports, without the per-person sections (who sold how much, each professional's
  production): pay and commission are the manager's business.
- **Profissional**: only their own production of the day (each service they did, how
  many, its net after refunds), never the store's takings, the drawer or a Z report.

The screens ask through these functions with the signed-in person's id; the role is
read again from the staff table, so a screen cannot widen it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from sqlalchemy import and_, func, select

from db.models import Refund, RefundLine, Sale, SaleLine, table_of
from posapp.core.errors import NotAuthorized
from posapp.services.cash.report_output import Row, Section
from posapp.services.cash.reports import Figure, Report, stored_z, x_report
from posapp.services.common.auth import Role, acting_staff
from posapp.services.common.local_day import day_bounds, local_day, store_timezone
from posapp.services.common.station import Station

_SALE, _LINE = table_of(Sale), table_of(SaleLine)
_REFUND, _RLINE = table_of(Refund), table_of(RefundLine)


class Scope(StrEnum):
    EVERYTHING = "everything"
    TAKINGS = "takings"
    OWN_PRODUCTION = "own_production"


SCOPE_OF_ROLE: dict[Role, Scope] = {
    Role.ADMIN: Scope.EVERYTHING,
    Role.MANAGER: Scope.EVERYTHING,
    Role.CASHIER: Scope.TAKINGS,
    Role.PROFESSIONAL: Scope.OWN_PRODUCTION,
}


@dataclass(frozen=True, slots=True)
class Production:
    """One professional's services of one local day (net after that day's refunds)."""

    name: str
    day: date
    services: tuple[Figure, ...]
    """Per service: its name, how many, its net."""

    @property
    def count(self) -> int:
        return sum(f.count for f in self.services)

    @property
    def net(self) -> int:
        return sum(f.amount for f in self.services)


def scope_of(station: Station, viewer_id: int) -> Scope:
    with station.read() as session:
        return SCOPE_OF_ROLE[acting_staff(session, viewer_id).role]


def _trimmed(report: Report, scope: Scope) -> Report:
    if scope is Scope.EVERYTHING:
        return report
    if scope is Scope.TAKINGS:
        return replace(
            report, staff=(), professionals=(), partner_shares=(), commissions=(), tips=()
        )
    raise NotAuthorized(action="ver o caixa da loja")


def x_report_for(station: Station, viewer_id: int, day: date | None = None) -> Report:
    """The X report as `viewer_id` may see it; a professional is refused (NotAuthorized)."""
    return _trimmed(x_report(station, day), scope_of(station, viewer_id))


def stored_z_for(station: Station, viewer_id: int, z_id: int) -> Report:
    """A stored Z as `viewer_id` may see it; a professional is refused (NotAuthorized)."""
    scope = scope_of(station, viewer_id)
    if scope is Scope.OWN_PRODUCTION:
        raise NotAuthorized(action="ver as reduções Z")
    return _trimmed(stored_z(station, z_id), scope)


def own_production(station: Station, viewer_id: int, day: date | None = None) -> Production:
    """What `viewer_id` did as the professional of service lines on this counter's day."""
    with station.read() as session:
        viewer = acting_staff(session, viewer_id)
        timezone = store_timezone(session)
        day = day or local_day(station.now(), timezone)
        start, end = day_bounds(day, timezone)
        terminal_id = station.terminal(session).id
        c = session.connection()
        mine = and_(_LINE.c.professional_id == viewer.id, _SALE.c.terminal_id == terminal_id)
        done = c.execute(
            select(_LINE.c.description, func.sum(_LINE.c.quantity), func.sum(_LINE.c.net))
            .select_from(_LINE.join(_SALE, _SALE.c.id == _LINE.c.sale_id))
            .where(mine, _SALE.c.created_at >= start, _SALE.c.created_at < end)
            .group_by(_LINE.c.description)
        ).all()
        returned = dict(
            c.execute(
                select(_LINE.c.description, func.sum(_RLINE.c.amount))
                .select_from(
                    _RLINE.join(_REFUND, _REFUND.c.id == _RLINE.c.refund_id)
                    .join(_LINE, _LINE.c.id == _RLINE.c.sale_line_id)
                    .join(_SALE, _SALE.c.id == _LINE.c.sale_id)
                )
                .where(mine, _REFUND.c.created_at >= start, _REFUND.c.created_at < end)
                .group_by(_LINE.c.description)
            ).all()
        )
        counts = {name: (int(qty or 0), int(net or 0)) for name, qty, net in done}
        names = set(counts) | set(returned)
        services = tuple(
            sorted(
                (
                    Figure(
                        name,
                        counts.get(name, (0, 0))[0],
                        counts.get(name, (0, 0))[1] - int(returned.get(name) or 0),
                    )
                    for name in names
                ),
                key=lambda f: (-f.amount, f.name),
            )
        )
        return Production(viewer.name, day, services)


_TEXT = {
    "title": ("Minha produção — {name}", "My production — {name}"),
    "day": ("Dia", "Day"),
    "services": ("Serviços", "Services"),
    "total": ("Total", "Total"),
    "none": ("Nenhum serviço hoje", "No services today"),
}


def production_sections(production: Production, locale: str) -> list[Section]:
    """The production as the report table and paper show sections."""

    def t(key: str, **values: object) -> str:
        pt, en = _TEXT[key]
        return (pt if locale.startswith("pt") else en).format(**values)

    header = Section(
        t("title", name=production.name), (Row(t("day"), note=production.day.strftime("%d/%m/%Y")),)
    )
    rows = tuple(Row(f.name, f.count, f.amount) for f in production.services)
    total = Row(t("total"), production.count, production.net)
    return [header, Section(t("services"), (*rows, total) if rows else (Row(t("none")),))]
