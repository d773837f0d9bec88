"""Audit of the CSRT in Gerência > Fiscal (4612a18, 0ea14ec): its id and its code go
together."""

from __future__ import annotations

import dataclasses

import pytest

from posapp.services.invoices.settings import (
    InvalidFiscalSetting,
    load_settings,
    save_settings,
    set_csrt,
)
from tests.invoices.conftest import STORE
from tests.invoices.test_tech_responsible import CSRT, with_tech
from tests.support import MANAGER_PIN, Shop


def test_a_new_csrt_id_without_its_code_is_refused_not_sent_with_the_old_code(
    shop: Shop,
) -> None:
    """The UF gave a new CSRT (id 02); the manager types the id and leaves the code field
    empty ("guardado; deixe vazio para manter"). Kept, every note would carry idCSRT 02
    with a hashCSRT made from id 01's code, which SEFAZ refuses: the code must come with
    the id, as it must the first time."""
    station, manager = shop.station, shop.manager_id
    off = with_tech(dataclasses.replace(STORE, enabled=False), csrt_id="01")
    set_csrt(station, manager, MANAGER_PIN, "01", CSRT)
    save_settings(station, manager, MANAGER_PIN, off)
    with pytest.raises(InvalidFiscalSetting) as no_code:
        save_settings(station, manager, MANAGER_PIN, dataclasses.replace(off, csrt_id="02"))
    assert "código do CSRT" in no_code.value.message("pt_BR")
    assert load_settings(station).csrt_id == "01"

    set_csrt(station, manager, MANAGER_PIN, "02", "N3WC0D3F0RTH3S3C0NDCSRT")  # with its code
    assert save_settings(station, manager, MANAGER_PIN, dataclasses.replace(off, csrt_id="2"))
    assert load_settings(station).csrt_id == "02"
