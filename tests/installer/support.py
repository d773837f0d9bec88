"""What the installer tests share: the check names and how a self-test run reads."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from posapp.self_test import CHECKS

CHECK_NAMES = [name for name, _check in CHECKS]
DONE = f"autoteste concluído: {len(CHECKS)} verificações ok"


def run_self_test(
    command: list[str], *, cwd: Path, timeout: float = 180, **env: str
) -> subprocess.CompletedProcess[str]:
    """`command` (ending in --self-test), offscreen unless `env` says otherwise; text output."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    environment.update(env)
    return subprocess.run(
        command,
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def assert_all_passed(done: subprocess.CompletedProcess[str]) -> list[str]:
    """Exit 0, one `ok NAME: ...` line per check in order, then the summary; the lines."""
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    oks = [line.split(":")[0].removeprefix("ok ") for line in lines if line.startswith("ok ")]
    assert oks == CHECK_NAMES, done.stdout
    assert lines[-1] == DONE, done.stdout
    assert "FALHOU" not in done.stdout
    return lines
