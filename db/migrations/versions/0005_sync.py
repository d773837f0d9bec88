"""sync: the chain's store keys, what the endpoint already has, conflicts for managers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 08:20:00

New tables only: nothing that exists is rebuilt or altered.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "store_key",
        sa.Column("store_uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("store_uuid", name=op.f("pk_store_key")),
    )
    op.create_table(
        "sync_known",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_sync_known")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("customer_uuid", sa.String(length=36), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("entry_uuid", sa.String(length=36), nullable=True),
        sa.Column("sale_uuid", sa.String(length=36), nullable=True),
        sa.Column("terminal_uuid", sa.String(length=36), nullable=True),
        sa.Column("store_uuid", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
        sa.UniqueConstraint("server_id", name=op.f("uq_sync_conflict_server_id")),
    )
    op.create_index("ix_sync_conflict_status", "sync_conflict", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_sync_conflict_status", table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_table("sync_known")
    op.drop_table("store_key")
