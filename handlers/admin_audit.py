"""/audit: the recent audit events, newest first, a page at a time, each as a sentence
an admin reads: when (local date and time with the zone), who, what, about whom, and
the counts recorded with it ("40 baris"). Never an event code, an id, a NIP or a
phone number: an action the catalogue does not name reads "kegiatan lain"."""

from __future__ import annotations

import html
from collections.abc import Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.texts import t
from bot.texts.formatting import format_short_date, format_time
from handlers.common import admin_button, admin_language, edit_if_possible
from models.audit import AuditEvent
from models.queries.admin import audit_page, employee_names

AREA = "aud"
PAGE = 15
# Every action written to the audit log; each is a sentence admin.audit.action.<action>.
ACTIONS = (
    "admin.granted",
    "admin.lookup",
    "admin.unlink",
    "broadcast.created",
    "broadcast.sent",
    "broadcast.paused",
    "broadcast.resumed",
    "broadcast.cancelled",
    "checkin.code",
    "codes.issued",
    "consent.granted",
    "consent.withdrawn",
    "export.session",
    "export.course",
    "export.broadcast",
    "export.jp",
    "import.employees",
    "import.sessions",
    "import.participants",
    "import.results",
    "import.courses",
    "import.holidays",
    "link.created",
    "link.failed",
    "link.refused_taken",
    "link.removed",
    "reschedule.approved",
    "reschedule.rejected",
    "result.viewed",
    "results.released",
)
ACTORS = ("admin", "user", "cli", "system")
# The counts worth reading, in this order; each is admin.audit.count.<name>.
COUNTS = ("rows", "created", "updated", "warnings", "recipients", "delivered", "blocked")


async def audit_log(update: Update, context: BotContext) -> None:
    """/audit: the newest audit events."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None
    text, keyboard = await _page(context, lang, offset=0)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


async def older(update: Update, context: BotContext) -> None:
    """Lebih lama: the next page, in place."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    text, keyboard = await _page(context, lang, offset=int_part(query.data, 2) or 0)
    await edit_if_possible(query.edit_message_text(text, reply_markup=keyboard))


async def _page(
    context: BotContext, lang: str, *, offset: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    async with context.db() as session:
        events, total = await audit_page(session, offset=offset, limit=PAGE)
        names = await employee_names(
            session, ids={e.employee_id for e in events if e.employee_id is not None}
        )
    if not events:
        return t("admin.audit.none", lang), None
    lines = [
        t("admin.audit.heading", lang, first=offset + 1, last=offset + len(events), total=total)
    ]
    lines += [_line(event, names, lang, context) for event in events]
    buttons = []
    if offset > 0:
        buttons.append(
            InlineKeyboardButton(
                t("admin.audit.newer", lang), callback_data=data(AREA, "p", max(offset - PAGE, 0))
            )
        )
    if offset + len(events) < total:
        buttons.append(
            InlineKeyboardButton(
                t("admin.audit.older", lang), callback_data=data(AREA, "p", offset + PAGE)
            )
        )
    return "\n".join(lines), InlineKeyboardMarkup([buttons]) if buttons else None


def _line(event: AuditEvent, names: Mapping[int, str], lang: str, context: BotContext) -> str:
    """'1 Des 2026 02.49 WIB, Admin: Tautan akun Budi dilepas (40 baris).'"""
    tz = context.settings.tz
    when = f"{format_short_date(event.at, lang, tz)} {format_time(event.at, lang, tz)}"
    actor = t(f"admin.audit.actor.{event.actor_kind}" if event.actor_kind in ACTORS else
              "admin.audit.actor.other", lang)  # fmt: skip
    name = names.get(event.employee_id) if event.employee_id is not None else None
    employee = html.escape(name) if name else t("admin.audit.someone", lang)
    key = event.action if event.action in ACTIONS else "other"
    what = t(f"admin.audit.action.{key}", lang, employee=employee)
    detail = event.detail or {}
    counts = [
        t(f"admin.audit.count.{name}", lang, count=detail[name])
        for name in COUNTS
        if isinstance(detail.get(name), int) and not isinstance(detail.get(name), bool)
    ]
    line = t("admin.audit.line", lang, when=when, actor=actor, what=what)
    return f"{line} ({', '.join(counts)})" if counts else line
