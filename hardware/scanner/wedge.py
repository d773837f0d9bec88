"""Tell a keyboard-wedge scan from a person typing, without Qt.

A wedge scanner "types" the code as key presses: a burst far faster than a
person (a few ms between keys), usually ending in Enter (or a configured
suffix) and sometimes starting with a configured prefix. The detector is fed
(key, time) pairs by whatever owns the keyboard (the Qt event filter in the
UI, a test) and answers with `Scan` for a burst, or `Typed` to hand keys back
to the focused widget. Keys are held only while a burst may be forming; call
`flush(now)` from a timer so a lone key typed by a person is handed back
after `max_gap` seconds.

Keys are strings: one character for printable keys, a name ("Enter", "Tab")
for the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.scanner.events import Scan


@dataclass(frozen=True)
class Typed:
    """Keys a person typed, in order, to be delivered as ordinary key presses."""

    keys: tuple[str, ...]


WedgeEvent = Scan | Typed


@dataclass
class WedgeConfig:
    prefix: str = ""
    suffix: str = "Enter"
    max_gap: float = 0.05  # seconds between two keys of the same scan
    min_length: int = 4  # characters of code, without prefix/suffix


class WedgeDetector:
    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.config = config or WedgeConfig()
        self._keys: list[str] = []
        self._last: float | None = None

    def feed(self, key: str, t: float) -> list[WedgeEvent]:
        cfg = self.config
        out: list[WedgeEvent] = []
        if self._keys and self._last is not None and t - self._last > cfg.max_gap:
            out.append(self._release())
        self._last = t
        if key == cfg.suffix:
            code = "".join(self._keys)
            one_character_each = bool(self._keys) and max(map(len, self._keys)) == 1
            if one_character_each and code.startswith(cfg.prefix):
                code = code[len(cfg.prefix) :]
                if len(code) >= cfg.min_length:
                    self._keys = []
                    out.append(Scan(code, "wedge"))
                    return out
            self._keys.append(key)
            out.append(self._release())
            return out
        if not self._keys and cfg.prefix and len(key) == 1 and key != cfg.prefix[0]:
            # Cannot start a scan: hand it straight back.
            out.append(Typed((key,)))
            return out
        self._keys.append(key)
        return out

    @property
    def holding(self) -> bool:
        """Keys are held: a burst may still be forming."""
        return bool(self._keys)

    def flush(self, now: float, force: bool = False) -> list[WedgeEvent]:
        """Hand back held keys once no scan can follow them any more (or at once, forced:
        a key no scanner types came, or the focus moves on)."""
        if not self._keys:
            return []
        if force or (self._last is not None and now - self._last > self.config.max_gap):
            return [self._release()]
        return []

    def _release(self) -> Typed:
        typed = Typed(tuple(self._keys))
        self._keys = []
        return typed
