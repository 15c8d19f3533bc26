"""Index of item values by element and (the start of) value, for related items

Revision ID: 776c6880573f
Revises: 000aee2a38a0
Create Date: 2026-11-24 05:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '776c6880573f'
down_revision = '000aee2a38a0'
branch_labels = None
depends_on = None


def upgrade():
    # an expression index: PostgreSQL cannot index a whole long description, and the
    # related-items query compares this same expression (autogenerate cannot see it)
    op.create_index('ix_item_value_element_value', 'item_value',
                    ['element', sa.text('substr(value, 1, 200)')], unique=False)


def downgrade():
    op.drop_index('ix_item_value_element_value', table_name='item_value')
