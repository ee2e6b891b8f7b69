"""The database: tables (one module per area) and the session factory.

Import models from here: ``from models import Employee``.
"""

from bot.core.vocabulary import (
    BroadcastStatus,
    CompetencyKind,
    CourseMode,
    CourseStatus,
    DeliveryStatus,
    EmployeeStatus,
    EnrollmentStatus,
    LinkStatus,
    NotificationStatus,
    ParticipationStatus,
    PositionType,
    SessionStatus,
    VerificationMethod,
)
from models.assessment import (
    AssessmentProgram,
    AssessmentSession,
    Competency,
    CompetencyStandard,
    Participation,
    Result,
    ResultScore,
)
from models.audit import AuditEvent
from models.base import Base
from models.chat import (
    ActivationCode,
    Admin,
    ChatLink,
    Consent,
    ConversationStep,
    LinkAttempt,
)
from models.checkin import CheckinCode
from models.gapura import Course, CourseCompetency, Enrollment, JpEntry
from models.org import Employee, Position, Unit
from models.outbox import (
    Broadcast,
    BroadcastDelivery,
    Holiday,
    Notification,
    ScheduledDeletion,
)
from models.pace import SendPace
from models.survey import SurveyAnswer, SurveyInvitation, SurveyResponse

__all__ = [
    "ActivationCode",
    "Admin",
    "AssessmentProgram",
    "AssessmentSession",
    "AuditEvent",
    "Base",
    "Broadcast",
    "BroadcastDelivery",
    "BroadcastStatus",
    "ChatLink",
    "CheckinCode",
    "Competency",
    "CompetencyKind",
    "CompetencyStandard",
    "Consent",
    "ConversationStep",
    "Course",
    "CourseCompetency",
    "CourseMode",
    "CourseStatus",
    "DeliveryStatus",
    "Employee",
    "EmployeeStatus",
    "Enrollment",
    "EnrollmentStatus",
    "Holiday",
    "JpEntry",
    "LinkAttempt",
    "LinkStatus",
    "Notification",
    "ScheduledDeletion",
    "SendPace",
    "NotificationStatus",
    "Participation",
    "ParticipationStatus",
    "Position",
    "PositionType",
    "Result",
    "ResultScore",
    "SessionStatus",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyResponse",
    "Unit",
    "VerificationMethod",
]
