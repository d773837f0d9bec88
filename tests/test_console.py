"""Output to a Windows console's code page: a character it lacks prints as '?', not a traceback."""

from __future__ import annotations

import io
import sys

import pytest

from posapp.console import never_fail_on_encoding


def test_cp1252_output_replaces_what_it_cannot_encode(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252", newline="\n")
    monkeypatch.setattr(sys, "stdout", console)
    with pytest.raises(UnicodeEncodeError):
        print("ok interface: Venda → Sale", flush=True)
    never_fail_on_encoding()
    print("ok interface: Venda → Sale, ação", flush=True)
    assert raw.getvalue().endswith("ok interface: Venda ? Sale, ação\n".encode("cp1252"))


def test_utf8_output_is_left_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    console = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", console)
    never_fail_on_encoding()
    assert console.errors == "strict"
