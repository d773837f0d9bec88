"""the customer's page: one-time access codes and requests to be forgotten

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_code",
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("customer_uuid", sa.String(length=36), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.BigInteger(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"]),
        sa.PrimaryKeyConstraint("chain_id", "customer_uuid"),
    )
    op.create_table(
        "forget_request",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("customer_uuid", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_forget_request_chain_status", "forget_request", ["chain_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_forget_request_chain_status", table_name="forget_request")
    op.drop_table("forget_request")
    op.drop_table("access_code")
