"""A committed sale's service lines as `fiscal.nfse.Dps`; the products stay with the NFC-e.

vServ is the services' price (quantity x unit price); their line discounts and their
share of the sale discount are the unconditional discount. Cashback and vouchers are
ways of paying, not discounts: they stay out of the NFS-e as they stay out of the ISS
base. The taker is the customer when they have a CPF and said yes to "CPF na nota?"
(`Sale.cpf_on_note`, the cashier's one question for both of the sale's notes: a CPF given
to the loyalty program is no consent to have her purchases reported under it, LGPD).
When the salon works as salão-parceiro, each service line of a partner professional
states the professional's share of that line's net value (largest remainder, exact to
the centavo) as a deduction of type 9, so the salon's ISS base is its own share. The
share is the one the salon's own rules give (`salon.rules`, a "partner" rule: the same
figure as the professional's statement and the Z report, card fees included when the
rule says so); without such a rule, the share set with the partner's CPF in the NFS-e
settings. Withholding by the taker needs a taker: a sale to an unidentified consumer
(no CPF, or a no to "CPF na nota?") is never withheld.

A sale whose services were all given (every service line at R$ 0,00 after its
discounts: a courtesy) has no service to state: no price, no ISS base, and a DPS
needs a discount smaller than the service. It gets no NFS-e, as a sale without services;
the products keep their NFC-e. A free service beside paid ones is stated with them, its
price in vServ and in the unconditional discount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, Item, Sale, SaleLine, Staff
from fiscal import Environment
from fiscal.nfse import Dps, PartnerShare, Provider, SimplesOption, Taker, Withholding
from posapp.core.commission import WHOLE_BPS, Mode, card_fee, line_share, part
from posapp.services.invoices.settings import FiscalSettings
from posapp.services.nfse.settings import NfseSettings
from posapp.services.salon.rules import card_fees, rule_for, rules


@dataclass(frozen=True)
class ServiceLine:
    description: str
    quantity: int
    gross_cents: int
    discount_cents: int
    professional_id: int | None
    professional_name: str
    salon_share_cents: int | None = None
    """The partner's share by the salon's own partner rule (None: no such rule)."""


@dataclass(frozen=True)
class SaleServices:
    sale_id: int
    lines: tuple[ServiceLine, ...]
    taker: Taker | None
    sold_at: datetime
    """When the service was rendered: the DPS's competence is its local day."""


def services_of(session: Session, sale_id: int) -> SaleServices | None:
    """The sale's service lines, or None when it sold no service or gave every one."""
    sale = session.get(Sale, sale_id)
    if sale is None:
        return None
    rows = session.execute(
        select(SaleLine, Item, Staff)
        .join(Item, Item.id == SaleLine.item_id)
        .outerjoin(Staff, Staff.id == SaleLine.professional_id)
        .where(SaleLine.sale_id == sale_id, Item.kind == "service")
        .order_by(SaleLine.id)
    ).all()
    if not rows:
        return None
    table = rules(session)
    fees = card_fees(session)
    in_force = fees.at(sale.created_at)
    sale_fees = sum(card_fee(p.amount, in_force.get(p.tender, 0)) for p in sale.payments)
    lines = []
    for line, item, staff in rows:
        gross = line.quantity * line.unit_price
        share = None
        if line.professional_id is not None:
            rule = rule_for(table, line.professional_id, item.id, "service", sale.created_at)
            if rule is not None and rule.mode is Mode.PARTNER:
                share = line_share(rule, gross, line.net, sale.total, sale_fees).share
        lines.append(
            ServiceLine(
                line.description,
                line.quantity,
                gross,
                line.line_discount + line.sale_discount_share,
                line.professional_id,
                staff.name if staff is not None else "",
                share,
            )
        )
    if all(line.gross_cents <= line.discount_cents for line in lines):
        return None
    taker = None
    if sale.customer_id is not None:
        customer = session.get(Customer, sale.customer_id)
        if customer is not None and customer.cpf and sale.cpf_on_note:
            taker = Taker(customer.name, cpf=customer.cpf)
    return SaleServices(sale_id, tuple(lines), taker, sale.created_at)


def _partner_shares(services: SaleServices, settings: NfseSettings) -> tuple[PartnerShare, ...]:
    by_partner: dict[int, int] = {}
    for line in services.lines:
        partner = settings.partner(line.professional_id)
        if partner is None:
            continue
        net = line.gross_cents - line.discount_cents
        share = line.salon_share_cents
        if share is None:
            share = part(net, partner.share_bp, WHOLE_BPS)
        by_partner[partner.staff_id] = by_partner.get(partner.staff_id, 0) + share
    names = {line.professional_id: line.professional_name for line in services.lines}
    shares = []
    for staff_id, cents in by_partner.items():
        partner = settings.partner(staff_id)
        assert partner is not None
        if cents > 0:
            shares.append(
                PartnerShare(
                    partner.cpf,
                    names.get(staff_id) or f"Profissional {staff_id}",
                    cents,
                    partner.contract,
                    date.fromisoformat(partner.contract_date),
                )
            )
    return tuple(shares)


def dps_of(
    services: SaleServices,
    settings: NfseSettings,
    fiscal: FiscalSettings,
    series: int,
    number: int,
    now: datetime,
) -> Dps:
    description = "; ".join(
        f"{line.quantity} x {line.description}" if line.quantity != 1 else line.description
        for line in services.lines
    )
    timezone = ZoneInfo(fiscal.timezone)
    return Dps(
        provider=Provider(
            fiscal.cnpj, settings.im, fiscal.city_code, SimplesOption(settings.simples)
        ),
        environment=Environment(fiscal.environment),
        series=series,
        number=number,
        issued_at=now.astimezone(timezone),
        service_date=services.sold_at.astimezone(timezone).date(),
        national_code=settings.national_code,
        municipal_code=settings.municipal_code,
        description=description,
        service_cents=sum(line.gross_cents for line in services.lines),
        discount_cents=sum(line.discount_cents for line in services.lines),
        iss_rate_bp=settings.iss_rate_bp,
        withholding=(
            Withholding.BY_TAKER
            if settings.withheld and services.taker is not None
            else Withholding.NOT_WITHHELD
        ),
        taker=services.taker,
        partners=_partner_shares(services, settings),
    )
