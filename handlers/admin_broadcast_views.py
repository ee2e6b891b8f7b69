"""The words and buttons of ``/umumkan``: the audience menu and lists, the confirm
step, the live progress message and the final report."""

from __future__ import annotations

import html
from typing import Any

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


def confirm_text(draft: dict[str, Any], lang: str) -> str:
    """Who gets it and who does not, the read button, and when it goes out."""
    linked, unlinked, blocked = draft["reach"]
    ack = t("broadcast.ack_on" if draft["ask_ack"] else "broadcast.ack_off", lang)
    reach = t(
        "broadcast.reach", lang, count=linked, total=linked + unlinked + blocked,
        audience=html.escape(draft["label"]), unlinked=unlinked, blocked=blocked,
    )  # fmt: skip
    return "\n".join([reach, t("broadcast.confirm", lang, ack=ack), draft["held"]])


def confirm_buttons(draft: dict[str, Any], lang: str) -> InlineKeyboardMarkup:
    """Sudah dibaca on/off, Kirim (when the rules let it go; a held one may go now
    too), the list of people not reached, Ubah penerima, Batal."""
    count, later = draft["count"], draft.get("start_time")
    toggle = "broadcast.button.ack_off" if draft["ask_ack"] else "broadcast.button.ack_on"
    rows = [[button(t(toggle, lang), "ack")]]
    if count and later:
        rows.append([button(t("broadcast.button.send_at", lang, count=count, when=later), "go")])
        rows.append([button(t("broadcast.button.send_now", lang), "now")])
    elif count:
        rows.append([button(t("broadcast.button.send", lang, count=count), "go")])
    unreached = sum(draft["reach"][1:])
    if unreached:
        rows.append([button(t("broadcast.button.unreached", lang, count=unreached), "nr")])
    rows.append([button(t("broadcast.button.audience", lang), "aud")])
    rows.append(cancel_row(lang))
    return InlineKeyboardMarkup(rows)
