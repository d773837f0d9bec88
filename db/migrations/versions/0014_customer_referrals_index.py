"""index on customer.referred_by_id: a customer's referrals without a table scan

Opening a profile lists the customers it referred; at 1 000 000 customers the
scan took 131-509 ms (issue 16, bench/profile).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 04:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_customer_referred_by_id", "customer", ["referred_by_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_customer_referred_by_id", table_name="customer")
