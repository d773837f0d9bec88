"""Exponential back-off with full jitter (pure: the randomness is injected).

After the n-th failure in a row the wait is uniform in [0, min(cap, base * 2**(n-1))]
("full jitter", AWS Architecture Blog, 2015): counters that lost the network
together do not all come back in the same second. A success resets the count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 2.0
    """Seconds: the ceiling after the first failure."""
    cap: float = 300.0
    """Seconds: the ceiling never grows past this."""
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    @classmethod
    def seeded(cls, seed: int, *, base: float = 2.0, cap: float = 300.0) -> Backoff:
        return cls(base=base, cap=cap, rng=random.Random(seed))

    def ceiling(self, failures: int | None = None) -> float:
        """The largest wait after `failures` failures in a row (0 with none)."""
        n = self.failures if failures is None else failures
        if n <= 0:
            return 0.0
        # 2**(n-1) overflows floats past ~1000 failures; the cap is reached long before.
        return min(self.cap, self.base * 2.0 ** min(n - 1, 64))

    def failed(self) -> float:
        """Count one more failure; the seconds to wait before the next attempt."""
        self.failures += 1
        return self.rng.uniform(0.0, self.ceiling())

    def succeeded(self) -> None:
        self.failures = 0
