"""Print posapp's import graph by package, drawn from the code, and its import circles.

    .venv/bin/python scripts/import_graph.py            # arrows between packages
    .venv/bin/python scripts/import_graph.py --cycles   # module-level circles (none expected)

The packages are posapp's top level (core, services, ui, app, cli, ...) with
services split into its domains. tests/test_architecture.py runs the same checks.
"""

from __future__ import annotations

import sys
from collections import defaultdict

import grimp

DOMAINS = (
    "onboarding",
    "admin",
    "nfse",
    "invoices",
    "agenda",
    "sales",
    "sync",
    "cash",
    "payments",
    "customers",
    "salon",
    "messages",
    "loyalty",
    "common",
    "machine",
)


def build() -> grimp.ImportGraph:
    return grimp.build_graph("posapp", include_external_packages=False, cache_dir=None)


def room(module: str) -> str:
    """The package a module belongs to: a services domain, or posapp's top-level part."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] == "services" and parts[2] in DOMAINS:
        return f"services.{parts[2]}"
    return parts[1] if len(parts) > 1 else parts[0]


def package_edges(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            a, b = room(module), room(imported)
            if a != b:
                edges[a].add(b)
    return edges


def strongly_connected(nodes: set[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one node: each is an import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


def module_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    return strongly_connected(set(graph.modules), edges)


def package_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    edges = package_edges(graph)
    nodes = set(edges) | {b for targets in edges.values() for b in targets}
    return strongly_connected(nodes, edges)


def main(argv: list[str]) -> int:
    graph = build()
    if "--cycles" in argv:
        circles = module_cycles(graph) + package_cycles(graph)
        for circle in circles:
            print(" <-> ".join(circle))
        print(f"{len(circles)} import circles")
        return 1 if circles else 0
    for source, targets in sorted(package_edges(graph).items()):
        print(f"{source:20} -> {', '.join(sorted(targets))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
