"""personal data: account_event, the audit log's record of a person's removal

Revision ID: 0013_personal_data
Revises: 0012_county_upload
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_personal_data"
down_revision = "0012_county_upload"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=254), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("action IN ('remove')", name=op.f("ck_account_event_action")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_event")),
    )


def downgrade() -> None:
    op.drop_table("account_event")
