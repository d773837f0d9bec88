"""A QR payload drawn as a PNG, to attach to a voucher message."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from messaging.message import Attachment


def qr_png(payload: str, box_size: int = 8, border: int = 4) -> bytes:
    """PNG bytes of `payload` as a QR (error correction M, the quiet zone included)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def qr_attachment(payload: str, filename: str = "vale-qr.png", inline: bool = True) -> Attachment:
    return Attachment(filename, "image/png", qr_png(payload), inline=inline)
