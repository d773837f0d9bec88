"""What the counter's process loads: not the command-line tools its libraries bring along."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
import posapp.app
import httpx
with httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(204))) as client:
    assert client.get("http://endpoint/ping").status_code == 204
print(sorted(name for name in ("click", "rich", "pygments") if name in sys.modules))
"""


def test_httpx_works_without_loading_its_command_line_tool() -> None:
    """click, rich and pygments are installed here (the cloud's uvicorn, the tests), and
    httpx would import them all for its `httpx` command: ~6 MiB the counter never uses."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
