"""The words and buttons of ``/umumkan``: the audience menu and lists, the confirm
step, the live progress message and the final report."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import data
from bot.core import broadcast as rules
from bot.core.vocabulary import PositionType
from bot.notices.progress import AREA
from bot.texts import t
from bot.texts.paging import shorten
from models.queries.audiences import Choice

PAGE = 8
_LABEL = 60
POSITION_TYPES = list(PositionType)


def button(label: str, *parts: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(shorten(label, _LABEL), callback_data=data(AREA, *parts))


def cancel_row(lang: str) -> list[InlineKeyboardButton]:
    return [button(t("broadcast.button.cancel", lang), "x")]


def attachment_buttons(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(t("broadcast.button.no_attachment", lang), "na")], cancel_row(lang)]
    )


def audience_menu(lang: str) -> InlineKeyboardMarkup:
    """One button per kind of audience, two a row."""
    buttons = [button(t(f"broadcast.audience.{k}", lang), "a", k) for k in rules.AUDIENCES]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup([*rows, cancel_row(lang)])


def choice_list(
    kind: str, items: list[Choice], total: int, offset: int, lang: str
) -> InlineKeyboardMarkup:
    """A page of OPDs, programs, sessions or courses, with Sebelumnya / Berikutnya."""
    rows = [[button(item.label, "s", kind, item.id)] for item in items]
    previous, following = rules.page(total, offset, PAGE)
    moves = []
    if previous is not None:
        moves.append(button(t("broadcast.button.previous", lang), "l", kind, previous))
    if following is not None:
        moves.append(button(t("broadcast.button.next", lang), "l", kind, following))
    if moves:
        rows.append(moves)
    rows.append([button(t("broadcast.button.back", lang), "aud")])
    return InlineKeyboardMarkup(rows)


def position_list(lang: str) -> InlineKeyboardMarkup:
    rows = [[button(p.value, "s", rules.POSITION, i)] for i, p in enumerate(POSITION_TYPES)]
    rows.append([button(t("broadcast.button.back", lang), "aud")])
    return InlineKeyboardMarkup(rows)


def confirm_text(count: int, audience: str, ask_ack: bool, lang: str) -> str:
    ack = t("broadcast.ack_on" if ask_ack else "broadcast.ack_off", lang)
    return t("broadcast.confirm", lang, count=count, audience=audience, ack=ack)


def confirm_buttons(count: int, ask_ack: bool, lang: str) -> InlineKeyboardMarkup:
    toggle = "broadcast.button.ack_off" if ask_ack else "broadcast.button.ack_on"
    rows = [[button(t(toggle, lang), "ack")]]
    if count:
        rows.append([button(t("broadcast.button.send", lang, count=count), "go")])
    rows.append([button(t("broadcast.button.audience", lang), "aud")])
    rows.append(cancel_row(lang))
    return InlineKeyboardMarkup(rows)
