"""Mutation testing with mutmut 3, each module with only the tests that guard it (`make mutate`).

Modules that share a test selection are mutated together in one folder under
build/mutate/ (the committed tree, HEAD, of posapp/, tests/, the other packages and
pyproject.toml, with a [mutmut] section in setup.cfg naming the modules and their tests),
so runs never touch the working tree and measure committed code only. mutmut runs only
the tests that reach a mutated function, fastest first, and stops at the first failure.
The counts of every run, by module, go to build/mutate/summary.json; `--survivors` prints
each surviving mutant's diff (mutmut show); `--sample N` re-measures N mutants a module.

    .venv/bin/python scripts/mutate.py                     # every module below
    .venv/bin/python scripts/mutate.py posapp/core/money.py --max-children 1
    .venv/bin/python scripts/mutate.py --list

The machine's cores are shared: the default is one child at a time.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutate"
MUTMUT = Path(sys.executable).with_name("mutmut")

MONEY = "tests/core/test_money_rules.py"
RULES = "tests/core/test_rule_edges.py"
CAMPAIGNS = [
    "tests/services/test_campaigns_tiers.py",
    "tests/services/test_campaign_edit.py",
    "tests/services/test_earning_edges.py",
]
"""Campaigns and tiers are pure rules, but the manager's screens and the sale read them:
the services tests that set them up and sell under them guard them too."""
SERVICES = [
    f"tests/services/test_{name}.py"
    for name in (
        "money_edges", "checkout_paths", "parking_discount", "card_details", "pix_sale",
        "refunds", "refund_receipt", "sales_history", "reports", "report_access",
        "ledger_chain", "verify", "customers", "refusals", "campaigns_tiers",
        "earning_edges", "voucher_edges", "checkout_edges", "refund_report_edges",
        "ledger_verify_edges", "report_order", "upkeep_batches", "ledger_properties",
    )
] + [
    f"tests/trust/test_{name}.py"
    for name in (
        "loyalty_money", "ledger_anchor", "bad_input", "damaged_database", "privilege",
        "sale_db_error", "upkeep_runs",
    )
] + ["tests/db/test_release_0001.py"]  # fmt: skip
"""The tests that guard the services' money paths: every service, trust and database test
that sells, refunds, reports or verifies, without those that take minutes (the crash and
demo tests) or test something else (messages, printing, backups). A mutant that survives
runs every selected test that reaches it, so each file here costs on every survivor."""
MODULES: dict[str, list[str]] = {
    "posapp/core/money.py": ["tests/core/test_money.py", MONEY],
    "posapp/core/ledger.py": ["tests/core/test_ledger_chain.py", MONEY],
    "posapp/core/pricing.py": ["tests/core/test_pricing.py"],
    "posapp/core/tender_names.py": ["tests/core/test_pricing.py"],
    "posapp/core/program.py": ["tests/core/test_program.py", MONEY],
    "posapp/core/presets.py": [MONEY, "tests/services/test_presets.py"],
    "posapp/core/cpf.py": ["tests/core/test_cpf.py"],
    "posapp/core/cnpj.py": ["tests/core/test_cnpj.py", RULES],
    "posapp/core/phone.py": ["tests/core/test_phone.py"],
    "posapp/core/gtin.py": ["tests/core/test_gtin.py"],
    "posapp/core/codes.py": ["tests/core/test_codes.py", RULES],
    "posapp/core/campaigns.py": ["tests/core/test_campaigns.py", RULES, *CAMPAIGNS],
    "posapp/core/tiers.py": ["tests/core/test_tiers.py", RULES, *CAMPAIGNS],
    "posapp/core/nps.py": ["tests/core/test_nps.py"],
    "posapp/core/commercial_dates.py": ["tests/core/test_commercial_dates.py"],
    "posapp/core/messages.py": [
        "tests/core/test_messages.py",
        "tests/core/test_message_preview.py",
        "tests/services/test_messages_templates.py",
        "tests/services/test_messages_scheduler.py",
        "tests/services/test_receipt_by_message.py",
    ],
    "posapp/core/errors.py": ["tests/core"],
    "posapp/services/loyalty/vouchers.py": SERVICES,
    "posapp/services/loyalty/earning.py": SERVICES,
    "posapp/services/loyalty/ledger.py": SERVICES,
    "posapp/services/loyalty/verify.py": SERVICES,
    "posapp/services/sales/refunds.py": SERVICES,
    "posapp/services/sales/checkout.py": SERVICES,
    "posapp/services/cash/reports.py": SERVICES,
}
"""Each module mutated, and the tests that guard it (the money paths of issue 23)."""

OTHER_PACKAGES = ("db", "hardware", "messaging", "payments", "fiscal", "cloud", "resources")
"""Taken from HEAD with posapp/ and tests/, and copied beside the mutants for the tests."""


def _slug(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def _setup_cfg(modules: list[str], tests: list[str]) -> str:
    mutated = "\n".join(f"    {module}" for module in modules)
    selection = "\n".join(f"    {path}" for path in tests)
    packages = "\n".join(f"    {name}" for name in OTHER_PACKAGES)
    return (
        "[mutmut]\n"
        "source_paths = posapp\n"
        f"only_mutate =\n{mutated}\n"
        f"pytest_add_cli_args_test_selection =\n{selection}\n"
        f"also_copy =\n{packages}\n"
    )


def run_modules(
    modules: list[str], max_children: int, sample: int = 0
) -> dict[str, dict[str, object]]:
    """Mutate `modules`, which share one test selection, in one mutmut run.

    One run pays mutmut's two passes over the selection (the stats, then the clean run)
    once instead of once per module; the counts are split by module afterwards. With
    `sample`, only that many mutants of each module are judged, an even spread over the
    names a full run listed (see `_sampled`).
    """
    tests = MODULES[modules[0]]
    folder = WORK / _folder(modules)
    names = _sampled(modules, sample) if sample else []
    if sample:
        folder = folder.with_name(folder.name + f"-sample{sample}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # The committed tree (HEAD), not the working files others may be editing right now.
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD", "posapp", "tests", "pyproject.toml",
         *OTHER_PACKAGES],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    tests = [path for path in tests if (folder / path).exists()]  # not yet committed: later
    (folder / "setup.cfg").write_text(_setup_cfg(modules, tests))
    with (folder / "mutmut.log").open("w") as out:
        subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(max_children), *names],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    counts = _results(folder)
    return {
        module: {**counts.get(_slug(module), {}), "module": module, "tests": tests}
        for module in modules
    }


_MUTANT = re.compile(r"^(?P<module>[\w.]+?)\.x[_\u01c1]")
"""A mutant's name: the module, then `x_function__mutmut_N` or `xǁClassǁmethod__mutmut_N`."""


def statuses(listing: str) -> dict[str, str]:
    """Each mutant's status (killed, survived, no tests, not checked, ...) from the text of
    `mutmut results --all true`, in mutmut's order."""
    found: dict[str, str] = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if _MUTANT.match(name):
            found[name] = status
    return found


def module_of(mutant: str) -> str:
    """The dotted module a mutant's name belongs to (functions and methods alike)."""
    match = _MUTANT.match(mutant)
    return match["module"] if match else mutant


def _statuses(folder: Path) -> dict[str, str]:
    listing = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=folder, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    return statuses(listing)


def _results(folder: Path) -> dict[str, dict[str, int]]:
    """Counts of each status (killed, survived, no_tests, ...) by mutated module."""
    counts: dict[str, dict[str, int]] = {}
    for name, status in _statuses(folder).items():
        per_module = counts.setdefault(module_of(name), {})
        key = status.replace(" ", "_")
        per_module[key] = per_module.get(key, 0) + 1
    return counts


def _sampled(modules: list[str], each: int) -> list[str]:
    """`each` mutant names per module from an earlier full run of the same source (the
    names depend only on it), see `spread`."""
    chosen: list[str] = []
    for module in modules:
        names = _statuses(_folder_of(module))
        chosen += spread([name for name in names if module_of(name) == _slug(module)], each)
    return chosen


def spread(names: list[str], each: int) -> list[str]:
    """Every k-th of `names`, starting from the middle of the first step, so a sample covers
    every function in proportion."""
    step = max(1.0, len(names) / each)
    return [names[int(step / 2 + k * step)] for k in range(min(each, len(names)))]


def _groups(chosen: list[str]) -> list[list[str]]:
    """The chosen modules, those sharing a test selection together, in the given order."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for module in chosen:
        groups.setdefault(tuple(MODULES[module]), []).append(module)
    return list(groups.values())


def _folder(modules: list[str]) -> str:
    return _slug(modules[0]) if len(modules) == 1 else f"{_slug(modules[0])}+{len(modules) - 1}"


def _folder_of(module: str) -> Path:
    """The run folder that holds `module`'s mutants (its own, or its group's)."""
    for setup in sorted(WORK.glob("*/setup.cfg")):
        if "-sample" in setup.parent.name:
            continue
        if f"    {module}\n" in setup.read_text():
            return setup.parent
    return WORK / _slug(module)


def survivors(module: str) -> list[str]:
    return [
        name
        for name, status in _statuses(_folder_of(module)).items()
        if status == "survived" and module_of(name) == _slug(module)
    ]


def show(module: str, mutant: str) -> str:
    folder = _folder_of(module)
    return subprocess.run(
        [str(MUTMUT), "show", mutant], cwd=folder, capture_output=True, text=True, check=False
    ).stdout


def score(stats: dict[str, object]) -> str:
    """Killed (a test failed, or it timed out) out of every mutant but those mutmut skipped.

    A mutant no selected test reaches ("no tests") counts as surviving: nothing caught it.
    """

    def count(key: str) -> int:
        return int(str(stats.get(key, 0)))

    caught = count("killed") + count("timeout") + count("segfault")
    missed = count("survived") + count("no_tests") + count("suspicious")
    judged = caught + missed
    percent = 100 * caught / judged if judged else 0.0
    return (
        f"{caught}/{judged} killed ({percent:.1f} %), {count('survived')} survived, "
        f"{count('no_tests')} reached by no test"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all)")
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="judge only N mutants of each module (after a full run)",
    )
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--survivors", action="store_true", help="show each survivor's diff")
    args = parser.parse_args(argv)
    if args.list:
        for module, tests in MODULES.items():
            print(module, "<-", " ".join(tests))
        return 0
    chosen = args.modules or list(MODULES)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown:
        parser.error(f"not in the mutation scope: {', '.join(unknown)}")
    summary_file = WORK / "summary.json"
    summary: dict[str, object] = (
        json.loads(summary_file.read_text()) if summary_file.exists() else {}
    )
    if args.survivors:
        for module in chosen:
            for mutant in survivors(module):
                print(show(module, mutant))
        return 0
    for group in _groups(chosen):
        for module, stats in run_modules(group, args.max_children, args.sample).items():
            summary[module] = stats
            WORK.mkdir(parents=True, exist_ok=True)
            summary_file.write_text(json.dumps(summary, indent=2, sort_keys=True))
            print(f"{module}: {score(stats)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
