"""Items get a content key: one item per set of ingested files in a collection

Several ingest workers (threads, processes, machines) may be handed the same files; the
unique (collection, content key) lets the database, not a race, decide which one makes the
item. Existing items get the key of their files; where two items of a collection already hold
the same files (made by hand), the older one gets it.

Revision ID: b1032625d48b
Revises: 3c5800a77167
Create Date: 2026-11-24 16:23:00.596265

"""
import hashlib

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1032625d48b'
down_revision = '3c5800a77167'
branch_labels = None
depends_on = None


def _fill_keys() -> None:
    """Set each item's key from its files' checksums in order (heritage.models.content_key)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT item.id, item.collection_id, media_file.sha256 FROM item "
        "JOIN media_file ON media_file.item_id = item.id "
        "ORDER BY item.id, media_file.position")).all()
    files: dict[int, tuple[int, list[str]]] = {}
    for item_id, collection_id, sha256 in rows:
        files.setdefault(item_id, (collection_id, []))[1].append(sha256)
    taken = set()
    for item_id, (collection_id, checksums) in sorted(files.items()):
        key = hashlib.sha256("\n".join(checksums).encode("ascii")).hexdigest()
        if (collection_id, key) in taken:
            continue
        taken.add((collection_id, key))
        bind.execute(sa.text("UPDATE item SET content_key = :key WHERE id = :id"),
                     {"key": key, "id": item_id})


def upgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_key', sa.String(length=64), nullable=True))
    _fill_keys()
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_item_content_key', ['collection_id', 'content_key'])


def downgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_constraint('uq_item_content_key', type_='unique')
        batch_op.drop_column('content_key')
