"""Exhibitions and the place gazetteer

Revision ID: 000aee2a38a0
Revises: 962bc48a735c
Create Date: 2026-11-24 05:07:53.086996

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '000aee2a38a0'
down_revision = '962bc48a735c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('place',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('variants', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('country', 'novads', 'pilseta', 'pagasts', 'ciems', 'other')", name='place_kind'),
    sa.ForeignKeyConstraint(['parent_id'], ['place.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'parent_id', name='uq_place_name_parent')
    )
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_name'), ['name'], unique=False)

    op.create_table('exhibition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('credits', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('featured', sa.Boolean(), nullable=False),
    sa.Column('cover_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'published')", name='exhibition_status'),
    sa.ForeignKeyConstraint(['cover_item_id'], ['item.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('exhibition_collection',
    sa.Column('exhibition_id', sa.Integer(), nullable=False),
    sa.Column('collection_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collection_id'], ['collection.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['exhibition_id'], ['exhibition.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('exhibition_id', 'collection_id')
    )
    op.create_table('exhibition_page',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exhibition_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['exhibition_id'], ['exhibition.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('exhibition_id', 'slug', name='uq_exhibition_page_slug')
    )
    with op.batch_alter_table('exhibition_page', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exhibition_page_exhibition_id'), ['exhibition_id'], unique=False)

    op.create_table('exhibition_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('text', 'item', 'gallery', 'map', 'timeline')", name='exhibition_block_kind'),
    sa.ForeignKeyConstraint(['page_id'], ['exhibition_page.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('exhibition_block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exhibition_block_page_id'), ['page_id'], unique=False)

    op.create_table('exhibition_block_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['exhibition_block.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('exhibition_block_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exhibition_block_item_block_id'), ['block_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exhibition_block_item_item_id'), ['item_id'], unique=False)



def downgrade():
    with op.batch_alter_table('exhibition_block_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exhibition_block_item_item_id'))
        batch_op.drop_index(batch_op.f('ix_exhibition_block_item_block_id'))

    op.drop_table('exhibition_block_item')
    with op.batch_alter_table('exhibition_block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exhibition_block_page_id'))

    op.drop_table('exhibition_block')
    with op.batch_alter_table('exhibition_page', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exhibition_page_exhibition_id'))

    op.drop_table('exhibition_page')
    op.drop_table('exhibition_collection')
    op.drop_table('exhibition')
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_place_name'))

    op.drop_table('place')
