"""A planned notification in words: its text and buttons in the reader's language.

The step looks only at ``kind`` and ``payload``, so any producer of outbox rows
(the planner, admin announcements) is sent by the same dispatcher. A
``broadcast`` renders ``payload["text"]`` as it is (the admin wrote that HTML).
Notices the dispatcher merges (``bot.core.outbox.MERGED``: course openings) are
rendered together by :func:`render_merged`: one message listing them all.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import data
from bot.core.broadcast import READ_AREA
from bot.core.vocabulary import NotificationKind
from bot.notices import survey
from bot.texts import t
from bot.texts.domain import competency_name, gap_text
from bot.texts.formatting import format_date, format_datetime

# The change notices' button, ``ntf:ack:<notification id>``: handlers/reminders.py
# answers it.
ACK = "ntf"


def _when(value: object, lang: str, tz: ZoneInfo) -> str:
    return format_datetime(datetime.fromisoformat(str(value)), lang, tz)


def _params(payload: Mapping[str, Any], lang: str, tz: ZoneInfo) -> dict[str, object]:
    """Payload values escaped, times and dates formatted for people."""
    shown: dict[str, object] = {}
    for name, value in payload.items():
        if name in ("starts_at", "old_starts_at", "until", "closes_at"):
            shown[name] = _when(value, lang, tz)
        elif name in ("starts_on", "ends_on"):
            shown[name] = format_date(date.fromisoformat(str(value)), lang)
        elif isinstance(value, str):
            shown[name] = html.escape(value)
        else:
            shown[name] = value
    return shown


def _button(label_key: str, lang: str, *parts: str | int) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(t(label_key, lang), callback_data=data(*parts))]


def _reminder_heading(payload: Mapping[str, Any], lang: str) -> str:
    label = str(payload.get("offset", "0d"))  # "7d", "1d@0700"
    days = int(label.split("d", 1)[0] or 0)
    if days == 0:
        return t("notify.reminder.today", lang)
    if days == 1:
        return t("notify.reminder.tomorrow", lang)
    return t("notify.reminder.days", lang, days=days)


def render(
    *,
    notification_id: int,
    kind: str,
    payload: Mapping[str, Any],
    due_at: datetime,
    late: bool,
    lang: str,
    tz: ZoneInfo,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message for one notification (``late``: it says it comes late)."""
    if kind == NotificationKind.BROADCAST:
        return str(payload.get("text", "")), _broadcast_buttons(payload, lang)
    p = _params(payload, lang, tz)
    rows: list[list[InlineKeyboardButton]] = []
    if kind == NotificationKind.SESSION_REMINDER:
        text = t("notify.reminder", lang, heading=_reminder_heading(payload, lang), **p)
        rows.append(_button("notify.button.schedule", lang, "menu", "jadwal"))
    elif kind == NotificationKind.RSVP_NUDGE:
        text = t("notify.rsvp", lang, **p)
        rows.append(_button("notify.button.answer", lang, "menu", "jadwal"))
    elif kind == NotificationKind.SESSION_CHANGE:
        key = "notify.change.cancelled" if payload.get("cancelled") else "notify.change.moved"
        text = t(key, lang, **p)
        rows.append(_button("notify.button.ack", lang, ACK, "ack", notification_id))
    elif kind == NotificationKind.RESULT_RELEASED:
        text = t("notify.result", lang, **p)
        rows.append(_button("notify.button.results", lang, "menu", "hasil"))
    elif kind == NotificationKind.COURSE_OPEN:
        text = t("notify.course_open", lang, reason=_reason(payload, lang), **p)
        rows.append(_button("notify.button.course", lang, "gap", "c", int(payload["course_id"])))
    elif kind == NotificationKind.COURSE_TOMORROW:
        text = t("notify.course_tomorrow", lang, **p)
        rows.append(_button("notify.button.course", lang, "gap", "c", int(payload["course_id"])))
    elif kind == NotificationKind.WAITLIST_OFFER:
        text = t("notify.offer", lang, **p)
        rows.append(_button("notify.button.accept", lang, "gap", "c", int(payload["course_id"])))
    elif kind == NotificationKind.WAITLIST_EXPIRED:
        text = t("notify.offer_expired", lang, **p)
    elif kind == NotificationKind.MISSED_SESSION:
        text = t("notify.missed", lang, **p)
        pid = int(payload["participation_id"])
        rows.append(_button("notify.button.reschedule", lang, "sch", "redo", pid))
    elif kind == NotificationKind.JP_BEHIND:
        for name in ("earned", "target"):
            p[name] = Decimal(str(payload[name]))
        text = t("notify.jp_behind", lang, **p)
        rows.append(_button("notify.button.jp", lang, "menu", "jp"))
    elif kind in (NotificationKind.SURVEY, NotificationKind.COURSE_EVALUATION):
        text, keyboard = survey.notice(dict(payload), p, lang)
        rows.extend([list(row) for row in keyboard.inline_keyboard])
    else:
        raise ValueError(f"no words for notification kind {kind!r}")
    if late:
        text = t("notify.late", lang, due=format_datetime(due_at, lang, tz)) + "\n" + text
    return text, InlineKeyboardMarkup(rows) if rows else None


# A course's title on its button is cut after this many characters.
BUTTON_TITLE = 40


def render_merged(
    *,
    kind: str,
    payloads: Sequence[Mapping[str, Any]],
    due_at: datetime,
    late: bool,
    lang: str,
    tz: ZoneInfo,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One message for several notices of ``kind`` due for one person at once."""
    if kind != NotificationKind.COURSE_OPEN:
        raise ValueError(f"notifications of kind {kind!r} are not merged")
    items, rows = [], []
    for payload in payloads:
        p = _params(payload, lang, tz)
        items.append(t("notify.course_open.item", lang, reason=_reason(payload, lang), **p))
        title = str(payload.get("title", ""))
        label = title if len(title) <= BUTTON_TITLE else title[: BUTTON_TITLE - 1] + "…"
        rows.append(
            [InlineKeyboardButton(label, callback_data=data("gap", "c", int(payload["course_id"])))]
        )
    count = len(payloads)
    text = t("notify.course_open.many", lang, count=count, courses="\n".join(items))
    if late:
        text = t("notify.late", lang, due=format_datetime(due_at, lang, tz)) + "\n" + text
    return text, InlineKeyboardMarkup(rows)


def _broadcast_buttons(payload: Mapping[str, Any], lang: str) -> InlineKeyboardMarkup | None:
    """An announcement's "Sudah dibaca" button, when the admin asked for it."""
    if not payload.get("ack"):
        return None
    broadcast_id = int(payload.get("broadcast_id", 0))
    return InlineKeyboardMarkup([_button("notify.button.ack", lang, READ_AREA, broadcast_id)])


async def send_rendered(
    bot: Bot,
    chat_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None,
    payload: Mapping[str, Any],
    *,
    rate_limit_args: str | None = None,
) -> Message:
    """Send a rendered notice; an announcement's document or photo carries the text
    as its caption. The admin's preview goes through here too. ``rate_limit_args``:
    ``bot.flood.TAKEN`` when the caller took its turn (the dispatcher)."""
    file_id, attachment = payload.get("attachment_file_id"), payload.get("attachment_kind")
    common: dict[str, Any] = {"reply_markup": keyboard}
    if rate_limit_args is not None:
        common["rate_limit_args"] = rate_limit_args
    if file_id and attachment == "photo":
        return await bot.send_photo(chat_id, file_id, caption=text, **common)
    if file_id and attachment == "document":
        return await bot.send_document(chat_id, file_id, caption=text, **common)
    return await bot.send_message(chat_id, text, **common)


def _reason(payload: Mapping[str, Any], lang: str) -> str:
    """Why this course is for me: the recommendation's reason, in ``lang``."""
    key = payload.get("reason_key")
    if not isinstance(key, str):
        return ""
    params: dict[str, object] = {
        name.removeprefix("reason_"): value
        for name, value in payload.items()
        if name.startswith("reason_") and name != "reason_key"
    }
    code = params.get("competency")
    if isinstance(code, str):
        params["competency"] = html.escape(competency_name(code, lang))
    gap = params.get("gap")
    if isinstance(gap, int):  # (notices planned before the gap became a number hold "-1")
        params["gap"] = gap_text(gap, lang)
    return t(key, lang, **params)
