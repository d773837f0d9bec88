"""The ledger anchored outside the file: a keyed MAC per entry, the chain head in each Z

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 04:20:00

`ledger_entry.mac` is HMAC-SHA256 over the same bytes as `hash`, keyed with this
terminal's secret kept outside the database (the OS user's config folder);
`mac_key` names the key (the first 16 hex digits of its SHA-256), so an entry
keyed on another computer is told apart from one tampered with. Entries written
before this revision, and entries pulled from other terminals, have neither.
`z_report.chain_seq` / `chain_head` are this terminal's ledger head (entry count and
last hash) when the Z was made: the anchor `posapp db verify` checks the file against.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("ledger_entry", sa.Column("mac", sa.String(length=64), nullable=True))
    op.add_column("ledger_entry", sa.Column("mac_key", sa.String(length=16), nullable=True))
    op.add_column("z_report", sa.Column("chain_seq", sa.Integer(), nullable=True))
    op.add_column("z_report", sa.Column("chain_head", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("z_report", schema=None) as batch_op:
        batch_op.drop_column("chain_head")
        batch_op.drop_column("chain_seq")
    with op.batch_alter_table("ledger_entry", schema=None) as batch_op:
        batch_op.drop_column("mac_key")
        batch_op.drop_column("mac")
