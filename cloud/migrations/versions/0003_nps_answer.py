"""customers' answers to the receipt's survey, hosted by the endpoint (`/s`)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nps_answer",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("store_uuid", sa.String(length=36), nullable=True),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("score", sa.BigInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chain_id", "sale_uuid"),
    )


def downgrade() -> None:
    op.drop_table("nps_answer")
