"""The endpoint's say over a sale, asked before the sale's write transaction.

Checkout receives an optional `Authority` (None without sync: nothing changes, not one
query more). Before it takes the database's write lock it asks the authority to claim
each voucher offered and, for a large cashback spend, to hold the amount; a refusal is a
`PosError` and nothing is written. Any network trouble means offline, and offline the
counter decides on what it knows: its own ledger, which already holds the balance it last
knew minus what it spent since.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from posapp.core.errors import (
    ForeignVoucherNotKnown,
    ForgedVoucher,
    NetworkBalanceTooLow,
    PosError,
    VoucherCancelled,
    VoucherExpired,
    VoucherHeldElsewhere,
    VoucherRefusedByNetwork,
    VoucherUsedElsewhere,
)
from posapp.services.common.station import Station
from posapp.services.sync.client import Offline, Refused, SyncClient, SyncError, Unauthorized
from posapp.services.sync.config import load_sync_config
from posapp.services.sync.pull import record_voucher
from posapp.services.sync.push import push

LOCAL_ZONE = ZoneInfo("America/Sao_Paulo")


def _local_date(text: object) -> date | str:
    """The day of an ISO moment in Brasília time (as given, when it is not one)."""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return str(text or "?")
    return (moment.astimezone(LOCAL_ZONE) if moment.tzinfo is not None else moment).date()


def _day(text: object) -> str:
    day = _local_date(text)
    return day.strftime("%d/%m") if isinstance(day, date) else day


def _voucher_refusal(code: str, refused: Refused) -> PosError | None:
    """The cashier's refusal for the endpoint's answer about a voucher, or None when the
    answer says nothing about the voucher (see `OnlineAuthority.claim_voucher`)."""
    body = refused.body
    if isinstance(refused, Unauthorized) or refused.code == "unknown_voucher":
        return None
    if refused.code == "voucher_used":
        return VoucherUsedElsewhere(
            value=code,
            date=_day(body.get("redeemed_at")),
            store=body.get("store_name") or "?",
        )
    if refused.code == "voucher_held":
        return VoucherHeldElsewhere(value=code)
    if refused.code == "voucher_expired":
        return VoucherExpired(value=code, date_day=_local_date(body.get("expires_at")))
    if refused.code == "voucher_cancelled":
        return VoucherCancelled(value=code)
    if refused.code.startswith("voucher_"):
        return VoucherRefusedByNetwork(
            value=code, said_pt=refused.message("pt_BR"), said_en=refused.message("en")
        )
    return None


class OnlineAuthority:
    """`Authority` over the sync endpoint (`posapp.services.sync.client.SyncClient`)."""

    def __init__(
        self,
        station: Station,
        client: SyncClient,
        *,
        large_spend_centavos: int,
    ) -> None:
        self.station = station
        self.client = client
        self.large_spend_centavos = large_spend_centavos
        self.last_offline = False

    def claim_voucher(self, code: str, sale_uuid: str) -> None:
        """Claim the voucher for the sale on the endpoint; a refusal about the voucher is a
        `PosError` for the cashier.

        What the endpoint says about the voucher itself refuses it: `voucher_used`,
        `voucher_held`, `voucher_expired`, `voucher_cancelled` (its value went back to the
        customer, e.g. a balance voucher that lapsed at another store: taking it would pay
        it twice), and any other `voucher_*` code a newer endpoint may add, in its own
        words. What says nothing about the voucher leaves the decision to the counter, as
        offline: `unknown_voucher` (issued here and not pushed yet), a refused or revoked
        token, `hello_required`, a request the endpoint could not read, a `retry`.
        """
        try:
            self._claim(code, sale_uuid)
        except Offline:
            self.last_offline = True
            return
        except Refused as refused:
            error = _voucher_refusal(code, refused)
            if error is not None:
                raise error from refused
            self.last_offline = True
            return
        self.last_offline = False

    def learn_voucher(self, qr: str, code: str, sale_uuid: str) -> None:
        """Have the endpoint verify the QR of another store's voucher this counter has not
        pulled (`code`), claim it for the sale, and record it here as a pull would.

        The counter cannot verify it alone: it holds every store's key, and so does every
        other counter, which could sign a QR for a voucher of a store not its own. Offline,
        or when the endpoint does not know the voucher either (not pushed by its store
        yet) or cannot be asked (a refused token, ...), it is refused as not known here;
        a forged QR, or a voucher used, held, expired or cancelled, as the endpoint says.
        """
        try:
            voucher = self.client.claim_voucher(code, sale_uuid, qr=qr)
        except Offline as offline:
            self.last_offline = True
            raise ForeignVoucherNotKnown(value=code) from offline
        except Refused as refused:
            if refused.code == "forged_voucher" and not isinstance(refused, Unauthorized):
                raise ForgedVoucher() from refused
            error = _voucher_refusal(code, refused)
            raise (error or ForeignVoucherNotKnown(value=code)) from refused
        except SyncError as trouble:
            raise ForeignVoucherNotKnown(value=code) from trouble
        self.last_offline = False
        if voucher is None or voucher.get("code") != code or not voucher.get("customer"):
            raise ForeignVoucherNotKnown(value=code)  # an endpoint that does not verify QRs
        with self.station.write() as session:
            snapshot = self.station.snapshot(session)
            record_voucher(
                session,
                voucher,
                terminal_uuid=snapshot.terminal.uuid,
                store_uuid=snapshot.store.uuid,
                now=self.station.now(),
                customer_name=voucher.get("customer_name"),
            )

    def _claim(self, code: str, sale_uuid: str) -> None:
        """Claim the voucher; if the endpoint says it is used, this counter may have given
        it back (a refund, an exchange) and not told the endpoint yet: tell it, ask again."""
        try:
            self.client.claim_voucher(code, sale_uuid)
        except Refused as refused:
            if refused.code != "voucher_used" or not self._told_the_endpoint():
                raise
            self.client.claim_voucher(code, sale_uuid)

    def _told_the_endpoint(self) -> bool:
        """Whether pushing this counter's waiting events now got any of them accepted."""
        try:
            return push(self.station, self.client).accepted > 0
        except SyncError:
            return False

    def hold_cashback(
        self, customer_uuid: str, sale_uuid: str, amount_centavos: int, units: int
    ) -> None:
        if amount_centavos <= self.large_spend_centavos:
            return
        try:
            push(self.station, self.client, max_batches=1)  # what this counter spent, first
            self.client.hold(customer_uuid, sale_uuid, units)
        except Offline:
            self.last_offline = True
            return
        except Refused as refused:
            if refused.code == "insufficient_balance":
                available = int(refused.body.get("available") or 0)
                with self.station.read() as session:
                    program = self.station.program(session)
                raise NetworkBalanceTooLow(
                    asked_centavos=amount_centavos,
                    available_centavos=program.value_of_units(max(available, 0)),
                ) from refused
            return
        except SyncError:
            return
        self.last_offline = False


def online_authority(station: Station, client: SyncClient | None = None) -> OnlineAuthority | None:
    """The authority for this counter's configuration; None when sync is off."""
    config = load_sync_config(station)
    if not config.configured:
        return None
    return OnlineAuthority(
        station,
        client or SyncClient(config.url, config.token, ca_file=config.ca_file or None),
        large_spend_centavos=config.large_spend_centavos,
    )
