"""What every screen is given: the station, the printer, the settings, who is signed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from posapp.services.common.auth import StaffRef
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
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


@dataclass
class UiContext:
    station: Station
    printing: PrintService
    settings: CounterSettings
    demo: bool = False
    staff: StaffRef | None = None
    authority: Authority | None = None
    """The endpoint's say on vouchers and large cashback spends (None: sync off)."""
    events: Events = field(default_factory=Events)

    @property
    def locale(self) -> str:
        return self.settings.language
