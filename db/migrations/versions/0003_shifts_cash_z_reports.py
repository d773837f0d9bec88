"""shifts and cash: cash movements, blind counts, Z reports; refund cash back

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00

Columns are added with plain ALTER TABLE ADD COLUMN and indexes with CREATE INDEX
(never a batch copy of a table), so the append-only triggers of `ledger_entry`
stay as they are and no table that others reference is rebuilt.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "refund", sa.Column("cash_back", sa.Integer(), server_default="0", nullable=False)
    )
    op.create_index("ix_sale_shift_id", "sale", ["shift_id"], unique=False)
    op.create_index("ix_refund_shift_id", "refund", ["shift_id"], unique=False)
    op.create_index("ix_ledger_entry_created_at", "ledger_entry", ["created_at"], unique=False)
    op.create_table(
        "cash_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("authorized_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_cash_movement_shift_id_shift")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_cash_movement_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["authorized_by_id"],
            ["staff.id"],
            name=op.f("fk_cash_movement_authorized_by_id_staff"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_movement")),
        sa.UniqueConstraint("uuid", name=op.f("uq_cash_movement_uuid")),
    )
    op.create_index("ix_cash_movement_shift_id", "cash_movement", ["shift_id"], unique=False)
    op.create_table(
        "shift_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("denomination", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_shift_count_shift_id_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_count")),
        sa.UniqueConstraint("shift_id", "denomination", name=op.f("uq_shift_count_shift_id")),
    )
    op.create_table(
        "z_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("authorized_by_id", sa.Integer(), nullable=False),
        sa.Column("sales_count", sa.Integer(), nullable=False),
        sa.Column("gross", sa.Integer(), nullable=False),
        sa.Column("net", sa.Integer(), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminal.id"], name=op.f("fk_z_report_terminal_id_terminal")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_z_report_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["authorized_by_id"], ["staff.id"], name=op.f("fk_z_report_authorized_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_z_report")),
        sa.UniqueConstraint("terminal_id", "number", name=op.f("uq_z_report_terminal_id")),
        sa.UniqueConstraint("terminal_id", "day", name=op.f("uq_z_report_terminal_id_day")),
        sa.UniqueConstraint("uuid", name=op.f("uq_z_report_uuid")),
    )


def downgrade() -> None:
    op.drop_table("z_report")
    op.drop_table("shift_count")
    op.drop_index("ix_cash_movement_shift_id", table_name="cash_movement")
    op.drop_table("cash_movement")
    op.drop_index("ix_ledger_entry_created_at", table_name="ledger_entry")
    op.drop_index("ix_refund_shift_id", table_name="refund")
    op.drop_index("ix_sale_shift_id", table_name="sale")
    with op.batch_alter_table("refund", schema=None) as batch_op:
        batch_op.drop_column("cash_back")
