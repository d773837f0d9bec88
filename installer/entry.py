"""The frozen bundle's entry point: the `posapp` command (posapp.cli:main)."""

from __future__ import annotations

import sys

from posapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
