"""A salon sale's paper without its NFS-e (rejected, or not built) says why, at the counter;
the products' DANFE still prints when their NFC-e was authorised."""

from __future__ import annotations

from fiscal.testing import LocalSefaz, LocalSefin
from hardware.emulator.decoder import Receipt as Paper
from hardware.emulator.server import EmulatorServer
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.paper import sale_paper
from posapp.services.sales.printing import FiscalPaper, PrintOutcome
from tests.invoices.conftest import print_one
from tests.nfse.conftest import PRINTER, sell_salon
from tests.support import Shop


def print_sale(
    invoicer: Invoicer | None, issuer: NfseIssuer, emulator: EmulatorServer, sale_id: int
) -> tuple[PrintOutcome, Paper]:
    def paper_of(sale: int, settings: CounterSettings) -> FiscalPaper:
        return sale_paper(invoicer, issuer, sale, settings)

    return print_one(issuer.station, paper_of, emulator, PRINTER, sale_id)


def _lines(paper: Paper) -> list[str]:
    return [line.strip() for line in paper.lines]


def test_a_rejected_nfse_is_named_and_the_products_danfe_still_prints(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefaz: LocalSefaz,
    sefin: LocalSefin,
    emulator: EmulatorServer,
) -> None:
    sefin.set_mode("reject", "E0312", "Código de tributação municipal inexistente")
    sale = sell_salon(shop, "corte", "shampoo")

    outcome, paper = print_sale(invoicer, issuer, emulator, sale)

    assert outcome.printed
    assert outcome.missing("pt_BR") == (
        f"A NFS-e dos serviços da venda {sale} foi rejeitada "
        "(E0312: Código de tributação municipal inexistente)."
    )
    assert (outcome.missing("en") or "").startswith(
        f"The NFS-e for the services of sale {sale} was rejected (E0312"
    )
    lines = _lines(paper)
    assert any(line.startswith("DANFE NFC-e") for line in lines)
    assert not any(line.startswith("NFS-e nº") for line in lines)


def test_both_notes_missing_are_both_named_nfce_first(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefaz: LocalSefaz,
    sefin: LocalSefin,
    emulator: EmulatorServer,
) -> None:
    sefin.set_mode("reject", "E0312", "Código de tributação municipal inexistente")
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    sale = sell_salon(shop, "corte", "shampoo")

    outcome, paper = print_sale(invoicer, issuer, emulator, sale)

    missing = outcome.missing("pt_BR") or ""
    nfce = missing.find(f"A NFC-e da venda {sale} foi rejeitada pela SEFAZ (778")
    nfse = missing.find(f"A NFS-e dos serviços da venda {sale} foi rejeitada (E0312")
    assert 0 <= nfce < nfse
    assert "CUPOM NÃO FISCAL" in _lines(paper)


def test_an_nfse_authorised_or_waiting_leaves_nothing_to_say(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin, emulator: EmulatorServer
) -> None:
    authorised = sell_salon(shop, "manicure")
    outcome, _paper = print_sale(None, issuer, emulator, authorised)
    assert outcome.printed and outcome.missing("pt_BR") is None

    sefin.set_mode("down")
    waiting = sell_salon(shop, "manicure")
    outcome, paper = print_sale(None, issuer, emulator, waiting)
    assert outcome.printed and outcome.missing("pt_BR") is None
    assert "em processamento" in " ".join(_lines(paper))
