"""when each customer last granted or withdrew the marketing consent

The chain's counters and endpoint take a customer's consent from an upsert only when its
decision is newer than the one they hold. A consent held here is dated by `consent_at`;
a refusal held here (a withdrawal cleared `consent_at`, so its moment is lost) by this
upgrade, so an upsert written before it, still saying yes, cannot grant it again.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 00:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_changed_at", sa.DateTime(), nullable=True))
    customer = sa.table(
        "customer",
        sa.column("marketing_consent", sa.Boolean()),
        sa.column("consent_at", sa.DateTime()),
        sa.column("consent_changed_at", sa.DateTime()),
    )
    op.execute(
        customer.update()
        .where(customer.c.marketing_consent.is_(True), customer.c.consent_at.is_not(None))
        .values(consent_changed_at=customer.c.consent_at)
    )
    op.execute(
        customer.update()
        .where(customer.c.consent_changed_at.is_(None))
        .values(consent_changed_at=datetime.now(UTC).replace(tzinfo=None))
    )


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("consent_changed_at")
