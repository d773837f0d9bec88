from __future__ import annotations

import ast
import io
from pathlib import Path

import zxingcpp
from PIL import Image

from messaging import OutgoingMessage
from messaging.qr import qr_attachment, qr_png

PAYLOAD = "PV1|loja-1|7K3Q-M2XD-9PRT-V|2050|20260703|ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def test_png_decodes_back_to_the_payload() -> None:
    png = qr_png(PAYLOAD)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))] == [PAYLOAD]


def test_attachment_and_first_image() -> None:
    attachment = qr_attachment(PAYLOAD)
    assert (attachment.filename, attachment.mime, attachment.inline) == (
        "vale-qr.png",
        "image/png",
        True,
    )
    message = OutgoingMessage("a@b.com", "s", "t", attachments=[attachment])
    assert message.attachments == (attachment,)
    assert message.first_image() is attachment
    assert OutgoingMessage("a@b.com", "s", "t").first_image() is None


def test_messaging_imports_nothing_of_posapp() -> None:
    """The import-linter contract, checked here too so a leak fails this suite at once."""
    root = Path(__file__).resolve().parents[2] / "messaging"
    for source in root.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] in {"posapp", "db", "hardware"} for n in names), source
