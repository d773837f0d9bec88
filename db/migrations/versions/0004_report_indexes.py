"""indexes for the day's vouchers and enrolments in the X/Z report

Without them the report scanned every voucher and customer (bench/report).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 07:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

INDEXES = (
    ("ix_customer_created_at", "customer", "created_at"),
    ("ix_voucher_issued_at", "voucher", "issued_at"),
    ("ix_voucher_redeemed_at", "voucher", "redeemed_at"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], unique=False)


def downgrade() -> None:
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
