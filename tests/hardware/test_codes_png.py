"""QR codes and barcodes read back from the emulator's PNG by zxing-cpp."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from hardware.emulator.decoder import decode
from hardware.emulator.render_png import render_receipt
from hardware.escpos_render import render_bytes
from hardware.receipt import Image as LogoImage
from hardware.receipt import ReceiptBuilder

PAYLOAD = "https://loja.example/cashback?c=ABC123&v=R$10,00&n=João"


def read_codes(image: Image.Image) -> dict[object, str]:
    return {r.format: r.text for r in zxingcpp.read_barcodes(image)}


F = zxingcpp.BarcodeFormat


@pytest.mark.parametrize(
    ("profile", "native"),
    [("TM-T20II", True), ("Bematech-MP4200TH", False), ("Generic-58mm", False), ("TM-T88V", True)],
)
@pytest.mark.parametrize("width", [58, 80])
def test_qr_and_barcodes_decode_from_the_paper(profile: str, native: bool, width: int) -> None:
    receipt = (
        ReceiptBuilder(width)
        .text("Cupom", align="center")
        .qr(PAYLOAD)
        .barcode("789123456789", kind="EAN13")  # check digit added: 7891234567895
        .barcode("VND-00042", kind="CODE128")
        .cut()
        .build()
    )
    rendered = render_bytes(receipt, profile)
    assert rendered.native_qr is native
    printed = decode(rendered.data)[0]
    # native QR arrives as a GS ( k payload; raster QR as an image, no payload
    assert printed.qr_payloads == ([PAYLOAD] if native else [])
    assert bool(printed.images) is not native
    codes = read_codes(render_receipt(printed, paper_dots=384 if width == 58 else 576))
    assert codes == {F.QRCode: PAYLOAD, F.EAN13: "7891234567895", F.Code128: "VND-00042"}


def test_logo_prints_as_a_raster_image_of_the_same_shape() -> None:
    logo = Image.new("1", (200, 60), 1)
    ImageDraw.Draw(logo).rectangle([(10, 10), (189, 49)], fill=0)
    receipt = ReceiptBuilder(80).image(LogoImage.from_pil(logo)).text("Loja").build()
    printed = decode(render_bytes(receipt, "TM-T20II").data)[0]
    (raster,) = printed.images
    assert (raster.width, raster.height) == (200, 60)
    assert raster.pixel(100, 30) and not raster.pixel(2, 2)
    assert raster.align == "center"


def test_a_logo_wider_than_the_paper_is_scaled_to_fit() -> None:
    logo = Image.new("L", (1000, 100), 0)
    receipt = ReceiptBuilder(58).image(LogoImage.from_pil(logo)).build()
    (raster,) = decode(render_bytes(receipt, "TM-T20II").data)[0].images
    assert raster.width <= 384


def test_emulator_decodes_escpos_column_images_too() -> None:
    from escpos.printer import Dummy

    from hardware.profiles import PAPER_80, make_profile

    p = Dummy(profile=make_profile("TM-T20II", PAPER_80))
    im = Image.new("1", (48, 48), 1)
    ImageDraw.Draw(im).rectangle([(0, 0), (23, 47)], fill=0)
    p.image(im, impl="bitImageColumn")
    p.image(im, impl="graphics")
    images = decode(p.output)[0].images
    assert len(images) == 3  # two 24-dot column stripes + one graphics image
    assert images[0].pixel(5, 5) and not images[0].pixel(40, 5)
    assert images[2].pixel(5, 40) and not images[2].pixel(40, 40)
