"""survey answers and invitations

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 04:24:11

The satisfaction survey (SKM) after a session: responses and their answers carry no
person; an invitation links a person to their response only while the period is
open, so that nobody answers twice (deleted when the period closes).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "survey",
            sa.Enum("skm", name="surveykind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("completed_at", models.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
    )
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_responses_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_responses_survey"), ["survey"], unique=False)

    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_responses.id"],
            name=op.f("fk_survey_answers_response_id_survey_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
        sa.UniqueConstraint(
            "response_id", "question", name=op.f("uq_survey_answers_response_id_question")
        ),
    )
    op.create_table(
        "survey_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "survey",
            sa.Enum("skm", name="surveykind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "answering",
                "comment",
                "done",
                "stopped",
                name="surveystatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("next_question", sa.Integer(), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_survey_invitations_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_responses.id"],
            name=op.f("fk_survey_invitations_response_id_survey_responses"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitations")),
        sa.UniqueConstraint(
            "survey",
            "subject_id",
            "employee_id",
            name=op.f("uq_survey_invitations_survey_subject_id_employee_id"),
        ),
    )
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_invitations_employee_id"), ["employee_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_invitations_period"), ["period"], unique=False)


def downgrade() -> None:
    # Each table's indexes go with it (MariaDB refuses to drop an index a foreign key
    # needs on its own).
    op.drop_table("survey_invitations")
    op.drop_table("survey_answers")
    op.drop_table("survey_responses")
