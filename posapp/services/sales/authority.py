"""Who else has a say over a sale: the protocol checkout asks before its write.

Checkout takes an optional `Authority` (None without sync). The sync domain provides
the one implementation (`posapp.services.sync.authority.OnlineAuthority`); sales knows
only this protocol, so sales never imports sync.
"""

from __future__ import annotations

from typing import Protocol


class Authority(Protocol):
    def claim_voucher(self, code: str, sale_uuid: str) -> None:
        """Return when the sale may use the voucher; raise a PosError when it may not."""

    def learn_voucher(self, qr: str, code: str, sale_uuid: str) -> None:
        """Have the endpoint verify the QR of another store's voucher this counter has not
        pulled yet (`code`) and claim it for the sale; the voucher is then recorded here.
        Raise a PosError when it cannot be taken (offline, forged, used...)."""

    def hold_cashback(
        self, customer_uuid: str, sale_uuid: str, amount_centavos: int, units: int
    ) -> None:
        """Return when the sale may spend `units`; raise a PosError when it may not."""
