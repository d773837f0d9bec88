"""The catalogue CSV carries the NFC-e columns: imported, checked, exported, then sold."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import Item
from fiscal.testing import LocalSefaz
from posapp.services.admin.csv_io import TAX_COLUMNS, export_catalog, import_catalog
from posapp.services.invoices.issuing import Invoicer
from tests.support import MANAGER_PIN, Shop

CSV = (
    "tipo;nome;codigo_barras;preco;NCM;CEST;CFOP;CSOSN;origem;unidade\n"
    "produto;Protetor solar FPS 50;7891000055120;59,90;3304.99.90;;5102;102;0;UN\n"
    "produto;Soro fisiológico 500 ml;;8,50;300490;;5102;102;0;FR\n"
    "serviço;Aferição de pressão;;5,00;;;;;;\n"
)


def test_the_csv_fills_the_tax_data_and_a_bad_ncm_is_reported_on_its_line(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, tmp_path: Path
) -> None:
    report = import_catalog(
        shop.station, CSV.encode(), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert report.imported == 2
    (problem,) = report.problems
    assert problem.line == 3
    assert problem.message("pt_BR") == "NCM inválido: 300490 (8 dígitos / 8 digits)."
    with shop.station.read() as session:
        sunscreen = session.scalars(select(Item).where(Item.gtin == "7891000055120")).one()
        data = (sunscreen.ncm, sunscreen.cest, sunscreen.cfop, sunscreen.csosn, sunscreen.origin)
        assert data == ("33049990", None, "5102", "102", 0) and sunscreen.unit == "UN"
        shop.items["protetor"] = sunscreen.id

    sale = shop.sell("protetor", cash=5_990)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    assert b"<NCM>33049990</NCM>" in note.record.proc_xml

    out = tmp_path / "catalogo.csv"
    export_catalog(shop.station, out, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    header, *rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert header.split(";")[-len(TAX_COLUMNS) :] == list(TAX_COLUMNS)
    assert any(row.endswith(";33049990;;5102;102;;0;UN") for row in rows)
