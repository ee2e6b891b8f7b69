"""Admin commands in the chat. Every one checks the role here, on the server;
a non-admin gets exactly the answer an unknown command gets."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.core.errors import InvalidNip
from bot.core.nip import mask_nip, parse_nip
from bot.notices.deletions import delete_results_in_chat
from bot.texts import t
from handlers.common import admin_language, render
from models.queries.audit import audit
from models.queries.links import employee_by_nip, link_of_employee, unlink

log = logging.getLogger(__name__)


async def link_status(update: Update, context: BotContext) -> None:
    """/cek NIP: is this employee linked, since when, and how."""
    await _nip_command(update, context, unlink_it=False)


async def admin_unlink(update: Update, context: BotContext) -> None:
    """/lepas NIP: unlink this employee's Telegram account, and tell them."""
    await _nip_command(update, context, unlink_it=True)


async def _nip_command(update: Update, context: BotContext, *, unlink_it: bool) -> None:
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    lang = await admin_language(update, context)
    if lang is None:
        return
    now = context.clock.now()
    usage = "admin.unlink_usage" if unlink_it else "admin.status_usage"
    if not context.args:
        await message.reply_html(render(usage, {}, lang, context))
        return
    try:
        nip = parse_nip("".join(context.args), today=now.astimezone(context.settings.tz).date())
    except InvalidNip as error:
        await message.reply_html(render(error.key, error.params, lang, context))
        return
    params: dict[str, object]
    told: tuple[int, str] | None = None  # the chat and language of the employee unlinked
    async with context.db.begin() as session:
        employee = await employee_by_nip(session, nip=nip.value)
        link = await link_of_employee(session, employee_id=employee.id) if employee else None
        action = "admin.unlink" if unlink_it else "admin.lookup"
        await audit(
            session,
            now=now,
            action=action,
            actor_kind="admin",
            actor_telegram_id=user.id,
            employee_id=employee.id if employee else None,
        )
        if employee is None:
            key, params = "admin.nip_unknown", {"masked": mask_nip(nip.value)}
        elif link is None or link.linked_at is None:
            key, params = "admin.not_linked", {"masked": mask_nip(nip.value), "name": employee.name}
        elif unlink_it:
            told = (link.telegram_user_id, link.language)
            await unlink(session, link=link, now=now, actor_kind="admin", actor_telegram_id=user.id)
            key, params = "admin.unlinked", {"masked": mask_nip(nip.value), "name": employee.name}
        else:
            key = "admin.linked"
            params = {
                "masked": mask_nip(nip.value),
                "name": employee.name,
                "since": link.linked_at,
                "method": t(f"link.method.{link.verification_method}", lang),
            }
    text = render(key, params, lang, context)
    if told is not None:
        reached = await _tell_unlinked(context, *told)
        text += "\n" + render(
            "admin.unlinked_told" if reached else "admin.unlinked_not_told", params, lang, context
        )
    await message.reply_html(text)


async def _tell_unlinked(context: BotContext, chat_id: int, lang: str) -> bool:
    """Tell the employee, in their own private chat with the bot and language, that
    BKPSDM disconnected them and how to link again; delete the revealed results still
    there. Whether the notice arrived (not when they blocked the bot)."""
    await delete_results_in_chat(context, chat_id)
    try:
        await context.bot.send_message(chat_id, t("unlink.by_admin", lang))
    except Forbidden:
        log.info("unlink notice not delivered: the employee blocked the bot")
        return False
    except TelegramError as err:
        log.warning("unlink notice not delivered: %s", err)
        return False
    return True
