"""The installer's static files: desktop entry, udev rules, Inno Setup script, icon."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from posapp import __version__

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
DESKTOP = INSTALLER / "linux" / "posapp.desktop"
RULES = INSTALLER / "linux" / "70-posapp.rules"
ISS = INSTALLER / "windows" / "posapp.iss"

# udev(7): the keys a rule may use, and which of them only match or only assign.
MATCH_ONLY = frozenset(("ACTION", "DEVPATH", "KERNEL", "KERNELS", "SUBSYSTEM", "SUBSYSTEMS"))
MATCH_ONLY |= {"DRIVER", "DRIVERS", "ATTRS", "TAGS", "TEST", "PROGRAM", "RESULT", "CONST"}
ASSIGN_ONLY = frozenset(("OWNER", "GROUP", "MODE", "RUN", "LABEL", "GOTO", "IMPORT"))
ASSIGN_ONLY |= {"OPTIONS", "SECLABEL"}
EITHER = {"ATTR", "SYSCTL", "ENV", "TAG", "NAME", "SYMLINK"}
TOKEN = re.compile(r'\s*([A-Z_]+)(?:\{([^}]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"\s*(?:,|$)')


def _rule(line: str) -> list[tuple[str, str | None, str, str]]:
    """A rule line as (key, attribute, operator, value); fails on anything else."""
    tokens: list[tuple[str, str | None, str, str]] = []
    at = 0
    while at < len(line):
        found = TOKEN.match(line, at)
        assert found, f"cannot parse udev rule at {line[at:]!r}"
        key, attribute, operator, value = found.groups()
        assert key in MATCH_ONLY | ASSIGN_ONLY | EITHER, f"unknown udev key {key}"
        matching = operator in ("==", "!=")
        assert not (matching and key in ASSIGN_ONLY), f"{key} cannot be matched"
        assert matching or key not in MATCH_ONLY, f"{key} cannot be assigned"
        tokens.append((key, attribute, operator, value))
        at = found.end()
    return tokens


def _rules() -> list[list[tuple[str, str | None, str, str]]]:
    text = RULES.read_text(encoding="utf-8")
    return [_rule(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_desktop_entry_launches_posapp_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    assert entry.sections() == ["Desktop Entry"]
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == desktop["TryExec"] == "posapp"
    assert desktop["Icon"] == "posapp"  # installed as hicolor/{scalable,256x256}/apps/posapp.*
    assert desktop["Terminal"] == "false"
    categories = desktop["Categories"]
    assert categories.endswith(";") and "Office" in categories.split(";")
    assert desktop["Comment[pt_BR]"] and desktop["Name"] == "posapp"


def test_desktop_entry_passes_desktop_file_validate() -> None:
    assert shutil.which("desktop-file-validate"), (
        "desktop-file-validate not found: scripts/test-deps.sh installs desktop-file-utils"
    )
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_udev_rules_match_usb_printers_and_grant_access() -> None:
    rules = _rules()
    assert len(rules) >= 3
    vendors: list[str] = []
    for rule in rules:
        matches = [(k, a, v) for k, a, op, v in rule if op in ("==", "!=")]
        assigns = {k: v for k, _a, op, v in rule if op not in ("==", "!=")}
        assert any(k == "SUBSYSTEM" for k, _a, _v in matches), rule
        assert any(k in ("ATTR", "ENV", "KERNEL") for k, _a, _v in matches), rule
        assert re.fullmatch(r"0[0-7]{3}", assigns["MODE"]), rule
        assert assigns["GROUP"] in ("plugdev", "lp") and assigns["TAG"] == "uaccess", rule
        vendors += [v for k, a, v in matches if k == "ATTR" and a == "idVendor"]
    interfaces = [v for rule in rules for k, a, _op, v in rule if a == "ID_USB_INTERFACES"]
    assert interfaces == ["*:0701??:*"]  # any printer-class interface
    assert {"04b8", "2fe7", "20d1", "0b1b"} <= set(vendors)
    text = RULES.read_text(encoding="utf-8")
    for vendor in vendors:  # every vendor id says where it comes from
        assert re.search(rf"^#\s+{vendor}\s+\S", text, re.M), vendor


def test_udev_rules_sort_before_the_seat_rules_that_read_uaccess() -> None:
    """The name the install steps give the rules file decides when udev reads it."""
    steps = (INSTALLER / "linux" / "INSTALL.md").read_text(encoding="utf-8")
    installed = re.findall(r"install\s+\S+\s+(\S+\.rules)\s+/etc/udev/rules\.d/(\S+)", steps)
    assert installed, "INSTALL.md installs no udev rules"
    for source, name in installed:
        assert (INSTALLER.parent / source).resolve() == RULES
        assert name < "73-seat-late.rules", name


def test_inno_setup_script_installs_the_bundle_with_shortcuts() -> None:
    text = ISS.read_text(encoding="utf-8")
    version = re.search(r'^#define AppVersion "([^"]+)"', text, re.M)
    assert version and version.group(1) == __version__
    sections = set(re.findall(r"^\[(\w+)\]", text, re.M))
    assert {"Setup", "Languages", "Tasks", "Files", "Icons"} <= sections
    assert r"DefaultDirName={autopf}\{#AppName}" in text and '#define AppName "posapp"' in text
    assert r'Source: "dist\posapp\*"' in text and "recursesubdirs" in text
    assert "compiler:Languages\\BrazilianPortuguese.isl" in text
    assert "compiler:Default.isl" in text
    assert "{autoprograms}" in text and "{autodesktop}" in text
    for path in re.findall(r"^SetupIconFile=(.+)$", text, re.M):
        assert (INSTALLER.parent / path.replace("\\", "/")).is_file()


def test_icons_are_a_256_px_png_and_a_matching_svg() -> None:
    with Image.open(INSTALLER / "posapp.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
    svg = ET.parse(INSTALLER / "posapp.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 256 256"
    from installer.make_icon import svg as drawn

    assert (INSTALLER / "posapp.svg").read_text(encoding="utf-8") == drawn()


def _iss_section(text: str, name: str) -> list[str]:
    found = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
    assert found, f"[{name}] missing"
    return [line for line in found.group(1).splitlines() if line and not line.startswith(";")]


def test_windows_setup_speaks_pt_br_first_and_opens_posapp_for_its_first_run() -> None:
    text = ISS.read_text(encoding="utf-8")
    languages = _iss_section(text, "Languages")
    assert languages[0].startswith('Name: "brazilianportuguese"')  # the default language
    assert "LanguageDetectionMethod=uilanguage" in text
    (run,) = _iss_section(text, "Run")
    assert run.startswith(r'Filename: "{app}\{#AppExe}"')
    flags = re.search(r"Flags: ([^;]+)", run)
    assert flags and {"postinstall", "runasoriginaluser", "nowait"} <= set(flags.group(1).split())
    custom = _iss_section(text, "CustomMessages")
    assert any(line.startswith("brazilianportuguese.OpenPosapp=Abrir o posapp") for line in custom)
    assert any(line.startswith("english.OpenPosapp=") for line in custom)
    icons = _iss_section(text, "Icons")
    assert icons[0].startswith(r'Name: "{autoprograms}\{#AppName}"')  # the Start-menu entry


def test_windows_uninstall_keeps_the_data_folder_the_app_uses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = ISS.read_text(encoding="utf-8")
    for line in _iss_section(text, "UninstallDelete"):
        assert "{app}" in line and "appdata}" not in line.lower(), line
    assert "{localappdata}" not in "".join(_iss_section(text, "Files"))
    kept = re.search(r"ExpandConstant\('\{localappdata\}\\\{#AppName\}'\)", text)
    assert kept, "the uninstaller names the data folder it keeps"
    custom = _iss_section(text, "CustomMessages")
    pt_kept = "brazilianportuguese.DataKept=Os dados do posapp"
    assert any(line.startswith(pt_kept) for line in custom)
    assert any(line.startswith("english.DataKept=") for line in custom)
    # The folder named is where posapp puts its database on Windows (platformdirs).
    import platformdirs.windows

    monkeypatch.setenv("LOCALAPPDATA", "LOCALAPPDATA-HERE")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", _env_folder)
    windows = platformdirs.windows.Windows("posapp", appauthor=False)
    assert windows.user_data_dir.replace("\\", "/") == "LOCALAPPDATA-HERE/posapp"


def _env_folder(csidl_name: str) -> str:
    import os

    return os.environ[{"CSIDL_LOCAL_APPDATA": "LOCALAPPDATA"}[csidl_name]]


def test_windows_workflow_builds_checks_and_compiles_the_setup() -> None:
    import yaml

    workflow = yaml.safe_load((INSTALLER.parent / ".github/workflows/windows.yml").read_text())
    (job,) = workflow["jobs"].values()
    assert job["runs-on"].startswith("windows-")
    steps = job["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "pyinstaller installer/posapp.spec" in runs
    assert "dist/posapp/posapp.exe --self-test" in runs and "$LASTEXITCODE" in runs
    assert "iscc installer\\windows\\posapp.iss" in runs.lower()
    assert "mypy --platform win32" in runs
    assert "libusb_package/libusb-1.0.dll" in runs  # the DLL is checked in the bundle
    for path in re.findall(r"tests/[\w/]+\.py", runs):  # the tests it runs exist
        assert (INSTALLER.parent / path).is_file(), path
