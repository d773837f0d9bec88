"""`python -m bench`: every benchmark in turn, each with its defaults (see bench/README.md).

For other settings run one alone: `python -m bench.checkout --rounds 50`.
"""

import sys
from importlib import import_module

BENCHMARKS = (
    "receipt",
    "checkout",
    "lookup",
    "profile_open",
    "scan",
    "startup",
    "report",
    "sync",
    "sync_load",
    "memory",
)

if sys.argv[1:]:
    sys.exit(f"python -m bench takes no arguments; run one benchmark alone: {BENCHMARKS}")
for name in BENCHMARKS:
    print(f"\n== python -m bench.{name}", flush=True)
    import_module(f"bench.{name}").main()
