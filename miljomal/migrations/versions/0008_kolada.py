"""Kolada sync: indicator-to-KPI mappings and Kolada's values kept beside the observations

Revision ID: 0008_kolada
Revises: 0007_county
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_kolada"
down_revision = "0007_county"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kolada_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("kpi", sa.String(length=20), nullable=False),
        sa.Column("factor", sa.Float(), nullable=False),
        sa.Column("gender", sa.String(length=1), nullable=False),
        sa.Column("provenance", sa.String(length=500), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("verified_by", sa.String(length=100), nullable=True),
        sa.Column("verified_at", sa.DateTime(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_kolada_mapping_indicator_id_indicator"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kolada_mapping")),
        sa.UniqueConstraint("indicator_id", name=op.f("uq_kolada_mapping_indicator_id")),
    )
    op.create_table(
        "kolada_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.String(length=4), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("kpi", sa.String(length=20), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_kolada_value_indicator_id_indicator")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_kolada_value_municipality_code_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["upload_id"], ["upload.id"], name=op.f("fk_kolada_value_upload_id_upload")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kolada_value")),
        sa.UniqueConstraint(
            "municipality_code", "indicator_id", "year", name="uq_kolada_value_key"
        ),
    )
    with op.batch_alter_table("kolada_value", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kolada_value_indicator_id"), ["indicator_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("kolada_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kolada_value_indicator_id"))
    op.drop_table("kolada_value")
    op.drop_table("kolada_mapping")
