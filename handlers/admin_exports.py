"""/ekspor: XLSX files for admins: attendance sheets per session, enrollments per
course, an announcement's delivery and read report, JP progress per OPD. Each
export is an audit event (who exported what)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, int_part, parts
from bot.context import BotContext
from bot.core.coverage import jp_per_opd
from bot.exports import local, workbook
from bot.texts import sessions, t
from bot.texts.formatting import format_short_date
from bot.texts.paging import excerpt, shorten
from bot.texts.sessions import file_words
from handlers.common import admin_button, admin_language, edit_if_possible
from models.queries import exports as q
from models.queries.audit import audit
from models.queries.schedule import session_by_id
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
                (s.id, sessions.label(s, lang, tz))
                for s in await q.export_sessions(session, now=context.clock.now())
            ]
        elif what == COURSES:
            items = [(c.id, c.title) for c in await q.export_courses(session)]
        else:
            items = [
                (b.id, f"{format_short_date(b.created_at, lang, tz)} {excerpt(b.text)}")
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
    if what == SESSIONS:
        await _send_attendance(update, context, lang, item_id)
        return
    async with context.db.begin() as session:
        if what == COURSES:
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
        named = await _named(session, what, item_id, lang, context)
    await query.answer()
    title, file_name = named
    await _send(update, context, lang, file_name, (shorten(title, 31), title), headers, body)


async def _named(
    session: AsyncSession, what: str, item_id: int, lang: str, context: BotContext
) -> tuple[str, str]:
    """A course's or an announcement's export: its title (the course's title; the
    announcement's date and first words) and its file name, without ids."""
    if what == COURSES:
        name = await q.course_title(session, course_id=item_id) or ""
    else:
        broadcast = await q.broadcast_by_id(session, broadcast_id=item_id)
        name = ""
        if broadcast is not None:
            when = format_short_date(broadcast.created_at, lang, context.settings.tz)
            name = f"{when}: {excerpt(broadcast.text)}"
    title = t(f"admin.export.title.{what}", lang, name=name)
    words = file_words(t(f"admin.export.file.{what}", lang) + " " + name, 40)
    return title, "-".join(words) + ".xlsx"


async def _send_attendance(update: Update, context: BotContext, lang: str, session_id: int) -> None:
    """A session's attendance sheet, named and titled by its date and place, sent with a
    caption naming the session; audited."""
    assert update.callback_query is not None and update.effective_user is not None
    tz = context.settings.tz
    async with context.db.begin() as session:
        seat = await session_by_id(session, session_id=session_id)
        if seat is None:
            await update.callback_query.answer(t("admin.export.nothing", lang), show_alert=True)
            return
        rows = await q.session_participants(session, session_id=session_id)
        await audit(
            session,
            now=context.clock.now(),
            action=f"export.{_NAMES[SESSIONS]}",
            actor_kind="admin",
            actor_telegram_id=update.effective_user.id,
            item_id=session_id,
            rows=len(rows),
        )
    await update.callback_query.answer()
    headers = ["no", "nip", "name", "unit", "status", "checked_in", "signature"]
    body: list[list[object]] = [
        [n, r.nip, r.name, r.unit, _status(r.status, lang), local(r.second, tz), ""]
        for n, r in enumerate(rows, 1)
    ]
    named = sessions.title(seat, lang, tz)
    title = t("admin.export.title.s", lang, session=named, program=seat.program.name)
    name = f"{t('admin.export.file.s', lang)}-{sessions.slug(seat, tz)}.xlsx"
    caption = t(
        "admin.export.caption.s",
        lang,
        session=html.escape(named),
        program=html.escape(seat.program.name),
        count=len(rows),
    )
    sheet = sessions.sheet(seat, lang, tz)
    await _send(update, context, lang, name, (sheet, title), headers, body, caption=caption)


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
    await _send(update, context, lang, f"jp-{year}.xlsx", (title, title), headers, body)


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
    sheet_and_title: tuple[str, str],
    headers: list[str],
    body: list[list[object]],
    caption: str | None = None,
) -> None:
    """One sheet (its tab's name, the title in its first row), its column names in the
    admin's language; ``caption`` (HTML) under the file."""
    assert update.effective_chat is not None
    columns = [t(f"admin.export.col.{h}", lang) for h in headers]
    content = workbook(*sheet_and_title, columns, body)
    await context.bot.send_document(
        update.effective_chat.id,
        document=content,
        filename=name,
        caption=caption,
    )


def _dated_body(rows: Sequence[q.PersonRow], lang: str, context: BotContext) -> list[list[object]]:
    """A person with their status and its two moments (registered/completed, delivered/read)."""
    tz = context.settings.tz
    return [
        [n, r.nip, r.name, r.unit, _status(r.status, lang), local(r.first, tz), local(r.second, tz)]
        for n, r in enumerate(rows, start=1)
    ]


def _status(value: str, lang: str) -> str:
    return t(f"admin.export.status.{value}", lang)
