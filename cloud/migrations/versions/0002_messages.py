"""customer messages delivered by the endpoint, and the chains' delivery settings

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "message",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("event_uuid", sa.String(length=36), nullable=False),
        sa.Column("store_uuid", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("customer_uuid", sa.String(length=36), nullable=False),
        sa.Column("to_address", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("qr_payload", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("quiet_start", sa.String(length=8), nullable=False),
        sa.Column("quiet_end", sa.String(length=8), nullable=False),
        sa.Column("weekly_cap", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("reason_detail", sa.Text(), nullable=True),
        sa.Column("attempts", sa.BigInteger(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chain_id", "idempotency_key"),
    )
    op.create_index("ix_message_due", "message", ["status", "next_attempt_at"], unique=False)
    op.create_index(
        "ix_message_customer_sent",
        "message",
        ["chain_id", "customer_uuid", "sent_at"],
        unique=False,
    )
    op.create_table(
        "delivery_settings",
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("smtp_host", sa.Text(), nullable=False),
        sa.Column("smtp_port", sa.BigInteger(), nullable=False),
        sa.Column("smtp_tls", sa.String(length=16), nullable=False),
        sa.Column("smtp_username", sa.Text(), nullable=False),
        sa.Column("smtp_password", sa.Text(), nullable=False),
        sa.Column("smtp_sender", sa.Text(), nullable=False),
        sa.Column("webhook_url", sa.Text(), nullable=False),
        sa.Column("webhook_headers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("webhook_body_template", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"]),
        sa.PrimaryKeyConstraint("chain_id"),
    )


def downgrade() -> None:
    op.drop_table("delivery_settings")
    op.drop_index("ix_message_customer_sent", table_name="message")
    op.drop_index("ix_message_due", table_name="message")
    op.drop_table("message")
