"""Fiscal documents: the NFC-e (model 65, layout 4.00) built, signed, sent and printed;
the services' NFS-e of the national standard lives in `fiscal.nfse` (see its docstring).

A leaf package like hardware/ and messaging/: it knows nothing of posapp. posapp
maps a committed sale onto the plain data below and calls these entry points.

Data (`fiscal.model`, frozen dataclasses, money in integer centavos):
  Emitter(cnpj, ie, crt, name, Address(...), timezone), Csc(id, token),
  Item(code, description, ncm, cfop, unit, quantity: Decimal, unit_price_cents,
       gtin="SEM GTIN", cest, origin, csosn | cst, icms_rate_bp, discount_cents,
       tax_estimate_cents), Payment(tpag, amount_cents, description, card=Card(...)),
  Nfce(emitter, environment, series, number, issued_at (aware), items, payments,
       loyalty_cents, loyalty_as="tpag19" | "discount", consumer_cpf, contingency).

Certificate: `A1Certificate.from_pkcs12(data, password)`; `.not_after`,
  `.expires_within(30)` for the manager's warning.

One note, by hand:
  signed = build_nfce(note, a1, csc, qr_version=2)   # fiscal.xml_build; XSD-checked
  with SefazClient(a1, uf, environment, cnpj, timeout_s=5) as client:   # fiscal.soap
      outcome = client.authorize(signed.xml)  # Authorized(proc_xml) | Rejected | Unavailable
      client.query(key), client.status(), client.cancel(key, protocol, reason, when),
      client.cancel_by_substitution(key, protocol, reason, substitute_key, app_version, when),
      client.void_range(series, first, last, reason, year)

The counter's flow (online, else off-line contingency, transmitted later):
  queue = ContingencyQueue(storage, client, a1, csc)  # storage: QueueStorage (posapp: SQLite)
  issued = queue.issue(note, sale_ref)   # issued.signed.xml, issued.contingency, issued.record
  queue.send_pending()                   # background worker; SendReport
  queue.pending()                        # the manager's list, with deadlines
  queue.resend_corrected(series, number, note), queue.void_rejected(series, number)

Printing: `danfe_builder(xml, paper=58|80)` returns an uncut hardware ReceiptBuilder
  (append the cashback section, then `.cut().build()`); `danfe_receipt` cuts it.
Accountant: `export_month(((key, proc_xml), ...), "2026-12", out)` -> ZIP bytes.
Deadlines: `contingency_deadline(uf, issued_at)`.
Errors: `fiscal.errors.FiscalError` and subclasses, `message("pt_BR" | "en")`, `.field`.
Tests and other suites: `fiscal.testing.LocalSefaz`, `make_a1_pkcs12`.
"""

from fiscal.certificate import A1Certificate
from fiscal.contingency import ContingencyQueue, Issued, MemoryStorage, NoteRecord, QueueStorage
from fiscal.danfe import danfe_builder, danfe_receipt
from fiscal.deadline import contingency_deadline
from fiscal.errors import CertificateError, FiscalError, InvalidInput, SchemaError
from fiscal.export import export_month
from fiscal.model import (
    Address,
    Card,
    Contingency,
    Csc,
    Emitter,
    Environment,
    Item,
    Nfce,
    Payment,
    TpEmis,
)
from fiscal.soap import Authorized, Rejected, SefazClient, Unavailable
from fiscal.xml_build import SignedNfce, build_nfce

__all__ = [
    "A1Certificate",
    "Address",
    "Authorized",
    "Card",
    "CertificateError",
    "Contingency",
    "ContingencyQueue",
    "Csc",
    "Emitter",
    "Environment",
    "FiscalError",
    "InvalidInput",
    "Issued",
    "Item",
    "MemoryStorage",
    "Nfce",
    "NoteRecord",
    "Payment",
    "QueueStorage",
    "Rejected",
    "SchemaError",
    "SefazClient",
    "SignedNfce",
    "TpEmis",
    "Unavailable",
    "build_nfce",
    "contingency_deadline",
    "danfe_builder",
    "danfe_receipt",
    "export_month",
]
