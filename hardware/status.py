"""Real-time printer status (DLE EOT n), parsed and checked before a job.

Epson-style answers, one byte each, bits 1 and 4 always set (0x12):
  n=1 printer:       bit 2 drawer pin 3 high, bit 3 offline
  n=2 offline cause: bit 2 cover open, bit 5 stopped for paper end, bit 6 error
  n=4 roll paper:    bits 2-3 near end, bits 5-6 paper end
Printers that do not answer (file, CUPS, many USB-serial clones) give
`None`: the job then goes out blind, as it always did on those models.
A Windows printer (win32://) is answered for by the spooler
(hardware.win32_spooler): offline, paper out, door open, error and paused,
but never the drawer (`drawer_open` None).
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.errors import CoverOpen, PaperOut, PrinterOffline, PrinterPaused

DLE_EOT = b"\x10\x04"
FIXED_BITS = 0x12


@dataclass(frozen=True)
class PrinterStatus:
    online: bool = True
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    error: bool = False
    drawer_open: bool | None = False  # None: this printer cannot tell
    paused: bool = False  # the Windows queue is paused

    @property
    def ready(self) -> bool:
        return self.online and not (self.cover_open or self.paper_out or self.error or self.paused)


def parse_status(printer: int, offline: int, paper: int) -> PrinterStatus:
    return PrinterStatus(
        online=not printer & 0x08,
        cover_open=bool(offline & 0x04),
        paper_out=bool(paper & 0x60) or bool(offline & 0x20),
        paper_near_end=bool(paper & 0x0C),
        error=bool(offline & 0x40),
        drawer_open=bool(printer & 0x04),
    )


def status_bytes(status: PrinterStatus) -> dict[int, int]:
    """The byte a printer in `status` answers to DLE EOT n (used by the emulator)."""
    offline = not status.ready
    printer = FIXED_BITS | (0x08 if offline else 0) | (0x04 if status.drawer_open else 0)
    cause = (
        FIXED_BITS
        | (0x04 if status.cover_open else 0)
        | (0x20 if status.paper_out else 0)
        | (0x40 if status.error else 0)
    )
    paper = FIXED_BITS | (0x0C if status.paper_near_end or status.paper_out else 0)
    paper |= 0x60 if status.paper_out else 0
    return {1: printer, 2: cause, 3: FIXED_BITS, 4: paper}


def raise_if_not_ready(status: PrinterStatus, printer: str) -> None:
    """Refuse to send a job the printer cannot print, naming the cause."""
    if status.cover_open:
        raise CoverOpen(printer)
    if status.paper_out:
        raise PaperOut(printer)
    if status.paused:
        raise PrinterPaused(printer)
    if not status.online or status.error:
        raise PrinterOffline(printer)
