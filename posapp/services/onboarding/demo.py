"""A demo shop: a salon + pharmacy catalogue, staff, customers and 90 days of sales.

Every sale goes through the real `checkout` service at its own moment (a clock
this module moves), so the ledger, the vouchers, the balances and the outbox
are exactly what a counter would have written. Customers are bulk-inserted in
one transaction so that large databases (100 000 customers) fill quickly.

Everything is drawn from `random.Random(seed)`: the same seed gives the same
catalogue, people, baskets and payments. Only UUIDs, referral codes and voucher
codes (made by the services with `secrets`) differ from run to run.

All people are fictitious: e-mails use the reserved domain example.com; CPFs and
mobile numbers are random valid numbers and may belong to real people, so a
demo database must never be used to send messages.
"""

from __future__ import annotations

import bisect
import json
import random
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, cast

from sqlalchemy import Engine, Table, event, func, insert, select

from db.engine import make_engine, session_factories
from db.models import Customer, Item, OutboxEvent, Sale
from posapp.core.codes import new_referral_code
from posapp.core.cpf import generate_cpf
from posapp.core.gtin import generate_ean13
from posapp.core.money import allocate, percent_of
from posapp.core.phone import generate_mobile
from posapp.core.presets import PRESETS, preset
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram
from posapp.services.admin.store_setup import is_set_up, set_up_store
from posapp.services.cash.shifts import (
    DENOMINATIONS,
    cash_figures,
    close_shift,
    open_shift,
    open_shift_id,
)
from posapp.services.common.auth import Role, add_staff
from posapp.services.common.station import Station
from posapp.services.customers.registry import account
from posapp.services.messages.config import mark_demo_database
from posapp.services.sales import catalog
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout

HISTORY_DAYS = 90
DEFAULT_SALES = 600
DEFAULT_STORE_NAME = "Bela Vista Salão & Farmácia"
DEFAULT_ADMIN_PIN = "0000"
BRT = timezone(timedelta(hours=-3), "BRT")
"""Brasília time (no daylight saving since 2019): opening hours are local."""
OPENING, CLOSING = time(9, 0), time(19, 0)
DAY_WEIGHTS = (6, 9, 10, 11, 14, 16, 0)
"""Monday to Sunday: busier towards the weekend, closed on Sunday."""


# -- what the demo publishes -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoStaff:
    name: str
    role: Role
    pin: str
    specialty: str | None = None


@dataclass(frozen=True, slots=True)
class DemoSummary:
    store_name: str
    program_key: str
    created_store: bool
    """False when the database already had a store (its admin PIN is not ours to know)."""
    staff: tuple[DemoStaff, ...]
    customers: int
    referred_customers: int
    products: int
    services: int
    categories: int
    sales: int
    first_sale_at: datetime | None
    last_sale_at: datetime | None

    @property
    def pins(self) -> dict[str, str]:
        """The demo PIN of each role (the first person of the role)."""
        pins: dict[str, str] = {}
        for person in self.staff:
            pins.setdefault(person.role.value, person.pin)
        return pins


# -- the catalogue -----------------------------------------------------------------

CATEGORIES: dict[str, str] = {
    "servicos-cabelo": "Serviços de cabelo",
    "servicos-unhas": "Serviços de unhas",
    "servicos-estetica": "Serviços de estética",
    "medicamentos": "Medicamentos",
    "vitaminas": "Vitaminas e suplementos",
    "primeiros-socorros": "Primeiros socorros",
    "higiene": "Higiene pessoal",
    "infantil": "Infantil",
    "dermocosmeticos": "Dermocosméticos",
    "cabelos": "Cabelos",
    "unhas": "Unhas",
    "maquiagem": "Maquiagem",
}

HAIR, NAILS, BEAUTY = "servicos-cabelo", "servicos-unhas", "servicos-estetica"

TAX_DATA: dict[str, tuple[str, str, str, str]] = {
    "medicamentos": ("30049099", "1300100", "5405", "500"),
    "vitaminas": ("21069030", "", "5102", "102"),
    "primeiros-socorros": ("30059090", "", "5102", "102"),
    "higiene": ("33051000", "", "5102", "102"),
    "infantil": ("96190000", "", "5102", "102"),
    "dermocosmeticos": ("33049990", "", "5102", "102"),
    "cabelos": ("33059000", "", "5102", "102"),
    "unhas": ("33043000", "", "5102", "102"),
    "maquiagem": ("33049990", "", "5102", "102"),
}
"""The demo products' NFC-e data by category (NCM, CEST, CFOP, CSOSN) for a Simples
Nacional store: medicines under ICMS-ST (CFOP 5405, CSOSN 500), the rest 5102/102."""

SERVICES: tuple[tuple[str, int, int, str], ...] = (
    # name, price (centavos), duration (minutes), category
    ("Corte feminino", 8_000, 60, HAIR),
    ("Corte masculino", 4_500, 30, HAIR),
    ("Corte infantil", 4_000, 30, HAIR),
    ("Escova", 5_000, 45, HAIR),
    ("Escova progressiva", 25_000, 180, HAIR),
    ("Coloração", 15_000, 120, HAIR),
    ("Retoque de raiz", 9_000, 90, HAIR),
    ("Mechas", 28_000, 180, HAIR),
    ("Luzes", 25_000, 180, HAIR),
    ("Hidratação", 7_000, 45, HAIR),
    ("Cauterização", 12_000, 60, HAIR),
    ("Penteado", 12_000, 60, HAIR),
    ("Barba", 3_500, 30, HAIR),
    ("Manicure", 3_500, 40, NAILS),
    ("Pedicure", 4_000, 50, NAILS),
    ("Manicure e pedicure", 7_000, 90, NAILS),
    ("Esmaltação em gel", 8_000, 60, NAILS),
    ("Alongamento de unhas em gel", 18_000, 120, NAILS),
    ("Spa dos pés", 6_000, 45, NAILS),
    ("Design de sobrancelha", 4_500, 30, BEAUTY),
    ("Design de sobrancelha com henna", 6_000, 40, BEAUTY),
    ("Depilação de buço", 2_000, 15, BEAUTY),
    ("Depilação de perna inteira", 7_000, 45, BEAUTY),
    ("Limpeza de pele", 15_000, 90, BEAUTY),
    ("Maquiagem social", 15_000, 60, BEAUTY),
)

LABS = ("Farmalife", "Vitalis", "Pharmanova", "Genérica Brasil", "Labmed")
VITAMINS = ("Vitalis", "Nutrivida", "Farmalife", "Bem Viver")
CARE = ("Puro Cuidado", "Fresquinho", "Sorriso", "Naturalle")
COSMETICS = ("Bela Flor", "Naturalle", "Brisa do Mar", "Dermavita", "Lumière")
HAIRCARE = ("Bela Flor", "Cacheada", "Naturalle", "Brisa do Mar", "Lumière")
NAILCARE = ("Unha Linda", "Cor & Arte", "Bela Flor", "Lumière")
HAIR_LINES = ("Hidratação", "Reconstrução", "Cachos", "Liso Perfeito", "Antiqueda", "Anticaspa")
POLISH = (
    "Vermelho Paixão",
    "Nude Rosé",
    "Branco Nuvem",
    "Preto Ônix",
    "Rosa Chiclete",
    "Vinho Bordô",
    "Azul Marinho",
)
SHADES = ("Clara", "Média", "Morena", "Escura")
LIPSTICK = ("Vermelho Clássico", "Nude", "Rosa Queimado", "Vinho", "Coral")
DYES = ("Preto 1.0", "Castanho Médio 4.0", "Louro Claro 8.0", "Louro Muito Claro 9.1", "Ruivo 7.44")


@dataclass(frozen=True, slots=True)
class _Template:
    """A kind of product: its name, category, price range in reais, brands and variants.

    A product is `name [line] brand variant`; later variants are larger packs
    and cost more.
    """

    name: str
    category: str
    reais: tuple[int, int]
    brands: tuple[str, ...]
    variants: tuple[str, ...]
    lines: tuple[str, ...] = ("",)


def _t(
    name: str,
    category: str,
    low: int,
    high: int,
    brands: tuple[str, ...],
    variants: str,
    lines: tuple[str, ...] = ("",),
) -> _Template:
    return _Template(name, category, (low, high), brands, tuple(variants.split("|")), lines)


MED, VIT, AID, HYG, KID = "medicamentos", "vitaminas", "primeiros-socorros", "higiene", "infantil"
DERM, HAIRP, NAILP, MAKE = "dermocosmeticos", "cabelos", "unhas", "maquiagem"

TEMPLATES: tuple[_Template, ...] = (
    _t("Dipirona Sódica 500 mg", MED, 5, 12, LABS, "10 comprimidos|20 comprimidos"),
    _t("Dipirona Sódica gotas 500 mg/ml", MED, 6, 14, LABS, "10 ml|20 ml"),
    _t("Paracetamol 750 mg", MED, 6, 15, LABS, "10 comprimidos|20 comprimidos"),
    _t("Ibuprofeno 400 mg", MED, 9, 19, LABS, "10 cápsulas|20 cápsulas"),
    _t("Ibuprofeno 600 mg", MED, 12, 24, LABS, "10 comprimidos|20 comprimidos"),
    _t("Loratadina 10 mg", MED, 8, 18, LABS, "12 comprimidos"),
    _t("Omeprazol 20 mg", MED, 9, 25, LABS, "14 cápsulas|28 cápsulas"),
    _t("Losartana Potássica 50 mg", MED, 7, 20, LABS, "30 comprimidos"),
    _t("Simeticona 40 mg", MED, 6, 14, LABS, "20 comprimidos"),
    _t("Nimesulida 100 mg", MED, 7, 16, LABS, "12 comprimidos"),
    _t("Xarope de Guaco", MED, 12, 22, LABS, "100 ml|150 ml"),
    _t("Soro Fisiológico 0,9%", MED, 5, 10, LABS, "250 ml|500 ml"),
    _t("Vitamina C 1 g efervescente", VIT, 14, 29, VITAMINS, "10 comprimidos|30 comprimidos"),
    _t("Vitamina D3 2.000 UI", VIT, 19, 45, VITAMINS, "30 cápsulas|60 cápsulas"),
    _t("Polivitamínico A-Z", VIT, 24, 49, VITAMINS, "30 comprimidos|60 comprimidos"),
    _t("Ômega 3 1.000 mg", VIT, 29, 59, VITAMINS, "60 cápsulas|120 cápsulas"),
    _t("Colágeno Hidrolisado", VIT, 39, 79, VITAMINS, "250 g|300 g"),
    _t("Curativo adesivo", AID, 5, 12, CARE, "10 unidades|40 unidades"),
    _t("Álcool em gel 70%", AID, 6, 12, CARE, "100 ml|500 ml"),
    _t("Gaze estéril", AID, 4, 9, CARE, "10 unidades"),
    _t("Termômetro digital", AID, 19, 39, CARE, "1 unidade"),
    _t("Sabonete líquido", HYG, 9, 19, CARE + COSMETICS, "250 ml|400 ml"),
    _t("Sabonete em barra", HYG, 2, 5, CARE + COSMETICS, "90 g|4 x 90 g"),
    _t("Creme dental", HYG, 4, 9, CARE, "90 g|3 x 90 g"),
    _t("Escova dental macia", HYG, 6, 14, CARE, "1 unidade|2 unidades"),
    _t("Fio dental", HYG, 5, 10, CARE, "50 m|100 m"),
    _t("Enxaguante bucal", HYG, 12, 22, CARE, "250 ml|500 ml"),
    _t("Desodorante aerosol", HYG, 12, 19, CARE + COSMETICS, "150 ml"),
    _t("Desodorante roll-on", HYG, 9, 16, CARE + COSMETICS, "50 ml"),
    _t("Absorvente com abas", HYG, 5, 12, CARE, "8 unidades|16 unidades"),
    _t("Lenço umedecido", KID, 9, 16, CARE, "50 unidades|100 unidades"),
    _t("Fralda infantil", KID, 39, 69, CARE, "P com 30|M com 28|G com 24|XG com 22"),
    _t("Shampoo infantil", KID, 12, 22, CARE + COSMETICS, "200 ml|400 ml"),
    _t("Protetor solar FPS 50", DERM, 39, 79, COSMETICS, "60 ml|120 ml|200 ml"),
    _t("Protetor solar facial FPS 60", DERM, 49, 89, COSMETICS, "50 g"),
    _t("Hidratante corporal", DERM, 19, 45, COSMETICS, "200 ml|400 ml"),
    _t("Hidratante facial", DERM, 39, 89, COSMETICS, "50 g"),
    _t("Sérum vitamina C", DERM, 69, 129, COSMETICS, "30 ml"),
    _t("Água micelar", DERM, 25, 49, COSMETICS, "100 ml|200 ml"),
    _t("Sabonete facial", DERM, 29, 59, COSMETICS, "150 ml"),
    _t("Creme para mãos", DERM, 12, 25, COSMETICS, "50 g|75 g"),
    _t("Shampoo", HAIRP, 14, 39, HAIRCARE, "300 ml|1 L", HAIR_LINES),
    _t("Condicionador", HAIRP, 15, 42, HAIRCARE, "300 ml|1 L", HAIR_LINES),
    _t("Máscara capilar", HAIRP, 24, 59, HAIRCARE, "250 g|500 g", HAIR_LINES),
    _t("Leave-in", HAIRP, 19, 45, HAIRCARE, "150 ml", HAIR_LINES),
    _t("Óleo capilar", HAIRP, 24, 55, HAIRCARE, "60 ml"),
    _t("Tintura creme", HAIRP, 14, 29, HAIRCARE, "kit", DYES),
    _t("Esmalte cremoso", NAILP, 5, 12, NAILCARE, "8 ml", POLISH),
    _t("Base fortalecedora", NAILP, 8, 16, NAILCARE, "8 ml"),
    _t("Removedor de esmalte", NAILP, 5, 11, NAILCARE, "100 ml"),
    _t("Lixa de unha", NAILP, 3, 8, NAILCARE, "12 unidades"),
    _t("Alicate de cutícula", NAILP, 25, 59, NAILCARE, "1 unidade"),
    _t("Batom matte", MAKE, 19, 49, COSMETICS, "3,5 g", LIPSTICK),
    _t("Máscara de cílios", MAKE, 29, 69, COSMETICS, "8 ml"),
    _t("Base líquida", MAKE, 39, 89, COSMETICS, "30 ml", SHADES),
    _t("Pó compacto", MAKE, 29, 59, COSMETICS, "10 g", SHADES),
    _t("Lápis de olho", MAKE, 12, 29, COSMETICS, "1,2 g", ("Preto", "Marrom")),
)

# -- the people --------------------------------------------------------------------

FEMALE = (
    "Ana", "Maria", "Juliana", "Fernanda", "Patrícia", "Aline", "Camila", "Amanda", "Bruna",
    "Jéssica", "Letícia", "Larissa", "Mariana", "Gabriela", "Beatriz", "Luana", "Vanessa",
    "Carla", "Daniela", "Renata", "Simone", "Cláudia", "Tatiane", "Natália", "Raquel",
    "Priscila", "Sônia", "Luciana", "Débora", "Conceição", "Helena", "Isabela", "Lívia",
    "Valéria", "Rosângela", "Márcia", "Thaís", "Andréia", "Cristiane", "Giovana",
)  # fmt: skip
MALE = (
    "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz",
    "Marcos", "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe",
    "Rodrigo", "Gustavo", "Fábio", "André", "Leandro", "Thiago", "Márcio", "Sérgio",
)  # fmt: skip
SURNAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
    "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares",
    "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira",
    "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves",
    "Santana", "Teixeira", "Araújo", "Cavalcanti", "Monteiro", "Moura", "Correia", "Pinto",
    "Castro", "Campos", "Brandão", "Assunção", "Magalhães", "Falcão", "Sampaio", "Damasceno",
)  # fmt: skip

STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("Marta Gerente", Role.MANAGER, "1234"),
    DemoStaff("Carlos Caixa", Role.CASHIER, "1111"),
    DemoStaff("Bianca Caixa", Role.CASHIER, "1112"),
    DemoStaff("Rosa Cabeleireira", Role.PROFESSIONAL, "2222", HAIR),
    DemoStaff("Júlio Cabeleireiro", Role.PROFESSIONAL, "2223", HAIR),
    DemoStaff("Paula Manicure", Role.PROFESSIONAL, "2224", NAILS),
    DemoStaff("Neide Manicure", Role.PROFESSIONAL, "2225", NAILS),
    DemoStaff("Iara Esteticista", Role.PROFESSIONAL, "2226", BEAUTY),
)
ADMIN = DemoStaff("Ana Admin", Role.ADMIN, DEFAULT_ADMIN_PIN)


# -- filling -----------------------------------------------------------------------


class _Clock:
    """The moment the demo is writing at; moved forward sale by sale."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@dataclass(frozen=True, slots=True)
class _CatalogItem:
    id: int
    price: int
    category: str


@dataclass(frozen=True, slots=True)
class _Catalogue:
    services: dict[str, list[_CatalogItem]]
    """By category."""
    products: list[_CatalogItem]


def fill_demo(
    station: Station,
    *,
    customers: int = 200,
    products: int = 300,
    seed: int = 7,
    sales: int | None = None,
    preset_key: str = "salon",
    store_name: str = DEFAULT_STORE_NAME,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill `station`'s database with a demo shop, setting the store up first if needed.

    `sales` defaults to DEFAULT_SALES, spread over the last HISTORY_DAYS days
    before `now` (by default the station's clock), in opening hours.
    """
    if min(customers, products) < 0 or (sales is not None and sales < 0):
        raise ValueError("counts cannot be negative")
    if preset_key not in PRESETS:
        raise ValueError(f"unknown preset {preset_key!r}; known: {', '.join(sorted(PRESETS))}")
    sales = DEFAULT_SALES if sales is None else sales
    rng = random.Random(seed)
    end = (now or station.now()).astimezone(UTC)
    start = _local_midnight(end) - timedelta(days=HISTORY_DAYS)
    opened = start - timedelta(days=HISTORY_DAYS * 2)
    clock = _Clock(opened)
    engine = _fast_engine(station)
    reader, writer = session_factories(engine)
    demo = replace(station, engine=engine, reader=reader, writer=writer, clock=clock)
    try:
        created = not is_set_up(demo)
        if created:
            set_up_store(
                demo,
                name=store_name,
                program=preset(preset_key),
                admin_name=ADMIN.name,
                admin_pin=ADMIN.pin,
            )
        with demo.write() as session:
            mark_demo_database(session)  # made-up people: this database never sends messages
        with demo.read() as session:
            store = demo.store(session)
            name, program = store.name, demo.program(session)
        staff_ids = _add_staff(demo, clock())
        catalogue = _add_catalogue(demo, rng, products)
        enrolled, referred = _add_customers(demo, rng, customers, opened, end)
        made = _add_sales(
            demo, clock, rng, program, catalogue, staff_ids, enrolled, start, end, sales
        )
    finally:
        engine.dispose()
    return DemoSummary(
        store_name=name,
        program_key=program.key,
        created_store=created,
        staff=((ADMIN,) if created else ()) + STAFF,
        customers=len(enrolled),
        referred_customers=referred,
        products=len(catalogue.products),
        services=sum(len(group) for group in catalogue.services.values()),
        categories=len(CATEGORIES),
        sales=len(made),
        first_sale_at=made[0] if made else None,
        last_sale_at=made[-1] if made else None,
    )


def _fast_engine(station: Station) -> Engine:
    """An engine of its own for the fill, committing without waiting for the disk.

    In WAL mode `synchronous=NORMAL` still never corrupts the database; a power
    cut may only lose the last demo sales. The counter's own engine keeps FULL.
    """
    engine = make_engine(station.path)

    @event.listens_for(engine, "connect")
    def _relaxed(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    return engine


def _local_midnight(moment: datetime) -> datetime:
    local = moment.astimezone(BRT)
    return datetime.combine(local.date(), time(0), BRT).astimezone(UTC)


def _add_staff(station: Station, now: datetime) -> dict[str, list[int]]:
    """The demo staff; returns their ids by role and, for professionals, by specialty."""
    ids: dict[str, list[int]] = {}
    with station.write() as session:
        for person in STAFF:
            staff = add_staff(session, person.name, person.role, person.pin, now)
            ids.setdefault(person.role.value, []).append(staff.id)
            if person.specialty:
                ids.setdefault(person.specialty, []).append(staff.id)
    return ids


def _add_catalogue(station: Station, rng: random.Random, count: int) -> _Catalogue:
    services: dict[str, list[_CatalogItem]] = {}
    made: list[_CatalogItem] = []
    with station.write() as session:
        for code, label in CATEGORIES.items():
            catalog.category(session, code, label)
        taken_gtins = set(session.scalars(select(Item.gtin).where(Item.gtin.is_not(None))))
        for index, (name, price, minutes, code) in enumerate(SERVICES, start=1):
            sku = f"SRV-{index:03d}"
            existing = session.scalars(select(Item).where(Item.sku == sku)).first()
            item = existing or catalog.add_item(
                session,
                name=name,
                price=price,
                kind=catalog.SERVICE,
                sku=sku,
                category_code=code,
                duration_min=minutes,
            )
            services.setdefault(code, []).append(_CatalogItem(item.id, item.price, code))
        for name, price, code in _product_names(rng, count):
            gtin = generate_ean13(rng, "789")
            while gtin in taken_gtins:
                gtin = generate_ean13(rng, "789")
            taken_gtins.add(gtin)
            item = catalog.add_item(session, name=name, price=price, gtin=gtin, category_code=code)
            item.ncm, cest, item.cfop, item.csosn = TAX_DATA[code]
            item.cest, item.origin, item.unit = cest or None, 0, "UN"
            made.append(_CatalogItem(item.id, price, code))
    return _Catalogue(services, made)


def _product_names(rng: random.Random, count: int) -> Iterator[tuple[str, int, str]]:
    """`count` (name, price, category) triples, in a seeded order over every template.

    Past the number of distinct products the templates describe, packs of 2, 3...
    of the same products follow.
    """
    combos = [
        (template, line, brand, index)
        for template in TEMPLATES
        for line in template.lines
        for brand in dict.fromkeys(template.brands)
        for index in range(len(template.variants))
    ]
    rng.shuffle(combos)
    made = 0
    pack = 1
    while made < count:
        for template, line, brand, index in combos:
            if made == count:
                return
            low, high = template.reais
            reais = rng.randint(low, high) * (100 + 40 * index) // 100
            price = (reais * pack * 9 // 10 if pack > 1 else reais) * 100 + 90
            parts = [template.name, line, brand, template.variants[index]]
            name = " ".join(part for part in parts if part)
            yield (f"Kit {pack} un. {name}" if pack > 1 else name), price, template.category
            made += 1
        pack += 1


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalnum()
    ).lower()


def _add_customers(
    station: Station,
    rng: random.Random,
    count: int,
    since: datetime,
    until: datetime,
) -> tuple[list[tuple[datetime, int]], int]:
    """Insert `count` customers in one transaction; returns (enrolled at, id) sorted, referred."""
    if count == 0:
        return [], 0
    span = (until - since).total_seconds()
    moments = sorted(since + timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
    rows: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    referred = 0
    with station.write() as session:
        first_id = (session.scalar(select(func.max(Customer.id))) or 0) + 1
        taken_cpfs = {cpf for cpf in session.scalars(select(Customer.cpf)) if cpf}
        taken_phones = {phone for phone in session.scalars(select(Customer.phone)) if phone}
        taken_codes = set(session.scalars(select(Customer.referral_code)))
        for offset, moment in enumerate(moments):
            customer_id = first_id + offset
            female = rng.random() < 0.72
            first = rng.choice(FEMALE if female else MALE)
            surnames = rng.sample(SURNAMES, 2 if rng.random() < 0.6 else 1)
            name = " ".join([first, *surnames])
            identity = rng.random()
            cpf = phone = None
            if identity < 0.85:
                cpf = _fresh(lambda: generate_cpf(rng), taken_cpfs)
            if identity >= 0.6:
                phone = _fresh(lambda: generate_mobile(rng), taken_phones)
            email = None
            if rng.random() < 0.4:
                email = f"{_fold(first)}.{_fold(surnames[-1])}{rng.randint(1, 999)}@example.com"
            birthday = date(rng.randint(1950, 2008), rng.randint(1, 12), rng.randint(1, 28))
            consent = rng.random() < 0.55
            referrer_id = None
            if offset > 10 and rng.random() < 0.12:
                referrer_id = first_id + rng.randrange(offset)
                referred += 1
            code = new_referral_code(name)
            while code in taken_codes:
                code = new_referral_code(name)
            taken_codes.add(code)
            customer_uuid = str(uuid.uuid4())
            rows.append(
                {
                    "id": customer_id,
                    "uuid": customer_uuid,
                    "cpf": cpf,
                    "phone": phone,
                    "name": name,
                    "email": email,
                    "birthday": birthday,
                    "marketing_consent": consent,
                    "consent_at": moment if consent else None,
                    "consent_changed_at": moment if consent else None,
                    "details_changed_at": moment,
                    "referral_code": code,
                    "referred_by_id": referrer_id,
                    "created_at": moment,
                }
            )
            events.append(
                {
                    "uuid": str(uuid.uuid4()),
                    "kind": "customer.enrolled",
                    "created_at": moment,
                    "payload": json.dumps(
                        {
                            "customer": customer_uuid,
                            "name": name,
                            "cpf": cpf,
                            "phone": phone,
                            "email": email,
                            "consent": consent,
                            "referred_by": rows[referrer_id - first_id]["uuid"]
                            if referrer_id
                            else None,
                            "staff_id": None,
                        },
                        ensure_ascii=False,
                        sort_keys=True,
                    ),
                }
            )
        # Core inserts: one executemany each (the ORM's bulk path splits the rows
        # into small batches by which columns are None).
        session.execute(insert(cast(Table, Customer.__table__)), rows)
        session.execute(insert(cast(Table, OutboxEvent.__table__)), events)
    return [(row["created_at"], row["id"]) for row in rows], referred


def _fresh(make: Callable[[], str], taken: set[str]) -> str:
    value: str = make()
    while value in taken:
        value = make()
    taken.add(value)
    return value


def _sale_moments(rng: random.Random, start: datetime, end: datetime, count: int) -> list[datetime]:
    """`count` moments in opening hours on the open days from `start` to the day before `end`."""
    first_day = start.astimezone(BRT).date()
    last_day = end.astimezone(BRT).date() - timedelta(days=1)
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    weights = [DAY_WEIGHTS[day.weekday()] for day in days]
    if count == 0 or not any(weights):
        return []
    per_day = allocate(count, weights)
    opening = OPENING.hour * 3600
    length = (CLOSING.hour - OPENING.hour) * 3600
    moments: list[datetime] = []
    for day, n in zip(days, per_day, strict=True):
        midnight = datetime.combine(day, time(0), BRT)
        seconds = sorted(opening + rng.randrange(length) for _ in range(n))
        moments += [(midnight + timedelta(seconds=s)).astimezone(UTC) for s in seconds]
    return moments


def _add_sales(
    station: Station,
    clock: _Clock,
    rng: random.Random,
    program: LoyaltyProgram,
    catalogue: _Catalogue,
    staff: dict[str, list[int]],
    enrolled: list[tuple[datetime, int]],
    start: datetime,
    end: datetime,
    count: int,
) -> list[datetime]:
    if not catalogue.products and not catalogue.services:
        _DemoShifts(station, clock, staff).finish(end)
        return []
    salon_share = {"salon": 0.65, "pharmacy": 0.15}.get(program.segment, 0.4)
    counters = staff[Role.CASHIER.value] + staff[Role.MANAGER.value]
    enrolled_at = [moment for moment, _ in enrolled]
    made: list[datetime] = []
    shifts = _DemoShifts(station, clock, staff)
    for moment in _sale_moments(rng, start, end, count):
        shifts.before_sale(moment)
        clock.moment = moment
        customer_id = None
        known = bisect.bisect_right(enrolled_at, moment)
        if known and rng.random() < 0.7:
            # Older customers come back more often: skew the pick towards them.
            customer_id = enrolled[int(known * rng.random() ** 2)][1]
        if catalogue.services and (not catalogue.products or rng.random() < salon_share):
            lines = _salon_basket(rng, catalogue, staff)
        else:
            lines = _pharmacy_basket(rng, catalogue)
        gross = sum(price * line.quantity for line, price in lines)
        requests = [line for line, _ in lines]
        if rng.random() < 0.08 and requests:
            first, price = lines[0]
            requests[0] = replace(first, discount=percent_of(price * first.quantity, 500))
        total = gross - (requests[0].discount if requests else 0)
        payments = _payments(station, rng, program, customer_id, total)
        request = CheckoutRequest(
            staff_id=rng.choice(counters),
            lines=requests,
            payments=payments,
            customer_id=customer_id,
        )
        checkout(station, request)
        made.append(moment)
    shifts.finish(end)
    return made


class _DemoShifts:
    """A shift per day of history, opened before its first sale and closed after its last
    with a count of the drawer (the expected cash in notes and coins, what no coin can make
    of it short); today's shift is left open, so the demo sells at once."""

    FLOAT = 20_000

    def __init__(self, station: Station, clock: _Clock, staff: dict[str, list[int]]) -> None:
        self.station, self.clock = station, clock
        self.cashier = (staff.get(Role.CASHIER.value) or staff[Role.MANAGER.value])[0]
        self.manager_pin = next(p.pin for p in STAFF if p.role is Role.MANAGER)
        self.day: date | None = None
        self.last: datetime | None = None
        with station.read() as session:
            held = open_shift_id(session.connection(), station.terminal(session).id)
        self.enabled = held is None
        """A store whose shift is already open keeps it: the demo's sales go into it."""

    def before_sale(self, moment: datetime) -> None:
        if not self.enabled:
            return
        day = moment.astimezone(BRT).date()
        if day != self.day:
            self._close()
            self.clock.moment = moment - timedelta(minutes=5)
            open_shift(self.station, self.cashier, self.FLOAT)
            self.day = day
        self.last = moment

    def finish(self, end: datetime) -> None:
        if not self.enabled or self.day == end.astimezone(BRT).date():
            return
        self._close()
        self.clock.moment = end
        open_shift(self.station, self.cashier, self.FLOAT)

    def _close(self) -> None:
        if self.day is None or self.last is None:
            return
        self.clock.moment = self.last + timedelta(minutes=10)
        with self.station.read() as session:
            connection = session.connection()
            shift_id = open_shift_id(connection, self.station.terminal(session).id)
            expected = cash_figures(connection, [shift_id] if shift_id else []).expected
        counts: dict[int, int] = {}
        for denomination in DENOMINATIONS:
            counts[denomination], expected = divmod(expected, denomination)
        close_shift(self.station, self.cashier, self.manager_pin, counts)
        self.day = None


def _salon_basket(
    rng: random.Random, catalogue: _Catalogue, staff: dict[str, list[int]]
) -> list[tuple[LineRequest, int]]:
    groups = [code for code in (HAIR, NAILS, BEAUTY) if catalogue.services.get(code)]
    weights = {HAIR: 5, NAILS: 4, BEAUTY: 2}
    lines: list[tuple[LineRequest, int]] = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        code = rng.choices(groups, [weights[g] for g in groups])[0]
        # Everyday services far more often than a progressiva or mechas.
        options = catalogue.services[code]
        item = options[min(int(len(options) * rng.random() ** 1.6), len(options) - 1)]
        professional = rng.choice(staff[code]) if staff.get(code) else None
        lines.append((LineRequest(item.id, 1, professional_id=professional), item.price))
    if catalogue.products and rng.random() < 0.3:
        lines += _pharmacy_basket(rng, catalogue, most=1)
    return lines


def _pharmacy_basket(
    rng: random.Random, catalogue: _Catalogue, most: int = 4
) -> list[tuple[LineRequest, int]]:
    size = min(rng.choice((1, 1, 1, 2, 2, 3, 4)), most, len(catalogue.products))
    picked = rng.sample(catalogue.products, size)
    return [(LineRequest(item.id, rng.choice((1, 1, 1, 2))), item.price) for item in picked]


def _payments(
    station: Station,
    rng: random.Random,
    program: LoyaltyProgram,
    customer_id: int | None,
    total: int,
) -> list[TenderRequest]:
    """Vouchers and cashback first when the customer has them and wants to, then money."""
    payments: list[TenderRequest] = []
    due = total
    if customer_id is not None and rng.random() < 0.45:
        held = account(station, customer_id)
        usable = [v for v in held.open_vouchers if v.min_purchase <= total]
        if usable and rng.random() < 0.85:
            voucher = usable[0]
            payments.append(TenderRequest(Tender.VOUCHER, voucher=voucher.code))
            due -= min(_face_value(program, voucher.value, voucher.percent_bps, total), due)
        cashback = min(held.spendable_value, program.redeem_cap(total), due)
        if cashback >= 100 and rng.random() < 0.7:
            payments.append(TenderRequest(Tender.CASHBACK, cashback))
            due -= cashback
    if due > 0:
        payments.append(_money(rng, due))
    return payments


def _face_value(program: LoyaltyProgram, value: int, percent_bps: int, total: int) -> int:
    if not percent_bps:
        return value
    cap = program.voucher.max_discount_centavos
    share = percent_of(total, percent_bps)
    return min(share, cap) if cap else share


def _money(rng: random.Random, due: int) -> TenderRequest:
    tender = rng.choices(
        (Tender.PIX, Tender.CREDIT, Tender.DEBIT, Tender.CASH), weights=(40, 25, 20, 15)
    )[0]
    if tender is not Tender.CASH:
        return TenderRequest(tender, due)
    note = rng.choice((1_000, 2_000, 5_000, 10_000))
    return TenderRequest(Tender.CASH, -(-due // note) * note)


def has_sales(station: Station) -> bool:
    """Whether the database has any sale (demo data goes into new databases only)."""
    with station.read() as session:
        return session.scalar(select(Sale.id).limit(1)) is not None
