"""Withdrawn and deleted items (OAI-PMH tombstones), and the OAI keyset index

Revision ID: 962bc48a735c
Revises: cd18b452ab33
Create Date: 2026-11-24 01:41:39.590994

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '962bc48a735c'
down_revision = 'cd18b452ab33'
branch_labels = None
depends_on = None


OLD_STATUSES = "status IN ('draft', 'published')"
NEW_STATUSES = "status IN ('draft', 'published', 'withdrawn', 'deleted')"


def _rebuild() -> str:
    """SQLite alters a CHECK constraint only by rebuilding the table; PostgreSQL alters in place."""
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade():
    # SQLite cannot alter a CHECK constraint: the batch rebuilds the table with the new one
    with op.batch_alter_table('item', schema=None, recreate=_rebuild()) as batch_op:
        batch_op.drop_constraint('item_status', type_='check')
        batch_op.create_check_constraint('item_status', NEW_STATUSES)
        batch_op.create_index('ix_item_updated_at_id', ['updated_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('item', schema=None, recreate=_rebuild()) as batch_op:
        batch_op.drop_index('ix_item_updated_at_id')
        batch_op.drop_constraint('item_status', type_='check')
        batch_op.create_check_constraint('item_status', OLD_STATUSES)
