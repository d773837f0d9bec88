"""What every screen is given: the station, the printer, the settings, who is signed in."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from posapp.services.common.auth import StaffRef
from posapp.services.common.changes import Change
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.sales.authority import Authority
from posapp.services.sales.printing import PrintService


class Events(QObject):
    """What changed, so screens redraw only that (Anki's change notifications)."""

    sale_committed = Signal(int)
    """A sale id, after its commit."""
    customer_changed = Signal(int)
    """A customer id whose data or balance changed."""
    staff_changed = Signal()
    """Someone signed in or out."""
    status = Signal(str)
    """A line for the status bar."""
    printer_state = Signal(bool, str)
    """(ok, text) after each print attempt."""
    sync_changed = Signal()
    """A sync ran or its settings changed: redraw the sync line."""
    sync_configured = Signal()
    """The sync settings were saved: restart the worker on them."""
    changed = Signal(object)
    """A frozenset of `Change`: what a service call just changed (staff, catalogue, program,
    store, devices, settings), announced by the service itself through `Station.changes`.
    Emitted from the worker thread that made the change; receivers run on the GUI thread."""

    def on_station_change(self, changes: frozenset[Change]) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone: nobody to redraw
            self.changed.emit(changes)


@dataclass
class UiContext:
    station: Station
    printing: PrintService
    settings: CounterSettings
    demo: bool = False
    staff: StaffRef | None = None
    authority: Authority | None = None
    """The endpoint's say on vouchers and large cashback spends (None: sync off)."""
    invoicer: Invoicer | None = None
    """The NFC-e issuer the fiscal keeper runs (None until it starts)."""
    nfse_issuer: NfseIssuer | None = None
    """The NFS-e issuer the fiscal keeper runs (None until it starts)."""
    events: Events = field(default_factory=Events)

    stop_listening: Callable[[], None] = field(init=False, repr=False)
    """Stops `events.changed` (the window is closing)."""

    def __post_init__(self) -> None:
        self.stop_listening = self.station.changes.listen(self.events.on_station_change)

    @property
    def locale(self) -> str:
        return self.settings.language
