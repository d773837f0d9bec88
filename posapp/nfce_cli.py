"""`posapp nfce ...`: the fiscal archive and queue from the command line.

posapp nfce status                       what waits for SEFAZ, deadlines, the A1's expiry
posapp nfce send-pending                 transmit now (exit 0 all sent, 2 SEFAZ still out)
posapp nfce xml --sale N --out FILE      the sale's XML (nfeProc with its protocol)
posapp nfce pdf --sale N --out FILE      the sale's DANFE NFC-e as a PDF
posapp nfce danfse --sale N --out FILE   the sale's NFS-e (services) as a DANFSe PDF
posapp nfce export --month YYYY-MM --out F.zip   the accountant's ZIP (NFC-e and NFS-e)
posapp nfce demo-sefaz --manager-pin PIN the demo: local SEFAZ and Sefin (homologação), Ctrl+C
"""

from __future__ import annotations

import argparse
import time
import zipfile
from pathlib import Path
from typing import Any

from fiscal.contingency import cancellation_refused
from posapp.services.common.station import Station

_TEXT: dict[str, tuple[str, str]] = {
    "off": ("NFC-e desligada nesta loja.", "NFC-e is off in this store."),
    "counts": ("Notas: {counts}", "Notes: {counts}"),
    "waiting": (
        "  nº {number} série {series}: {status}{deadline}{reason}",
        "  no. {number} series {series}: {status}{deadline}{reason}",
    ),
    "deadline": (" (transmitir até {when})", " (send by {when})"),
    "overdue": ("ATENÇÃO: {n} nota(s) passaram do prazo.", "WARNING: {n} note(s) are overdue."),
    "nothing": ("Nada pendente.", "Nothing pending."),
    "sent": (
        "Autorizadas: {authorised}; rejeitadas: {rejected}; canceladas: {cancelled}; "
        "inutilizadas: {voided}.",
        "Authorised: {authorised}; rejected: {rejected}; cancelled: {cancelled}; voided: {voided}.",
    ),
    "still_out": (
        "A SEFAZ continua sem responder ({reason}); o resto espera.",
        "SEFAZ still does not answer ({reason}); the rest waits.",
    ),
    "written": ("Gravado em {path}.", "Written to {path}."),
    "exported": (
        "{n} NFC-e autorizada(s) de {month} em {path}.",
        "{n} authorised NFC-e of {month} in {path}.",
    ),
    "exported_nfse": (
        "{n} NFS-e de {month} no mesmo ZIP.",
        "{n} NFS-e of {month} in the same ZIP.",
    ),
    "nfse_sent": (
        "NFS-e autorizadas: {authorised}; rejeitadas: {rejected}; canceladas: {cancelled}.",
        "NFS-e authorised: {authorised}; rejected: {rejected}; cancelled: {cancelled}.",
    ),
    "nfse_out": (
        "O ambiente nacional da NFS-e continua sem responder; as DPS esperam.",
        "The national NFS-e environment still does not answer; the DPS wait.",
    ),
    "nfse_waiting": (
        "  venda nº {sale:06d}, DPS {number}: {status} {reason}",
        "  sale no. {sale:06d}, DPS {number}: {status} {reason}",
    ),
    "demo_nfse": (
        "Sefin Nacional local (homologação) em {url}: os serviços saem com NFS-e.",
        "Local Sefin Nacional (homologação) at {url}: services get an NFS-e.",
    ),
    "no_cert": ("Nenhum certificado A1 carregado.", "No A1 certificate loaded."),
    "demo": (
        "SEFAZ local (homologação) em {url}. A loja emite NFC-e nela; Ctrl+C encerra.",
        "Local SEFAZ (homologação) at {url}. The store issues NFC-e to it; Ctrl+C stops.",
    ),
}


def say(key: str, lang: str, **values: Any) -> str:
    pt, en = _TEXT[key]
    return (pt if lang.startswith("pt") else en).format(**values)


def add_nfce_parser(commands: Any, common: Any, formatter: Any) -> None:
    nfce = commands.add_parser(
        "nfce",
        help="NFC-e: pendências, envio, XML, PDF e exportação para o contador",
        description="Notas fiscais de consumidor (NFC-e) deste caixa.",
        formatter_class=formatter,
    )
    common(nfce, top=False)
    actions = nfce.add_subparsers(dest="nfce_command", required=True, metavar="AÇÃO")
    status = actions.add_parser("status", help="notas pendentes, prazos e validade do A1")
    common(status, top=False)
    send = actions.add_parser("send-pending", help="transmite agora as notas pendentes")
    common(send, top=False)
    for name, what in (
        ("xml", "o XML da NFC-e"),
        ("pdf", "o DANFE NFC-e em PDF"),
        ("danfse", "o DANFSe (NFS-e dos serviços) em PDF"),
    ):
        action = actions.add_parser(name, help=f"grava {what} de uma venda")
        common(action, top=False)
        action.add_argument("--sale", type=int, required=True, metavar="N", help="id da venda")
        action.add_argument("--out", type=Path, required=True, metavar="ARQUIVO")
    export = actions.add_parser("export", help="ZIP do mês com os XMLs (NFC-e e NFS-e)")
    common(export, top=False)
    export.add_argument("--month", required=True, metavar="AAAA-MM")
    export.add_argument("--out", type=Path, required=True, metavar="ARQUIVO.zip")
    demo = actions.add_parser("demo-sefaz", help="demonstração: uma SEFAZ local (homologação)")
    common(demo, top=False)
    demo.add_argument("--manager-pin", required=True, metavar="PIN")
    demo.add_argument("--seconds", type=float, default=0.0, help="encerra depois (0: Ctrl+C)")


def run_nfce(station: Station, args: argparse.Namespace, lang: str) -> int:
    from fiscal import FiscalError

    try:
        return _run(station, args, lang)
    except FiscalError as error:
        print(error.message(lang))
        return 2


def _run(station: Station, args: argparse.Namespace, lang: str) -> int:
    from posapp.services.invoices import archive
    from posapp.services.invoices.issuing import Invoicer
    from posapp.services.invoices.settings import certificate_status
    from posapp.services.nfse import archive as nfse_archive
    from posapp.services.nfse.issuing import NfseIssuer
    from posapp.services.nfse.paper import danfse_pdf

    command = args.nfce_command
    if command == "xml":
        args.out.write_bytes(archive.sale_xml(station, args.sale))
        print(say("written", lang, path=args.out))
        return 0
    if command == "export":
        nfse_archive.export(station, args.month, args.out)
        with zipfile.ZipFile(args.out) as done:
            names = done.namelist()
        count = sum(1 for name in names if name.endswith("-procNFe.xml"))
        print(say("exported", lang, n=count, month=args.month, path=args.out))
        nfse_count = sum(1 for name in names if name.endswith("-nfse.xml"))
        if nfse_count:
            print(say("exported_nfse", lang, n=nfse_count, month=args.month))
        return 0
    if command == "danfse":
        issuer = NfseIssuer(station)
        try:
            args.out.write_bytes(danfse_pdf(issuer, args.sale))
        finally:
            issuer.close()
        print(say("written", lang, path=args.out))
        return 0
    if command == "demo-sefaz":
        return _demo_sefaz(station, args, lang)
    invoicer = Invoicer(station)
    try:
        if command == "pdf":
            from posapp.services.common.counter_settings import load_settings
            from posapp.services.invoices.paper import danfe_pdf

            args.out.write_bytes(danfe_pdf(invoicer, args.sale, load_settings(station)))
            print(say("written", lang, path=args.out))
            return 0
        if command == "send-pending":
            if not _send_nfse(station, lang):
                return 2
            report = invoicer.send_pending()
            if report is None:
                print(say("off", lang))
                return 0
            print(
                say(
                    "sent",
                    lang,
                    authorised=len(report.authorised),
                    rejected=len(report.rejected),
                    cancelled=len(report.cancelled),
                    voided=len(report.voided),
                )
            )
            if report.unavailable is not None:
                print(say("still_out", lang, reason=report.unavailable.reason))
                return 2
            return 0
    finally:
        invoicer.close()
    if not invoicer.enabled():
        print(say("off", lang))
    cert = certificate_status(station)
    print(cert.message(lang) if cert is not None else say("no_cert", lang))
    found = archive.fiscal_status(station, station.now())
    print(
        say("counts", lang, counts=", ".join(f"{k} {v}" for k, v in sorted(found.counts.items())))
    )
    if not found.waiting:
        print(say("nothing", lang))
    for record in found.waiting:
        deadline = (
            say("deadline", lang, when=record.deadline.isoformat(timespec="minutes"))
            if record.deadline
            else ""
        )
        refused = record.status == "rejected" or cancellation_refused(record)
        reason = f" — {record.cstat} {record.reason}" if refused else ""
        print(
            say(
                "waiting",
                lang,
                number=record.number,
                series=record.series,
                status=record.status,
                deadline=deadline,
                reason=reason,
            )
        )
    if found.overdue:
        print(say("overdue", lang, n=len(found.overdue)))
    if found.given:
        print(found.given_summary(lang))
    services = nfse_archive.nfse_status(station)
    if services.counts:
        print(services.summary(lang))
        for waiting in services.waiting:
            dps = waiting.record
            print(
                say(
                    "nfse_waiting",
                    lang,
                    sale=waiting.sale_number,
                    number=dps.number,
                    status=dps.status,
                    reason=f"{dps.code} {dps.reason}".strip(),
                )
            )
    return 0


def _send_nfse(station: Station, lang: str) -> bool:
    """Send the DPS that wait (when NFS-e is on); False while the environment is out."""
    from posapp.services.nfse.issuing import NfseIssuer

    issuer = NfseIssuer(station)
    try:
        report = issuer.send_pending()
    finally:
        issuer.close()
    if report is None:
        return True
    print(
        say(
            "nfse_sent",
            lang,
            authorised=len(report.authorised),
            rejected=len(report.rejected),
            cancelled=len(report.cancelled),
        )
    )
    if report.unavailable is not None:
        print(say("nfse_out", lang))
        return False
    return True


def _demo_sefaz(station: Station, args: argparse.Namespace, lang: str) -> int:
    from fiscal import A1Certificate
    from fiscal.testing import LocalSefaz, LocalSefin
    from posapp.services.common.auth import authorize_manager
    from posapp.services.invoices.demo_setup import DEMO_PASSWORD, make_demo_a1, set_up_demo_nfce
    from posapp.services.machine.settings import config_dir
    from posapp.services.nfse.demo_setup import set_up_demo_nfse

    with station.write() as session:
        manager = authorize_manager(
            session, args.manager_pin, "NFC-e de demonstração", station.now()
        )
    a1 = make_demo_a1()
    folder = config_dir() / "demo-sefaz"
    folder.mkdir(parents=True, exist_ok=True)
    cert = A1Certificate.from_pkcs12(a1, DEMO_PASSWORD).cert_pem()
    sefin_folder = folder / "sefin"
    sefin_folder.mkdir(exist_ok=True)
    with LocalSefaz(cert, folder) as sefaz, LocalSefin(cert, sefin_folder) as sefin:
        set_up_demo_nfce(station, manager.id, args.manager_pin, a1, sefaz.url, sefaz.ca_file)
        set_up_demo_nfse(station, manager.id, args.manager_pin, sefin.url, sefin.ca_file)
        print(say("demo", lang, url=sefaz.url), flush=True)
        print(say("demo_nfse", lang, url=sefin.url), flush=True)
        try:
            if args.seconds:
                time.sleep(args.seconds)
            else:
                while True:
                    time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0
