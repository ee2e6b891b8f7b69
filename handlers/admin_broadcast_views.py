"""The words and buttons of ``/umumkan``: the audience menu and lists, the confirm
step, the live progress message and the final report."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import broadcast as rules
from bot.core.jpm import display_percent
from bot.core.vocabulary import BroadcastStatus, PositionType
from bot.texts import t
from bot.texts.paging import shorten
from handlers.callbacks import data
from models.queries.audiences import Choice

AREA = "bc"
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


def progress_text(
    broadcast_id: int, status: str, progress: rules.Progress, ask_ack: bool, lang: str
) -> str:
    """``x/y terkirim, z diblokir, w gagal`` under a status line; reads when asked."""
    lines = [
        t(f"broadcast.progress.{status}", lang, id=broadcast_id),
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
        percent = display_percent(progress.read_percent(), lang)
        lines.append(t("broadcast.progress.read", lang, read=progress.read, percent=percent))
    return "\n".join(lines)


def progress_buttons(broadcast_id: int, status: str, lang: str) -> InlineKeyboardMarkup | None:
    if status == BroadcastStatus.SENDING:
        first = button(t("broadcast.button.pause", lang), "p", broadcast_id)
    elif status == BroadcastStatus.PAUSED:
        first = button(t("broadcast.button.resume", lang), "r", broadcast_id)
    else:
        return None
    stop = button(t("broadcast.button.stop", lang), "c", broadcast_id)
    return InlineKeyboardMarkup([[first, stop]])


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
