"""The frozen bundle's entry point: the `posapp` command (posapp.cli:main)."""

from __future__ import annotations

import sys

from posapp.cli import main
from posapp.console import never_fail_on_encoding

if __name__ == "__main__":
    never_fail_on_encoding()  # posapp.exe --self-test > log.txt in a cp1252 console
    sys.exit(main())
