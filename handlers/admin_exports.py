"""/ekspor: XLSX files for admins: attendance sheets per session, enrollments per
course, an announcement's delivery and read report, JP progress per OPD. Each
export is an audit event (who exported what)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, int_part, parts
from bot.context import BotContext
from bot.core.coverage import jp_per_opd
from bot.exports import local, workbook
from bot.texts import t
from bot.texts.formatting import format_short_date
from bot.texts.paging import shorten
from handlers.common import admin_button, admin_language, edit_if_possible
from models.queries import exports as q
from models.queries.audit import audit
from models.queries.stats import units

AREA = "exp"
SESSIONS, COURSES, BROADCASTS, JP = "s", "c", "b", "jp"
LIST_PATTERN = rf"^{AREA}:({SESSIONS}|{COURSES}|{BROADCASTS})$"
FILE_PATTERN = rf"^{AREA}:({SESSIONS}|{COURSES}|{BROADCASTS}):\d+$"
JP_PATTERN = rf"^{AREA}:{JP}$"
_LABEL = 60


async def exports(update: Update, context: BotContext) -> None:
    """/ekspor: what can be exported, one button each."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(f"admin.export.menu.{what}", lang), callback_data=data(AREA, what)
                )
            ]
            for what in (SESSIONS, COURSES, BROADCASTS, JP)
        ]
    )
    await update.effective_message.reply_html(
        t("admin.export.heading", lang), reply_markup=keyboard
    )


async def choose(update: Update, context: BotContext) -> None:
    """Peserta sesi / Peserta kursus / Pengumuman: list what to export, one button each."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    what = parts(query.data)[1]
    tz = context.settings.tz
    async with context.db() as session:
        if what == SESSIONS:
            items = [
                (s.id, f"{format_short_date(s.starts_at, lang, tz)} {s.code} {s.program.name}")
                for s in await q.export_sessions(session, now=context.clock.now())
            ]
        elif what == COURSES:
            items = [(c.id, c.title) for c in await q.export_courses(session)]
        else:
            items = [
                (b.id, f"{format_short_date(b.created_at, lang, tz)} {' '.join(b.text.split())}")
                for b in await q.export_broadcasts(session)
            ]
    if not items:
        await query.answer(t("admin.export.nothing", lang), show_alert=True)
        return
    await query.answer()
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(shorten(label, _LABEL), callback_data=data(AREA, what, item_id))]
            for item_id, label in items
        ]
    )
    await edit_if_possible(
        query.edit_message_text(t(f"admin.export.pick.{what}", lang), reply_markup=keyboard)
    )


async def send_file(update: Update, context: BotContext) -> None:
    """A chosen session, course or announcement: send its XLSX; audit the export."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None
    what, item_id = parts(query.data)[1], int_part(query.data, 2) or 0
    async with context.db.begin() as session:
        if what == SESSIONS:
            rows = await q.session_participants(session, session_id=item_id)
            headers = ["no", "nip", "name", "unit", "status", "signature"]
            body = [
                [n, r.nip, r.name, r.unit, _status(r.status, lang), ""]
                for n, r in enumerate(rows, start=1)
            ]
        elif what == COURSES:
            rows = await q.course_enrollments(session, course_id=item_id)
            headers = ["no", "nip", "name", "unit", "status", "registered", "completed"]
            body = _dated_body(rows, lang, context)
        else:
            rows = await q.broadcast_deliveries(session, broadcast_id=item_id)
            headers = ["no", "nip", "name", "unit", "status", "delivered", "read"]
            body = _dated_body(rows, lang, context)
        await audit(
            session,
            now=context.clock.now(),
            action=f"export.{_NAMES[what]}",
            actor_kind="admin",
            actor_telegram_id=update.effective_user.id,
            item_id=item_id,
            rows=len(body),
        )
    await query.answer()
    title = t(f"admin.export.title.{what}", lang, id=item_id)
    await _send(update, context, lang, f"{_NAMES[what]}-{item_id}.xlsx", title, headers, body)


async def send_jp(update: Update, context: BotContext) -> None:
    """JP per OPD: employees, average JP and the share meeting the target this year."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None
    year = context.clock.now().astimezone(context.settings.tz).year
    settings = context.settings
    async with context.db.begin() as session:
        per_unit = await q.jp_per_unit(
            session,
            year=year,
            target_pns=settings.jp_target_pns,
            target_pppk=settings.jp_target_pppk,
        )
        parents, names = await units(session)
        opds = jp_per_opd(
            parents,
            names,
            {u.unit_id: u.employees for u in per_unit},
            {u.unit_id: u.jp for u in per_unit},
            {u.unit_id: u.met for u in per_unit},
        )
        await audit(
            session,
            now=context.clock.now(),
            action="export.jp",
            actor_kind="admin",
            actor_telegram_id=update.effective_user.id,
            year=year,
            rows=len(opds),
        )
    await query.answer()
    headers = ["opd", "employees", "average_jp", "met", "met_percent"]
    body = [[o.name, o.employees, float(o.average_jp), o.met, float(o.met_percent)] for o in opds]
    title = t("admin.export.title.jp", lang, year=year)
    await _send(update, context, lang, f"jp-{year}.xlsx", title, headers, body)


# The export's file name, not the notification kind.
_NAMES = {
    SESSIONS: "session",
    COURSES: "course",
    BROADCASTS: "broadcast",  # vocabulary: not a status
}


async def _send(
    update: Update,
    context: BotContext,
    lang: str,
    name: str,
    title: str,
    headers: list[str],
    body: list[list[object]],
) -> None:
    """One sheet titled ``title``, its column names in the admin's language."""
    assert update.effective_chat is not None
    columns = [t(f"admin.export.col.{h}", lang) for h in headers]
    content = workbook(title, title, columns, body)
    await context.bot.send_document(update.effective_chat.id, document=content, filename=name)


def _dated_body(rows: Sequence[q.PersonRow], lang: str, context: BotContext) -> list[list[object]]:
    """A person with their status and its two moments (registered/completed, delivered/read)."""
    tz = context.settings.tz
    return [
        [n, r.nip, r.name, r.unit, _status(r.status, lang), local(r.first, tz), local(r.second, tz)]
        for n, r in enumerate(rows, start=1)
    ]


def _status(value: str, lang: str) -> str:
    return t(f"admin.export.status.{value}", lang)
