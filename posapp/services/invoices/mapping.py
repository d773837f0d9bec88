"""A committed sale's product lines as `fiscal.Nfce`: services stay out of the NFC-e.

Money stays in centavos. Cashback and vouchers used in the sale are the note's
`loyalty_cents` (tPag 19 or a discount, the accountant's choice in the settings).
In a sale with services too, the note covers the products only: the loyalty part
and the other payments are split in proportion (largest remainder, exact to the
centavo) and the change stays with the sale. Tax data are the item's as stored
now (the note is issued right after the sale commits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, Item, Sale, SaleLine
from fiscal import Card, Environment, Nfce, Payment
from fiscal import Item as FiscalItem
from fiscal.model import SEM_GTIN, TechResponsible
from fiscal.text import plain
from posapp.core.money import allocate
from posapp.core.pricing import LOYALTY_TENDERS, Tender
from posapp.services.invoices.settings import FiscalSettings
from posapp.services.payments.settings import settings_in
from posapp.services.payments.tenders import cards_in, pix_in

TPAG: dict[str, str] = {
    Tender.CASH.value: "01",
    Tender.CREDIT.value: "03",
    Tender.DEBIT.value: "04",
    Tender.PIX.value: "17",
}
"""posapp's tenders as NFC-e tPag (FISCAL_FACTS §6); cashback and vouchers are loyalty."""
STATIC_PIX = "20"
"""A Pix paid on the store's static code, confirmed by the cashier (NT 2024.002); 17 is
the dynamic charge the PSP confirmed."""
CARD_GROUP = frozenset({"03", "04", "17", STATIC_PIX})
"""Card and PIX payments carry the card group: the card's recorded details (brand, acquirer
CNPJ, cAut, tpIntegra), a dynamic Pix's PSP CNPJ and endToEndId (integrated), else
tpIntegra 2 alone (a terminal not integrated)."""


@dataclass(frozen=True)
class SaleForNote:
    """What the sale gives the note: None items means no product was sold."""

    sale_id: int
    items: tuple[FiscalItem, ...]
    payments: tuple[Payment, ...]
    loyalty_cents: int
    consumer_cpf: str

    @property
    def all_given(self) -> bool:
        """Every product was given: R$ 0,00 after its discounts."""
        return all(
            item.discount_cents >= item.quantity * item.unit_price_cents for item in self.items
        )


def _item(line: SaleLine, item: Item) -> FiscalItem:
    """The line as the note describes it. A name or SKU made only of characters the layout
    cannot carry (emoji) would be empty on the note and fail the XSD, leaving the sale
    without its NFC-e: the code falls back to the GTIN or the catalogue number, the name to
    "Produto <code>"."""
    code = plain(item.sku or "", 60) or item.gtin or str(item.id)
    return FiscalItem(
        code=code,
        description=plain(line.description, 120) or f"Produto {code}",
        ncm=item.ncm or "",
        cfop=item.cfop or "",
        unit=item.unit or "",
        quantity=Decimal(line.quantity),
        unit_price_cents=line.unit_price,
        gtin=item.gtin or SEM_GTIN,
        cest=item.cest or "",
        origin=item.origin if item.origin is not None else 0,
        csosn=item.csosn or "",
        cst=item.cst or "",
        discount_cents=line.line_discount + line.sale_discount_share,
    )


def sale_for_note(session: Session, sale_id: int) -> SaleForNote | None:
    """The sale's products and payments for its NFC-e; None when it sold no product.

    The consumer is the customer's CPF only when the sale says she answered yes to "CPF
    na nota?" (`Sale.cpf_on_note`, asked at payment): below the values where the law
    requires it, being named on the note is her choice, and a CPF given to the loyalty
    program is no consent to have her purchases reported under it (LGPD). Read from the
    sale, the choice holds for every issue of the note (contingency, a corrected resend)."""
    sale = session.get(Sale, sale_id)
    if sale is None:
        raise LookupError(f"sale {sale_id} not found")
    rows = session.execute(
        select(SaleLine, Item)
        .join(Item, Item.id == SaleLine.item_id)
        .where(SaleLine.sale_id == sale_id)
        .order_by(SaleLine.id)
    ).all()
    products = [(line, item) for line, item in rows if item.kind == "product"]
    if not products:
        return None
    product_total = sum(line.net for line, _ in products)
    loyalty = sum(p.amount for p in sale.payments if Tender(p.tender) in LOYALTY_TENDERS)
    others = [p for p in sale.payments if Tender(p.tender) not in LOYALTY_TENDERS]
    if product_total == sale.total:
        loyalty_share = loyalty
        amounts = [p.amount for p in others]
    else:
        loyalty_share = allocate(loyalty, [product_total, sale.total - product_total])[0]
        paid = [p.amount for p in others]
        change = sale.change  # given from the cash as a whole, whatever its pieces
        for i, p in enumerate(others):
            if p.tender == Tender.CASH.value and change:
                taken = min(change, paid[i])
                paid[i] -= taken
                change -= taken
        amounts = allocate(product_total - loyalty_share, paid) if paid else []
    groups = card_groups(session, sale_id)
    pix = pix_in(session, sale_id)
    static = pix.payment_id if pix is not None and not pix.dynamic else None
    codes = [STATIC_PIX if p.id == static else TPAG[p.tender] for p in others]
    payments = tuple(
        Payment(
            code,
            amount,
            card=groups.get(p.id, Card(integrated=False)) if code in CARD_GROUP else None,
        )
        for p, code, amount in zip(others, codes, amounts, strict=True)
        if amount > 0
    )
    customer = session.get(Customer, sale.customer_id) if sale.customer_id else None
    return SaleForNote(
        sale_id,
        tuple(_item(line, item) for line, item in products),
        payments,
        loyalty_share,
        customer.cpf if customer is not None and customer.cpf and sale.cpf_on_note else "",
    )


def card_groups(session: Session, sale_id: int) -> dict[int, Card]:
    """The card group of each card or dynamic Pix payment on record, by payment id."""
    groups: dict[int, Card] = {}
    for item in cards_in(session, sale_id):
        group = item.card.nfce_card()
        groups[item.payment_id] = Card(
            integrated=group["tpIntegra"] == "1",
            acquirer_cnpj=group.get("CNPJ", ""),
            brand=group["tBand"],
            authorization=group.get("cAut", ""),
        )
    pix = pix_in(session, sale_id)
    if pix is not None and pix.payment_id is not None and pix.dynamic and pix.end_to_end_id:
        groups[pix.payment_id] = Card(
            integrated=True,
            acquirer_cnpj=settings_in(session).psp_cnpj,
            authorization=pix.end_to_end_id,
        )
    return groups


def nfce_of(
    data: SaleForNote,
    settings: FiscalSettings,
    when: datetime,
    tech: TechResponsible | None = None,
) -> Nfce:
    """The note to issue (its number and contingency are set by the queue); `tech` is
    the responsável técnico (infRespTec), None when the store has not filled it."""
    return Nfce(
        emitter=settings.emitter(),
        environment=Environment(settings.environment),
        series=settings.series,
        number=0,
        issued_at=when.astimezone(ZoneInfo(settings.timezone)),
        items=data.items,
        payments=data.payments,
        loyalty_cents=data.loyalty_cents,
        loyalty_as=settings.loyalty_as,
        consumer_cpf=data.consumer_cpf,
        tech_responsible=tech,
    )
