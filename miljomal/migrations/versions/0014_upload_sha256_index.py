"""upload.sha256 indexed for every upload: the importer's look for a file seen before

The partial unique index of 0004 holds standing uploads only, so a look for any upload of a
hash (standing or reverted) scanned every row of upload, with its file, once per file
imported.

Revision ID: 0014_upload_sha256_index
Revises: 0013_personal_data
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0014_upload_sha256_index"
down_revision = "0013_personal_data"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_upload_sha256"), "upload", ["sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_upload_sha256"), table_name="upload")
