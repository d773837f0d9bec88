"""The house by domain stays true: no import circle anywhere in posapp, services only
in domain packages of a readable size (the import direction itself is import-linter's,
in `make lint`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "posapp" / "services"
MAX_MODULES = 12


def _import_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts/import_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def graph_tools() -> ModuleType:
    return _import_graph()


def test_no_module_imports_itself_back(graph_tools: ModuleType) -> None:
    assert graph_tools.module_cycles(graph_tools.build()) == []


def test_no_circle_between_packages_or_domains(graph_tools: ModuleType) -> None:
    assert graph_tools.package_cycles(graph_tools.build()) == []


def test_the_circle_finder_finds_a_circle(graph_tools: ModuleType) -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert graph_tools.strongly_connected({"a", "b", "c", "d"}, edges) == [["a", "b", "c"]]


def test_services_hold_only_domain_packages() -> None:
    loose = sorted(p.name for p in SERVICES.glob("*.py") if p.name != "__init__.py")
    assert loose == []
    domains = sorted(p.name for p in SERVICES.iterdir() if (p / "__init__.py").exists())
    assert set(domains) == set(_import_graph().DOMAINS)


@pytest.mark.parametrize("domain", sorted(_import_graph().DOMAINS))
def test_each_domain_is_small_and_says_what_it_owns(domain: str) -> None:
    package = SERVICES / domain
    modules = [p for p in package.rglob("*.py") if p.name != "__init__.py"]
    assert 0 < len(modules) <= MAX_MODULES
    docstring = (package / "__init__.py").read_text(encoding="utf-8")
    assert docstring.startswith('"""') and "Imports:" in docstring
