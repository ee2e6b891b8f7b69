"""The fixed vocabularies of the domain (statuses, kinds), stored by value: the one
definition the core, the models, the handlers and the jobs all use."""

from __future__ import annotations

from enum import StrEnum


class PositionType(StrEnum):
    JPT = "JPT"
    ADMINISTRATOR = "Administrator"
    PENGAWAS = "Pengawas"
    PELAKSANA = "Pelaksana"
    FUNGSIONAL = "Fungsional"


class EmployeeStatus(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class LinkStatus(StrEnum):
    PENDING = "pending"  # consented, not yet verified
    ACTIVE = "active"
    BLOCKED = "blocked"  # the user blocked the bot: send nothing until they return


class VerificationMethod(StrEnum):
    CONTACT = "contact"
    CODE = "code"
    EMAIL = "email"


class CompetencyKind(StrEnum):
    MANAGERIAL = "manajerial"
    SOCIOCULTURAL = "sosial_kultural"
    TECHNICAL = "teknis"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    DONE = "done"


class ParticipationStatus(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    RESCHEDULE_REQUESTED = "reschedule_requested"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    EXCUSED = "excused"


class CourseMode(StrEnum):
    LURING = "luring"  # in person
    DARING = "daring"  # online
    BLENDED = "blended"


class CourseStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    DONE = "done"
    CANCELLED = "cancelled"


class EnrollmentStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed seat, held for a limited time
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class NotificationStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class BroadcastStatus(StrEnum):
    DRAFT = "draft"
    SENDING = "sending"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    DONE = "done"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    BLOCKED = "blocked"
    FAILED = "failed"


class ResultStage(StrEnum):
    """Where an assessment stands before its result is released (``bot.core.results``)."""

    SCHEDULED = "scheduled"
    ATTENDED = "attended"
    SCORING = "scoring"


class NotificationKind(StrEnum):
    """What an outbox notice is about (``Notification.kind``); the render step words each."""

    SESSION_REMINDER = "session_reminder"
    RSVP_NUDGE = "rsvp_nudge"
    SESSION_CHANGE = "session_change"
    RESULT_RELEASED = "result_released"
    COURSE_OPEN = "course_open"
    COURSE_TOMORROW = "course_tomorrow"
    WAITLIST_OFFER = "waitlist_offer"
    WAITLIST_EXPIRED = "waitlist_expired"
    JP_BEHIND = "jp_behind"
    BROADCAST = "broadcast"
    SURVEY = "satisfaction_survey"  # the survey after a session (``bot.core.survey``)
    MISSED_SESSION = "missed_session"  # invited, did not check in: ask to reschedule
    COURSE_EVALUATION = "course_evaluation_survey"  # after a Gapura course ends


class SendFailure(StrEnum):
    """How the dispatcher classifies a failed send (``bot.core.outbox.after_failure``)."""

    FORBIDDEN = "forbidden"  # the user blocked the bot
    RETRY_AFTER = "retry_after"  # flood control
    TRANSIENT = "transient"  # network errors and 5xx
    REFUSED = "refused"  # any other 4xx


class SurveyKind(StrEnum):
    """Which questionnaire a survey is (``bot.core.survey.SURVEYS``)."""

    SKM = "skm"  # Survei Kepuasan Masyarakat, PermenPANRB 14/2017
    COURSE = "course_evaluation"  # a Gapura course's evaluation by its participants


class SurveyStatus(StrEnum):
    """Where one person stands in one survey (``models.survey.SurveyInvitation``)."""

    ANSWERING = "answering"  # the questions, one at a time
    COMMENT = "comment"  # every question answered; the optional comment is asked
    DONE = "done"
    STOPPED = "stopped"  # "Berhenti": the answers so far are deleted


class CheckinAnswer(StrEnum):
    """What a scan of a session's check-in code (``/start <payload>``) came to."""

    CHECKED_IN = "checked_in"
    ALREADY = "already_checked_in"  # checked in before: says when
    UNKNOWN = "unknown"  # no such code (mistyped, made up)
    NOT_PARTICIPANT = "not_participant"  # not invited to that session
    TOO_EARLY = "too_early"  # says when check-in opens
    CLOSED = "closed"  # the window or the code's time is over
    CANCELLED = "cancelled"  # the session was cancelled


class CheckinTiming(StrEnum):
    """Where a moment stands against a session's check-in window (``bot.core.checkin``)."""

    EARLY = "early"
    OPEN = "open"
    LATE = "late"
