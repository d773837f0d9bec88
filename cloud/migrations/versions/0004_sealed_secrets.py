"""the delivery secrets and the stores' signing keys are sealed (AES-256-GCM)

The columns stay; from now on the endpoint writes AES-256-GCM tokens into them
(cloud/secrets.py). Values written before are encrypted in place by `posapp-cloud
secrets seal`, which `serve` runs at start-up: a migration cannot, since the key is
kept outside the database. This one documents the columns and adds the partial index
by which seal and rotate find the `store.joined` events (their body holds the key).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEALED = "AES-256-GCM token v1:<key id>:<base64>, see cloud/secrets.py"


def upgrade() -> None:
    op.alter_column("delivery_settings", "smtp_password", existing_type=sa.Text(), comment=SEALED)
    op.alter_column(
        "delivery_settings",
        "webhook_headers",
        existing_type=postgresql.JSONB(),
        comment="names in clear, each value " + SEALED,
    )
    op.alter_column("store", "signing_key", existing_type=sa.Text(), comment=SEALED)
    op.create_index(
        "ix_event_store_joined",
        "event",
        ["id"],
        postgresql_where=sa.text("kind = 'store.joined'"),
    )


def downgrade() -> None:
    op.drop_index("ix_event_store_joined", table_name="event")
    op.alter_column("store", "signing_key", existing_type=sa.Text(), comment=None)
    op.alter_column(
        "delivery_settings",
        "webhook_headers",
        existing_type=postgresql.JSONB(),
        comment=None,
    )
    op.alter_column("delivery_settings", "smtp_password", existing_type=sa.Text(), comment=None)
