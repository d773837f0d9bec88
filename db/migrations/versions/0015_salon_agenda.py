"""the salon's day: appointments, working hours, days off, commission rules, card fees, tips

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("group_uuid", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("client_name", sa.String(length=120), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("services_json", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("sale_uuid", sa.String(length=36), nullable=True),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_appointment_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["staff.id"], name=op.f("fk_appointment_professional_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
        sa.UniqueConstraint("uuid", name=op.f("uq_appointment_uuid")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_group_uuid"), ["group_uuid"])
        batch_op.create_index(batch_op.f("ix_appointment_customer_id"), ["customer_id"])
        batch_op.create_index(batch_op.f("ix_appointment_starts_at"), ["starts_at"])
    op.create_table(
        "work_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.Column("break_start_min", sa.Integer(), nullable=True),
        sa.Column("break_end_min", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_work_hours_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_hours")),
        sa.UniqueConstraint("staff_id", "weekday", name=op.f("uq_work_hours_staff_id")),
    )
    op.create_table(
        "time_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_time_off_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_off")),
        sa.UniqueConstraint("staff_id", "day", name=op.f("uq_time_off_staff_id")),
    )
    op.create_table(
        "commission_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("item_kind", sa.String(length=10), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("share_bps", sa.Integer(), nullable=False),
        sa.Column("base", sa.String(length=8), nullable=False),
        sa.Column("card_fees", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_commission_rule_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_commission_rule_item_id_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_rule")),
        sa.UniqueConstraint(
            "staff_id", "item_id", "item_kind", name=op.f("uq_commission_rule_staff_id")
        ),
    )
    op.create_table(
        "card_fee",
        sa.Column("tender", sa.String(length=10), nullable=False),
        sa.Column("fee_bps", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tender", name=op.f("pk_card_fee")),
    )
    op.create_table(
        "tip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("tender", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_tip_sale_id_sale")),
        sa.ForeignKeyConstraint(
            ["professional_id"], ["staff.id"], name=op.f("fk_tip_professional_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tip")),
        sa.UniqueConstraint("uuid", name=op.f("uq_tip_uuid")),
    )
    with op.batch_alter_table("tip", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tip_sale_id"), ["sale_id"])
        batch_op.create_index(batch_op.f("ix_tip_created_at"), ["created_at"])


def downgrade() -> None:
    op.drop_table("tip")
    op.drop_table("card_fee")
    op.drop_table("commission_rule")
    op.drop_table("time_off")
    op.drop_table("work_hours")
    op.drop_table("appointment")
