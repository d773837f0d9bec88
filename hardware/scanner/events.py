"""What every scanner delivers, whatever the wire: one `Scan` per code read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scan:
    code: str
    source: str = ""  # "wedge", the USB or serial address of the scanner
