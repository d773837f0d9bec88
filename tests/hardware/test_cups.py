"""`cups://` end to end: a private cupsd, a raw queue, the TCP emulator behind it.

    Printer("cups://127.0.0.1:PORT/posapp-test")
      -> pycups -> our own cupsd (temp dir, 127.0.0.1:PORT)
      -> raw queue, device socket://127.0.0.1:EMUPORT -> CUPS's socket backend
      -> EmulatorServer, which decodes the ESC/POS back

The cupsd here is started from a temp directory with its own cupsd.conf,
cups-files.conf, spool, cache, state and logs, listening on one free loopback
port only, no browsing, no web interface, no authentication; it never reads
/etc/cups nor uses port 631 or the system's socket, and is killed after the
tests.

Queues: `lpadmin -m raw` is deprecated on CUPS 2.4 ("Raw queues are deprecated
and will stop working in a future version of CUPS", still works on Debian 12's
2.4.2). A queue created with no model at all has no PPD and no filters: the same
raw queue, without the warning; that is what is used here. posapp sends its jobs
as document-format application/vnd.cups-raw anyway, which bypasses filters even
on a queue that has a driver.

Prerequisites (cupsd, lpadmin, the socket backend, pycups) are installed by
`scripts/test-deps.sh` and `pip install -e '.[dev]'` (both run by `make test`);
when they are missing these tests fail saying so: they must run in CI.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware import cups_queue
from hardware.device_thread import DeviceThread
from hardware.emulator.decoder import decode
from hardware.emulator.server import EmulatorServer
from hardware.errors import (
    BadPrinterURI,
    CupsJobRefused,
    CupsQueueNotFound,
    CupsServerTimeout,
    CupsServerUnreachable,
    CupsUnavailable,
)
from hardware.printer import Printer
from hardware.receipt import Receipt, ReceiptBuilder
from hardware.uri import parse_printer_uri

CUPSD = "/usr/sbin/cupsd"
LPADMIN = "/usr/sbin/lpadmin"
SOCKET_BACKEND = "/usr/lib/cups/backend/socket"
QUEUE = "posapp-test"
QR = "https://posapp.example/cashback?c=ÁGUA-123"


def require_cups_tools() -> None:
    """Fail (never skip) when the test's prerequisites are missing."""
    missing = [p for p in (CUPSD, LPADMIN, SOCKET_BACKEND) if not os.access(p, os.X_OK)]
    if missing:
        pytest.fail(
            f"CUPS test prerequisites missing: {', '.join(missing)}. "
            "Run `bash scripts/test-deps.sh` as root on Debian (make test does), "
            "or install the Debian package `cups` (cupsd, lpadmin, socket backend).",
            pytrace=False,
        )
    try:
        import cups  # noqa: F401
    except ImportError:
        pytest.fail(
            "pycups is not installed: `pip install -e '.[dev]'` "
            "(it builds from source: libcups2-dev from scripts/system-deps.sh).",
            pytrace=False,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateCupsd:
    """A cupsd of our own in a temp dir: `cupsd -f` as a subprocess, loopback port only."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="posapp-cupsd-"))
        # Backends run as the unprivileged User and read the spool: let them
        # through (pytest's own tmp dirs are 0700).
        self.root.chmod(0o755)
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        for sub in ("spool", "spool/tmp", "cache", "state", "log"):
            (self.root / sub).mkdir()
        if os.geteuid() == 0:
            user, group = "lp", "lp"
        else:  # cupsd runs its backends as the current user then
            user = group = pwd.getpwuid(os.geteuid()).pw_name
        r = self.root
        (r / "cups-files.conf").write_text(
            f"ServerRoot {r}\nRequestRoot {r}/spool\nTempDir {r}/spool/tmp\n"
            f"CacheDir {r}/cache\nStateDir {r}/state\n"
            f"ErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\n"
            f"PageLog {r}/log/page_log\nPrintcap {r}/printcap\n"
            "DataDir /usr/share/cups\nServerBin /usr/lib/cups\n"
            f"User {user}\nGroup {group}\nSystemGroup root\n"
        )
        (r / "cupsd.conf").write_text(
            f"Listen 127.0.0.1:{self.port}\n"
            "Browsing No\nBrowseLocalProtocols none\nWebInterface No\n"
            "DefaultAuthType None\nLogLevel info\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 15) -> str:
        log = self.root / "log" / "error_log"
        text = log.read_text(errors="replace") if log.exists() else "(no error_log)"
        return "\n".join(text.splitlines()[-lines:])

    def start(self, timeout: float = 10.0) -> PrivateCupsd:
        self.proc = subprocess.Popen(
            [
                CUPSD,
                "-f",
                "-c",
                str(self.root / "cupsd.conf"),
                "-s",
                str(self.root / "cups-files.conf"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                pytest.fail(f"cupsd exited ({self.proc.returncode}): {err}\n{self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"cupsd did not listen on {self.address} within {timeout} s\n{self.log_tail()}")

    def lpadmin(self, *args: str) -> None:
        done = subprocess.run(
            [LPADMIN, "-h", self.address, *args], capture_output=True, text=True, timeout=10
        )
        if done.returncode != 0:
            pytest.fail(f"lpadmin {' '.join(args)}: {done.stderr.strip()}\n{self.log_tail()}")

    def add_raw_queue(self, name: str, device_uri: str, enabled: bool = True) -> None:
        # No -m: a queue without a model is a raw queue (-m raw is deprecated in 2.4).
        self.lpadmin("-p", name, *(["-E"] if enabled else []), "-v", device_uri)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGCONT)  # in case a test froze it
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc is not None and proc.stderr:
            proc.stderr.close()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def cups_emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(port=0) as server:
        yield server


@pytest.fixture(scope="module")
def cupsd(cups_emulator: EmulatorServer) -> Iterator[PrivateCupsd]:
    """One private cupsd for the module, with QUEUE printing to the emulator."""
    require_cups_tools()
    server = PrivateCupsd()
    try:
        server.start()
        server.add_raw_queue(QUEUE, f"socket://127.0.0.1:{cups_emulator.port}")
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def spare_cupsd() -> Iterator[PrivateCupsd]:
    """A private cupsd that a test may kill or freeze."""
    require_cups_tools()
    server = PrivateCupsd()
    try:
        server.start()
        server.add_raw_queue(QUEUE, "socket://127.0.0.1:9")  # never printed to
        yield server
    finally:
        server.cleanup()


def sale() -> Receipt:
    return (
        ReceiptBuilder(80)
        .text("Farmácia São Bento", align="center", bold=True)
        .row("Pão de queijo", "R$ 4,50")
        .row("Dipirona 500mg", "R$ 12,90")
        .row("TOTAL", "R$ 17,40", bold=True)
        .text("Ação: você ganhou cashback!")
        .qr(QR)
        .cut()
        .build()
    )


def completed_jobs(server: PrivateCupsd, timeout: float = 10.0) -> dict[int, dict[str, object]]:
    import cups

    cups.setServer("127.0.0.1")
    cups.setPort(server.port)
    conn = cups.Connection(host="127.0.0.1", port=server.port)
    deadline = time.monotonic() + timeout
    while True:
        jobs: dict[int, dict[str, object]] = conn.getJobs(
            which_jobs="completed", requested_attributes=["job-id", "job-printer-uri", "job-state"]
        )
        if jobs or time.monotonic() > deadline:
            return jobs
        time.sleep(0.05)


def test_a_receipt_goes_through_cups_to_the_printer_untouched(
    cupsd: PrivateCupsd, cups_emulator: EmulatorServer, devices: DeviceThread
) -> None:
    cups_emulator.clear()
    before = cups_emulator.received_bytes
    printer = Printer(f"cups://{cupsd.address}/{QUEUE}", 80, "TM-T20II", devices, timeout=5)
    job = printer.render(sale())
    started = time.monotonic()
    result = printer.send(job).result(timeout=15)
    assert result.status is None  # CUPS cannot report paper/cover status
    (printed,) = cups_emulator.wait_for_receipts(1, timeout=10)
    elapsed = time.monotonic() - started

    assert printed.complete and printed.cut
    assert "Farmácia São Bento" in printed.lines
    assert any(ln.startswith("Pão de queijo") and ln.endswith("R$ 4,50") for ln in printed.lines)
    assert "Ação: você ganhou cashback!" in printed.lines
    assert printed.qr_payloads == [QR]
    # Raw job: the printer got exactly the rendered bytes, no filter touched them.
    assert cups_emulator.received_bytes - before == len(job.data)
    assert printed.elements == decode(job.data)[0].elements
    assert elapsed < 10, f"CUPS took {elapsed:.1f} s to deliver the job"
    jobs = completed_jobs(cupsd)  # CUPS itself saw the job through
    assert [
        (str(j["job-printer-uri"]).rsplit("/", 1)[-1], j["job-state"]) for j in jobs.values()
    ] == [
        (QUEUE, 9)  # IPP job-state completed
    ]


def test_cups_name_alone_uses_the_default_server(
    cupsd: PrivateCupsd,
    cups_emulator: EmulatorServer,
    devices: DeviceThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cups_emulator.clear()
    # libcups reads CUPS_SERVER on first use in each thread (here the device thread).
    monkeypatch.setenv("CUPS_SERVER", cupsd.address)
    thread = DeviceThread("cups-default-server")
    try:
        Printer(f"cups://{QUEUE}", 80, "TM-T20II", thread).print(sale()).result(timeout=15)
    finally:
        thread.stop()
    (printed,) = cups_emulator.wait_for_receipts(1, timeout=10)
    assert "Farmácia São Bento" in printed.lines and printed.qr_payloads == [QR]


def test_unknown_queue_is_named_in_the_error(cupsd: PrivateCupsd, devices: DeviceThread) -> None:
    uri = f"cups://{cupsd.address}/nao-existe"
    with pytest.raises(CupsQueueNotFound) as caught:
        Printer(uri, devices=devices, timeout=3).print(sale()).result(timeout=15)
    assert caught.value.message("pt_BR") == (
        f"Impressora {uri}: a fila 'nao-existe' não existe no servidor CUPS {cupsd.address}."
    )
    assert caught.value.message("en") == (
        f"Printer {uri}: there is no queue 'nao-existe' on the CUPS server {cupsd.address}."
    )


def test_a_queue_that_refuses_jobs_gives_a_clear_error(
    cupsd: PrivateCupsd, cups_emulator: EmulatorServer, devices: DeviceThread
) -> None:
    cups_emulator.clear()
    # Without -E a new queue is neither enabled nor accepting jobs.
    cupsd.add_raw_queue("posapp-fechada", f"socket://127.0.0.1:{cups_emulator.port}", False)
    uri = f"cups://{cupsd.address}/posapp-fechada"
    with pytest.raises(CupsJobRefused) as caught:
        Printer(uri, devices=devices, timeout=3).print(sale()).result(timeout=15)
    assert caught.value.message("pt_BR").startswith(
        f"Impressora {uri}: o servidor CUPS {cupsd.address} recusou o trabalho. ("
    )
    assert caught.value.message("en").startswith(
        f"Printer {uri}: the CUPS server {cupsd.address} refused the job. ("
    )
    assert cups_emulator.wait_for_receipts(1, timeout=0.5) == []


def test_a_stopped_cups_server_is_named_in_the_error_at_once(
    spare_cupsd: PrivateCupsd, devices: DeviceThread
) -> None:
    uri = f"cups://{spare_cupsd.address}/{QUEUE}"
    printer = Printer(uri, devices=devices, timeout=2)
    assert printer.status().result(timeout=10) is None  # reachable: queue checked
    spare_cupsd.stop()
    started = time.monotonic()
    with pytest.raises(CupsServerUnreachable) as caught:
        printer.print(sale()).result(timeout=15)
    assert time.monotonic() - started < 2 + 1
    assert caught.value.message("pt_BR").startswith(
        f"Impressora {uri}: o servidor CUPS {spare_cupsd.address} não responde."
    )
    assert caught.value.message("en").startswith(
        f"Printer {uri}: the CUPS server {spare_cupsd.address} is not answering."
    )


def test_a_frozen_cups_server_times_out_instead_of_hanging(
    spare_cupsd: PrivateCupsd, devices: DeviceThread
) -> None:
    """SIGSTOP: the kernel still accepts the connection, cupsd never answers."""
    uri = f"cups://{spare_cupsd.address}/{QUEUE}"
    printer = Printer(uri, devices=devices, timeout=1.5)
    assert spare_cupsd.proc is not None
    spare_cupsd.proc.send_signal(signal.SIGSTOP)
    started = time.monotonic()
    future = printer.print(sale())
    assert not future.done()  # the caller is never blocked
    with pytest.raises(CupsServerTimeout) as caught:
        future.result(timeout=15)
    elapsed = time.monotonic() - started
    assert 1.4 < elapsed < 1.5 + 1.5
    assert caught.value.message("pt_BR") == (
        f"Impressora {uri}: o servidor CUPS {spare_cupsd.address} não respondeu em 1.5 s."
    )
    assert caught.value.message("en") == (
        f"Printer {uri}: the CUPS server {spare_cupsd.address} did not answer within 1.5 s."
    )


@pytest.mark.parametrize(
    ("uri", "host", "port", "name"),
    [
        ("cups://Balcao", "", 631, "Balcao"),
        ("cups://Balcao/", "", 631, "Balcao"),
        ("cups://127.0.0.1:6310/posapp-test", "127.0.0.1", 6310, "posapp-test"),
        ("cups://servidor.loja/Caixa_1", "servidor.loja", 631, "Caixa_1"),
    ],
)
def test_cups_uris_parse(uri: str, host: str, port: int, name: str) -> None:
    parsed = parse_printer_uri(uri)
    assert (parsed.scheme, parsed.host, parsed.port, parsed.name) == ("cups", host, port, name)


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("cups://", "falta o nome da fila"),
        ("cups://servidor:631", "falta o nome da fila"),
        ("cups://host:porta/fila", "porta inválida"),
        ("cups://host/fila/outra", "nome de fila inválido"),
        ("cups://:631/fila", "falta o servidor"),
    ],
)
def test_bad_cups_uris_say_what_is_wrong(uri: str, reason: str) -> None:
    with pytest.raises(BadPrinterURI) as caught:
        parse_printer_uri(uri)
    assert reason in caught.value.message()


def test_without_pycups_the_error_says_so(
    devices: DeviceThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cups_queue, "pycups", None)
    with pytest.raises(CupsUnavailable) as caught:
        Printer("cups://Balcao", devices=devices).print(sale()).result(timeout=10)
    assert caught.value.message() == (
        "Impressora cups://Balcao: CUPS indisponível neste computador. (pycups não instalado)"
    )
