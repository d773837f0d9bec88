"""The PyInstaller one-folder bundle: built from installer/posapp.spec, then self-tested frozen.

Slow (a full PyInstaller build, ~40 s on 2 cores); still run by `make test`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.installer.support import assert_all_passed, run_self_test

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "posapp.spec"
WINDOWS = sys.platform == "win32"


def _size_mib(folder: Path) -> float:
    """As `du` counts it: PyInstaller links some libraries, count each file once."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/posapp built in a temporary folder (dist and work paths both there)."""
    work = tmp_path_factory.mktemp("pyinstaller")
    pyinstaller = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean"]
    started = time.perf_counter()
    done = subprocess.run(
        [*pyinstaller, "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=1100,
        check=False,
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-4000:]
    folder = work / "dist" / "posapp"
    print(f"\nbundle built in {seconds:.0f} s: {folder} ({_size_mib(folder):.0f} MiB)")
    return folder


def test_one_folder_layout_holds_what_posapp_loads_from_files(bundle: Path) -> None:
    executable = bundle / ("posapp.exe" if WINDOWS else "posapp")
    assert executable.is_file()
    internal = bundle / "_internal"
    platforms = {p.name for p in internal.rglob("*") if p.parent.name == "platforms"}
    assert any("qoffscreen" in name for name in platforms), platforms
    assert any(("qwindows" if WINDOWS else "qxcb") in name for name in platforms), platforms
    assert not any("qwayland" in name or "qvnc" in name for name in platforms), platforms
    resources = internal / "resources"
    assert (resources / "style.qss").is_file()
    shipped = {p.name for p in (ROOT / "resources" / "translations").glob("*.qm")}
    assert shipped and {p.name for p in (resources / "translations").glob("*.qm")} == shipped
    assert (resources / "icons" / "posapp.png").is_file()
    migrations = internal / "db" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    versions = {p.name for p in (ROOT / "db" / "migrations" / "versions").glob("[0-9]*.py")}
    assert versions and versions <= {p.name for p in (migrations / "versions").glob("*.py")}
    assert (internal / "escpos" / "capabilities.json").is_file()
    locales = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert {"root", "pt", "pt_BR", "en"} <= locales and len(locales) < 10, locales
    unwanted = ("QtWebEngine", "Qt63D", "Qt6Quick", "Qt6Qml", "Qt6Multimedia", "Qt6Pdf")
    unwanted += tuple(f"lib{name}" for name in unwanted)  # the Linux library names
    assert not [p.name for p in internal.rglob("*") if p.name.startswith(unwanted)]


def test_frozen_self_test_passes_every_check(bundle: Path, tmp_path: Path) -> None:
    executable = bundle / ("posapp.exe" if WINDOWS else "posapp")
    done = run_self_test([str(executable), "--self-test"], cwd=tmp_path)
    lines = assert_all_passed(done)
    assert "(pacote," in lines[0], lines[0]  # sys.frozen: not the source tree
    migrations = str(bundle / "_internal" / "db" / "migrations")
    assert any(migrations in line for line in lines if line.startswith("ok banco")), done.stdout
    assert "plataforma offscreen" in done.stdout and "Venda → Sale" in done.stdout


@pytest.mark.skipif(WINDOWS or not shutil.which("xvfb-run"), reason="needs Xvfb (test-deps.sh)")
def test_frozen_self_test_on_the_xcb_platform_of_a_linux_desktop(
    bundle: Path, tmp_path: Path
) -> None:
    """The xcb plugin the counter's desktop uses loads from the bundle (on Xvfb)."""
    command = ["xvfb-run", "-a", str(bundle / "posapp"), "--self-test"]
    done = run_self_test(command, cwd=tmp_path, QT_QPA_PLATFORM="xcb")
    assert_all_passed(done)
    assert "plataforma xcb" in done.stdout
