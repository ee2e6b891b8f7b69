"""What /jadwal shows: session cards, their buttons, offers, choice lists and past lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import data
from bot.context import BotContext
from bot.core.schedule import Slot, booking_open, past_label, upcoming_label
from bot.core.vocabulary import ParticipationStatus, SessionStatus
from bot.texts import t
from bot.texts.formatting import format_datetime, format_short_date, format_time
from bot.texts.paging import shorten
from bot.usecases.rsvp import answerable_now
from handlers.common import render
from models.assessment import AssessmentProgram, AssessmentSession, Participation

AREA = "sch"
FIELD_LIMIT = 500  # one long field must not push a card over Telegram's 4096


def session_card(participation: Participation, lang: str, context: BotContext) -> str:
    """One session: when, where, what to bring, and my status."""
    sitting = participation.session
    label = upcoming_label(participation_status=participation.status, session_status=sitting.status)
    lines = [render("schedule.card.title", {"program": sitting.program.name}, lang, context)]
    if sitting.status == SessionStatus.CANCELLED:
        lines.append(t("schedule.card.cancelled", lang))
    lines.append(_when_line(sitting, lang, context))
    optional = (
        ("schedule.card.report_by", _report_by(sitting, lang, context)),
        ("schedule.card.venue", venue_text(sitting)),
        ("schedule.card.online", sitting.online_url or ""),
        ("schedule.card.method", sitting.program.method),
        ("schedule.card.components", sitting.components),
        ("schedule.card.bring", sitting.what_to_bring),
        ("schedule.card.dress", sitting.dress_code),
        ("schedule.card.contact", sitting.contact),
    )
    for key, value in optional:
        if value:
            lines.append(render(key, {"value": shorten(value, FIELD_LIMIT)}, lang, context))
    lines.append(t("schedule.card.status", lang, status=t(f"schedule.status.{label}", lang)))
    if participation.status == ParticipationStatus.RESCHEDULE_REQUESTED and participation.reason:
        reason = shorten(participation.reason, FIELD_LIMIT)
        lines.append(render("schedule.card.reason", {"value": reason}, lang, context))
    return "\n".join(lines)


def card_buttons(
    participation: Participation, lang: str, context: BotContext
) -> InlineKeyboardMarkup | None:
    """Hadir / Tidak bisa hadir while answering is possible, the calendar, and booking."""
    sitting, pid = participation.session, participation.id
    rows: list[list[InlineKeyboardButton]] = []
    if can_answer_now(participation, context):
        answers = []
        if participation.status != ParticipationStatus.CONFIRMED:
            answers.append(_button("schedule.button.yes", lang, "yes", pid))
        if participation.status != ParticipationStatus.RESCHEDULE_REQUESTED:
            answers.append(_button("schedule.button.no", lang, "no", pid))
        rows.append(answers)
    if sitting.status != SessionStatus.CANCELLED:
        rows.append([_button("schedule.button.calendar", lang, "ics", pid)])
    program = sitting.program
    if can_answer_now(participation, context) and booking_open(
        self_booking=program.self_booking,
        deadline=program.booking_deadline,
        now=context.clock.now(),
    ):
        rows.append(
            [
                _button("schedule.button.move", lang, "move", pid),
                _button("schedule.button.cancel", lang, "cancel", pid),
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def offer_message(
    program: AssessmentProgram, free: int, lang: str, context: BotContext
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Ask me to choose a session of a self-booking program (or say all are full)."""
    params: dict[str, object] = {"program": program.name}
    if free == 0:
        return render("schedule.offer_full", params, lang, context), None
    text = render("schedule.offer", params, lang, context)
    if program.booking_deadline is not None:
        text += "\n" + render(
            "schedule.offer_deadline", {"deadline": program.booking_deadline}, lang, context
        )
    markup = InlineKeyboardMarkup([[_button("schedule.button.pick", lang, "pick", program.id)]])
    return text, markup


def choices_message(
    program: AssessmentProgram,
    slots: Sequence[Slot],
    sessions: Mapping[int, AssessmentSession],
    exclude: Participation | None,
    lang: str,
    context: BotContext,
) -> tuple[str, InlineKeyboardMarkup]:
    """The sessions I may book (or move my seat ``exclude`` to), one button each."""
    tz = context.settings.tz
    lines = [render("schedule.pick.title", {"program": program.name}, lang, context)]
    rows = []
    for slot in slots:
        sitting = sessions[slot.id]
        when = format_datetime(sitting.starts_at, lang, tz)
        params = {"when": when, "venue": shorten(venue_text(sitting), 140), "free": slot.free_seats}
        lines.append(render("schedule.pick.line", params, lang, context))
        label = t(
            "schedule.pick.button",
            lang,
            date=format_short_date(sitting.starts_at, lang, tz),
            time=format_time(sitting.starts_at, lang, tz),
            free=slot.free_seats,
        )
        action = ("mv", exclude.id, slot.id) if exclude else ("book", slot.id)
        rows.append([InlineKeyboardButton(label, callback_data=data(AREA, *action))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def past_line(participation: Participation, released: bool, lang: str, context: BotContext) -> str:
    sitting = participation.session
    label = past_label(
        participation_status=participation.status,
        session_status=sitting.status,
        result_released=released,
    )
    params: dict[str, object] = {
        "date": format_short_date(sitting.starts_at, lang, context.settings.tz),
        "program": sitting.program.name,
        "status": t(f"schedule.status.{label}", lang),
    }
    return render("schedule.past.line", params, lang, context)


def ics_description(participation: Participation, lang: str, context: BotContext) -> str:
    """Plain text for the calendar: report-by time, what to bring, dress code, contact."""
    sitting = participation.session
    parts = (
        ("schedule.card.report_by", _report_by(sitting, lang, context)),
        ("schedule.card.components", sitting.components),
        ("schedule.card.bring", sitting.what_to_bring),
        ("schedule.card.dress", sitting.dress_code),
        ("schedule.card.contact", sitting.contact),
        ("schedule.card.online", sitting.online_url or ""),
    )
    return "\n".join(t(key, lang, value=value) for key, value in parts if value)


# A program named like this already says what the event is (the calendar's title is
# then the name alone, not "Penilaian kompetensi: Penilaian Kompetensi ASN 2026").
_SAYS_WHAT_IT_IS = ("penilaian kompetensi", "uji kompetensi", "competency assessment")


def ics_summary(program: str, lang: str) -> str:
    """The calendar event's title: the program's name, with "Penilaian kompetensi:"
    before it only when the name does not say so itself."""
    if any(words in program.casefold() for words in _SAYS_WHAT_IT_IS):
        return program
    return t("schedule.ics.summary", lang, program=program)


def can_answer_now(participation: Participation, context: BotContext) -> bool:
    """Whether Hadir / Tidak bisa hadir may still be pressed for this participation."""
    return answerable_now(participation, context.clock.now())


def start_text(sitting: AssessmentSession, lang: str, context: BotContext) -> str:
    return format_datetime(sitting.starts_at, lang, context.settings.tz)


def venue_text(sitting: AssessmentSession) -> str:
    return ", ".join(part for part in (sitting.venue_name, sitting.address) if part)


def _button(key: str, lang: str, action: str, item_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(t(key, lang), callback_data=data(AREA, action, item_id))


def _when_line(sitting: AssessmentSession, lang: str, context: BotContext) -> str:
    tz = context.settings.tz
    return t(
        "schedule.card.when",
        lang,
        start=format_datetime(sitting.starts_at, lang, tz),
        end=format_time(sitting.ends_at, lang, tz),
    )


def _report_by(sitting: AssessmentSession, lang: str, context: BotContext) -> str:
    if sitting.report_by is None:
        return ""
    tz = context.settings.tz
    same_day = sitting.report_by.astimezone(tz).date() == sitting.starts_at.astimezone(tz).date()
    if same_day:
        return format_time(sitting.report_by, lang, tz)
    return format_datetime(sitting.report_by, lang, tz)
