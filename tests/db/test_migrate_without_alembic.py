"""A database already at head opens without loading Alembic; the head read from the files is
the one Alembic computes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from db.migrate import alembic_head, upgrade
from db.revisions import head_from_files


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    assert head_from_files() == alembic_head()


def test_a_current_database_is_opened_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite"
    first = upgrade(path)
    assert first.before is None and first.after == alembic_head()
    code = (
        "import sys; from pathlib import Path; from db.migrate import upgrade; "
        f"r = upgrade(Path({str(path)!r})); "
        "print(r.before, r.after, r.backup, 'alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    head = alembic_head()
    assert done.stdout.split() == [head, head, "None", "False"]
