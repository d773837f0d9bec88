"""messages, campaigns and the satisfaction survey (issue 7)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 08:40:00

New tables only: the customer message outbox and the manager's templates, the
cashback campaigns, and the NPS answers. The messaging settings and the tier
ladder live in the existing `setting` table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=200), nullable=True),
        sa.Column("facts_json", sa.Text(), nullable=False),
        sa.Column("qr_payload", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("reason_detail", sa.String(length=300), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        _fk("message", "customer_id", "customer"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
        sa.UniqueConstraint("uuid", name=op.f("uq_message_uuid")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_message_idempotency_key")),
    )
    op.create_index(
        "ix_message_status_next_attempt_at", "message", ["status", "next_attempt_at"], unique=False
    )
    op.create_index(
        "ix_message_customer_id_sent_at", "message", ["customer_id", "sent_at"], unique=False
    )
    op.create_table(
        "message_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        _fk("message_template", "updated_by", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_template")),
        sa.UniqueConstraint("kind", "locale", name=op.f("uq_message_template_kind")),
    )
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("multiplier_bps", sa.Integer(), nullable=False),
        sa.Column("bonus_centavos", sa.Integer(), nullable=False),
        sa.Column("categories", sa.Text(), nullable=True),
        sa.Column("birthday_month", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("campaign", "created_by", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("uuid", name=op.f("uq_campaign_uuid")),
        sa.UniqueConstraint("key", name=op.f("uq_campaign_key")),
    )
    op.create_table(
        "nps_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        _fk("nps_response", "staff_id", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nps_response")),
        sa.UniqueConstraint("sale_uuid", name=op.f("uq_nps_response_sale_uuid")),
    )
    op.create_index("ix_nps_response_at", "nps_response", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_nps_response_at", table_name="nps_response")
    op.drop_table("nps_response")
    op.drop_table("campaign")
    op.drop_table("message_template")
    op.drop_index("ix_message_customer_id_sent_at", table_name="message")
    op.drop_index("ix_message_status_next_attempt_at", table_name="message")
    op.drop_table("message")
