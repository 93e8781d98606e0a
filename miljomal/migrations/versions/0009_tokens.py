"""API tokens expire and can be revoked; logged-out sessions are remembered

Revision ID: 0009_tokens
Revises: 0008_kolada
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0009_tokens"
down_revision = "0008_kolada"
branch_labels = None
depends_on = None

TOKEN_DAYS = 365


def upgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
    # Tokens made before tokens expired get the default year from their creation.
    bind = op.get_bind()
    token = sa.table(
        "api_token",
        sa.column("id", sa.Integer()),
        sa.column("created_at", sa.DateTime()),
        sa.column("expires_at", sa.DateTime()),
    )
    for token_id, created_at in bind.execute(sa.select(token.c.id, token.c.created_at)).all():
        bind.execute(
            token.update()
            .where(token.c.id == token_id)
            .values(expires_at=created_at + dt.timedelta(days=TOKEN_DAYS))
        )
    op.create_table(
        "ended_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_ended_session_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ended_session")),
        sa.UniqueConstraint("session_hash", name=op.f("uq_ended_session_session_hash")),
    )
    op.create_index(op.f("ix_ended_session_user_id"), "ended_session", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ended_session_user_id"), table_name="ended_session")
    op.drop_table("ended_session")
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("revoked_at")
        batch.drop_column("expires_at")
