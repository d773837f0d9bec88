"""A voucher's QR at the counter: bound to the store that issued the voucher and to the
expiry it was issued with, and read whatever the case the scanner typed it in.

The shop's clock starts on 2026-03-02 at 13:00 UTC (10:00 in Brasília, tests/support.py
`MovableClock`); the cosmetics program gives a R$ 5,00 voucher, valid 30 days, after a
purchase above R$ 20,00. Another store of the chain is brought by sync as the counter
pulls it (`store.joined` with its key, `voucher.issued`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from posapp.core.codes import new_store_key, sign_voucher_qr
from posapp.core.errors import ForgedVoucher, PosError
from posapp.services.customers import registry as customers
from posapp.services.sales.sale_reads import preview_voucher
from tests.services.test_voucher_edges import _other_store_voucher, _pull
from tests.support import Shop

MakeShop = Callable[..., Shop]

MARIA_CPF = "529.982.247-25"


def _here(shop: Shop) -> tuple[str, bytes]:
    with shop.station.read() as session:
        store = shop.station.store(session)
        return store.uuid, store.signing_key


def _statuses(shop: Shop, customer: int) -> list[str]:
    return [v.status for v in customers.vouchers(shop.station, customer)]


def _refused_as_forged(shop: Shop, customer: int, qr: str) -> None:
    with pytest.raises(ForgedVoucher):
        preview_voucher(shop.station, qr, customer, 4_990)
    with pytest.raises(ForgedVoucher):
        shop.sell("batom", customer=customer, voucher=qr, pix=4_490)


# -- bound to the issuing store ---------------------------------------------------------


def test_a_qr_with_this_stores_own_signature_but_another_expiry_is_refused(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    here, key = _here(shop)
    day = voucher.expires_at.date()
    for other_day in (day + timedelta(days=1), day + timedelta(days=3650), day - timedelta(1)):
        _refused_as_forged(shop, maria, sign_voucher_qr(voucher.code, 500, other_day, here, key))
    assert _statuses(shop, maria) == ["open"]


def test_a_pulled_voucher_of_another_store_pays_with_its_own_stores_qr_only(
    make_shop: MakeShop,
) -> None:
    """Centro's R$ 10,00 voucher reached this counter by sync: Centro's QR pays; the same
    voucher signed by Bairro (another store of the chain, its key here too), by this
    store, or by Centro with a later expiry, does not."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    centro, centro_key, genuine = _other_store_voucher(shop, maria, 1_000)
    bairro, bairro_key = str(uuid.uuid4()), new_store_key()
    _pull(
        shop,
        ("store.joined", {"store_uuid": bairro, "signing_key": bairro_key.hex(), "name": "Bairro"}),
    )
    here, here_key = _here(shop)
    _, _, code, value, day = genuine.split("|")[:5]
    expires = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    forged = [
        sign_voucher_qr(code, int(value), expires, bairro, bairro_key),
        sign_voucher_qr(code, int(value), expires, here, here_key),
        sign_voucher_qr(code, int(value), expires + timedelta(days=365), centro, centro_key),
    ]
    for qr in forged:
        _refused_as_forged(shop, maria, qr)
    assert _statuses(shop, maria) == ["open"]
    sale = shop.sell("batom", customer=maria, voucher=genuine, pix=3_990)
    assert dict(sale.payments) == {"voucher": 1_000, "pix": 3_990}


def test_a_voucher_issued_late_in_the_evening_pays_with_its_qr_dated_either_way(
    make_shop: MakeShop,
) -> None:
    """Sold at 23:30 in Brasília (02:30 UTC the next day): the counter signs the expiry's
    UTC date, the customer's page of the endpoint its date in Brasília; both are the
    voucher's, a day after both is not."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    shop.clock.advance(hours=13, minutes=30)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    here, key = _here(shop)
    utc_day, brasilia_day = date(2026, 4, 2), date(2026, 4, 1)
    assert voucher.qr == sign_voucher_qr(voucher.code, 500, utc_day, here, key)
    _refused_as_forged(shop, maria, sign_voucher_qr(voucher.code, 500, date(2026, 4, 3), here, key))
    page_qr = sign_voucher_qr(voucher.code, 500, brasilia_day, here, key)
    assert preview_voucher(shop.station, page_qr, maria, 4_990).value == 500
    assert preview_voucher(shop.station, voucher.qr, maria, 4_990).value == 500
    sale = shop.sell("batom", customer=maria, voucher=page_qr, pix=4_490)
    assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}


# -- read in any case (a keyboard-wedge scanner with Caps Lock on) ----------------------


def test_a_qr_scanned_with_caps_lock_on_or_in_lower_case_pays(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (first, second) = (
        shop.sell("batom", customer=maria, pix=4_990).vouchers_issued[0],
        shop.sell("batom", customer=maria, pix=4_990).vouchers_issued[0],
    )
    swapped, lower = first.qr.swapcase(), second.qr.lower() + "\n"
    assert swapped.startswith("pv1|") and lower.startswith("pv1|")
    for qr, voucher in ((swapped, first), (lower, second)):
        preview = preview_voucher(shop.station, qr, maria, 4_990)
        assert (preview.code, preview.value) == (voucher.code, 500)
        sale = shop.sell("batom", customer=maria, voucher=qr, pix=4_490)
        assert dict(sale.payments) == {"voucher": 500, "pix": 4_490}


def test_another_stores_qr_scanned_with_caps_lock_on_pays(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    _, _, genuine = _other_store_voucher(shop, maria, 1_000)
    sale = shop.sell("batom", customer=maria, voucher=genuine.swapcase(), pix=3_990)
    assert dict(sale.payments) == {"voucher": 1_000, "pix": 3_990}


def test_a_damaged_qr_in_lower_case_is_refused_as_a_qr_never_quoted_as_a_code(
    make_shop: MakeShop,
) -> None:
    """A lower-case scan whose signature or value was misread: the QR refusal, not "Vale
    não encontrado: pv1|..." quoting 90 characters as if they were a typed code."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    body, _, sig = voucher.qr.lower().rpartition("|")
    misread_sig = f"{body}|{'a' if sig[0] != 'a' else 'b'}{sig[1:]}"
    misread_value = voucher.qr.lower().replace("|500|", "|5000|")
    for qr in (misread_sig, misread_value, "pv1"):
        with pytest.raises(PosError) as refused:
            shop.sell("batom", customer=maria, voucher=qr, pix=4_490)
        assert isinstance(refused.value, ForgedVoucher), refused.value
        assert refused.value.message("pt_BR") == (
            "QR do vale inválido ou adulterado. O vale não foi aceito."
        )
    assert _statuses(shop, maria) == ["open"]
