"""`posapp printer emulate` and `posapp printer test`, for the posapp CLI to mount.

add_printer_commands(subparsers)          # in posapp.cli, next to its other commands
...
if args.command == "printer":
    return run_printer_command(args)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from hardware.device_thread import DeviceThread
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from hardware.errors import HardwareError
from hardware.printer import Printer
from hardware.profiles import paper_for, profile_names
from hardware.test_page import test_page


def _locale() -> str:
    lang = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "en" if lang and lang.startswith("en") else "pt_BR"


def add_printer_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    printer = subparsers.add_parser("printer", help="impressoras de cupom / receipt printers")
    sub = printer.add_subparsers(dest="printer_command", required=True)

    emulate = sub.add_parser("emulate", help="run an ESC/POS printer emulator on loopback")
    emulate.add_argument("--port", type=int, default=9100)
    emulate.add_argument(
        "--out",
        type=Path,
        default=Path("receipts"),
        help="directory for one PNG (and .txt) per receipt",
    )
    emulate.add_argument("--width", type=int, choices=(58, 80), default=80)
    emulate.add_argument(
        "--seconds", type=float, default=0.0, help="stop after this many seconds (0: until Ctrl+C)"
    )

    test = sub.add_parser("test", help="print a test page (accents, QR, barcodes)")
    test.add_argument(
        "uri",
        help="usb://VID:PID, tcp://HOST:9100, serial:///dev/ttyUSB0, "
        "file:///dev/usb/lp0, cups://NAME, win32://NOME, virtual://",
    )
    test.add_argument("--width", type=int, choices=(58, 80), default=80)
    test.add_argument("--profile", default="default", choices=profile_names(), metavar="NAME")
    test.add_argument("--timeout", type=float, default=5.0)
    test.add_argument(
        "--out", type=Path, default=None, help="virtual:// only: directory for the PNG of the page"
    )


def run_printer_command(args: argparse.Namespace) -> int:
    if args.printer_command == "emulate":
        return _emulate(args)
    if args.printer_command == "test":
        return _test(args)
    print(f"unknown printer command {args.printer_command}", file=sys.stderr)
    return 2


def _emulate(args: argparse.Namespace) -> int:
    paper = paper_for(args.width)
    try:
        server = EmulatorServer(port=args.port, out_dir=args.out, paper_dots=paper.dots)
    except OSError as exc:
        print(f"porta {args.port}: {exc}", file=sys.stderr)
        return 1
    with server:
        print(f"Impressora emulada em {server.uri}; cupons em {args.out}", flush=True)
        deadline = time.monotonic() + args.seconds if args.seconds > 0 else None
        shown = 0
        try:
            while deadline is None or time.monotonic() < deadline:
                time.sleep(0.1)
                for png in server.pngs[shown:]:
                    print(png, flush=True)
                shown = len(server.pngs)
        except KeyboardInterrupt:
            pass
    return 0


def _test(args: argparse.Namespace) -> int:
    paper = paper_for(args.width)
    devices = DeviceThread()
    try:
        printer = Printer(args.uri, paper, args.profile, devices, timeout=args.timeout)
        if printer.uri.scheme == "virtual" and args.out is not None:
            virtual_printer(printer.uri.name, out_dir=args.out, paper_dots=paper.dots)
        job = printer.render(test_page(paper, printer.name, args.profile))
        result = printer.send(job).result(timeout=args.timeout * 4 + 10)
    except HardwareError as exc:
        print(exc.message(_locale()), file=sys.stderr)
        return 1
    finally:
        devices.stop()
    status = "sem status" if result.status is None else "pronta"
    print(
        f"Impressora {printer.name}: página de teste enviada ({result.bytes_sent} bytes, {status})."
    )
    for sub in job.substitutions:
        print(f"  '{sub.original}' impresso como '{sub.printed}'")
    if printer.uri.scheme == "virtual":
        server = virtual_printer(printer.uri.name)
        for receipt in server.wait_for_receipts(1, timeout=5):
            print("\n".join(receipt.lines))
        for png in server.pngs:
            print(png)
        stop_virtual_printers()
    return 0
