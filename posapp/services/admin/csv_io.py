"""Catalogue and customer import from CSV, and export to CSV.

A file as a spreadsheet writes it: ';' or ',' between fields (read from the
header line), UTF-8 with or without a BOM, or Windows-1252 / Latin-1. Header
names are matched loosely (case, accents, spaces and a few synonyms).

Import reads the whole file first, checks every row, then writes the good rows
in batches of `BATCH` rows, one transaction per batch, so a 100 000-row file is
quick and a bad row never holds up the others. Every bad row comes back in the
`ImportReport` with its line number, the reason (pt_BR or en) and its content.
Import and export are a manager's actions: the manager's PIN is checked before
anything is read or written, and the audit log records the counts.

Decoding: the file is UTF-8 when every non-ASCII line is valid UTF-8, and
Windows-1252 when none is. In a file where most lines are UTF-8 and one is not
(a stray byte), that line is reported as unreadable rather than guessed at.

A cell in quotes may run over several lines; a quote left open costs only its own
row, refused as such (see `_records`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import uuid
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from db.models import Category, Customer, CustomerBalance, Item, OutboxEvent, table_of
from posapp.core.codes import new_referral_code
from posapp.core.cpf import format_cpf, normalize_cpf
from posapp.core.csv_cells import from_spreadsheet, spreadsheet_money, spreadsheet_safe
from posapp.core.errors import InvalidCPF, InvalidGTIN, InvalidPhone
from posapp.core.gtin import normalize_gtin
from posapp.core.limits import MAX_PRICE_CENTAVOS
from posapp.core.money import parse_centavos
from posapp.core.phone import format_mobile, normalize_mobile
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.changes import Change, announces
from posapp.services.common.station import Station
from posapp.services.sales.catalog import MAX_DURATION_MIN, TAX_RULES

BATCH = 1_000
Progress = Callable[[int, int], None]
"""Called with (rows done, rows in the file): from 0 to the total, never going back."""

CATALOG = "catalog"

_TAX_ATTR_OF = {
    "ncm": "ncm",
    "cest": "cest",
    "cfop": "cfop",
    "csosn": "csosn",
    "cst": "cst",
    "origem": "origin",
    "unidade": "unit",
}
TAX_COLUMNS = tuple(_TAX_ATTR_OF)
"""The NFC-e data of a product (optional; with NFC-e on, a product needs them to be sold)."""
_TAX_ATTRS = tuple(_TAX_ATTR_OF.values())
_TAX_RULES: dict[str, tuple[str, str, str]] = {
    column: (attr, *(TAX_RULES[attr] if attr != "origin" else (r"[0-8]", "0-8")))
    for column, attr in _TAX_ATTR_OF.items()
}
"""Column: (attribute, pattern, rule shown); the catalogue editor's own rules."""
CUSTOMERS = "customers"

CATALOG_COLUMNS = (
    "tipo",
    "nome",
    "codigo_barras",
    "sku",
    "preco",
    "categoria",
    "duracao_min",
    *TAX_COLUMNS,
)
CUSTOMER_COLUMNS = (
    "nome",
    "cpf",
    "celular",
    "email",
    "nascimento",
    "aceita_mensagens",
    "indicado_por",
    "codigo_indicacao",
)
CUSTOMER_EXPORT_COLUMNS = (*CUSTOMER_COLUMNS, "saldo_cashback")

_ALIASES: dict[str, str] = {
    "tipo": "tipo",
    "type": "tipo",
    "nome": "nome",
    "name": "nome",
    "descricao": "nome",
    "produto": "nome",
    "nome_completo": "nome",
    "codigo_barras": "codigo_barras",
    "codigo_de_barras": "codigo_barras",
    "cod_barras": "codigo_barras",
    "ean": "codigo_barras",
    "gtin": "codigo_barras",
    "barcode": "codigo_barras",
    "sku": "sku",
    "codigo": "sku",
    "codigo_interno": "sku",
    "referencia": "sku",
    "preco": "preco",
    "preco_de_venda": "preco",
    "preco_venda": "preco",
    "valor": "preco",
    "price": "preco",
    "categoria": "categoria",
    "category": "categoria",
    "grupo": "categoria",
    "duracao_min": "duracao_min",
    "duracao": "duracao_min",
    "duracao_minutos": "duracao_min",
    "duration_min": "duracao_min",
    "ncm": "ncm",
    "cest": "cest",
    "cfop": "cfop",
    "csosn": "csosn",
    "cst": "cst",
    "cst_icms": "cst",
    "origem": "origem",
    "origem_mercadoria": "origem",
    "origin": "origem",
    "unidade": "unidade",
    "un": "unidade",
    "unid": "unidade",
    "unit": "unidade",
    "cpf": "cpf",
    "celular": "celular",
    "telefone": "celular",
    "fone": "celular",
    "whatsapp": "celular",
    "phone": "celular",
    "email": "email",
    "e_mail": "email",
    "nascimento": "nascimento",
    "data_de_nascimento": "nascimento",
    "data_nascimento": "nascimento",
    "aniversario": "nascimento",
    "birthday": "nascimento",
    "aceita_mensagens": "aceita_mensagens",
    "aceita_mensagem": "aceita_mensagens",
    "consentimento": "aceita_mensagens",
    "marketing": "aceita_mensagens",
    "indicado_por": "indicado_por",
    "indicacao": "indicado_por",
    "codigo_indicacao": "codigo_indicacao",
    "codigo_de_indicacao": "codigo_indicacao",
    "saldo_cashback": "saldo_cashback",
    "saldo": "saldo_cashback",
}

_MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": (
        "Linha ilegível: caracteres que não são UTF-8 nem Windows-1252.",
        "Unreadable line: characters that are neither UTF-8 nor Windows-1252.",
    ),
    "malformed": (
        "Linha que não pôde ser lida como CSV (uma célula longa demais?).",
        "A line that could not be read as CSV (a cell too long?).",
    ),
    "quote": (
        'Aspas (") abertas e não fechadas: feche-as ou apague-as.',
        'Quote (") opened and not closed: close it or delete it.',
    ),
    "columns": (
        "Número de colunas diferente do cabeçalho ({found} em vez de {expected}).",
        "Number of columns differs from the header ({found} instead of {expected}).",
    ),
    "name_missing": ("Nome em branco.", "Name is blank."),
    "name_long": ("Nome longo demais ({value} caracteres).", "Name too long ({value} characters)."),
    "kind": (
        "Tipo inválido: {value}. Use produto ou serviço.",
        "Invalid type: {value}. Use produto or serviço.",
    ),
    "gtin": ("Código de barras inválido: {value}.", "Invalid barcode: {value}."),
    "sku_long": ("SKU longo demais: {value}.", "SKU too long: {value}."),
    "price_missing": ("Preço em branco.", "Price is blank."),
    "price": ("Preço inválido: {value}.", "Invalid price: {value}."),
    "price_high": (
        "Preço acima do limite: {value} (o máximo é R$ 1.000.000,00 por unidade).",
        "Price above the limit: {value} (at most R$ 1,000,000.00 a unit).",
    ),
    "price_zero": (
        "Preço inválido: {value}. O preço deve ser maior que zero.",
        "Invalid price: {value}. The price must be greater than zero.",
    ),
    "tax": (
        "{column} inválido: {value} ({rule}).",
        "Invalid {column}: {value} ({rule}).",
    ),
    "duration": (
        "Duração inválida: {value}. Use minutos inteiros, de 1 a {max}.",
        "Invalid duration: {value}. Use whole minutes, 1 to {max}.",
    ),
    "dup_file": (
        "{field} {value} repetido no arquivo (já na linha {line}).",
        "{field} {value} repeated in the file (already on line {line}).",
    ),
    "dup_db": ("{field} {value} já cadastrado.", "{field} {value} already registered."),
    "cpf": ("CPF inválido: {value}.", "Invalid CPF: {value}."),
    "phone": ("Celular inválido: {value}.", "Invalid mobile number: {value}."),
    "identity": ("Informe o CPF ou o celular.", "Enter the CPF or the mobile number."),
    "email": ("E-mail inválido: {value}.", "Invalid e-mail: {value}."),
    "birthday": (
        "Data de nascimento inválida: {value}. Use dd/mm/aaaa.",
        "Invalid birth date: {value}. Use dd/mm/yyyy.",
    ),
    "consent": (
        "Aceita mensagens inválido: {value}. Use sim ou não.",
        "Invalid message consent: {value}. Use sim or não.",
    ),
    "referral": (
        "Código de indicação não encontrado: {value}.",
        "Referral code not found: {value}.",
    ),
    "own_code": (
        "Código de indicação inválido: {value}.",
        "Invalid referral code: {value}.",
    ),
}


_FIELDS: dict[str, tuple[str, str]] = {
    "gtin": ("Código de barras", "Barcode"),
    "sku": ("SKU", "SKU"),
    "name": ("Produto", "Product"),
    "cpf": ("CPF", "CPF"),
    "phone": ("Celular", "Mobile"),
    "code": ("Código de indicação", "Referral code"),
}


class CsvFileError(Exception):
    """The file as a whole cannot be read (no header, a required column missing)."""

    def __init__(self, pt_BR: str, en: str) -> None:
        super().__init__(en)
        self.pt_BR = pt_BR
        self.en = en

    def message(self, locale: str = "pt_BR") -> str:
        return self.pt_BR if locale.startswith("pt") else self.en


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row left out: its first line in the file, why, and what it held."""

    line: int
    code: str
    content: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, locale: str = "pt_BR") -> str:
        pt, en = _MESSAGES[self.code]
        params = dict(self.params)
        if "field" in params:
            params["field"] = _FIELDS[params["field"]][0 if locale.startswith("pt") else 1]
        return (pt if locale.startswith("pt") else en).format(**params)

    @property
    def reason(self) -> str:
        return self.message("pt_BR")


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str
    file_name: str
    encoding: str
    delimiter: str
    total: int
    """Data rows in the file (the header and blank lines not counted)."""
    imported: int
    problems: tuple[RowProblem, ...]
    categories_created: tuple[str, ...] = ()

    @property
    def refused(self) -> int:
        return len(self.problems)


@dataclass(frozen=True, slots=True)
class ExportReport:
    kind: str
    path: Path
    rows: int


# -- reading a file -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawRow:
    line: int
    values: dict[str, str]
    content: str


@dataclass(slots=True)
class ParsedFile:
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    rows: list[RawRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.problems)


def header_key(text: str) -> str:
    """'Código de Barras ' -> 'codigo_de_barras' (accents, case and punctuation dropped)."""
    folded = unicodedata.normalize("NFKD", text.strip().lstrip("\ufeff"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def column_name(header: str) -> str | None:
    key = header_key(header)
    return _ALIASES.get(key) or _ALIASES.get(key.removesuffix("_min")) or None


def decode_lines(data: bytes) -> tuple[str, list[str], set[int]]:
    """(encoding, text lines, numbers (1-based) of lines that could not be decoded)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Lines end in CR LF (Windows), LF, or CR alone ("CSV (Macintosh)" of older Excel).
    raw = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    utf8_ok = utf8_bad = 0
    for line in raw:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            utf8_bad += 1
        else:
            utf8_ok += 1
    encoding = "utf-8" if utf8_bad == 0 or utf8_ok > 0 else "cp1252"
    lines: list[str] = []
    unreadable: set[int] = set()
    for number, line in enumerate(raw, start=1):
        try:
            lines.append(line.decode(encoding))
        except UnicodeDecodeError:
            unreadable.add(number)
            lines.append(line.decode(encoding, errors="replace"))
    return encoding, lines, unreadable


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


_IN_FIELD, _FIELD_START, _IN_QUOTES, _QUOTE_IN_QUOTES = range(4)


def _quote_left_open(line: str, delimiter: str, in_quotes: bool) -> tuple[bool, bool]:
    """(a quoted cell is open at the end of `line`, a cell quoted since an earlier line was
    closed by a quote followed by something other than the delimiter or the line's end).

    Reads quotes as csv.reader does: a quote opens a cell only at the cell's start, ""
    inside a quoted cell is one quote, anything else is taken as it is."""
    if '"' not in line:
        return in_quotes, False
    state = _IN_QUOTES if in_quotes else _FIELD_START
    for char in line:
        if state == _FIELD_START:
            state = _IN_QUOTES if char == '"' else _FIELD_START if char == delimiter else _IN_FIELD
        elif state == _IN_FIELD:
            if char == delimiter:
                state = _FIELD_START
        elif state == _IN_QUOTES:
            if char == '"':
                state = _QUOTE_IN_QUOTES
        elif char == '"':
            state = _IN_QUOTES
        elif char == delimiter:
            state, in_quotes = _FIELD_START, False
        elif in_quotes:
            return False, True
        else:
            state = _IN_FIELD
    return state == _IN_QUOTES, False


def _cells(text: str, delimiter: str) -> list[str]:
    """The record's cells; csv.Error for one csv cannot read (a cell over its size limit)."""
    return next(csv.reader([text], delimiter=delimiter), [])


def _width(line: str, delimiter: str) -> int:
    try:
        return len(_cells(line, delimiter))
    except csv.Error:
        return 0


def _records(
    lines: Sequence[str], start: int, delimiter: str, width: int
) -> Iterator[tuple[int, int, bool]]:
    """(index of the first line, of the last line, whether the first line's quote is left
    open) of each record from `lines[start]` on.

    A cell in quotes may hold line breaks (Excel writes them), so a record runs on while
    its quote is open. A quote typed by mistake would take the rest of the file with it, so
    the record is cut back to its first line, refused as a quote left open, and reading
    starts again on the next line, when the quote:
    - is still open at the end of the file;
    - is closed by a quote followed by something other than the delimiter or the line's
      end (the opening quote of a later row's quoted cell);
    - would take in whole a line that holds as many cells as the header (a row of its own).
    """
    index = start
    while index < len(lines):
        left_open, badly_closed = _quote_left_open(lines[index], delimiter, False)
        last = index
        while left_open and last + 1 < len(lines):
            last += 1
            left_open, badly_closed = _quote_left_open(lines[last], delimiter, True)
            if badly_closed or (left_open and _width(lines[last], delimiter) >= width):
                break
        if left_open or badly_closed:
            yield index, index, True
            index += 1
        else:
            yield index, last, False
            index = last + 1


def parse_csv(data: bytes, required: Sequence[str]) -> ParsedFile:
    """The file's rows keyed by column. The header is the first line with text, on one line."""
    encoding, lines, unreadable = decode_lines(data)
    if not any(line.strip() for line in lines):
        raise CsvFileError("O arquivo está vazio.", "The file is empty.")
    delimiter = sniff_delimiter(next(line for line in lines if line.strip()))
    header_at = next((i for i, line in enumerate(lines) if _width(line.strip(), delimiter)), None)
    if header_at is None:
        raise CsvFileError("O arquivo não tem cabeçalho.", "The file has no header.")
    header = _cells(lines[header_at], delimiter)
    columns = [column_name(h) for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise CsvFileError(
            f"Faltam colunas no arquivo: {', '.join(missing)}. "
            f"Cabeçalho lido: {delimiter.join(header)}",
            f"Columns missing from the file: {', '.join(missing)}. "
            f"Header read: {delimiter.join(header)}",
        )
    parsed = ParsedFile(encoding, delimiter, tuple(c for c in columns if c is not None))
    for first, last, quote_open in _records(lines, header_at + 1, delimiter, len(header)):
        line = first + 1
        if quote_open:
            code = "unreadable" if line in unreadable else "quote"
            parsed.problems.append(RowProblem(line, code, lines[first]))
            continue
        try:
            cells = _cells("\n".join(lines[first : last + 1]), delimiter)
        except csv.Error:
            parsed.problems.append(RowProblem(line, "malformed", lines[first][:60]))
            continue
        if not any(c.strip() for c in cells):
            continue
        content = delimiter.join(cells)
        if any(n in unreadable for n in range(line, last + 2)):
            parsed.problems.append(RowProblem(line, "unreadable", content))
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            parsed.problems.append(
                RowProblem(
                    line,
                    "columns",
                    content,
                    (("found", str(len(cells))), ("expected", str(len(columns)))),
                )
            )
            continue
        values = {
            name: from_spreadsheet(cell.strip())
            for name, cell in zip(columns, cells, strict=False)
            if name is not None
        }
        parsed.rows.append(RawRow(line, values, content))
    return parsed


# -- checking rows ------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = tuple((k, str(v)) for k, v in params.items())


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).lower().split())


def category_code_for(name: str) -> str:
    """'Cuidados Pessoais' -> 'cuidados_pessoais' (the code a new category gets)."""
    return re.sub(r"[^a-z0-9]+", "_", _fold(name)).strip("_")[:40] or "sem_categoria"


_KINDS = {
    "produto": "product",
    "product": "product",
    "p": "product",
    "": "product",
    "servico": "service",
    "service": "service",
    "s": "service",
}
_YES = {"sim", "s", "yes", "y", "1", "true", "verdadeiro", "x"}
_NO = {"nao", "n", "no", "0", "false", "falso", ""}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _name(values: dict[str, str], limit: int) -> str:
    name = " ".join(values.get("nome", "").split())
    if not name:
        raise _Refused("name_missing")
    if len(name) > limit:
        raise _Refused("name_long", value=len(name))
    return name


def _price(text: str) -> int:
    if not text:
        raise _Refused("price_missing")
    try:
        value = parse_centavos(text)
    except ValueError:
        raise _Refused("price", value=text) from None
    if value <= 0:
        raise _Refused("price_zero", value=text)
    if value > MAX_PRICE_CENTAVOS:
        raise _Refused("price_high", value=text)
    return value


def _duration(text: str) -> int | None:
    """Whole minutes (ASCII digits) from 1 to the catalogue editor's MAX_DURATION_MIN."""
    if not text:
        return None
    digits = text.lstrip("0")
    if re.fullmatch(r"[0-9]{1,9}", digits) and int(digits) <= MAX_DURATION_MIN:
        return int(digits)
    raise _Refused("duration", value=text, max=MAX_DURATION_MIN)


@dataclass(slots=True)
class _Seen:
    """Keys already taken: in the database (line 0) or by an earlier row of the file."""

    taken: dict[str, dict[str, int]] = field(default_factory=dict)

    def check(self, kind: str, key: str | None, shown: str) -> None:
        if key is None:
            return
        where = self.taken.setdefault(kind, {})
        if key in where:
            earlier = where[key]
            if earlier == 0:
                raise _Refused("dup_db", field=kind, value=shown)
            raise _Refused("dup_file", field=kind, value=shown, line=earlier)

    def take(self, kind: str, key: str | None, line: int) -> None:
        if key is not None:
            self.taken.setdefault(kind, {})[key] = line

    def load(self, kind: str, keys: Iterable[str | None]) -> None:
        where = self.taken.setdefault(kind, {})
        for key in keys:
            if key is not None:
                where[key] = 0


@dataclass(frozen=True, slots=True)
class _ItemRow:
    line: int
    kind: str
    name: str
    gtin: str | None
    sku: str | None
    price: int
    category: str | None
    duration_min: int | None
    tax: dict[str, str | int | None] = field(default_factory=dict)


def _check_tax(v: dict[str, str]) -> dict[str, str | int | None]:
    """The NFC-e columns of a row (all optional; a filled one must be well formed)."""
    found: dict[str, str | int | None] = {}
    for column, (attr, pattern, rule) in _TAX_RULES.items():
        text = v.get(column, "").strip()
        clean = (
            text.replace(".", "").replace("-", "") if column in ("ncm", "cest", "cfop") else text
        )
        if not clean:
            continue
        if not re.fullmatch(pattern, clean):
            raise _Refused("tax", column=column.upper(), value=text, rule=rule)
        found[attr] = int(clean) if attr == "origin" else clean.upper()
    return found


def _check_item(row: RawRow, seen: _Seen) -> _ItemRow:
    v = row.values
    kind_text = _fold(v.get("tipo", ""))
    if kind_text not in _KINDS:
        raise _Refused("kind", value=v.get("tipo", ""))
    name = _name(v, 160)
    gtin_text = v.get("codigo_barras", "")
    gtin: str | None = None
    if gtin_text:
        try:
            gtin = normalize_gtin(gtin_text)
        except InvalidGTIN:
            raise _Refused("gtin", value=gtin_text) from None
    sku = v.get("sku") or None
    if sku is not None and len(sku) > 40:
        raise _Refused("sku_long", value=sku)
    price = _price(v.get("preco", ""))
    duration = _duration(v.get("duracao_min", ""))
    name_key = None if gtin or sku else _fold(name)
    seen.check("gtin", gtin, gtin or "")
    seen.check("sku", sku.upper() if sku else None, sku or "")
    seen.check("name", name_key, name)
    seen.take("gtin", gtin, row.line)
    seen.take("sku", sku.upper() if sku else None, row.line)
    seen.take("name", name_key, row.line)
    category = " ".join(v.get("categoria", "").split()) or None
    tax = _check_tax(v)
    return _ItemRow(row.line, _KINDS[kind_text], name, gtin, sku, price, category, duration, tax)


@dataclass(frozen=True, slots=True)
class _CustomerRow:
    line: int
    name: str
    cpf: str | None
    phone: str | None
    email: str | None
    birthday: date | None
    consent: bool
    referred_by: str | None
    code: str | None


def _birthday(text: str) -> date | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            value = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if 1900 <= value.year <= 2100:
            return value
    raise _Refused("birthday", value=text)


def _check_customer(row: RawRow, seen: _Seen) -> _CustomerRow:
    v = row.values
    name = _name(v, 120)
    cpf_text, phone_text = v.get("cpf", ""), v.get("celular", "")
    try:
        cpf = normalize_cpf(cpf_text) if cpf_text else None
    except InvalidCPF:
        raise _Refused("cpf", value=cpf_text) from None
    try:
        phone = normalize_mobile(phone_text) if phone_text else None
    except InvalidPhone:
        raise _Refused("phone", value=phone_text) from None
    if cpf is None and phone is None:
        raise _Refused("identity")
    email = v.get("email") or None
    if email is not None and (len(email) > 200 or not _EMAIL.match(email)):
        raise _Refused("email", value=email)
    birthday = _birthday(v.get("nascimento", ""))
    consent_text = _fold(v.get("aceita_mensagens", ""))
    if consent_text not in _YES and consent_text not in _NO:
        raise _Refused("consent", value=v.get("aceita_mensagens", ""))
    referred_by = v.get("indicado_por", "").strip().upper() or None
    if referred_by is not None and referred_by not in seen.taken.get("code", {}):
        raise _Refused("referral", value=v.get("indicado_por", ""))
    code = v.get("codigo_indicacao", "").strip().upper() or None
    if code is not None and not re.fullmatch(r"[A-Z0-9]{4,12}", code):
        raise _Refused("own_code", value=v.get("codigo_indicacao", ""))
    seen.check("cpf", cpf, format_cpf(cpf) if cpf else "")
    seen.check("phone", phone, format_mobile(phone) if phone else "")
    seen.check("code", code, code or "")
    seen.take("cpf", cpf, row.line)
    seen.take("phone", phone, row.line)
    seen.take("code", code, row.line)
    return _CustomerRow(
        row.line, name, cpf, phone, email, birthday, consent_text in _YES, referred_by, code
    )


# -- writing -------------------------------------------------------------------------

_ITEM = table_of(Item)
_CATEGORY = table_of(Category)
_CUSTOMER = table_of(Customer)
_OUTBOX = table_of(OutboxEvent)


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _authorize(station: Station, staff_id: int, manager_pin: str, action: str) -> int:
    with station.read() as session:
        acting_staff(session, staff_id)
        return authorize_manager(session, manager_pin, action, station.now()).id


def _audit(
    station: Station, action: str, staff_id: int, manager_id: int, target: str, **details: Any
) -> None:
    with station.write() as session:
        audit.record(
            session,
            at=station.now(),
            terminal_uuid=station.terminal(session).uuid,
            action=action,
            staff_id=staff_id,
            authorized_by_id=manager_id,
            target=target,
            **details,
        )


def _check_all(
    parsed: ParsedFile, check: Callable[[RawRow, _Seen], Any], seen: _Seen
) -> tuple[list[Any], list[RowProblem]]:
    good: list[Any] = []
    problems = list(parsed.problems)
    for row in parsed.rows:
        try:
            good.append(check(row, seen))
        except _Refused as refused:
            problems.append(RowProblem(row.line, refused.code, row.content, refused.params))
    problems.sort(key=lambda p: p.line)
    return good, problems


def _read(source: Path | bytes) -> tuple[str, bytes]:
    if isinstance(source, bytes):
        return "", source
    return Path(source).name, Path(source).read_bytes()


@announces(Change.CATALOG)
def import_catalog(
    station: Station,
    source: Path | bytes,
    *,
    staff_id: int,
    manager_pin: str,
    progress: Progress | None = None,
    batch_size: int = BATCH,
) -> ImportReport:
    """Add the file's products and services; unknown categories are created."""
    manager_id = _authorize(station, staff_id, manager_pin, "importar catálogo")
    file_name, data = _read(source)
    parsed = parse_csv(data, ("nome", "preco"))
    total = parsed.total
    report = progress or (lambda done, total: None)
    report(0, total)
    seen = _Seen()
    with station.read() as session:
        seen.load("gtin", session.scalars(select(Item.gtin)))
        seen.load("sku", (s.upper() for s in session.scalars(select(Item.sku)) if s))
        seen.load(
            "name",
            (
                _fold(n)
                for n in session.scalars(
                    select(Item.name).where(Item.gtin.is_(None), Item.sku.is_(None))
                )
            ),
        )
        categories: dict[str, int] = {}
        for cat_id, code, name in session.execute(
            select(Category.id, Category.code, Category.name)
        ):
            categories.setdefault(_fold(code), cat_id)
            categories.setdefault(_fold(name), cat_id)
    good, problems = _check_all(parsed, _check_item, seen)
    created: list[str] = []
    done = 0
    all_lines = sorted([r.line for r in parsed.rows] + [p.line for p in parsed.problems])
    for batch in _batches(good, batch_size):
        with station.write() as session:
            values = []
            for row in batch:
                category_id = None
                if row.category:
                    key = _fold(row.category)
                    category_id = categories.get(key)
                    if category_id is None:
                        code = _free_category_code(session, category_code_for(row.category))
                        category_id = session.scalars(
                            insert(_CATEGORY)
                            .values(code=code, name=row.category)
                            .returning(_CATEGORY.c.id)
                        ).one()
                        categories[key] = categories[_fold(code)] = category_id
                        created.append(row.category)
                values.append(
                    {
                        "uuid": str(uuid.uuid4()),
                        "kind": row.kind,
                        "name": row.name,
                        "gtin": row.gtin,
                        "sku": row.sku,
                        "price": row.price,
                        "category_id": category_id,
                        "duration_min": row.duration_min,
                        "active": True,
                        **{attr: row.tax.get(attr) for attr in _TAX_ATTRS},
                    }
                )
            session.execute(insert(_ITEM), values)
        done = _progress_to(batch[-1].line, all_lines, report, total)
    if done < total:
        report(total, total)
    _audit(
        station,
        "import.catalog",
        staff_id,
        manager_id,
        f"file:{file_name}" if file_name else "file",
        rows=total,
        imported=len(good),
        refused=len(problems),
        categories_created=len(created),
    )
    return ImportReport(
        CATALOG,
        file_name,
        parsed.encoding,
        parsed.delimiter,
        total,
        len(good),
        tuple(problems),
        tuple(created),
    )


def _progress_to(line: int, all_lines: list[int], report: Progress, total: int) -> int:
    """Rows up to `line` are settled (written or refused): report how many."""
    done = bisect_right(all_lines, line)
    report(min(done, total), total)
    return done


def _free_category_code(session: Session, code: str) -> str:
    candidate, n = code, 1
    while session.scalar(select(Category.id).where(Category.code == candidate)) is not None:
        n += 1
        candidate = f"{code[:36]}_{n}"
    return candidate


def import_customers(
    station: Station,
    source: Path | bytes,
    *,
    staff_id: int,
    manager_pin: str,
    progress: Progress | None = None,
    batch_size: int = BATCH,
) -> ImportReport:
    """Enrol the file's customers (the rules of `customers.enrol`); balances are not imported."""
    manager_id = _authorize(station, staff_id, manager_pin, "importar clientes")
    file_name, data = _read(source)
    parsed = parse_csv(data, ("nome",))
    total = parsed.total
    report = progress or (lambda done, total: None)
    report(0, total)
    seen = _Seen()
    with station.read() as session:
        seen.load("cpf", session.scalars(select(Customer.cpf)))
        seen.load("phone", session.scalars(select(Customer.phone)))
        seen.load("code", session.scalars(select(Customer.referral_code)))
    good, problems = _check_all(parsed, _check_customer, seen)
    codes_taken = set(seen.taken.get("code", {}))
    all_lines = sorted([r.line for r in parsed.rows] + [p.line for p in parsed.problems])
    done = 0
    set_referrer = (
        update(_CUSTOMER)
        .where(_CUSTOMER.c.uuid == bindparam("u"))
        .values(
            referred_by_id=select(_CUSTOMER.c.id)
            .where(_CUSTOMER.c.referral_code == bindparam("ref"))
            .scalar_subquery()
        )
    )
    for batch in _batches(good, batch_size):
        now = station.now()
        with station.write() as session:
            values, events, links = [], [], []
            for row in batch:
                code = row.code
                if code is None:
                    code = new_referral_code(row.name)
                    while code in codes_taken:
                        code = new_referral_code(row.name)
                    codes_taken.add(code)
                customer_uuid = str(uuid.uuid4())
                values.append(
                    {
                        "uuid": customer_uuid,
                        "cpf": row.cpf,
                        "phone": row.phone,
                        "name": row.name,
                        "email": row.email,
                        "birthday": row.birthday,
                        "marketing_consent": row.consent,
                        "consent_at": now if row.consent else None,
                        "consent_changed_at": now if row.consent else None,
                        "details_changed_at": now,
                        "referral_code": code,
                        "referred_by_id": None,
                        "created_at": now,
                    }
                )
                if row.referred_by:
                    links.append({"u": customer_uuid, "ref": row.referred_by})
                events.append(
                    {
                        "uuid": str(uuid.uuid4()),
                        "kind": "customer.enrolled",
                        "created_at": now,
                        "sent_at": None,
                        "payload": _payload(customer_uuid, row, staff_id, "import"),
                    }
                )
            session.execute(insert(_CUSTOMER), values)
            if links:
                session.execute(set_referrer, links)
            session.execute(insert(_OUTBOX), events)
        done = _progress_to(batch[-1].line, all_lines, report, total)
    if done < total:
        report(total, total)
    _audit(
        station,
        "import.customers",
        staff_id,
        manager_id,
        f"file:{file_name}" if file_name else "file",
        rows=total,
        imported=len(good),
        refused=len(problems),
    )
    return ImportReport(
        CUSTOMERS, file_name, parsed.encoding, parsed.delimiter, total, len(good), tuple(problems)
    )


def _payload(customer_uuid: str, row: _CustomerRow, staff_id: int, source: str) -> str:
    return json.dumps(
        {
            "customer": customer_uuid,
            "name": row.name,
            "cpf": row.cpf,
            "phone": row.phone,
            "email": row.email,
            "consent": row.consent,
            "referred_by_code": row.referred_by,
            "staff_id": staff_id,
            "source": source,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


# -- export --------------------------------------------------------------------------


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([spreadsheet_safe(str(cell)) for cell in row])
            count += 1
    return count


def export_catalog(
    station: Station, path: Path, *, staff_id: int, manager_pin: str
) -> ExportReport:
    """The active products and services, in the import's columns (';', UTF-8 with BOM)."""
    manager_id = _authorize(station, staff_id, manager_pin, "exportar catálogo")
    with station.read() as session:
        rows = session.execute(
            select(
                Item.kind,
                Item.name,
                Item.gtin,
                Item.sku,
                Item.price,
                Category.name,
                Item.duration_min,
                *(getattr(Item, attr) for attr in _TAX_ATTRS),
            )
            .outerjoin(Category, Category.id == Item.category_id)
            .where(Item.active)
            .order_by(Item.id)
        ).all()
    count = _write_csv(
        path,
        CATALOG_COLUMNS,
        (
            (
                "serviço" if kind == "service" else "produto",
                name,
                gtin or "",
                sku or "",
                spreadsheet_money(price),
                category or "",
                "" if duration is None else str(duration),
                *("" if value is None else str(value) for value in tax),
            )
            for kind, name, gtin, sku, price, category, duration, *tax in rows
        ),
    )
    _audit(station, "export.catalog", staff_id, manager_id, f"file:{Path(path).name}", rows=count)
    return ExportReport(CATALOG, Path(path), count)


def export_customers(
    station: Station, path: Path, *, staff_id: int, manager_pin: str
) -> ExportReport:
    """Every customer in the import's columns, with the cashback balance (in R$)."""
    manager_id = _authorize(station, staff_id, manager_pin, "exportar clientes")
    referrer = _CUSTOMER.alias("referrer")
    with station.read() as session:
        program = station.program(session)
        rows = session.execute(
            select(
                Customer.name,
                Customer.cpf,
                Customer.phone,
                Customer.email,
                Customer.birthday,
                Customer.marketing_consent,
                referrer.c.referral_code,
                Customer.referral_code,
                func.coalesce(CustomerBalance.units, 0),
            )
            .outerjoin(referrer, referrer.c.id == Customer.referred_by_id)
            .outerjoin(CustomerBalance, CustomerBalance.customer_id == Customer.id)
            .order_by(Customer.id)
        ).all()
    count = _write_csv(
        path,
        CUSTOMER_EXPORT_COLUMNS,
        (
            (
                name,
                format_cpf(cpf) if cpf else "",
                format_mobile(phone) if phone else "",
                email or "",
                birthday.strftime("%d/%m/%Y") if birthday else "",
                "sim" if consent else "não",
                referred or "",
                code,
                spreadsheet_money(program.value_of_units(units)),
            )
            for name, cpf, phone, email, birthday, consent, referred, code, units in rows
        ),
    )
    _audit(station, "export.customers", staff_id, manager_id, f"file:{Path(path).name}", rows=count)
    return ExportReport(CUSTOMERS, Path(path), count)


# -- the import's templates and what each column takes ----------------------------------
# Until the in-app catalogue lands (and after), a CSV is how a salon enters its services:
# the import panel offers these files (header and example rows that import as they are)
# and shows, column by column, which values are accepted, in pt_BR and English.


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
        f"só para serviços: minutos inteiros, de 1 a {MAX_DURATION_MIN} (ex.: 60).",
        f"services only: whole minutes, 1 to {MAX_DURATION_MIN} (e.g. 60).",
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
