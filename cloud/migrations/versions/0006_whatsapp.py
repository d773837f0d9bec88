"""WhatsApp Business (Cloud API): the chain's number, token and templates; each message's wamid

- `delivery_settings`: the phone number id, the access token, the app secret (the key of
  Meta's webhook signature) and the webhook's verify token (the three sealed, see
  cloud/secrets.py), the Graph API's URL ('' for Meta's) and the templates by kind.
- `message`: the counter's facts (a template's parameters), the provider's message id
  (the wamid the status webhooks name, indexed), its latest status and the cost class.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SEALED = "AES-256-GCM token v1:<key id>:<base64>, see cloud/secrets.py"


def upgrade() -> None:
    add = op.add_column
    add(
        "delivery_settings",
        sa.Column("whatsapp_phone_number_id", sa.String(40), nullable=False, server_default=""),
    )
    for name in ("whatsapp_access_token", "whatsapp_app_secret", "whatsapp_verify_token"):
        add(
            "delivery_settings",
            sa.Column(name, sa.Text(), nullable=False, server_default="", comment=SEALED),
        )
    add(
        "delivery_settings",
        sa.Column("whatsapp_graph_url", sa.Text(), nullable=False, server_default=""),
    )
    add(
        "delivery_settings",
        sa.Column("whatsapp_templates", postgresql.JSONB(), nullable=False, server_default="{}"),
    )
    for name in (
        "whatsapp_phone_number_id", "whatsapp_access_token", "whatsapp_app_secret",
        "whatsapp_verify_token", "whatsapp_graph_url", "whatsapp_templates",
    ):  # fmt: skip
        op.alter_column("delivery_settings", name, server_default=None)
    add("message", sa.Column("facts", sa.Text(), nullable=True))
    add("message", sa.Column("provider_message_id", sa.String(200), nullable=True))
    add("message", sa.Column("provider_status", sa.String(12), nullable=True))
    add("message", sa.Column("cost_class", sa.String(20), nullable=True))
    op.create_index("ix_message_provider_message_id", "message", ["provider_message_id"])


def downgrade() -> None:
    op.drop_index("ix_message_provider_message_id", table_name="message")
    for name in ("cost_class", "provider_status", "provider_message_id", "facts"):
        op.drop_column("message", name)
    for name in (
        "whatsapp_templates", "whatsapp_graph_url", "whatsapp_verify_token",
        "whatsapp_app_secret", "whatsapp_access_token", "whatsapp_phone_number_id",
    ):  # fmt: skip
        op.drop_column("delivery_settings", name)
