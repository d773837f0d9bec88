"""CSV import and export: broken rows reported by line, the good ones in, nothing else lost."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import AuditLog, Category, Customer, Item, OutboxEvent
from posapp.core.cpf import format_cpf, generate_cpf
from posapp.core.errors import NotAuthorized
from posapp.core.gtin import make_ean13
from posapp.core.presets import preset
from posapp.services.admin import csv_io
from posapp.services.admin.csv_io import (
    CsvFileError,
    ImportReport,
    decode_lines,
    export_catalog,
    export_customers,
    import_catalog,
    import_customers,
)
from posapp.services.admin.store_setup import set_up_store
from posapp.services.common.station import Station, open_station
from posapp.services.customers.registry import Enrolment, enrol
from tests.support import CASHIER_PIN, MANAGER_PIN, MovableClock, Shop

MakeShop = Callable[..., Shop]
RNG = random.Random(5)
CPF_A, CPF_B, CPF_C, CPF_D = (generate_cpf(RNG) for _ in range(4))
GTIN_A = make_ean13("789123400001")
GTIN_B = make_ean13("789123400002")
BAD_GTIN = GTIN_A[:-1] + str((int(GTIN_A[-1]) + 1) % 10)


def _bad_cpf(cpf: str) -> str:
    return cpf[:10] + str((int(cpf[10]) + 1) % 10)


def counts(station: Station) -> dict[str, int]:
    with station.read() as session:
        found = {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (
                ("items", Item),
                ("customers", Customer),
                ("categories", Category),
                ("outbox", OutboxEvent),
            )
        }
        audited = select(func.count()).select_from(AuditLog)  # refusals are audited by design
        found["audit"] = session.scalar(audited.where(AuditLog.action != "auth.refused")) or 0
        return found


def problems(report: ImportReport) -> dict[int, str]:
    return {p.line: p.code for p in report.problems}


def test_catalog_import_with_broken_rows(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    before = counts(shop.station)
    text = "\n".join(
        [
            "Tipo;Nome;Código de Barras;SKU;Preço;Categoria;Duração (min)",
            f"produto;Protetor solar FPS 50;{GTIN_A};PROT-50;R$ 59,90;Dermocosméticos;",  # 2 ok
            f"produto;Creme ruim;{BAD_GTIN};;12,00;Higiene;",  # 3 bad GTIN check digit
            "produto;Sem preço;;SEM-01;;higiene;",  # 4 missing price
            "produto;Preço torto;;TORTO-1;12,5x;higiene;",  # 5 invalid price
            "serviço;Escova;;SRV-ESC;45.00;Serviços;30",  # 6 ok, existing category by name
            "produto;Outro protetor;;prot-50;10,00;;",  # 7 SKU repeated in the file (line 2)
            "produto;Shampoo de novo;7891000100103;;30,00;higiene;",  # 8 GTIN already in the db
            "brinde;Caneta;;CAN-1;1,00;;",  # 9 bad type
            "",  # 10 blank: skipped, not a row
            f"Produto;Água micelar;{GTIN_B};;12.50;Dermocosméticos;",  # 11 ok
            "produto;Preço zero;;ZERO-1;0,00;;",  # 12 zero price
            "produto;;;VAZIO-1;1,00;;",  # 13 no name
            "serviço;Hidratação;;SRV-HID;80;serviços;abc",  # 14 bad duration
        ]
    ).encode("utf-8")
    seen: list[tuple[int, int]] = []
    report = import_catalog(
        shop.station,
        text,
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
        progress=lambda done, total: seen.append((done, total)),
        batch_size=2,
    )
    assert report.encoding == "utf-8" and report.delimiter == ";"
    assert report.total == 12 and report.imported == 3 and report.refused == 9
    assert report.imported + report.refused == report.total  # nothing else lost
    assert problems(report) == {
        3: "gtin",
        4: "price_missing",
        5: "price",
        7: "dup_file",
        8: "dup_db",
        9: "kind",
        12: "price_zero",
        13: "name_missing",
        14: "duration",
    }
    by_line = {p.line: p for p in report.problems}
    assert by_line[3].reason == f"Código de barras inválido: {BAD_GTIN}."
    assert by_line[7].reason == "SKU prot-50 repetido no arquivo (já na linha 2)."
    assert by_line[8].reason == "Código de barras 7891000100103 já cadastrado."
    assert by_line[4].content == "produto;Sem preço;;SEM-01;;higiene;"
    assert by_line[8].message("en") == "Barcode 7891000100103 already registered."
    assert report.categories_created == ("Dermocosméticos",)
    with shop.station.read() as session:
        rows = session.execute(
            select(Item.kind, Item.name, Item.gtin, Item.sku, Item.price, Category.code)
            .join(Category, Category.id == Item.category_id)
            .where(Item.id > max(shop.items.values()))
            .order_by(Item.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("product", "Protetor solar FPS 50", GTIN_A, "PROT-50", 5_990, "dermocosmeticos"),
        ("service", "Escova", None, "SRV-ESC", 4_500, "servicos"),
        ("product", "Água micelar", GTIN_B, None, 1_250, "dermocosmeticos"),
    ]
    after = counts(shop.station)
    assert after["items"] == before["items"] + 3
    assert after["categories"] == before["categories"] + 1
    assert after["audit"] == before["audit"] + 1
    # progress: from 0, never back, ends at the total
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert all(total == 12 for _, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with shop.station.read() as session:
        entry = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert entry is not None and entry.action == "import.catalog"
    assert entry.staff_id == shop.manager_id and entry.authorized_by_id == shop.manager_id
    assert json.loads(entry.details) == {
        "rows": 12,
        "imported": 3,
        "refused": 9,
        "categories_created": 1,
    }


def customer_file_cp1252() -> bytes:
    """A spreadsheet saved as CSV on Windows: ',' separators, Windows-1252 accents."""
    lines = [
        "Nome,CPF,Celular,E-mail,Nascimento,Aceita mensagens,Indicado por".encode("cp1252"),
        (
            f"João da Conceição,{format_cpf(CPF_A)},(11) 98888-7777,joao@ex.com.br,05/04/1990,sim,"
        ).encode("cp1252"),  # 2 ok
        f"Márcia Araújo,{_bad_cpf(CPF_B)},,,,não,".encode("cp1252"),  # 3 bad CPF
        f"Zé Repetido,{CPF_A},,,,,".encode("cp1252"),  # 4 CPF repeated (line 2)
        "Ana Telefone,,11 91234-5678,,,,".encode("cp1252"),  # 5 phone already in the db
        b"Cl\x81udia Byte," + CPF_C.encode() + b",,,,,",  # 6 a byte cp1252 does not have
        "Sem Documento,,,,,,".encode("cp1252"),  # 7 neither CPF nor mobile
        f"Lúcia Data,{CPF_D},,,31/02/1980,,".encode("cp1252"),  # 8 impossible date
        "Íris Celular,,(21) 99876-5432,,,Não,".encode("cp1252"),  # 9 ok
        "Bia Indicada,,(31) 99111-2222,,,,ZZZZ9999".encode("cp1252"),  # 10 unknown referral
    ]
    return b"\r\n".join(lines) + b"\r\n"


def test_customer_import_windows_1252_with_broken_rows(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    shop.enrol("Ana Existente", phone="(11) 91234-5678")
    before = counts(shop.station)
    report = import_customers(
        shop.station, customer_file_cp1252(), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert report.encoding == "cp1252" and report.delimiter == ","
    assert report.total == 9 and report.imported == 2
    assert problems(report) == {
        3: "cpf",
        4: "dup_file",
        5: "dup_db",
        6: "unreadable",
        7: "identity",
        8: "birthday",
        10: "referral",
    }
    with shop.station.read() as session:
        new = session.scalars(
            select(Customer).where(Customer.name != "Ana Existente").order_by(Customer.id)
        ).all()
    assert [(c.name, c.cpf, c.phone, c.email) for c in new] == [
        ("João da Conceição", CPF_A, "+5511988887777", "joao@ex.com.br"),
        ("Íris Celular", None, "+5521998765432", None),
    ]
    joao, iris = new
    assert joao.birthday is not None and joao.birthday.isoformat() == "1990-04-05"
    assert joao.marketing_consent and joao.consent_at is not None
    assert not iris.marketing_consent
    after = counts(shop.station)
    assert after["customers"] == before["customers"] + 2
    assert after["outbox"] == before["outbox"] + 2  # the other counters learn of them
    # found by name search (the FTS index follows the bulk insert)
    from posapp.services.customers.registry import search

    assert [c.name for c in search(shop.station, "conceicao")] == ["João da Conceição"]


def test_stray_byte_in_a_utf8_file_reports_that_row_only(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    data = (
        "\ufeffnome;celular\n"
        "Conceição Lima;(11) 97777-0001\n"
        "Joana Torta;(11) 97777-0002\n"
        "Ângela Souza;(11) 97777-0003\n"
    ).encode()
    data = data.replace(b"Joana Torta", b"Joana T\xffrta")
    report = import_customers(shop.station, data, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert report.encoding == "utf-8"
    assert problems(report) == {3: "unreadable"}
    assert report.problems[0].content.startswith("Joana T\ufffdrta")
    with shop.station.read() as session:
        names = session.scalars(select(Customer.name).order_by(Customer.id)).all()
    assert names == ["Conceição Lima", "Ângela Souza"]


def test_decode_lines() -> None:
    assert decode_lines("a;b\nção;x\n".encode()) == ("utf-8", ["a;b", "ção;x"], set())
    assert decode_lines("a;b\r\nção;x\r\n".encode("cp1252")) == (
        "cp1252",
        ["a;b", "ção;x"],
        set(),
    )
    encoding, _lines, bad = decode_lines(b"a\n\xe7\x81o\n")
    assert encoding == "cp1252" and bad == {2}


def test_a_cashier_pin_is_refused_and_nothing_is_written(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    before = counts(shop.station)
    data = b"nome;preco\nEscova;45,00\n"
    with pytest.raises(NotAuthorized):
        import_catalog(shop.station, data, staff_id=shop.cashier_id, manager_pin=CASHIER_PIN)
    with pytest.raises(NotAuthorized):
        import_customers(
            shop.station,
            b"nome;celular\nAna;11 97777-0001\n",
            staff_id=shop.cashier_id,
            manager_pin=CASHIER_PIN,
        )
    assert counts(shop.station) == before


def test_exports_need_a_manager(make_shop: MakeShop, tmp_path: Path) -> None:
    shop = make_shop("salon")
    with pytest.raises(NotAuthorized):
        export_customers(
            shop.station, tmp_path / "c.csv", staff_id=shop.cashier_id, manager_pin=CASHIER_PIN
        )
    assert not (tmp_path / "c.csv").exists()


def test_a_file_without_the_required_columns_is_refused_whole(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(CsvFileError) as error:
        import_catalog(
            shop.station, b"nome;sku\nA;B\n", staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        )
    assert "preco" in error.value.message()
    with pytest.raises(CsvFileError):
        import_catalog(shop.station, b"", staff_id=shop.manager_id, manager_pin=MANAGER_PIN)


def bare_station(path: Path, clock: MovableClock) -> tuple[Station, int]:
    station = open_station(path, clock=clock)
    result = set_up_store(
        station, name="Loja Nova", program=preset("salon"), admin_name="Ana", admin_pin=MANAGER_PIN
    )
    return station, result.admin_id


def test_round_trip_export_import_into_a_fresh_shop(
    make_shop: MakeShop, tmp_path: Path, clock: MovableClock
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678", email="carla@ex.com")
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == carla))
    enrol(
        shop.station,
        Enrolment(
            'Débora; "Dedé" Souza',
            cpf=CPF_A,
            marketing_consent=True,
            referred_by_code=code,
            birthday=date(1988, 12, 31),
        ),
    )
    shop.sell("corte", customer=carla, pix=8_000)  # Carla earns R$ 8,00
    catalog_csv, customers_csv = tmp_path / "catalogo.csv", tmp_path / "clientes.csv"
    assert (
        export_catalog(
            shop.station, catalog_csv, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        ).rows
        == 6
    )
    assert (
        export_customers(
            shop.station, customers_csv, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        ).rows
        == 2
    )
    raw = customers_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig").splitlines()
    assert text[0] == ";".join(csv_io.CUSTOMER_EXPORT_COLUMNS)
    assert text[1] == f"Carla Dias;;(11) 91234-5678;carla@ex.com;;não;;{code};8,00"
    catalog_lines = catalog_csv.read_bytes().decode("utf-8-sig").splitlines()
    assert "serviço;Corte feminino;;SRV-CORTE;80,00;servicos;60;;;;;;;" in catalog_lines

    fresh, admin = bare_station(tmp_path / "fresh.sqlite", clock)
    try:
        items = import_catalog(fresh, catalog_csv, staff_id=admin, manager_pin=MANAGER_PIN)
        people = import_customers(fresh, customers_csv, staff_id=admin, manager_pin=MANAGER_PIN)
        assert (items.imported, items.refused, people.imported, people.refused) == (6, 0, 2, 0)
        again_catalog, again_customers = tmp_path / "c2.csv", tmp_path / "p2.csv"
        export_catalog(fresh, again_catalog, staff_id=admin, manager_pin=MANAGER_PIN)
        export_customers(fresh, again_customers, staff_id=admin, manager_pin=MANAGER_PIN)
        assert again_catalog.read_bytes() == catalog_csv.read_bytes()

        def without_balance(path: Path) -> list[str]:
            return [line.rsplit(";", 1)[0] for line in path.read_text("utf-8-sig").splitlines()]

        assert without_balance(again_customers) == without_balance(customers_csv)
        with fresh.read() as session:
            debora = session.scalars(select(Customer).where(Customer.cpf == CPF_A)).one()
            assert debora.name == 'Débora; "Dedé" Souza'
            assert debora.referred_by is not None and debora.referred_by.referral_code == code
        # importing the same files again: every row a duplicate, nothing written
        before = counts(fresh)
        twice = import_catalog(fresh, catalog_csv, staff_id=admin, manager_pin=MANAGER_PIN)
        assert twice.imported == 0 and {p.code for p in twice.problems} == {"dup_db"}
        assert counts(fresh)["items"] == before["items"]
    finally:
        fresh.close()


def test_a_large_file_in_batches(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    rows = ["nome;codigo_barras;preco;categoria"]
    for n in range(5_000):
        rows.append(f"Item {n};{make_ean13(f'78955{n:07d}')};{n % 50 + 1},99;cat{n % 7}")
    rows.append("Item ruim;123;1,00;cat0")
    seen: list[int] = []
    report = import_catalog(
        shop.station,
        "\n".join(rows).encode(),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
        progress=lambda done, total: seen.append(done),
    )
    assert report.imported == 5_000 and problems(report) == {5_002: "gtin"}
    assert seen == sorted(seen) and seen[-1] == 5_001 and len(seen) >= 6
    assert len(report.categories_created) == 7
