"""vouchers remember the store that issued them

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 09:00:00

Sync brings other stores' vouchers into this file (so a customer spends at one
store a voucher issued at another). `voucher.store_uuid` names the issuing store
for those; it stays NULL for the vouchers this store issues, so the X/Z report's
issued and open vouchers are this store's own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("voucher", schema=None) as batch_op:
        batch_op.add_column(sa.Column("store_uuid", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("voucher", schema=None) as batch_op:
        batch_op.drop_column("store_uuid")
