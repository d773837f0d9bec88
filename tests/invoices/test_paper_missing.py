"""A sale's paper that goes out without its NFC-e says why, for the cashier at the counter.

Before, the print queue printed the usual receipt and wrote the reason to the log only: the
customer left with a paper that is not fiscal and no one at the counter knew.
"""

from __future__ import annotations

from db.models import Item
from fiscal.testing import LocalSefaz
from hardware.emulator.decoder import Receipt as Paper
from hardware.emulator.server import EmulatorServer
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.paper import sale_paper
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, checkout
from posapp.services.sales.printing import FiscalPaper, PrintOutcome
from tests.invoices.conftest import PRINTER, print_one
from tests.support import MANAGER_PIN, Shop


def print_sale(
    invoicer: Invoicer, emulator: EmulatorServer, sale_id: int
) -> tuple[PrintOutcome, Paper]:
    def paper_of(sale: int, settings: CounterSettings) -> FiscalPaper:
        return sale_paper(invoicer, sale, settings)

    return print_one(invoicer.station, paper_of, emulator, PRINTER, sale_id)


def _lines(paper: Paper) -> list[str]:
    return [line.strip() for line in paper.lines]


def test_an_authorised_sale_prints_its_danfe_and_nothing_is_missing(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    sale = shop.sell("dipirona", cash=1_250).sale_id
    outcome, paper = print_sale(invoicer, emulator, sale)
    assert outcome.printed
    assert outcome.missing("pt_BR") is None and outcome.missing("en") is None
    assert any(line.startswith("DANFE NFC-e") for line in _lines(paper))


def test_a_note_refused_for_bad_data_is_named_on_the_print_in_both_languages(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    with shop.station.write() as session:
        item = session.get(Item, shop.items["dipirona"])
        assert item is not None
        item.ncm = "3004909"  # a digit short
    sale = shop.sell("dipirona", cash=1_250).sale_id

    outcome, paper = print_sale(invoicer, emulator, sale)

    assert outcome.printed
    missing = outcome.missing("pt_BR")
    assert missing is not None
    assert f"A NFC-e da venda {sale} não foi emitida" in missing and "NCM" in missing
    assert f"NFC-e of sale {sale} was not issued" in (outcome.missing("en") or "")
    assert "CUPOM NÃO FISCAL" in _lines(paper)
    assert invoicer.note(sale) is None


def test_a_note_sefaz_rejects_is_named_with_its_code_and_the_paper_is_not_the_danfe(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    sale = shop.sell("dipirona", cash=1_250).sale_id

    outcome, paper = print_sale(invoicer, emulator, sale)

    assert outcome.printed
    assert outcome.missing("pt_BR") == (
        f"A NFC-e da venda {sale} foi rejeitada pela SEFAZ "
        "(778: Rejeição: Informado NCM inexistente)."
    )
    assert (outcome.missing("en") or "").startswith(f"SEFAZ rejected the NFC-e of sale {sale}")
    lines = _lines(paper)
    assert "CUPOM NÃO FISCAL" in lines
    assert not any(line.startswith("DANFE NFC-e") for line in lines)

    sefaz.set_mode("authorise")
    again, _paper = print_sale(invoicer, emulator, sale)
    assert again.missing("pt_BR") == outcome.missing("pt_BR")  # a reprint still lacks it


def test_products_all_given_are_named_and_a_sale_of_services_needs_no_nfce(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    given = LineRequest(shop.items["dipirona"], 1, 1_250)
    request = CheckoutRequest(
        staff_id=shop.cashier_id, lines=[given], payments=[], manager_pin=MANAGER_PIN
    )
    sample = checkout(shop.station, request).sale_id
    outcome, _paper = print_sale(invoicer, emulator, sample)
    assert "NF-e (CFOP 5.910)" in (outcome.missing("pt_BR") or "")

    haircut = shop.sell("corte", cash=8_000).sale_id
    outcome, paper = print_sale(invoicer, emulator, haircut)
    assert outcome.printed and outcome.missing("pt_BR") is None
    assert "CUPOM NÃO FISCAL" in _lines(paper)
