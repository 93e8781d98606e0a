"""county review: reporting windows and the county board's decisions (approve, return, reopen, lock)

Revision ID: 0007_county
Revises: 0006_web
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_county"
down_revision = "0006_web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_window",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Date(), nullable=False),
        sa.Column("closes", sa.Date(), nullable=False),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("opens <= closes", name=op.f("ck_reporting_window_order")),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_reporting_window")),
    )
    op.create_table(
        "county_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("municipality_code", sa.String(length=4), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "action IN ('approve', 'return', 'reopen', 'lock', 'unlock')",
            name=op.f("ck_county_event_action"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_county_event_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_event")),
    )
    op.create_index(
        "ix_county_event_year_municipality", "county_event", ["year", "municipality_code"]
    )
    # Years locked before this migration keep their lock on record in the audit log.
    op.execute(
        "INSERT INTO county_event (action, municipality_code, year, reason, actor, at) "
        "SELECT 'lock', NULL, year, NULL, locked_by, locked_at FROM year_lock WHERE active"
    )


def downgrade() -> None:
    op.drop_index("ix_county_event_year_municipality", table_name="county_event")
    op.drop_table("county_event")
    op.drop_table("reporting_window")
