"""Linking by NIP and a second factor; /profil, /privasi, /putus (asked first; the
revealed results go with the link), /hapus, /bahasa."""

from __future__ import annotations

import html

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.core.attempts import AttemptLimit
from bot.core.nip import mask_nip
from bot.core.steps import LANGUAGE as CHOSEN_LANGUAGE
from bot.notices.deletions import delete_results_in_chat
from bot.texts import t
from bot.texts.formatting import format_short_date
from bot.usecases.consent import answer_typed
from bot.usecases.linking import answer_contact, answer_text, is_linked
from bot.usecases.second_factor import Outcome
from handlers import checkin
from handlers.common import edit_if_possible, language_for, render, require_link, user_language
from handlers.consent import reply_to_typed_answer
from models.queries import steps
from models.queries.links import (
    active_consent,
    chat_link,
    unlink,
    withdraw_consent,
)

UNLINK = "unlink"  # unlink:yes:<employee id> / unlink:no
UNLINK_NO = "unlink:no"
DELETE_YES = "delete:yes"
DELETE_NO = "delete:no"
LANGUAGE = "lang:"  # + id / en


async def on_text(update: Update, context: BotContext) -> None:
    """Plain text: an answer to the consent question, a NIP or an activation code while
    linking, else a hint."""
    assert update.effective_user is not None and update.effective_message is not None
    now, text = context.clock.now(), (update.effective_message.text or "").strip()
    async with context.db.begin() as session:
        link = await chat_link(session, telegram_user_id=update.effective_user.id)
        lang = await language_for(link, update, context, session)
        consent = None
        if link is None:  # "setuju" or "tidak" while the consent question is open
            consent = await answer_typed(
                session,
                telegram_user_id=update.effective_user.id,
                text=text,
                language=lang,
                now=now,
            )
        if consent is None:
            outcome = await answer_text(
                session,
                link=link,
                text=text,
                now=now,
                today=now.astimezone(context.settings.tz).date(),
                limit=AttemptLimit(),
                hash_key=context.hash_key,
            )
    if consent is not None:
        await reply_to_typed_answer(update.effective_message, consent, lang)
        return
    await _say(update, context, outcome, lang)


async def on_contact(update: Update, context: BotContext) -> None:
    """A shared contact: verify it is the user's own and matches the phone on record."""
    message = update.effective_message
    assert update.effective_user is not None and message is not None and message.contact
    async with context.db.begin() as session:
        link = await chat_link(session, telegram_user_id=update.effective_user.id)
        lang = await language_for(link, update, context, session)
        outcome = await answer_contact(
            session,
            link=link,
            contact_user_id=message.contact.user_id,
            phone=message.contact.phone_number,
            now=context.clock.now(),
            limit=AttemptLimit(),
            hash_key=context.hash_key,
        )
    await _say(update, context, outcome, lang)


async def _say(update: Update, context: BotContext, outcome: Outcome, lang: str) -> None:
    assert update.effective_message is not None
    text = render(outcome.key, outcome.params, lang, context)
    markup: ReplyKeyboardMarkup | ReplyKeyboardRemove | None = None
    if outcome.key == "link.nip_received":
        text = render(outcome.key, {"masked": outcome.params["masked"]}, lang, context)
        for key, params in outcome.params.get("warnings", []):  # type: ignore[attr-defined]
            text += "\n\n" + render(
                "link.nip_warning", {"warning": t(key, lang, **params)}, lang, context
            )
        markup = share_keyboard(lang)
    elif outcome.key == "link.locked":  # codes wait, the user's own phone need not
        markup = share_keyboard(lang)
    elif outcome.linked is not None:
        markup = ReplyKeyboardRemove()
    await update.effective_message.reply_html(text, reply_markup=markup)
    if outcome.linked is not None:  # a check-in code scanned before linking
        await checkin.after_link(update, context)


def share_keyboard(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t("link.share_button", lang), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


async def profile(update: Update, context: BotContext) -> None:
    """Show everything the bot holds about me."""
    link = await require_link(update, context)
    if link is None or link.employee is None:
        return
    assert update.effective_message is not None
    employee, lang = link.employee, link.language
    async with context.db() as session:
        consent = await active_consent(session, telegram_user_id=link.telegram_user_id)
    params = {
        "name": employee.name,
        "masked": mask_nip(employee.nip),
        "unit": employee.unit.name,
        "position": employee.position.name if employee.position else "-",
        "linked": format_short_date(link.linked_at, lang, context.settings.tz)
        if link.linked_at
        else "-",
        "method": t(f"link.method.{link.verification_method}", lang),
        "consented": format_short_date(consent.granted_at, lang, context.settings.tz)
        if consent
        else "-",
    }
    await update.effective_message.reply_html(t("profile.text", lang, **_escaped(params)))


async def privacy(update: Update, context: BotContext) -> None:
    """Show the privacy notice."""
    assert update.effective_message is not None
    lang = await user_language(context, update)
    await update.effective_message.reply_html(t("privacy.text", lang))


async def unlink_command(update: Update, context: BotContext) -> None:
    """/putus: ask first whether to unlink my Telegram account from my employee record."""
    assert update.effective_user is not None and update.effective_message is not None
    async with context.db() as session:
        link = await chat_link(session, telegram_user_id=update.effective_user.id)
        lang = await language_for(link, update, context, session)
    if link is None or not is_linked(link):
        await update.effective_message.reply_html(
            t("unlink.not_linked", lang), reply_markup=ReplyKeyboardRemove()
        )
        return
    # The employee in the data: a press after a new link to someone else changes nothing.
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("unlink.yes_button", lang),
                    callback_data=data(UNLINK, "yes", link.employee_id or 0),
                ),
                InlineKeyboardButton(t("unlink.no_button", lang), callback_data=UNLINK_NO),
            ]
        ]
    )
    await update.effective_message.reply_html(t("unlink.confirm", lang), reply_markup=keyboard)


async def unlink_answer(update: Update, context: BotContext) -> None:
    """Ya, putuskan: unlink and delete the revealed results still in the chat; Batal:
    nothing changes."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    user_id = update.effective_user.id
    employee_id = int_part(query.data, 2)
    async with context.db.begin() as session:
        link = await chat_link(session, telegram_user_id=user_id)
        lang = await language_for(link, update, context, session)
        if query.data == UNLINK_NO:
            key = "unlink.cancelled"
        elif link is None or not is_linked(link) or link.employee_id != employee_id:
            key = "unlink.not_linked"
        else:
            await unlink(
                session,
                link=link,
                now=context.clock.now(),
                actor_kind="user",
                actor_telegram_id=user_id,
            )
            key = "unlink.done"
    await query.answer()
    text = t(key, lang)
    if key == "unlink.done":
        deleted = await delete_results_in_chat(context, user_id)
        if deleted:
            text += "\n\n" + t("unlink.results_deleted", lang, count=deleted)
    await edit_if_possible(query.edit_message_text(text))


async def delete_command(update: Update, context: BotContext) -> None:
    """/hapus: ask to confirm withdrawing consent and deleting my chat data."""
    assert update.effective_message is not None
    lang = await user_language(context, update)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("delete.yes_button", lang), callback_data=DELETE_YES),
                InlineKeyboardButton(t("delete.no_button", lang), callback_data=DELETE_NO),
            ]
        ]
    )
    await update.effective_message.reply_html(t("delete.confirm", lang), reply_markup=keyboard)


async def delete_answer(update: Update, context: BotContext) -> None:
    """Withdraw consent and delete the link and every step at once, or leave everything
    as it is."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    lang = await user_language(context, update)
    if query.data == DELETE_YES:
        async with context.db.begin() as session:
            await withdraw_consent(
                session, telegram_user_id=update.effective_user.id, now=context.clock.now()
            )
        key = "delete.done"
    else:
        key = "delete.cancelled"
    await query.answer()
    if key == "delete.done":  # the revealed results go too
        await delete_results_in_chat(context, update.effective_user.id)
    await edit_if_possible(query.edit_message_text(t(key, lang)))


async def language_command(update: Update, context: BotContext) -> None:
    """/bahasa: offer Indonesian and English."""
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Bahasa Indonesia", callback_data=LANGUAGE + "id"),
                InlineKeyboardButton("English", callback_data=LANGUAGE + "en"),
            ]
        ]
    )
    await update.effective_message.reply_html(t("language.choose"), reply_markup=keyboard)


async def language_chosen(update: Update, context: BotContext) -> None:
    """Remember the language chosen: in the link, or as a step until there is one."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    lang = query.data.removeprefix(LANGUAGE)
    user_id = update.effective_user.id
    async with context.db.begin() as session:
        link = await chat_link(session, telegram_user_id=user_id)
        if link is not None:
            link.language = lang
        else:
            await steps.put(
                session,
                telegram_user_id=user_id,
                step=CHOSEN_LANGUAGE,
                payload={"language": lang},
                now=context.clock.now(),
            )
    await query.answer()
    await edit_if_possible(query.edit_message_text(t("language.set", lang)))


def _escaped(params: dict[str, str]) -> dict[str, str]:
    return {name: html.escape(value) for name, value in params.items()}
