"""The `posapp` command: the counter GUI, the demo, demo data, database tools, printers.

Messages are pt_BR first (`--lang en` for English). A refusal the user can act
on (`PosError`) prints its message and exits with 2, never a traceback.

The GUI lives in `posapp.app`, the only module here allowed to load Qt; it is
imported by name when the GUI starts, so `posapp db ...` and `posapp printer ...`
never load Qt (and the import contract "Qt only in posapp.ui and posapp.app"
holds for this module).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from db.backup import backup_database, backup_path
from posapp import __version__
from posapp.core.errors import PosError
from posapp.core.presets import PRESETS
from posapp.nfce_cli import add_nfce_parser, run_nfce
from posapp.services.common.station import Station, open_station
from posapp.services.onboarding.demo import BRT, DemoSummary, fill_demo, has_sales
from posapp.services.onboarding.quick_start import first_run

LANGS = ("pt_BR", "en")
DEFAULT_LANG = "pt_BR"

_MESSAGES: dict[str, tuple[str, str]] = {
    "no_db": ("Banco de dados não encontrado: {path}", "Database not found: {path}"),
    "need_db": (
        "Informe o arquivo do banco com --db (os dados de demonstração nunca vão para o banco "
        "da loja por engano).",
        "Give the database file with --db (demo data never goes into the store's database "
        "by mistake).",
    ),
    "not_empty": (
        "O banco {path} já tem vendas; use um arquivo novo para os dados de demonstração.",
        "The database {path} already has sales; use a new file for demo data.",
    ),
    "no_store": (
        "Este banco ainda não tem loja configurada: {path}",
        "This database has no store set up yet: {path}",
    ),
    "demo_ready": (
        "Banco de demonstração pronto em {seconds} s: {path}",
        "Demo database ready in {seconds} s: {path}",
    ),
    "demo_store": ("Loja: {name} (programa: {program})", "Store: {name} (program: {program})"),
    "demo_counts": (
        "{customers} clientes ({referred} indicados), {products} produtos, {services} serviços, "
        "{sales} vendas",
        "{customers} customers ({referred} referred), {products} products, {services} services, "
        "{sales} sales",
    ),
    "demo_period": ("Vendas de {first} a {last}", "Sales from {first} to {last}"),
    "demo_pins": ("PINs de demonstração:", "Demo PINs:"),
    "first_run": (
        'Primeira execução: loja "{name}" criada com o programa {program}.\n'
        "PIN do administrador ({admin}): {pin} (anote-o; ele não será mostrado de novo).",
        'First run: store "{name}" created with the {program} program.\n'
        "Administrator PIN ({admin}): {pin} (write it down; it will not be shown again).",
    ),
    "upgraded": (
        "Banco {path} atualizado da revisão {before} para {after}.",
        "Database {path} upgraded from revision {before} to {after}.",
    ),
    "up_to_date": (
        "Banco {path} já está na revisão {after}.",
        "Database {path} is already at revision {after}.",
    ),
    "backup_before": (
        "Cópia de segurança antes da atualização: {backup}",
        "Backup taken before the upgrade: {backup}",
    ),
    "none": ("nenhuma", "none"),
    "backup_done": ("Cópia de segurança gravada em {path}", "Backup written to {path}"),
    "restored": (
        "Banco {path} restaurado de {file} ({sales} vendas).",
        "Database {path} restored from {file} ({sales} sales).",
    ),
    "restore_saved": (
        "O banco anterior foi guardado em {path}",
        "The previous database was kept in {path}",
    ),
    "exported": (
        "Dados do cliente gravados em {path} ({entries} lançamentos).",
        "Customer data written to {path} ({entries} entries).",
    ),
    "anonymized": (
        "Cliente anonimizado ({cleared} apagados); extrato, vendas e vales mantidos. "
        "Cópias de segurança anteriores guardam os dados até vencerem ({days} dias).",
        "Customer anonymized ({cleared} erased); ledger, sales and vouchers kept. "
        "Earlier backups keep the data until they age out ({days} days).",
    ),
    "daily_done": (
        "Manutenção da fidelidade: {lots} lote(s) de cashback vencido(s) ({units}), "
        "{lapsed} vale(s) vencido(s), {issued} vale(s) emitido(s).",
        "Loyalty upkeep: {lots} cashback lot(s) expired ({units}), "
        "{lapsed} voucher(s) lapsed, {issued} voucher(s) issued.",
    ),
    "bad_anchor": (
        "Âncora inválida: {value} (use os 64 caracteres do hash impresso na redução Z).",
        "Invalid anchor: {value} (use the 64 characters of the hash printed on the Z report).",
    ),
    "endpoint": ("servidor da rede", "the chain's endpoint"),
    "endpoint_unreachable": (
        "  · Servidor da rede fora do alcance; a âncora dele não foi conferida ({error}).",
        "  · The chain's endpoint could not be reached; its anchor was not checked ({error}).",
    ),
    "no_faults": ("Nenhuma falha encontrada", "No faults found"),
    "faults": ("{count} falha(s) encontrada(s):", "{count} fault(s) found:"),
    "report_pin": ("PIN do gerente para a redução Z: ", "Manager's PIN for the Z report: "),
    "need_pin": (
        "A redução Z precisa da senha de um gerente: use --manager-pin PIN.",
        "The Z report needs a manager's PIN: use --manager-pin PIN.",
    ),
    "bad_date": (
        "Data inválida: {value} (use AAAA-MM-DD).",
        "Invalid date: {value} (use YYYY-MM-DD).",
    ),
    "report_saved": ("{what} gravado em {path}", "{what} written to {path}"),
    "report_printed": ("Relatório impresso em {uri}", "Report printed on {uri}"),
    "report_not_printed": ("Não foi possível imprimir: {error}", "Could not print: {error}"),
    "no_printer_cli": (
        "Os comandos de impressora não estão disponíveis nesta instalação.",
        "Printer commands are not available in this installation.",
    ),
}

_ROLES: dict[str, tuple[str, str]] = {
    "admin": ("administrador", "administrator"),
    "manager": ("gerente", "manager"),
    "cashier": ("caixa", "cashier"),
    "professional": ("profissional", "professional"),
}


def say(key: str, lang: str, **values: Any) -> str:
    pt, en = _MESSAGES[key]
    return (pt if lang.startswith("pt") else en).format(**values)


def default_db_path() -> Path:
    return platformdirs.user_data_path("posapp", appauthor=False) / "posapp.sqlite"


class CliError(Exception):
    """A refusal of the command line itself (a missing file...), exit status 2."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, lang: str) -> str:
        return say(self.key, lang, **self.values)


# -- the parser ----------------------------------------------------------------------


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


def _parser(**kwargs: Any) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(formatter_class=_Formatter, add_help=False, **kwargs)
    parser._positionals.title = "argumentos"
    parser._optionals.title = "opções"
    parser.add_argument("-h", "--help", action="help", help="mostra esta ajuda e sai")
    return parser


def _common(parser: argparse.ArgumentParser, *, top: bool, db_help: str | None = None) -> None:
    """--db and --lang, accepted before and after a subcommand."""
    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        metavar="ARQUIVO",
        help=db_help or f"arquivo do banco de dados (padrão: {default_db_path()})",
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=DEFAULT_LANG if top else argparse.SUPPRESS,
        help="idioma das mensagens: pt_BR (padrão) ou en",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _parser(
        prog="posapp",
        description="Caixa para salões e farmácias com programa de cashback.",
    )
    _common(parser, top=True)
    parser.add_argument(
        "--version", action="version", version=f"posapp {__version__}", help="mostra a versão"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="confere esta instalação (banco, venda, recibo, janela) numa pasta temporária",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="abre o caixa num banco de demonstração novo, com impressora virtual",
    )
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default=None,
        help="configura uma loja nova sem o assistente, com este programa "
        "(sem ele, o assistente de primeira execução abre na janela)",
    )
    commands = parser.add_subparsers(dest="command", title="comandos", metavar="COMANDO")

    demo = commands.add_parser(
        "demo-data",
        help="preenche um banco com dados de demonstração",
        description="Cria um banco (ou completa um banco ainda sem vendas) com loja, catálogo, "
        "equipe, clientes e 90 dias de vendas de demonstração.",
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(demo)
    _common(demo, top=False, db_help="arquivo do banco a preencher (obrigatório)")
    demo.add_argument("--customers", type=_count, default=200, metavar="N", help="clientes")
    demo.add_argument("--products", type=_count, default=300, metavar="N", help="produtos")
    demo.add_argument(
        "--sales", type=_count, default=None, metavar="N", help="vendas (padrão: 600)"
    )
    demo.add_argument("--seed", type=int, default=7, help="semente dos dados (padrão: 7)")
    demo.add_argument(
        "--preset", choices=sorted(PRESETS), default="salon", help="programa (padrão: salon)"
    )

    db = commands.add_parser(
        "db",
        help="ferramentas do banco de dados",
        description="Atualiza, confere ou copia o banco de dados do caixa.",
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(db)
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="AÇÃO")
    for name, text in (
        ("upgrade", "atualiza o banco para a versão atual (com cópia de segurança antes)"),
        ("verify", "confere a cadeia do extrato, os saldos, as vendas e os vales"),
        ("backup", "grava uma cópia de segurança consistente do banco"),
        ("restore", "substitui o banco por uma cópia de segurança conferida (gerente)"),
    ):
        action = db_commands.add_parser(
            name, help=text, description=text, formatter_class=_Formatter, add_help=False
        )
        _help(action)
        _common(action, top=False)
        if name == "backup":
            action.add_argument(
                "--out",
                type=Path,
                default=None,
                metavar="ARQUIVO",
                help="arquivo da cópia (padrão: pasta backups ao lado do banco)",
            )
        if name == "verify":
            action.add_argument(
                "--anchor",
                action="append",
                default=[],
                metavar="HASH",
                help="hash impresso numa redução Z (ou dado pelo servidor): o arquivo ainda "
                "deve alcançá-lo (pode repetir)",
            )
        if name == "restore":
            action.add_argument("file", type=Path, metavar="ARQUIVO", help="a cópia a restaurar")
            action.add_argument(
                "--manager-pin", required=True, metavar="PIN", help="senha do gerente"
            )

    text = (
        "manutenção diária da fidelidade: vence o cashback e os vales do prazo, emite os "
        "vales do cashback liberado (o caixa aberto faz isso de hora em hora)"
    )
    daily = commands.add_parser(
        "daily", help=text, description=text, formatter_class=_Formatter, add_help=False
    )
    _help(daily)
    _common(daily, top=False)

    _customer_parser(commands)

    _report_parser(commands)

    _sync_parser(commands)
    add_nfce_parser(commands, _common, _Formatter)

    try:
        from hardware.cli import add_printer_commands
    except ImportError:  # pragma: no cover - an installation without the device libraries
        pass
    else:
        add_printer_commands(commands)
    return parser


def _customer_parser(commands: Any) -> None:
    customer = commands.add_parser(
        "customer",
        help="dados de um cliente (LGPD)",
        description="Direitos do titular (LGPD): exporta ou anonimiza os dados de um cliente.",
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(customer)
    actions = customer.add_subparsers(dest="customer_command", required=True, metavar="AÇÃO")
    text = "exporta para JSON todos os dados de um cliente"
    export = actions.add_parser(
        "export", help=text, description=text, formatter_class=_Formatter, add_help=False
    )
    _help(export)
    _common(export, top=False)
    export.add_argument("--cpf", required=True, help="CPF do cliente")
    export.add_argument("--out", type=Path, required=True, metavar="ARQUIVO", help="o JSON")
    export.add_argument(
        "--manager-pin",
        required=True,
        metavar="PIN",
        help="senha do gerente (entregar dados pessoais é ato de gerente, auditado)",
    )
    text = "anonimiza um cliente: apaga nome, CPF, celular, e-mail e aniversário (gerente)"
    anonymize = actions.add_parser(
        "anonymize", help=text, description=text, formatter_class=_Formatter, add_help=False
    )
    _help(anonymize)
    _common(anonymize, top=False)
    anonymize.add_argument("--cpf", required=True, help="CPF do cliente")
    anonymize.add_argument("--manager-pin", required=True, metavar="PIN", help="senha do gerente")
    anonymize.add_argument(
        "--reason", default="pedido do titular (LGPD)", metavar="TEXTO", help="motivo (auditoria)"
    )


def _report_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="relatório X (leitura) ou redução Z (encerra o dia)",
        description="Mostra o relatório X ou emite a redução Z do dia (hoje, ou --date), "
        "e o imprime, grava em PDF (A4) ou em CSV. A redução Z precisa da senha de um "
        "gerente: --manager-pin PIN, ou digitada quando pedida num terminal.",
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(report)
    _common(report, top=False)
    report.add_argument("kind", choices=("x", "z"), help="x (leitura) ou z (encerra o dia)")
    report.add_argument("--date", default=None, metavar="AAAA-MM-DD", help="o dia (padrão: hoje)")
    report.add_argument(
        "--print",
        dest="print_uri",
        default=None,
        metavar="URI",
        help="imprime na impressora (ex.: virtual://, tcp://IP:9100)",
    )
    report.add_argument(
        "--paper",
        type=int,
        choices=(58, 80),
        default=None,
        help="largura do papel em mm (padrão: a das configurações)",
    )
    report.add_argument(
        "--pdf", type=Path, default=None, metavar="ARQUIVO", help="grava em PDF (A4)"
    )
    report.add_argument("--csv", type=Path, default=None, metavar="ARQUIVO", help="grava em CSV")
    report.add_argument("--manager-pin", default=None, metavar="PIN", help="senha do gerente (Z)")


def _help(parser: argparse.ArgumentParser) -> None:
    parser._positionals.title = "argumentos"
    parser._optionals.title = "opções"
    parser.add_argument("-h", "--help", action="help", help="mostra esta ajuda e sai")


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"use um número maior ou igual a zero: {text}")
    return value


# -- running -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help and --version (0), usage errors (2)
        return done.code if isinstance(done.code, int) else 0
    lang: str = args.lang
    try:
        return _dispatch(args, lang)
    except (PosError, CliError) as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    except Exception as error:  # an SQLite failure met later (full disk, a damaged page)
        from posapp.services.machine.database_file import classify

        problem = classify(error, _db_path(args)) if hasattr(args, "db") else None
        if problem is None:
            raise
        print(problem.message(lang), file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace, lang: str) -> int:
    if args.self_test:
        from posapp.self_test import run_self_test

        return run_self_test()
    command = args.command
    if command == "demo-data":
        return _demo_data(args, lang)
    if command == "db":
        return _db(args, lang)
    if command == "customer":
        return _customer(args, lang)
    if command == "daily":
        return _with_station(_existing(_db_path(args)), lambda station: _daily(station, lang))
    if command == "report":
        return _with_station(
            _existing(_db_path(args)), lambda station: _report(station, args, lang)
        )
    if command == "nfce":
        return _with_station(
            _existing(_db_path(args)), lambda station: run_nfce(station, args, lang)
        )
    if command == "sync":
        return _with_station(_existing(_db_path(args)), lambda station: _sync(station, args, lang))
    if command == "printer":
        from hardware.cli import run_printer_command

        return run_printer_command(args)
    return _gui(args, lang)


def _db_path(args: argparse.Namespace) -> Path:
    path: Path | None = args.db
    return path if path is not None else default_db_path()


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise CliError("no_db", path=path)
    return path


def _with_station(path: Path, work: Callable[[Station], int]) -> int:
    station = open_station(path)
    try:
        return work(station)
    finally:
        station.close()


def _demo_data(args: argparse.Namespace, lang: str) -> int:
    if args.db is None:
        raise CliError("need_db")
    path: Path = args.db
    started = time.perf_counter()

    def fill(station: Station) -> int:
        if has_sales(station):
            raise CliError("not_empty", path=path)
        summary = fill_demo(
            station,
            customers=args.customers,
            products=args.products,
            sales=args.sales,
            seed=args.seed,
            preset_key=args.preset,
        )
        print(say("demo_ready", lang, seconds=_seconds(started, lang), path=path))
        _print_summary(summary, lang)
        return 0

    return _with_station(path, fill)


def _print_summary(summary: DemoSummary, lang: str) -> None:
    print(say("demo_store", lang, name=summary.store_name, program=summary.program_key))
    print(
        say(
            "demo_counts",
            lang,
            customers=summary.customers,
            referred=summary.referred_customers,
            products=summary.products,
            services=summary.services,
            sales=summary.sales,
        )
    )
    if summary.first_sale_at and summary.last_sale_at:
        first, last = (_day(m, lang) for m in (summary.first_sale_at, summary.last_sale_at))
        print(say("demo_period", lang, first=first, last=last))
    print(say("demo_pins", lang))
    for person in summary.staff:
        print(f"  {person.name} ({_role(person.role.value, lang)}): {person.pin}")


def _seconds(started: float, lang: str) -> str:
    text = f"{time.perf_counter() - started:.1f}"
    return text.replace(".", ",") if lang.startswith("pt") else text


def _role(role: str, lang: str) -> str:
    return _ROLES[role][0 if lang.startswith("pt") else 1]


def _day(moment: datetime, lang: str) -> str:
    local = moment.astimezone(BRT)
    return local.strftime("%d/%m/%Y" if lang.startswith("pt") else "%Y-%m-%d")


def _db(args: argparse.Namespace, lang: str) -> int:
    path = _db_path(args)
    if args.db_command == "upgrade":
        return _with_station(path, lambda station: _report_upgrade(station, lang))
    if args.db_command == "backup":
        source = _existing(path)
        out: Path = args.out or backup_path(source, "manual")
        print(say("backup_done", lang, path=backup_database(source, out)))
        return 0
    if args.db_command == "restore":
        from posapp.services.admin.backups import restore

        result = restore(_existing(path), args.file, args.manager_pin)
        print(say("restored", lang, file=result.restored_from, path=path, sales=result.sales))
        print(say("restore_saved", lang, path=result.previous_saved_to))
        return 0
    return _with_station(_existing(path), lambda station: _verify(station, lang, args.anchor))


def _customer(args: argparse.Namespace, lang: str) -> int:
    import json

    from posapp.services.customers.privacy import (
        anonymize_customer,
        customer_id_by_cpf,
        save_export,
    )

    def anonymize(station: Station) -> int:
        from posapp.services.common.counter_settings import load_settings

        done = anonymize_customer(
            station, customer_id_by_cpf(station, args.cpf), args.manager_pin, args.reason
        )
        days = load_settings(station).backup_keep_days
        print(say("anonymized", lang, cleared=done.cleared_text(lang), days=days))
        return 0

    def export(station: Station) -> int:
        customer_id = customer_id_by_cpf(station, args.cpf)
        out = save_export(station, customer_id, args.manager_pin, args.out)
        data = json.loads(out.read_text(encoding="utf-8"))
        print(say("exported", lang, path=out, entries=len(data["ledger"])))
        return 0

    work = anonymize if args.customer_command == "anonymize" else export
    return _with_station(_existing(_db_path(args)), work)


def _daily(station: Station, lang: str) -> int:
    from posapp.core.money import format_money
    from posapp.services.admin.loyalty_upkeep import run_daily
    from posapp.services.admin.store_setup import is_set_up

    if not is_set_up(station):
        raise CliError("no_store", path=station.path)
    with station.read() as session:
        points = station.program(session).mode.value == "points"
    done = run_daily(station)
    units = f"{done.expired_units} pts" if points else format_money(done.expired_units, lang)
    print(
        say(
            "daily_done",
            lang,
            lots=done.expired_lots,
            units=units,
            lapsed=done.vouchers_lapsed,
            issued=done.vouchers_issued,
        )
    )
    return 0


def _report_upgrade(station: Station, lang: str) -> int:
    result = station.migration
    assert result is not None
    if result.before == result.after:
        print(say("up_to_date", lang, path=station.path, after=result.after))
    else:
        before = result.before or say("none", lang)
        print(say("upgraded", lang, path=station.path, before=before, after=result.after))
    if result.backup is not None:
        print(say("backup_before", lang, backup=result.backup))
    return 0


def _verify(station: Station, lang: str, typed: Sequence[str] = ()) -> int:
    """Every check, the Z heads, the typed anchors and the endpoint's head when synced.

    Exit 0 when the file is sound (notices say what could not be checked), 1 on a fault."""
    from posapp.services.admin.store_setup import is_set_up
    from posapp.services.loyalty.verify import Anchor, verify_all

    if not is_set_up(station):
        raise CliError("no_store", path=station.path)
    anchors = [Anchor("--anchor", _anchor_hash(text)) for text in typed]
    anchors += _endpoint_anchor(station, lang)
    verdict = verify_all(station, anchors)
    for notice in verdict.notices:
        print(f"  · {notice.message(lang)}")
    if not verdict.faults:
        print(say("no_faults", lang))
        return 0
    print(say("faults", lang, count=len(verdict.faults)))
    for fault in verdict.faults:
        print(f"  - {fault.message(lang)}")
    return 1


def _anchor_hash(text: str) -> str:
    """A typed head: 64 hex digits, spaces and line breaks of the paper ignored."""
    cleaned = "".join(text.split()).lower()
    if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
        raise CliError("bad_anchor", value=text)
    return cleaned


def _endpoint_anchor(station: Station, lang: str) -> list[Any]:
    """The endpoint's head of this terminal's chain, when sync is configured."""
    from posapp.services.loyalty.verify import Anchor
    from posapp.services.sync.client import SyncError
    from posapp.services.sync.cycle import client_for

    client = client_for(station)
    if client is None:
        return []
    try:
        with client:
            seq, head = client.ledger_head()
    except SyncError as error:
        print(say("endpoint_unreachable", lang, error=error.message(lang)))
        return []
    return [Anchor(say("endpoint", lang), head, seq)]


def _report(station: Station, args: argparse.Namespace, lang: str) -> int:
    """X or Z on the screen, and wherever asked: printer, PDF, CSV."""
    from datetime import date

    from posapp.services.admin.store_setup import is_set_up
    from posapp.services.cash.report_output import cell_text, report_receipt, sections, write_csv
    from posapp.services.cash.reports import x_report, z_report
    from posapp.services.common.counter_settings import load_settings

    if not is_set_up(station):
        raise CliError("no_store", path=station.path)
    day = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise CliError("bad_date", value=args.date) from None
    settings = load_settings(station).with_changes(language=lang)
    if args.kind == "x":
        report = x_report(station, day)
    else:
        pin = args.manager_pin
        if pin is None and sys.stdin.isatty():
            import getpass

            pin = getpass.getpass(say("report_pin", lang))
        if not pin:
            raise CliError("need_pin")
        report = z_report(station, _manager_id(station, pin), pin, day)
    for section in sections(report, lang):
        print(f"\n{section.title}")
        for row in section.rows:
            print(f"  {row.label}: {cell_text(row, lang)}")
    if args.csv is not None:
        print(say("report_saved", lang, what="CSV", path=write_csv(report, args.csv, lang)))
    if args.pdf is not None:
        from posapp.ui.reports.pdf import write_pdf  # Qt is loaded only for the PDF

        print(say("report_saved", lang, what="PDF", path=write_pdf(report, args.pdf, lang)))
    if args.print_uri is not None:
        from hardware.errors import HardwareError
        from hardware.printer import Printer

        paper = args.paper or settings.paper_mm
        printer = Printer(args.print_uri, paper=paper, profile=settings.printer_profile)
        try:
            printer.send_now(printer.render(report_receipt(report, lang, paper)))
        except HardwareError as error:
            print(say("report_not_printed", lang, error=error.message(lang)), file=sys.stderr)
            return 1
        finally:
            printer.close()
        print(say("report_printed", lang, uri=args.print_uri))
    return 0


def _manager_id(station: Station, pin: str) -> int:
    """The manager whose PIN this is acts (and approves) the Z from the command line."""
    from posapp.services.common.auth import authorize_manager

    with station.read() as session:
        return authorize_manager(session, pin, "redução Z", station.now()).id


def _demo_gui(args: argparse.Namespace, lang: str) -> int:
    """A fresh demo database in a new temporary folder, then the GUI on it."""
    path = Path(tempfile.mkdtemp(prefix="posapp-demo-")) / "demo.sqlite"
    started = time.perf_counter()
    summary = _new_demo(path, args.preset or "salon")
    print(say("demo_ready", lang, seconds=_seconds(started, lang), path=path))
    _print_summary(summary, lang)
    pins = [f"{p.name} ({_role(p.role.value, lang)}): {p.pin}" for p in summary.staff]
    return _run_app(path, demo=True, notice="\n".join([say("demo_pins", lang), *pins]))


def _gui(args: argparse.Namespace, lang: str) -> int:
    if args.demo:
        return _demo_gui(args, lang)
    path = _db_path(args)
    if args.preset is None:
        return _run_app(path, demo=False, notice=None)  # an empty database opens the wizard
    station = open_station(path)
    try:
        done = first_run(station, preset_key=args.preset)
    finally:
        station.close()
    notice: str | None = None
    if done is not None:
        notice = say(
            "first_run",
            lang,
            name=done.store_name,
            program=done.program_key,
            admin=done.admin_name,
            pin=done.admin_pin,
        )
        print(notice)
    return _run_app(path, demo=False, notice=notice)


def _new_demo(path: Path, preset_key: str) -> DemoSummary:
    station = open_station(path)
    try:
        return fill_demo(station, preset_key=preset_key)
    finally:
        station.close()


def _run_app(path: Path, *, demo: bool, notice: str | None) -> int:
    from posapp import app  # Qt is loaded only when a window is asked for

    return app.main(path, demo=demo, notice=notice)


# -- sync ------------------------------------------------------------------------------

_SYNC_MESSAGES: dict[str, tuple[str, str]] = {
    "saved": (
        "Sincronização configurada: {url} (ativa: {enabled}).",
        "Sync configured: {url} (enabled: {enabled}).",
    ),
    "need_once": (
        "Use --url URL --token TOKEN --manager-pin PIN para configurar, "
        "ou --once para sincronizar.",
        "Use --url URL --token TOKEN --manager-pin PIN to configure, or --once to sync.",
    ),
    "need_pin": (
        "Configurar a sincronização precisa da senha de um gerente: use --manager-pin PIN.",
        "Configuring sync needs a manager's PIN: use --manager-pin PIN.",
    ),
    "pushed": (
        "Enviados: {events} eventos ({entries} lançamentos).",
        "Pushed: {events} events ({entries} entries).",
    ),
    "pulled": (
        "Recebidos: {events} eventos ({entries} lançamentos).",
        "Pulled: {events} events ({entries} entries).",
    ),
    "conflicts": ("Divergências abertas: {count}.", "Open conflicts: {count}."),
    "set_aside": (
        "Registros recusados pela nuvem e postos de lado: {count} (veja Gerência > Sincronização).",
        "Records refused by the cloud and set aside: {count} (see Gerência > Sincronização).",
    ),
    "waiting": ("Aguardando envio: {count}.", "Waiting to be pushed: {count}."),
}


def _sync_say(key: str, lang: str, **values: Any) -> str:
    pt, en = _SYNC_MESSAGES[key]
    return (pt if lang.startswith("pt") else en).format(**values)


def _sync_parser(commands: Any) -> None:
    sync = commands.add_parser(
        "sync",
        help="sincronização com o servidor da rede",
        description="Configura a sincronização (--url, --token, --manager-pin) ou roda um "
        "ciclo agora (--once): envia o que este caixa gravou e recebe o das outras lojas. "
        "Saída: 0 sincronizado, 2 sem conexão, 1 recusado pelo servidor.",
        formatter_class=_Formatter,
        add_help=False,
    )
    _help(sync)
    _common(sync, top=False)
    sync.add_argument("--url", default=None, help="endereço do servidor (https://...)")
    sync.add_argument("--token", default=None, help="token do terminal")
    sync.add_argument(
        "--ca-file",
        default=None,
        metavar="PEM",
        help="certificado (CA) de um servidor próprio: o HTTPS só confia nele ('' volta ao padrão)",
    )
    sync.add_argument("--manager-pin", default=None, metavar="PIN", help="senha do gerente")
    sync.add_argument("--disable", action="store_true", help="desliga a sincronização")
    sync.add_argument("--once", action="store_true", help="roda um ciclo de sincronização agora")


def _sync(station: Station, args: argparse.Namespace, lang: str) -> int:
    from posapp.core.errors import SyncNotConfigured
    from posapp.services.sync.config import SyncConfig, load_sync_config, save_sync_config
    from posapp.services.sync.conflicts import open_conflicts
    from posapp.services.sync.cycle import client_for, run_cycle
    from posapp.services.sync.status import sync_status

    if args.url is not None or args.token is not None or args.ca_file is not None or args.disable:
        if not args.manager_pin:
            raise _SyncCliError("need_pin")
        old = load_sync_config(station)
        config = SyncConfig(
            url=args.url if args.url is not None else old.url,
            token=args.token if args.token is not None else old.token,
            enabled=not args.disable,
            large_spend_centavos=old.large_spend_centavos,
            ca_file=args.ca_file if args.ca_file is not None else old.ca_file,
        )
        saved = save_sync_config(station, config, staff_id=None, manager_pin=args.manager_pin)
        print(_sync_say("saved", lang, url=saved.url, enabled=saved.enabled))
        if not args.once:
            return 0
    if not args.once:
        raise _SyncCliError("need_once")
    client = client_for(station)
    if client is None:
        raise SyncNotConfigured()
    with client:
        result = run_cycle(station, client)
    if not result.ok:
        print(result.error if lang.startswith("pt") else result.error_en, file=sys.stderr)
        return 2 if result.offline else 1
    print(_sync_say("pushed", lang, events=result.pushed, entries=result.pushed_entries))
    print(_sync_say("pulled", lang, events=result.pulled, entries=result.pulled_entries))
    if result.set_aside:
        print(_sync_say("set_aside", lang, count=result.set_aside))
    print(_sync_say("conflicts", lang, count=len(open_conflicts(station))))
    print(_sync_say("waiting", lang, count=sync_status(station).waiting))
    return 0


class _SyncCliError(CliError):
    def message(self, lang: str) -> str:
        return _sync_say(self.key, lang, **self.values)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
