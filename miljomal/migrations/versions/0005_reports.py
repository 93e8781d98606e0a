"""reports: the year a municipality left SEkom, for each year's SEkom average over its members

Revision ID: 0005_reports
Revises: 0004_intake
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_reports"
down_revision = "0004_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("municipality") as batch:
        batch.add_column(sa.Column("sekom_left", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("municipality") as batch:
        batch.drop_column("sekom_left")
