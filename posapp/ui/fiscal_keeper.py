"""The running counter's NFC-e and NFS-e senders: background workers, woken after each sale.

`FiscalKeeper` owns the `Invoicer` (one per app: its queue remembers that SEFAZ
is out, so each sale is not held up by a timeout) and the background sender
(`invoices.issuing.start_sender`), which issues a note for any sale left
without one and transmits contingency notes when SEFAZ answers again. It also
hands the print queue the sale's fiscal paper (`PrintService.sale_paper`: the DANFE
of the products, the NFS-e of the services). The `NfseIssuer` and its sender
(`nfse.issuing.start_nfse_sender`) do the same for the services' NFS-e with the
national environment. Reports cross to the GUI thread through `cycled` and
`nfse_cycled` and become `Events.status` lines when something was sent, the
environment is still out, or a sale's note could not be built (the manager sees why in
Gerência > Fiscal).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from fiscal.contingency import SendReport
from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.invoices.issuing import Invoicer, start_sender
from posapp.services.nfse.issuing import NfseIssuer, NfseReport, start_nfse_sender
from posapp.services.nfse.paper import sale_paper
from posapp.ui.context import UiContext

INTERVAL_S = 60.0


class FiscalKeeper(QObject):
    cycled = Signal(object)
    """An `Outcome[SendReport | None]`, re-emitted on the GUI thread."""
    nfse_cycled = Signal(object)
    """An `Outcome[NfseReport | None]`, re-emitted on the GUI thread."""

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.invoicer = Invoicer(context.station)
        self.nfse = NfseIssuer(context.station)
        self.worker: BackgroundWorker[SendReport | None] | None = None
        self.nfse_worker: BackgroundWorker[NfseReport | None] | None = None
        self.cycled.connect(self._cycled)
        self.nfse_cycled.connect(self._nfse_cycled)
        context.events.sale_committed.connect(self._sold)

    def start(self) -> None:
        self.context.printing.sale_paper = lambda sale_id, settings: sale_paper(
            self.invoicer, self.nfse, sale_id, settings
        )
        self.context.invoicer = self.invoicer
        self.context.nfse_issuer = self.nfse
        self.worker = start_sender(self.invoicer, self.cycled.emit, interval=INTERVAL_S)
        self.nfse_worker = start_nfse_sender(self.nfse, self.nfse_cycled.emit, interval=INTERVAL_S)

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()
        if self.nfse_worker is not None:
            self.nfse_worker.wake()

    def _sold(self, _sale_id: int) -> None:
        self.wake()

    def _cycled(self, outcome: Outcome[SendReport | None]) -> None:
        report = outcome.result
        if report is None:
            return
        if report.unavailable is not None:
            self.context.events.status.emit(
                self.tr("NFC-e: SEFAZ sem resposta; notas em contingência aguardam envio")
            )
        elif report.authorised:
            self.context.events.status.emit(
                self.tr(
                    "NFC-e: %n nota(s) em contingência autorizada(s)", "", len(report.authorised)
                )
            )
        elif refused := len(self.invoicer.refused()):
            self.context.events.status.emit(
                self.tr(
                    "NFC-e: %n venda(s) sem nota por dado inválido; veja Gerência > Fiscal",
                    "",
                    refused,
                )
            )

    def _nfse_cycled(self, outcome: Outcome[NfseReport | None]) -> None:
        report = outcome.result
        if report is None:
            return
        if report.unavailable is not None:
            self.context.events.status.emit(
                self.tr("NFS-e: ambiente nacional sem resposta; DPS aguardam envio")
            )
        elif report.authorised:
            self.context.events.status.emit(
                self.tr("NFS-e: %n nota(s) autorizada(s)", "", len(report.authorised))
            )

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        if self.nfse_worker is not None:
            self.nfse_worker.stop()
            self.nfse_worker = None
        self.context.printing.sale_paper = None
        self.context.invoicer = None
        self.context.nfse_issuer = None
        self.invoicer.close()
        self.nfse.close()


def start_fiscal(context: UiContext, parent: QObject) -> FiscalKeeper:
    keeper = FiscalKeeper(context, parent)
    keeper.start()
    return keeper
