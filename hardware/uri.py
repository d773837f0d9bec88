"""Printer addresses as URIs.

usb://04b8:0e15                        USB vendor:product (hex), via pyusb
usb://04b8:0e15?in=0x81&out=0x02       ... with other bulk endpoints
tcp://192.168.0.50:9100                raw TCP (port defaults to 9100)
serial:///dev/ttyUSB0?baudrate=9600    serial port (baudrate, dsrdtr=0/1)
file:///dev/usb/lp0                    a device file (parallel, usblp)
cups://NAME                            a CUPS queue (raw) on this computer's CUPS server
cups://HOST:PORT/NAME                  ... on another CUPS server (port defaults to 631)
win32://PRINTER NAME                   a printer installed in Windows (the maker's driver)
                                       through the spooler, raw; or win32://\\\\HOST\\NAME
virtual://                             the in-process emulator (virtual://NAME for more)
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from hardware.errors import BadPrinterURI

SCHEMES = ("usb", "tcp", "serial", "file", "cups", "win32", "virtual")
CUPS_PORT = 631
# CUPS refuses these in a queue name (besides control characters).
_CUPS_NAME_FORBIDDEN = set(" /\\#'\"")
WIN32_PREFIX = "win32://"
WIN32_NAME_MAX = 220
"""Windows refuses longer printer names (MAX_PATH less room for the server part)."""


@dataclass(frozen=True)
class PrinterURI:
    raw: str
    scheme: str
    host: str = ""
    port: int = 9100
    vendor_id: int = 0
    product_id: int = 0
    path: str = ""
    baudrate: int = 9600
    dsrdtr: bool = True
    name: str = ""
    in_ep: int = 0x82
    out_ep: int = 0x01


def _bad(uri: str, reason: str) -> BadPrinterURI:
    return BadPrinterURI(uri, reason=reason)


def parse_printer_uri(uri: str) -> PrinterURI:
    """Parse and validate; raise BadPrinterURI naming what is wrong."""
    text = uri.strip()
    if "://" not in text:
        raise _bad(uri, "use usb://, tcp://, serial://, file://, cups://, win32:// ou virtual://")
    if text[: len(WIN32_PREFIX)].lower() == WIN32_PREFIX:
        return _parse_win32(uri, text)
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise _bad(uri, str(exc)) from None
    scheme = parts.scheme.lower()
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if scheme == "usb":
        ids = parts.netloc.split(":")
        if len(ids) != 2:
            raise _bad(uri, "esperado usb://VID:PID em hexadecimal")
        try:
            vid, pid = (int(x, 16) for x in ids)
        except ValueError:
            raise _bad(uri, "VID e PID devem ser hexadecimais") from None
        if not (0 < vid <= 0xFFFF and 0 < pid <= 0xFFFF):
            raise _bad(uri, "VID e PID fora de 0001-FFFF")
        try:
            in_ep = int(query.get("in", "0x82"), 0)
            out_ep = int(query.get("out", "0x01"), 0)
        except ValueError:
            raise _bad(uri, "endpoints in/out devem ser números (ex.: in=0x81)") from None
        return PrinterURI(text, scheme, vendor_id=vid, product_id=pid, in_ep=in_ep, out_ep=out_ep)
    if scheme == "tcp":
        try:
            host, port = parts.hostname, parts.port or 9100
        except ValueError:
            raise _bad(uri, "porta inválida") from None
        if not host:
            raise _bad(uri, "falta o endereço: tcp://HOST:9100")
        return PrinterURI(text, scheme, host=host, port=port)
    if scheme == "serial":
        path = parts.netloc + parts.path
        if not path:
            raise _bad(uri, "falta a porta: serial:///dev/ttyUSB0")
        try:
            baud = int(query.get("baudrate", "9600"))
        except ValueError:
            raise _bad(uri, "baudrate deve ser um número") from None
        if baud <= 0:
            raise _bad(uri, "baudrate deve ser positivo")
        dsrdtr = query.get("dsrdtr", "1") not in ("0", "false", "no")
        return PrinterURI(text, scheme, path=path, baudrate=baud, dsrdtr=dsrdtr)
    if scheme == "file":
        path = parts.netloc + parts.path
        if not path:
            raise _bad(uri, "falta o caminho: file:///dev/usb/lp0")
        return PrinterURI(text, scheme, path=path)
    if scheme == "cups":
        return _parse_cups(uri, text, parts.netloc, parts.path)
    if scheme == "virtual":
        return PrinterURI(text, scheme, name=parts.netloc + parts.path.strip("/"))
    raise _bad(uri, f"tipo '{scheme}' desconhecido; use {', '.join(SCHEMES)}")


def _parse_cups(uri: str, text: str, netloc: str, path: str) -> PrinterURI:
    """cups://NAME (the default server: host "") or cups://HOST[:PORT]/NAME."""
    name = path.strip("/")
    if not name:  # cups://NAME
        name, netloc = netloc, ""
    if not name or (not netloc and ":" in name):  # cups:// or cups://HOST:PORT
        raise _bad(uri, "falta o nome da fila: cups://NOME ou cups://SERVIDOR:631/NOME")
    if any(c in _CUPS_NAME_FORBIDDEN or ord(c) < 32 or c == "\x7f" for c in name):
        raise _bad(uri, f"nome de fila inválido '{name}'")
    if not netloc:
        return PrinterURI(text, "cups", name=name, port=CUPS_PORT)
    try:
        parts = urlsplit(f"//{netloc}")
        host, port = parts.hostname, parts.port or CUPS_PORT
    except ValueError:
        raise _bad(uri, "porta inválida") from None
    if not host:
        raise _bad(uri, "falta o servidor: cups://SERVIDOR:631/NOME")
    return PrinterURI(text, "cups", host=host, port=port, name=name)


def _parse_win32(uri: str, text: str) -> PrinterURI:
    """win32://NAME: the name exactly as Windows shows it (spaces, accents, \\\\SERVER\\NAME).

    Taken verbatim, not as a URL: Windows printer names hold spaces, parentheses,
    '#' and backslashes that a URL parser would cut or refuse.
    """
    name = text[len(WIN32_PREFIX) :].strip()
    if not name:
        raise _bad(uri, "falta o nome da impressora do Windows: win32://NOME")
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        raise _bad(uri, "o nome da impressora tem caracteres de controle")
    if len(name) > WIN32_NAME_MAX:
        raise _bad(uri, f"nome da impressora com mais de {WIN32_NAME_MAX} caracteres")
    return PrinterURI(f"{WIN32_PREFIX}{name}", "win32", name=name)
