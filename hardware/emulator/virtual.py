"""`virtual://` printers: emulators started in-process on first use.

The app prints to them through the same TCP code path as a real network
printer; the demo and the tests read back what was printed with
`virtual_printer(name).printed()`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from hardware.emulator.server import EmulatorServer

_lock = threading.Lock()
_servers: dict[str, EmulatorServer] = {}


def virtual_printer(
    name: str = "", out_dir: Path | str | None = None, paper_dots: int = 576
) -> EmulatorServer:
    """The emulator behind `virtual://NAME`, started on a free loopback port if needed."""
    with _lock:
        server = _servers.get(name)
        if server is None:
            server = EmulatorServer(port=0, out_dir=out_dir, paper_dots=paper_dots).start()
            _servers[name] = server
        return server


def stop_virtual_printers() -> None:
    with _lock:
        servers = list(_servers.values())
        _servers.clear()
    for server in servers:
        server.stop()
