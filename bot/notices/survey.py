"""A survey's messages, shared by the notice that opens it (``bot.notices.render``)
and the buttons that go on (``handlers.survey``): a question with its four answers
in words, the comment, the thanks.

Button data: ``srv:a:<survey>:<session or course id>:<question>:<answer>`` (an answer),
``srv:go:...`` (Lanjutkan), ``srv:x:...`` (Berhenti), ``srv:k:...`` (Lewati, no
comment); at most about 40 bytes.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import data
from bot.core.ikm import SCALE
from bot.core.survey import SURVEYS
from bot.core.vocabulary import SurveyKind
from bot.texts import t

AREA = "srv"
ANSWER, RESUME, STOP, SKIP = "a", "go", "x", "k"
PATTERN = rf"^{AREA}:({ANSWER}|{RESUME}|{STOP}|{SKIP}):[a-z_]+:\d+(:\d+:\d+)?$"
# The invitation and the reminder, in each survey's words.
INVITE = {SurveyKind.SKM: "survey.invite", SurveyKind.COURSE: "survey.course_evaluation.invite"}
REMINDER = {
    SurveyKind.SKM: "survey.reminder",
    SurveyKind.COURSE: "survey.course_evaluation.reminder",
}


def stop_button(kind: SurveyKind, session_id: int, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t("survey.button.stop", lang), callback_data=data(AREA, STOP, kind, session_id)
    )


def question_view(
    kind: SurveyKind, session_id: int, question: int, lang: str
) -> tuple[str, InlineKeyboardMarkup]:
    """Question ``question`` (0-based) with a button per answer, then "Berhenti"."""
    count = SURVEYS[kind].questions
    number = question + 1
    text = t(
        "survey.question",
        lang,
        number=number,
        count=count,
        question=t(f"survey.{kind}.q{number}", lang),
    )
    rows = [
        [
            InlineKeyboardButton(
                t(
                    "survey.answer",
                    lang,
                    value=value,
                    words=t(f"survey.{kind}.q{number}.{value}", lang),
                ),
                callback_data=data(AREA, ANSWER, kind, session_id, question, value),
            )
        ]
        for value in SCALE
    ]
    rows.append([stop_button(kind, session_id, lang)])
    return text, InlineKeyboardMarkup(rows)


def comment_view(kind: SurveyKind, session_id: int, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    """The optional comment: type it, or "Lewati"."""
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("survey.button.skip", lang), callback_data=data(AREA, SKIP, kind, session_id)
                )
            ]
        ]
    )
    return t("survey.ask_comment", lang), keyboard


def resume_keyboard(kind: SurveyKind, session_id: int, lang: str) -> InlineKeyboardMarkup:
    """The reminder's buttons: Lanjutkan, Berhenti."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("survey.button.resume", lang),
                    callback_data=data(AREA, RESUME, kind, session_id),
                )
            ],
            [stop_button(kind, session_id, lang)],
        ]
    )


def notice(
    payload: dict[str, object], shown: dict[str, object], lang: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The planned invitation (the first question under it) or its reminder."""
    kind = SurveyKind(str(payload.get("survey", SurveyKind.SKM)))
    subject = "course_id" if kind == SurveyKind.COURSE else "session_id"
    subject_id = int(str(payload.get(subject, 0)))
    if payload.get("again"):
        return t(REMINDER[kind], lang, **shown), resume_keyboard(kind, subject_id, lang)
    question, keyboard = question_view(kind, subject_id, 0, lang)
    return t(INVITE[kind], lang, **shown) + "\n\n" + question, keyboard
