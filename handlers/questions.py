"""Questions in plain words: any text that answers no step, read as one of the bot's
tasks (bot/core/questions.py) and answered like the task's command.

Steps come first: the handlers of groups -2 and -1 (an /umumkan draft, the reason
after "Tidak bisa hadir") take their answers before this one sees the text, and
while someone is linking, a NIP or a code goes to handlers/linking.py as before.
Then, for a linked user:

- a task clearly asked for: the very handler of its command (``/jadwal`` and "jadwal
  saya kapan?" give the same reply); unlinking only ever as a button to ``/putus``;
- several tasks likely: the two or three likeliest as buttons, each opening its task;
- a greeting: the menu, as ``/menu``;
- nothing understood (an emoji, nonsense): a friendly sentence and the menu.

Someone who has not consented yet and types an answer to the consent question
("setuju", "tidak") goes to handlers/linking.py, which takes it while the question is
open. Someone not linked yet is told the account must be linked first, and the linking
starts where they are: the consent (as ``/start``), the NIP, or the second factor.
An admin who is not linked gets the admin home, as ``/start``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)

from bot.callbacks import data, parts
from bot.context import BotContext
from bot.core.codes import looks_like_code
from bot.core.consent_words import consent_answer
from bot.core.nip import mask_nip
from bot.core.question_words import Task
from bot.core.questions import Reading, read
from bot.core.steps import LINK_NIP
from bot.texts import t
from bot.usecases.linking import is_linked
from handlers import courses, jp, linking, menu, reminders, results, schedule, start
from handlers.common import language_for, load_link, render
from handlers.menu import main_menu, show_admin_home
from models.queries import steps

AREA = "ask"
PATTERN = rf"^{AREA}:({'|'.join(task.value for task in Task)})$"

Handler = Callable[[Update, BotContext], Awaitable[None]]

# Each task and the handler of its command.
TASKS: dict[Task, Handler] = {
    Task.SCHEDULE: schedule.schedule,
    Task.RESULTS: results.results,
    Task.COURSES: courses.gapura,
    Task.HOURS: jp.jp_command,
    Task.REMINDERS: reminders.reminders,
    Task.PROFILE: linking.profile,
    Task.HELP: menu.help_command,
    Task.UNLINK: linking.unlink_command,
    Task.MENU: menu.menu,
}


async def on_text(update: Update, context: BotContext) -> None:
    """Text no step took: a question from a linked user, else a way into linking."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    text = message.text or ""
    link = await load_link(context, update)
    if is_linked(link):
        assert link is not None
        await _answer(update, context, read(text), link.language)
        return
    if link is None:  # no consent yet
        if consent_answer(text) is not None:  # "setuju", "tidak": the consent question's
            await linking.on_text(update, context)
            return
        if await show_admin_home(update, context):
            return
        lang = await language_for(link, update, context)
        await message.reply_html(t("questions.link_first", lang))
        await start.start_linking(update, context)
        return
    # Linking: a NIP, a code or anything the linking steps answer goes on there.
    if any(ch.isdigit() for ch in text) or looks_like_code(text) or not read(text).understood:
        await linking.on_text(update, context)
        return
    await _back_to_linking(update, context, link.language)


async def on_contact(update: Update, context: BotContext) -> None:
    """A shared contact: the second factor while linking (handlers/linking.py); from
    someone already linked, a word that it is not needed and the menu."""
    assert update.effective_message is not None
    link = await load_link(context, update)
    if not is_linked(link):
        await linking.on_contact(update, context)
        return
    assert link is not None
    await update.effective_message.reply_html(
        t("questions.contact_not_needed", link.language), reply_markup=main_menu(link.language)
    )


async def _answer(update: Update, context: BotContext, reading: Reading, lang: str) -> None:
    assert update.effective_message is not None
    if reading.answer is not None:
        await TASKS[reading.answer](update, context)
    elif reading.choices:
        await update.effective_message.reply_html(
            t("questions.choose", lang), reply_markup=choices(reading.choices, lang)
        )
    else:
        key = "questions.elsewhere" if reading.elsewhere else "questions.not_understood"
        await update.effective_message.reply_html(t(key, lang), reply_markup=main_menu(lang))


def choices(tasks: tuple[Task, ...], lang: str) -> InlineKeyboardMarkup:
    """One button a row, each saying what it does."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(f"questions.task.{task.value}", lang), callback_data=data(AREA, task.value)
                )
            ]
            for task in tasks
        ]
    )


async def task_pressed(update: Update, context: BotContext) -> None:
    """A button offered for a question: run the task it stands for."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await TASKS[Task(parts(query.data)[-1])](update, context)


async def _back_to_linking(update: Update, context: BotContext, lang: str) -> None:
    """A question while linking: say the account comes first, and repeat the step."""
    assert update.effective_message is not None and update.effective_user is not None
    async with context.db() as session:
        nip = await steps.peek(
            session,
            telegram_user_id=update.effective_user.id,
            step=LINK_NIP,
            now=context.clock.now(),
        )
    first = t("questions.link_first", lang)
    if nip is None or nip.expired:
        await update.effective_message.reply_html(first)
        await start.start_linking(update, context)
        return
    prompt = render(
        "link.nip_received", {"masked": mask_nip(str(nip.payload["nip"]))}, lang, context
    )
    await update.effective_message.reply_html(
        first + "\n\n" + prompt, reply_markup=linking.share_keyboard(lang)
    )
