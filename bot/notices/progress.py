"""An announcement's live progress message and final report, in one place for the
admin's buttons (handlers/admin_broadcast.py) and the progress job (jobs/broadcasts.py).

The progress message of a running announcement is edited at most every few seconds
(:data:`bot.core.broadcast.EDIT_EVERY`); once nothing is left to send the announcement
is marked done and the final report (delivered, blocked, failed) goes to its admin.
Only the one process whose conditional update marks it done reports, so two bot
processes never report twice. Which message shows the progress, its words and the
time of its last change are on the announcement's row: every instance edits that one
message, after a conditional update that gives the turn to one of them.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.callbacks import data
from bot.context import BotContext
from bot.core import broadcast as rules
from bot.core.jpm import shown_percent
from bot.core.sending import DAY_OFF, QUIET, Calendar, Start
from bot.core.vocabulary import BroadcastStatus
from bot.texts import t
from bot.texts.formatting import format_datetime, format_short_date, format_time
from bot.texts.paging import shorten
from models.outbox import Broadcast
from models.queries import broadcasts as bq
from models.queries.audit import audit
from models.queries.links import chat_link

log = logging.getLogger(__name__)

AREA = "bc"  # the announcement buttons' callback data: bc:<action>[:<id>]


async def refresh(context: BotContext, broadcast_id: int, *, force: bool = False) -> None:
    """Show this announcement's progress (throttled unless ``force``); report the end."""
    now = context.clock.now()
    async with context.db.begin() as session:
        broadcast = await bq.by_id(session, broadcast_id=broadcast_id)
        if broadcast is None:
            return
        progress = await bq.progress(session, broadcast_id=broadcast_id)
        ended = await _end_if_done(session, broadcast, progress, now)
        status = BroadcastStatus.DONE if ended else BroadcastStatus(broadcast.status)
        ask_ack, admin_id = broadcast.ask_ack, broadcast.created_by
        link = await chat_link(session, telegram_user_id=admin_id)
        lang = link.language if link is not None else "id"
        waiting = await _waiting_until(session, broadcast, status, now)
        heading = (
            None if waiting is None else waiting_line(context, broadcast_id, waiting, now, lang)
        )
        text = progress_text(broadcast_id, status, progress, ask_ack, lang, heading=heading)
        message_id = broadcast.progress_message_id
        mine = _wants_to_show(broadcast, text, status, now, ended=ended, force=force)
        if mine:
            mine = await bq.claim_progress(
                session,
                broadcast_id=broadcast_id,
                seen_at=broadcast.progress_at,
                seen_text=broadcast.progress_text,
                text=text,
                now=now,
            )
    markup = progress_buttons(broadcast_id, status, lang, waiting=waiting is not None)
    try:
        if mine and message_id is None:
            sent = await context.bot.send_message(admin_id, text, reply_markup=markup)
            async with context.db.begin() as session:
                await bq.progress_sent(
                    session, broadcast_id=broadcast_id, message_id=sent.message_id
                )
        elif mine:
            await context.bot.edit_message_text(
                text,
                chat_id=admin_id,
                message_id=message_id,
                reply_markup=markup,
            )
        if ended:
            await context.bot.send_message(
                admin_id, final_report(broadcast_id, progress, ask_ack, lang)
            )
    except TelegramError as err:  # the admin blocked the bot, the message is gone...
        log.warning("announcement %d: progress not shown: %s", broadcast_id, err)


async def _end_if_done(
    session: AsyncSession, broadcast: Broadcast, progress: rules.Progress, now: datetime
) -> bool:
    """Mark a sending announcement with nothing left to send done (one process wins)."""
    if broadcast.status != BroadcastStatus.SENDING or not progress.finished:
        return False
    ended = await bq.finish_if_done(session, broadcast_id=broadcast.id, now=now)
    if ended:
        await audit(
            session,
            now=now,
            action="broadcast.sent",
            actor_kind="system",
            broadcast_id=broadcast.id,
            recipients=progress.total,
            delivered=progress.delivered,
            blocked=progress.blocked,
            failed=progress.failed,
        )
    return ended


def _wants_to_show(
    broadcast: Broadcast,
    text: str,
    status: BroadcastStatus,
    now: datetime,
    *,
    ended: bool,
    force: bool,
) -> bool:
    """Whether the progress message should be sent or edited now (before taking the turn)."""
    if broadcast.progress_message_id is None:
        if status == BroadcastStatus.DONE and not ended:
            return False  # an old announcement whose progress was never shown
        # A first message another instance took the turn for may be on its way: give it
        # time (and send again if it failed).
        last = broadcast.progress_at
        return last is None or last + rules.EDIT_EVERY <= now
    return rules.should_edit(
        shown=broadcast.progress_text,
        wanted=text,
        last_edit=broadcast.progress_at,
        now=now,
        final=force or ended,
    )


def progress_text(
    broadcast_id: int,
    status: str,
    progress: rules.Progress,
    ask_ack: bool,
    lang: str,
    *,
    heading: str | None = None,
) -> str:
    """``x/y terkirim, z diblokir, w gagal`` under a status line (``heading`` instead
    when it waits); reads when asked."""
    lines = [
        heading or t(f"broadcast.progress.{status}", lang, id=broadcast_id),
        t(
            "broadcast.progress.counts",
            lang,
            delivered=progress.delivered,
            total=progress.total,
            blocked=progress.blocked,
            failed=progress.failed,
        ),
    ]
    if ask_ack:
        percent = shown_percent(progress.read_percent())
        lines.append(t("broadcast.progress.read", lang, read=progress.read, percent=percent))
    return "\n".join(lines)


async def _waiting_until(
    session: AsyncSession, broadcast: Broadcast, status: BroadcastStatus, now: datetime
) -> datetime | None:
    """When a sending announcement held for quiet hours or a day off goes on (None: it
    is not waiting; sent-now ones never wait)."""
    if status != BroadcastStatus.SENDING or broadcast.send_now:
        return None
    due = await bq.next_due(session, broadcast_id=broadcast.id)
    return due if due is not None and due > now else None


def waiting_line(
    context: BotContext, broadcast_id: int, until: datetime, now: datetime, lang: str
) -> str:
    """``Pengumuman #5: menunggu jam tenang berakhir, mulai 06.00 WIB`` (or a working day)."""
    reason = QUIET if quiet_calendar(context).is_quiet(now) else DAY_OFF
    when = moment_words(until, now, lang, context.settings.tz)
    return t(f"broadcast.progress.waiting.{reason}", lang, id=broadcast_id, when=when)


def quiet_calendar(context: BotContext) -> Calendar:
    """The settings' quiet hours (the holidays are read where they matter)."""
    settings = context.settings
    return Calendar(settings.tz, settings.quiet_hours_start, settings.quiet_hours_end)


def moment_words(at: datetime, now: datetime, lang: str, tz: ZoneInfo) -> str:
    """``06.00 WIB`` later today, ``Senin, 1 Desember 2026 pukul 06.00 WIB`` on another day."""
    if at.astimezone(tz).date() == now.astimezone(tz).date():
        return format_time(at, lang, tz)
    return format_datetime(at, lang, tz)


def short_moment(at: datetime, now: datetime, lang: str, tz: ZoneInfo) -> str:
    """``06.00 WIB`` later today, ``1 Des 2026 06.00 WIB`` on another day (for a button)."""
    if at.astimezone(tz).date() == now.astimezone(tz).date():
        return format_time(at, lang, tz)
    return f"{format_short_date(at, lang, tz)} {format_time(at, lang, tz)}"


def start_words(context: BotContext, start: Start, now: datetime, lang: str) -> str:
    """When an announcement confirmed now goes out, and why it waits."""
    settings = context.settings
    if start.held_for is None:
        return t("broadcast.goes_now", lang)
    return t(
        f"broadcast.held.{start.held_for}",
        lang,
        when=format_datetime(start.at, lang, settings.tz),
        quiet_start=f"{settings.quiet_hours_start:%H.%M}",
        quiet_end=f"{settings.quiet_hours_end:%H.%M}",
    )


def progress_buttons(
    broadcast_id: int, status: str, lang: str, *, waiting: bool = False
) -> InlineKeyboardMarkup | None:
    if status == BroadcastStatus.SENDING:
        first = _button(t("broadcast.button.pause", lang), "p", broadcast_id)
    elif status == BroadcastStatus.PAUSED:
        first = _button(t("broadcast.button.resume", lang), "r", broadcast_id)
    else:
        return None
    stop = _button(t("broadcast.button.stop", lang), "c", broadcast_id)
    rows = [[first, stop]]
    if waiting:
        rows.insert(0, [_button(t("broadcast.button.send_now", lang), "n", broadcast_id)])
    return InlineKeyboardMarkup(rows)


def final_report(broadcast_id: int, progress: rules.Progress, ask_ack: bool, lang: str) -> str:
    text = t(
        "broadcast.report",
        lang,
        id=broadcast_id,
        total=progress.total,
        delivered=progress.delivered,
        blocked=progress.blocked,
        failed=progress.failed,
    )
    if ask_ack:
        text += "\n" + t("broadcast.report_read", lang)
    return text


def _button(label: str, action: str, broadcast_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(shorten(label, 60), callback_data=data(AREA, action, broadcast_id))
