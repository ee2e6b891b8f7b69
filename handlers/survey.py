"""The satisfaction survey in the chat: an answer's button, "Lanjutkan" from the
reminder, "Berhenti", "Lewati" and the comment typed after the last question.

Each press is checked and written by ``bot.usecases.survey`` and the message is
edited into the next question; the comment is a conversation step, so any
instance takes it."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from bot.callbacks import int_part, parts
from bot.context import BotContext
from bot.core.steps import SURVEY_COMMENT
from bot.core.vocabulary import SurveyKind
from bot.notices.survey import ANSWER, RESUME, STOP, comment_view, question_view
from bot.texts import t
from bot.usecases import survey as uc
from bot.usecases.survey import Survey, SurveyOutcome
from handlers.common import edit_if_possible, require_link
from handlers.steps import forget, remember, take

# What the person reads once the survey is over (or was, or cannot be answered).
_ENDED = {
    Survey.DONE: "survey.thanks",
    Survey.STOPPED: "survey.stopped",
    Survey.ALREADY_DONE: "survey.already_done",
    Survey.ALREADY_STOPPED: "survey.already_stopped",
    Survey.CLOSED: "survey.closed",
}


async def pressed(update: Update, context: BotContext) -> None:
    """A survey button: an answer, Lanjutkan, Berhenti or Lewati."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    link = await require_link(update, context)
    items = parts(query.data)
    session_id = int_part(query.data, 3)
    if link is None or link.employee_id is None or session_id is None:
        await query.answer()
        return
    lang = link.language
    try:
        kind = SurveyKind(items[2])
    except ValueError:
        await query.answer(t("survey.closed", lang), show_alert=True)
        return
    who, now, tz = link.employee_id, context.clock.now(), context.settings.tz
    async with context.db.begin() as session:
        if items[1] == ANSWER:
            outcome = await uc.answer(
                session,
                kind=kind,
                session_id=session_id,
                employee_id=who,
                question=int_part(query.data, 4) or 0,
                value=int_part(query.data, 5) or 0,
                now=now,
                tz=tz,
            )
        elif items[1] == RESUME:
            outcome = await uc.resume(
                session, kind=kind, session_id=session_id, employee_id=who, now=now, tz=tz
            )
        else:
            outcome = await uc.end(
                session,
                kind=kind,
                session_id=session_id,
                employee_id=who,
                now=now,
                tz=tz,
                stop=items[1] == STOP,
            )
    await query.answer()
    await _show(update, context, outcome, kind, session_id, lang)


async def on_comment(update: Update, context: BotContext) -> None:
    """The text after the last question is the comment; any other text passes on."""
    assert update.effective_user is not None and update.effective_message is not None
    asked = await take(context, update.effective_user.id, SURVEY_COMMENT)
    if asked is None:
        return
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        raise ApplicationHandlerStop
    if asked.expired:
        await update.effective_message.reply_html(t("survey.comment_late", link.language))
        raise ApplicationHandlerStop
    now = context.clock.now()
    async with context.db.begin() as session:
        found = await uc.waiting_comment(
            session,
            invitation_id=int(asked.payload.get("invitation_id", 0)),
            employee_id=link.employee_id,
        )
        if found is None:
            outcome = SurveyOutcome(Survey.CLOSED)
        else:
            outcome = await uc.end(
                session,
                kind=found[0],
                session_id=found[1],
                employee_id=link.employee_id,
                now=now,
                tz=context.settings.tz,
                stop=False,
                comment=update.effective_message.text or "",
            )
    await update.effective_message.reply_html(
        t(_ENDED.get(outcome.kind, "survey.closed"), link.language)
    )
    raise ApplicationHandlerStop


async def _show(
    update: Update,
    context: BotContext,
    outcome: SurveyOutcome,
    kind: SurveyKind,
    session_id: int,
    lang: str,
) -> None:
    """The message edited into what comes next."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    keyboard: InlineKeyboardMarkup | None
    if outcome.kind == Survey.QUESTION:
        text, keyboard = question_view(kind, session_id, outcome.question, lang)
    elif outcome.kind == Survey.COMMENT:
        text, keyboard = comment_view(kind, session_id, lang)
        await remember(
            context,
            update.effective_user.id,
            SURVEY_COMMENT,
            {"invitation_id": outcome.invitation_id},
        )
    else:
        text, keyboard = t(_ENDED[outcome.kind], lang), None
        if outcome.kind in (Survey.DONE, Survey.STOPPED):
            await forget(context, update.effective_user.id, SURVEY_COMMENT)
    await edit_if_possible(query.edit_message_text(text, reply_markup=keyboard))
