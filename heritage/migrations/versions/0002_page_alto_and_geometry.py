"""page ALTO, text source, orientation and skew

Revision ID: cd18b452ab33
Revises: dc714707462b
Create Date: 2026-11-24 01:02:24.528275

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cd18b452ab33'
down_revision = 'dc714707462b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alto_key', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('text_source', sa.String(length=20), server_default='ocr', nullable=False))
        batch_op.add_column(sa.Column('turned', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('skew', sa.Double(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.drop_column('skew')
        batch_op.drop_column('turned')
        batch_op.drop_column('text_source')
        batch_op.drop_column('alto_key')

