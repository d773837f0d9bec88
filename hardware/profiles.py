"""Paper widths and printer capability profiles (models are data, not code).

python-escpos ships profiles for Epson and a few others but none for the
printers common at Brazilian counters (Bematech, Elgin, Daruma) nor for
generic 58/80 mm printers. They are added here as data: a deep copy of a close
profile with the differences written out.

Every printer object gets its *own* deep copy of the profile data
(`make_profile`): python-escpos keeps one dict per profile class and writes
into it (e.g. the DPI it guessed), so two printers sharing a profile would
otherwise leak settings into each other.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from escpos.capabilities import CAPABILITIES, Profile

from hardware.errors import UnknownProfile


@dataclass(frozen=True)
class Paper:
    """Thermal paper roll: printable columns in font A and printable dots."""

    mm: int
    columns: int
    dots: int


PAPER_58 = Paper(58, 32, 384)
PAPER_80 = Paper(80, 48, 576)
DEFAULT_DPI = 203


def paper_for(mm: int) -> Paper:
    if mm == 58:
        return PAPER_58
    if mm == 80:
        return PAPER_80
    raise ValueError(f"paper width must be 58 or 80 mm, not {mm}")


def _derive(base: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(CAPABILITIES["profiles"][base])
    features = changes.pop("features", {})
    data.update(changes)
    data["features"].update(features)
    return data


_EPSON_LATIN_PAGES = {"0": "CP437", "2": "CP850", "3": "CP860", "16": "CP1252", "19": "CP858"}

# Brazilian and generic printers, as differences from a close Epson/default profile.
EXTRA_PROFILES: dict[str, dict[str, Any]] = {
    # ESC/POS mode; has the Portuguese code page but no GS ( k QR: QR goes as an image.
    "Bematech-MP4200TH": _derive(
        "TM-T20II",
        name="Bematech MP-4200 TH",
        vendor="Bematech",
        notes="ESC/POS mode. CP860 at ESC t 3; no native QR (printed as raster image).",
        codePages=dict(_EPSON_LATIN_PAGES),
        features={"qrCode": False, "pdf417Code": False, "graphics": False},
        media={"dpi": 203, "width": {"mm": 80, "pixels": 576}},
    ),
    "Elgin-i9": _derive(
        "TM-T20II",
        name="Elgin i9",
        vendor="Elgin",
        notes="Epson-compatible; native QR.",
        codePages=dict(_EPSON_LATIN_PAGES),
        media={"dpi": 203, "width": {"mm": 80, "pixels": 576}},
    ),
    "Elgin-i7": _derive(
        "TM-T20II",
        name="Elgin i7",
        vendor="Elgin",
        notes="Epson-compatible; native QR.",
        codePages=dict(_EPSON_LATIN_PAGES),
        media={"dpi": 203, "width": {"mm": 80, "pixels": 576}},
    ),
    "Daruma-DR800": _derive(
        "TM-T20II",
        name="Daruma DR800",
        vendor="Daruma",
        notes="ESC/POS mode; its QR command is not GS ( k, so QR goes as an image.",
        codePages=dict(_EPSON_LATIN_PAGES),
        features={"qrCode": False, "pdf417Code": False, "graphics": False},
        media={"dpi": 203, "width": {"mm": 80, "pixels": 576}},
    ),
    "Generic-58mm": _derive(
        "default",
        name="Generic 58 mm",
        vendor="Generic",
        notes="Unknown 58 mm ESC/POS printer: raster QR, Latin code pages.",
        codePages=dict(_EPSON_LATIN_PAGES),
        features={"qrCode": False, "pdf417Code": False, "graphics": False},
        fonts={"0": {"columns": 32, "name": "Font A"}, "1": {"columns": 42, "name": "Font B"}},
        media={"dpi": 203, "width": {"mm": 58, "pixels": 384}},
    ),
    "Generic-80mm": _derive(
        "default",
        name="Generic 80 mm",
        vendor="Generic",
        notes="Unknown 80 mm ESC/POS printer: raster QR, Latin code pages.",
        codePages=dict(_EPSON_LATIN_PAGES),
        features={"qrCode": False, "pdf417Code": False, "graphics": False},
        fonts={"0": {"columns": 48, "name": "Font A"}, "1": {"columns": 64, "name": "Font B"}},
        media={"dpi": 203, "width": {"mm": 80, "pixels": 576}},
    ),
}

# Code pages that hold every Portuguese letter, best first.
PORTUGUESE_CODEPAGES = ("CP860", "CP850", "CP858", "CP1252", "ISO_8859-15")


def register_profiles() -> None:
    """Make the extra profiles known to python-escpos by name (idempotent)."""
    profiles: dict[str, Any] = CAPABILITIES["profiles"]
    for name, data in EXTRA_PROFILES.items():
        profiles.setdefault(name, copy.deepcopy(data))


def profile_names() -> list[str]:
    register_profiles()
    return sorted(CAPABILITIES["profiles"])


def profile_data(name: str, printer: str = "?") -> dict[str, Any]:
    """A private deep copy of the named profile's data."""
    register_profiles()
    try:
        return copy.deepcopy(CAPABILITIES["profiles"][name])
    except KeyError:
        raise UnknownProfile(printer=printer, profile=name) from None


def make_profile(name: str, paper: Paper, printer: str = "?") -> Profile:
    """A profile object for one printer: its own data, sized for the paper in use."""
    data = profile_data(name, printer)
    media = data.setdefault("media", {})
    width = media.setdefault("width", {})
    pixels = width.get("pixels")
    width["pixels"] = min(pixels, paper.dots) if isinstance(pixels, int) else paper.dots
    width["mm"] = paper.mm
    if not isinstance(media.get("dpi"), int):
        media["dpi"] = DEFAULT_DPI
    prof = Profile(columns=paper.columns, features=data["features"])
    prof.profile_data = data
    return prof


def choose_codepage(profile: Profile) -> str:
    """The code page used for text: the first Portuguese-capable one the model has."""
    pages = set(profile.get_code_pages())
    for name in PORTUGUESE_CODEPAGES:
        if name in pages:
            return name
    return "CP437"
