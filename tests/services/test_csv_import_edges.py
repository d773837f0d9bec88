"""CSV import edges: a quote left open costs only its own row; a service's duration is
held to the catalogue editor's 1..720 minutes, row by row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import Customer, Item
from posapp.services.admin.csv_io import (
    CATALOG,
    ImportReport,
    help_text,
    import_catalog,
    import_customers,
)
from posapp.services.sales.catalog import MAX_DURATION_MIN
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def catalog(shop: Shop, text: str) -> ImportReport:
    return import_catalog(
        shop.station, text.encode(), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )


def problems(report: ImportReport) -> dict[int, str]:
    return {p.line: p.code for p in report.problems}


def names_by_sku(shop: Shop, *skus: str) -> dict[str, str]:
    with shop.station.read() as session:
        rows = session.execute(select(Item.sku, Item.name).where(Item.sku.in_(skus))).all()
    return {sku: name for sku, name in rows if sku is not None}


def test_an_unclosed_quote_refuses_its_own_row_and_the_rows_after_it_are_imported(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    report = catalog(
        shop,
        "nome;preco;sku\n"
        "OkA;1,00;OKA\n"
        '"Creme sem fim;3,00;CSF\n'
        "OkB;2,00;OKB\n"
        "OkC;2,00;OKC\n"
        "OkD;2,00;OKD\n",
    )
    assert (report.total, report.imported, problems(report)) == (5, 4, {3: "quote"})
    (problem,) = report.problems
    assert problem.content == '"Creme sem fim;3,00;CSF'
    assert "aspas" in problem.message("pt_BR").lower()
    assert "quote" in problem.message("en").lower()
    assert names_by_sku(shop, "OKA", "OKB", "OKC", "OKD", "CSF") == {
        "OKA": "OkA",
        "OKB": "OkB",
        "OKC": "OkC",
        "OKD": "OkD",
    }


@pytest.mark.parametrize(
    ("lines", "refused", "imported"),
    [
        pytest.param(['"Primeira;1,00;P1', "Boa;2,00;B1"], {2: "quote"}, ["B1"], id="first-row"),
        pytest.param(["Boa;2,00;B1", '"Ultima;1,00;U1'], {3: "quote"}, ["B1"], id="last-row"),
        pytest.param(
            [
                "Boa;2,00;B1",
                '"Ruim um;1,00;R1',
                "Boa dois;2,00;B2",
                'Ruim dois;"1,00;R2',
                "Fim;3;B3",
            ],
            {3: "quote", 5: "quote"},
            ["B1", "B2", "B3"],
            id="two-bad-rows",
        ),
        pytest.param(
            ['"Creme sem fim;3,00;CSF', "OkB;2,00;OKB", 'OkC;2,00;"OKC"'],
            {2: "quote"},
            ["OKB", "OKC"],
            id="closed-by-a-later-quoted-cell",
        ),
        pytest.param(
            ['"Creme sem fim;3,00;CSF', "OkB;2,00;OKB", 'Tubo 5";2,00;T5'],
            {2: "quote"},
            ["OKB", "T5"],
            id="closed-by-a-later-inch-mark",
        ),
    ],
)
def test_unclosed_quotes_anywhere_in_the_file(
    make_shop: MakeShop, lines: list[str], refused: dict[int, str], imported: list[str]
) -> None:
    shop = make_shop("salon")
    report = catalog(shop, "\n".join(["nome;preco;sku", *lines]) + "\n")
    assert problems(report) == refused
    assert report.total == len(lines) and report.imported == len(imported)
    assert sorted(names_by_sku(shop, *imported)) == sorted(imported)


def test_a_quoted_cell_over_two_lines_still_reads_and_the_line_numbers_after_it_hold(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    report = catalog(
        shop,
        "nome;preco;sku\r\n"
        '"Kit\r\nPresente";50,00;KIT1\r\n'
        "Boa depois;1,00;GA1\r\n"
        '"Kit ""grande""\r\n\r\ncom laço";60,00;KIT2\r\n'
        "Sem preço;;SP1\r\n",
    )
    assert (report.total, report.imported, problems(report)) == (4, 3, {8: "price_missing"})
    assert names_by_sku(shop, "KIT1", "GA1", "KIT2") == {
        "KIT1": "Kit Presente",
        "GA1": "Boa depois",
        "KIT2": 'Kit "grande" com laço',
    }


def test_the_customer_import_keeps_the_rows_after_an_unclosed_quote(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    lines = [
        "nome;celular",
        '"Ana sem fim;(11) 97777-0001',
        "Bia;(11) 97777-0002",
        "Cris;(11) 97777-0003",
    ]
    data = "\n".join(lines).encode()
    report = import_customers(shop.station, data, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert (report.total, report.imported, problems(report)) == (3, 2, {2: "quote"})
    with shop.station.read() as session:
        names = session.scalars(select(Customer.name).where(Customer.name.in_(["Bia", "Cris"])))
        assert sorted(names) == ["Bia", "Cris"]


@pytest.mark.parametrize(
    "cell", ["0", "000", "721", "999999999", "3,5", "1.5", "²", "¹", "-5", "+5", "abc", "9" * 5000]
)
def test_a_duration_the_editor_would_refuse_is_refused_on_its_line(
    make_shop: MakeShop, cell: str
) -> None:
    shop = make_shop("salon")
    report = catalog(
        shop,
        "tipo;nome;preco;duracao_min;sku\n"
        "servico;Corte;40,00;30;CRT\n"
        f"servico;Sobrancelha;20,00;{cell};SOB\n"
        "servico;Escova;40,00;45;ESC\n",
    )
    assert problems(report) == {3: "duration"}
    (problem,) = report.problems
    assert problem.message("pt_BR") == (
        f"Duração inválida: {cell}. Use minutos inteiros, de 1 a {MAX_DURATION_MIN}."
    )
    assert problem.message("en") == (
        f"Invalid duration: {cell}. Use whole minutes, 1 to {MAX_DURATION_MIN}."
    )
    assert sorted(names_by_sku(shop, "CRT", "SOB", "ESC")) == ["CRT", "ESC"]


def test_durations_within_the_editors_range_are_imported(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    report = catalog(
        shop,
        "tipo;nome;preco;duracao_min;sku\n"
        "servico;Dia da noiva;900,00;720;NOIVA\n"
        "servico;Retoque;5,00;1;RET\n"
        "servico;Escova;40,00;  30 ;ESC\n"
        "servico;Manicure;35,00;045;MAN\n"
        "servico;Consulta;50,00;;CON\n",
    )
    assert (report.imported, report.problems) == (5, ())
    with shop.station.read() as session:
        rows = session.execute(
            select(Item.sku, Item.duration_min).where(
                Item.sku.in_(["NOIVA", "RET", "ESC", "MAN", "CON"])
            )
        ).all()
    assert dict(rows) == {"NOIVA": 720, "RET": 1, "ESC": 30, "MAN": 45, "CON": None}


def test_the_import_panel_gives_the_duration_range() -> None:
    assert f"duracao_min: só para serviços: minutos inteiros, de 1 a {MAX_DURATION_MIN}" in (
        help_text(CATALOG, "pt_BR")
    )
    assert f"whole minutes, 1 to {MAX_DURATION_MIN}" in help_text(CATALOG, "en")


def test_a_file_whose_lines_end_in_a_carriage_return_alone_is_read(make_shop: MakeShop) -> None:
    """Older Excel's "CSV (Macintosh)" ends lines in CR alone: before, the whole import
    stopped with csv's own English error."""
    shop = make_shop("salon")
    text = "nome;preco;sku\rMac um;1,00;MAC1\rMac dois;2,00;MAC2\r"
    report = import_catalog(
        shop.station, text.encode("cp1252"), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    assert (report.total, report.imported, problems(report)) == (2, 2, {})
    assert names_by_sku(shop, "MAC1", "MAC2") == {"MAC1": "Mac um", "MAC2": "Mac dois"}


def test_a_row_csv_cannot_read_is_refused_on_its_line_and_the_others_imported(
    make_shop: MakeShop,
) -> None:
    """A cell over csv's size limit (a file glued together by mistake): before, the whole
    import stopped with csv's "field larger than field limit"."""
    shop = make_shop("salon")
    report = catalog(
        shop, f"nome;preco;sku\nAntes;1,00;AN1\n{'X' * 200_000};2,00;XXL\nDepois;3,00;DE1\n"
    )
    assert (report.imported, problems(report)) == (2, {3: "malformed"})
    assert "CSV" in report.problems[0].message("pt_BR")
    assert names_by_sku(shop, "AN1", "DE1", "XXL") == {"AN1": "Antes", "DE1": "Depois"}
