"""`make mutate`'s reading of mutmut's results: the score docs/testing.md reports is only
as true as this. (A first version split names on ".x_" and dropped every method's
mutants from its module's counts: `Replay.balance`, `PosError.message`, ...)"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent

LISTING = """\
    posapp.core.ledger.x_replay__mutmut_1: killed
    posapp.core.ledger.xǁReplayǁbalance__mutmut_3: survived
    posapp.core.ledger.xǁReplayǁbalance__mutmut_4: no tests
    posapp.core.money.x_parse_centavos__mutmut_2: not checked
    posapp.core.money.x_parse_centavos__mutmut_9: timeout
Running stats ⠋ done
"""


@pytest.fixture(scope="module")
def mutate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate", ROOT / "scripts/mutate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_functions_and_methods_count_for_their_module(mutate: ModuleType) -> None:
    found = mutate.statuses(LISTING)
    assert len(found) == 5  # the progress line is not a mutant
    by_module: dict[str, list[str]] = {}
    for name, status in found.items():
        by_module.setdefault(mutate.module_of(name), []).append(status)
    assert by_module == {
        "posapp.core.ledger": ["killed", "survived", "no tests"],
        "posapp.core.money": ["not checked", "timeout"],
    }


def test_the_score_counts_unreached_mutants_against_it_and_timeouts_for_it(
    mutate: ModuleType,
) -> None:
    """ledger: 1 killed of 3 judged (one survived, one reached by no test); money: the
    timeout is a catch, the unchecked one is not judged."""
    ledger = {"killed": 1, "survived": 1, "no_tests": 1}
    money = {"timeout": 1, "not_checked": 1}
    assert mutate.score(ledger) == "1/3 killed (33.3 %), 1 survived, 1 reached by no test"
    assert mutate.score(money) == "1/1 killed (100.0 %), 0 survived, 0 reached by no test"


def test_a_sample_is_spread_evenly_over_the_modules_mutants(mutate: ModuleType) -> None:
    names = [f"m.x_f__mutmut_{n}" for n in range(1, 11)]
    assert mutate.spread(names, 2) == ["m.x_f__mutmut_3", "m.x_f__mutmut_8"]
    assert mutate.spread(names, 5) == names[1::2]
    assert mutate.spread(names, 50) == names  # never more than there are
