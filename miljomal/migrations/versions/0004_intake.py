"""intake: a reverted upload's file may be imported again

The SHA-256 of an upload was unique over all uploads, so after `uploads revert 17` the
same bytes were refused as "already imported (upload 17)" for ever.  It is now unique
among the uploads that stand (not reverted): a partial unique index, which still makes a
second concurrent import of the same file fail in the database.

Revision ID: 0004_intake
Revises: 0003_indicator_sets
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_intake"
down_revision = "0003_indicator_sets"
branch_labels = None
depends_on = None

_STANDING = sa.text("reverted_by IS NULL")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _sqlite_foreign_keys(sqlite, "OFF")
    with op.batch_alter_table("upload") as batch:
        batch.drop_constraint("uq_upload_sha256", type_="unique")
    op.create_index(
        "uq_upload_sha256_standing",
        "upload",
        ["sha256"],
        unique=True,
        sqlite_where=_STANDING,
        postgresql_where=_STANDING,
    )
    _sqlite_foreign_keys(sqlite, "ON")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.drop_index("uq_upload_sha256_standing", table_name="upload")
    _sqlite_foreign_keys(sqlite, "OFF")
    with op.batch_alter_table("upload") as batch:
        batch.create_unique_constraint("uq_upload_sha256", ["sha256"])
    _sqlite_foreign_keys(sqlite, "ON")


def _sqlite_foreign_keys(sqlite: bool, state: str) -> None:
    """Switch SQLite's foreign key checks, which the pragma does only outside a transaction.

    SQLite drops a table constraint only by copying the table and dropping the old one;
    other tables refer to upload, so their foreign keys must not be checked meanwhile.
    miljomal's engine runs SQLite connections without the driver's implicit transactions
    and begins each one itself (BEGIN IMMEDIATE); the migration's transaction is ended,
    the pragma set and a new one begun on the driver connection directly, so the
    connection keeps that mode (Alembic's autocommit block would hand it back in the
    driver's implicit-transaction mode).
    """
    if not sqlite:
        return
    raw = op.get_bind().connection.dbapi_connection
    if raw is None:
        return
    if raw.in_transaction:
        raw.execute("COMMIT")
    raw.execute(f"PRAGMA foreign_keys={state}")
    raw.execute("BEGIN IMMEDIATE")
