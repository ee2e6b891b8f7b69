"""/umumkan's preview: the file of the people the announcement will not reach (not
linked, or they blocked the bot), with NIP, name, unit and why, so BKPSDM can send
them a letter or a WhatsApp. Admins only, in a private chat; each file is audited
like the other exports."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.exports import workbook
from bot.texts import t
from bot.usecases.audiences import unreached
from handlers.admin_broadcast_draft import draft_of, today
from models.queries.audit import audit

COLUMNS = ("no", "nip", "name", "unit", "reason")
FILE_NAME = "tidak-terjangkau-bot.xlsx"


async def unreached_file(update: Update, context: BotContext) -> None:
    """Daftar yang tidak terjangkau: the XLSX of the audience's people the bot cannot reach."""
    pressed, chat = await draft_of(update, context), update.effective_chat
    if pressed is None or chat is None or "audience" not in pressed[2]:
        return
    query, lang, draft = pressed
    if chat.type != chat.PRIVATE:
        await query.answer()
        return
    async with context.db.begin() as session:
        people = await unreached(
            session, audience=draft["audience"], today=today(context),
            jp_target=context.settings.jp_target,
        )  # fmt: skip
        await audit(
            session, now=context.clock.now(), action="export.unreached", actor_kind="admin",
            actor_telegram_id=query.from_user.id, audience=draft["audience"]["kind"],
            rows=len(people),
        )  # fmt: skip
    if not people:
        await query.answer(t("broadcast.unreached.none", lang), show_alert=True)
        return
    await query.answer()
    title = t("broadcast.unreached.title", lang, audience=draft["label"])
    body = [
        [n, u.person.nip, u.person.name, u.person.unit, t(f"broadcast.unreached.{u.reason}", lang)]
        for n, u in enumerate(people, start=1)
    ]
    columns = [t(f"broadcast.unreached.col.{c}", lang) for c in COLUMNS]
    await context.bot.send_document(
        chat.id,
        document=workbook(t("broadcast.unreached.sheet", lang), title, columns, body),
        filename=FILE_NAME,
        caption=t("broadcast.unreached.caption", lang, count=len(people)),
    )
