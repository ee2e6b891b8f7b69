"""failed link attempts hash the NIP with a key: the unkeyed rows are deleted

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 09:00:00

``link_attempts.nip_hash`` held a plain SHA-256 of the NIP, which anyone with
the table could reverse by hashing every plausible NIP. It now holds an
HMAC-SHA256 under the server's key (``ASNBOT_HASH_KEY`` or the key file in the
data folder); the column keeps its name and its 64 hex characters.

The old rows are deleted rather than converted: they cannot be converted (that
would need the NIPs they hide), and they only serve the failed-attempt limit,
which looks back 15 minutes; the failures stay in the audit log
(``link.failed``, without the NIP). Deleting them lifts any lock in force at
the upgrade. The downgrade deletes the keyed rows for the same reason.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

link_attempts = sa.table("link_attempts")


def upgrade() -> None:
    op.execute(sa.delete(link_attempts))


def downgrade() -> None:
    op.execute(sa.delete(link_attempts))
