"""The CSV import's template files and what each column takes, in pt_BR and English.

Until the in-app catalogue lands (and after), importing a CSV is how a salon enters its
services: the import panel offers these files (header and example rows, ready to fill
in a spreadsheet) and shows, column by column, which values are accepted. The examples
are real rows: importing a template as it is succeeds.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from posapp.services.admin.csv_io import CATALOG, CATALOG_COLUMNS, CUSTOMER_COLUMNS, CUSTOMERS


@dataclass(frozen=True, slots=True)
class ColumnHelp:
    name: str
    required: bool
    pt_BR: str
    en: str

    def text(self, locale: str) -> str:
        return self.pt_BR if locale.startswith("pt") else self.en


CATALOG_HELP: tuple[ColumnHelp, ...] = (
    ColumnHelp(
        "tipo",
        False,
        "produto (ou p, em branco) para o que se vende na prateleira; servico (ou serviço, s) "
        "para o que um profissional faz — a venda pede o profissional de cada serviço.",
        "produto (or p, blank) for goods on the shelf; servico (or serviço, s) for work a "
        "professional does — the sale asks who did each service.",
    ),
    ColumnHelp(
        "nome",
        True,
        "como aparece na venda e no recibo (até 160 letras).",
        "as the sale and the receipt show it (up to 160 characters).",
    ),
    ColumnHelp(
        "codigo_barras",
        False,
        "o EAN/GTIN de 8, 12, 13 ou 14 dígitos da embalagem; em branco para serviços.",
        "the package's 8, 12, 13 or 14-digit EAN/GTIN; blank for services.",
    ),
    ColumnHelp(
        "sku",
        False,
        "um código seu, para digitar no caixa (ex.: SRV-CORTE).",
        "your own code, to type at the counter (e.g. SRV-CORTE).",
    ),
    ColumnHelp(
        "preco",
        True,
        "em reais, maior que zero: 45,00 ou 45.00 ou R$ 45,00.",
        "in reais, above zero: 45,00 or 45.00 or R$ 45,00.",
    ),
    ColumnHelp(
        "categoria",
        False,
        "um nome livre (ex.: Cabelo); categorias novas são criadas. O programa pode dar "
        "cashback diferente por categoria.",
        "any name (e.g. Cabelo); new categories are created. The program may give a "
        "different cashback per category.",
    ),
    ColumnHelp(
        "duracao_min",
        False,
        "só para serviços: minutos inteiros (ex.: 60).",
        "services only: whole minutes (e.g. 60).",
    ),
    ColumnHelp(
        "ncm",
        False,
        "para a NFC-e: o NCM de 8 dígitos do produto (pontos aceitos).",
        "for the NFC-e: the product's 8-digit NCM (dots allowed).",
    ),
    ColumnHelp("cest", False, "para a NFC-e: 7 dígitos, se houver.", "for the NFC-e: 7 digits."),
    ColumnHelp(
        "cfop", False, "para a NFC-e: 5xxx (ex.: 5102).", "for the NFC-e: 5xxx (e.g. 5102)."
    ),
    ColumnHelp(
        "csosn",
        False,
        "para a NFC-e no Simples Nacional: 3 dígitos (ex.: 102).",
        "for the NFC-e under Simples Nacional: 3 digits (e.g. 102).",
    ),
    ColumnHelp(
        "cst",
        False,
        "para a NFC-e fora do Simples: o CST do ICMS, 2 dígitos.",
        "for the NFC-e outside Simples: the ICMS CST, 2 digits.",
    ),
    ColumnHelp(
        "origem",
        False,
        "para a NFC-e: a origem da mercadoria, 0 a 8 (0 = nacional).",
        "for the NFC-e: the goods' origin, 0 to 8 (0 = domestic).",
    ),
    ColumnHelp(
        "unidade",
        False,
        "até 6 letras (UN, KG, ML); em branco, UN.",
        "up to 6 letters (UN, KG, ML); blank means UN.",
    ),
)

CUSTOMER_HELP: tuple[ColumnHelp, ...] = (
    ColumnHelp("nome", True, "o nome completo.", "the full name."),
    ColumnHelp(
        "cpf",
        False,
        "11 dígitos, com ou sem pontos (529.982.247-25). Informe o CPF ou o celular.",
        "11 digits, with or without dots (529.982.247-25). Give the CPF or the mobile.",
    ),
    ColumnHelp(
        "celular",
        False,
        "com DDD: (11) 91234-5678 ou 11912345678.",
        "with the area code: (11) 91234-5678 or 11912345678.",
    ),
    ColumnHelp("email", False, "opcional.", "optional."),
    ColumnHelp(
        "nascimento",
        False,
        "dd/mm/aaaa (ou aaaa-mm-dd), para a mensagem de aniversário.",
        "dd/mm/yyyy (or yyyy-mm-dd), for the birthday message.",
    ),
    ColumnHelp(
        "aceita_mensagens",
        False,
        "sim ou não (s/n, 1/0): só quem aceitou recebe ofertas (LGPD).",
        "sim or não (s/n, 1/0): only those who agreed get offers (LGPD).",
    ),
    ColumnHelp(
        "indicado_por",
        False,
        "o código de indicação de quem indicou este cliente (se o programa tiver indicações).",
        "the referral code of the customer who referred this one (if the program has them).",
    ),
    ColumnHelp(
        "codigo_indicacao",
        False,
        "o código deste cliente vindo de outro sistema; em branco, o posapp cria um.",
        "this customer's code from another system; blank and posapp makes one.",
    ),
)

_EXAMPLES: dict[str, tuple[dict[str, str], ...]] = {
    CATALOG: (
        {
            "tipo": "servico",
            "nome": "Corte feminino",
            "sku": "SRV-CORTE",
            "preco": "80,00",
            "categoria": "Cabelo",
            "duracao_min": "60",
        },
        {
            "tipo": "servico",
            "nome": "Manicure",
            "sku": "SRV-MANI",
            "preco": "35,00",
            "categoria": "Unhas",
            "duracao_min": "40",
        },
        {
            "tipo": "produto",
            "nome": "Shampoo 300 ml",
            "codigo_barras": "7891000100103",
            "preco": "30,00",
            "categoria": "Produtos",
        },
    ),
    CUSTOMERS: (
        {
            "nome": "Maria Aparecida Souza",
            "cpf": "529.982.247-25",
            "celular": "(11) 91234-5678",
            "nascimento": "15/04/1985",
            "aceita_mensagens": "sim",
        },
    ),
}


def _columns(kind: str) -> tuple[str, ...]:
    return tuple(CUSTOMER_COLUMNS if kind == CUSTOMERS else CATALOG_COLUMNS)


def column_help(kind: str) -> tuple[ColumnHelp, ...]:
    """The help of each column the import reads, in the file's column order."""
    known = {c.name: c for c in (CUSTOMER_HELP if kind == CUSTOMERS else CATALOG_HELP)}
    return tuple(known[name] for name in _columns(kind) if name in known)


def help_text(kind: str, locale: str) -> str:
    """One line per column: its name, whether it is required, and what it takes."""
    required = "obrigatória" if locale.startswith("pt") else "required"
    return "\n".join(
        f"{c.name}{f' ({required})' if c.required else ''}: {c.text(locale)}"
        for c in column_help(kind)
    )


def template_csv(kind: str) -> bytes:
    """The template file: ';'-separated, UTF-8 with a BOM (so Excel opens the accents)."""
    columns = _columns(kind)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for example in _EXAMPLES[CUSTOMERS if kind == CUSTOMERS else CATALOG]:
        writer.writerow([example.get(name, "") for name in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_name(kind: str) -> str:
    return "modelo-clientes.csv" if kind == CUSTOMERS else "modelo-catalogo.csv"
