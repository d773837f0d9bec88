"""when each customer last granted or withdrew the marketing consent

A consent held here is dated by its `consent_at`; a refusal held here (a withdrawal, whose
`consent_at` was cleared) by the row's last change, so an upsert written before it, still
saying yes, cannot grant the consent again.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "customer", sa.Column("consent_changed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.execute(
        "UPDATE customer SET consent_changed_at = CASE "
        "WHEN (data->>'marketing_consent')::boolean IS TRUE AND data->>'consent_at' IS NOT NULL "
        "THEN (data->>'consent_at')::timestamptz ELSE updated_at END"
    )


def downgrade() -> None:
    op.drop_column("customer", "consent_changed_at")
