"""The registration table: every handler, in order, by group.

``Application.add_handlers(HANDLERS)`` installs it. Within a group the first
matching handler wins, so specific handlers come before general ones.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.notices.render import ACK
from bot.notices.survey import PATTERN as SURVEY_PATTERN
from handlers import (
    admin,
    admin_audit,
    admin_broadcast,
    admin_broadcast_audience,
    admin_broadcast_reach,
    admin_broadcast_send,
    admin_checkin,
    admin_data,
    admin_exports,
    admin_menu,
    admin_queue,
    admin_release,
    admin_stats,
    admin_stats_course_eval,
    admin_stats_details,
    admin_stats_survey,
    consent,
    courses,
    jp,
    linking,
    menu,
    private,
    questions,
    reminders,
    results,
    schedule,
    schedule_booking,
    start,
    survey,
)
from handlers.common import LINK_START, unknown_button, unknown_command
from handlers.errors import on_error

HANDLERS: dict[int, list[BaseHandler[Any, Any, Any]]] = {
    # Before anything else, every update: only the user's private chat goes on. Every
    # handler below answers in the chat the update came from, with personal data or admin
    # tools, and a group would read along; elsewhere a command gets a pointer to the
    # private chat, a button an alert, the rest nothing (my_chat_member passes).
    -4: [TypeHandler(Update, private.private_only)],
    # Then: the answer to a step of /umumkan (text, attachment, NIP file) while an
    # admin composes; raises ApplicationHandlerStop when consumed, else everything passes.
    -3: [
        MessageHandler(
            (filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Document.ALL,
            admin_broadcast.on_input,
        ),
    ],
    # Before group 0: text answering a question the bot asked (e.g. the reason after
    # "Tidak bisa hadir"); such a handler raises ApplicationHandlerStop when it consumed it.
    -2: [
        MessageHandler(filters.TEXT & ~filters.COMMAND, schedule.on_reason),
        # A document captioned /impor (or after /impor KIND); other documents pass on.
        MessageHandler(filters.Document.ALL, admin_data.on_document),
    ],
    # Then: the comment after a survey's last question (a step of its own; a group of
    # its own, since the reason above matches every text too).
    -1: [MessageHandler(filters.TEXT & ~filters.COMMAND, survey.on_comment)],
    0: [
        CommandHandler("start", start.start),
        CommandHandler(["bantuan", "help"], menu.help_command),
        CommandHandler("profil", linking.profile),
        CommandHandler("privasi", linking.privacy),
        CommandHandler("putus", linking.unlink_command),
        CommandHandler("hapus", linking.delete_command),
        CommandHandler("bahasa", linking.language_command),
        CommandHandler("menu", menu.menu),
        CommandHandler("hasil", results.results),
        CommandHandler("jadwal", schedule.schedule),
        CallbackQueryHandler(schedule.confirm, pattern="^sch:yes:"),
        CallbackQueryHandler(schedule.decline, pattern="^sch:no:"),
        CallbackQueryHandler(schedule.ask_again, pattern="^sch:redo:"),
        CallbackQueryHandler(schedule.add_to_calendar, pattern="^sch:ics:"),
        CallbackQueryHandler(schedule_booking.choose, pattern="^sch:pick:"),
        CallbackQueryHandler(schedule_booking.book, pattern="^sch:book:"),
        CallbackQueryHandler(schedule_booking.move, pattern="^sch:move:"),
        CallbackQueryHandler(schedule_booking.move_to, pattern="^sch:mv:"),
        CallbackQueryHandler(schedule_booking.cancel, pattern="^sch:cancel:"),
        CommandHandler("gapura", courses.gapura),
        CommandHandler("jp", jp.jp_command),
        CommandHandler("pengingat", reminders.reminders),
        CallbackQueryHandler(reminders.toggle, pattern=rf"^{reminders.TOGGLE}:t:\d+$"),
        CallbackQueryHandler(reminders.acknowledge, pattern=rf"^{ACK}:ack:\d+$"),
        CallbackQueryHandler(survey.pressed, pattern=SURVEY_PATTERN),
        ChatMemberHandler(reminders.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
        CallbackQueryHandler(courses.list_page, pattern="^gap:l:"),
        CallbackQueryHandler(courses.choose_filter, pattern="^gap:f[cm]:"),
        CallbackQueryHandler(courses.recommended, pattern="^gap:r$"),
        CallbackQueryHandler(courses.details, pattern=r"^gap:c:\d+$"),
        CallbackQueryHandler(courses.act, pattern=courses.ACTION_PATTERN),
        # Admin commands check the role themselves and answer like unknown ones.
        CommandHandler("cek", admin.link_status),
        CommandHandler("lepas", admin.admin_unlink),
        CommandHandler("impor", admin_data.impor),
        CallbackQueryHandler(admin_data.send_template, pattern=f"^{admin_data.TEMPLATE}:"),
        CommandHandler("jadwalulang", admin_queue.queue),
        CallbackQueryHandler(admin_queue.more, pattern=r"^rq:p:\d+$"),
        CallbackQueryHandler(admin_queue.approve, pattern=r"^rq:ok:\d+$"),
        CallbackQueryHandler(admin_queue.back, pattern=r"^rq:back:\d+$"),
        CallbackQueryHandler(admin_queue.move_to, pattern=r"^rq:to:\d+:\d+$"),
        CallbackQueryHandler(admin_queue.reject, pattern=r"^rq:no:\d+$"),
        CommandHandler("presensi", admin_checkin.presensi),
        CallbackQueryHandler(admin_checkin.chosen, pattern=admin_checkin.PATTERN),
        CommandHandler("rilis", admin_release.release_list),
        CallbackQueryHandler(admin_release.ask, pattern=r"^rel:ask:\d+$"),
        CallbackQueryHandler(admin_release.confirm, pattern=r"^rel:yes:\d+$"),
        CallbackQueryHandler(admin_release.cancel, pattern="^rel:no$"),
        CommandHandler("statistik", admin_stats.statistics),
        CallbackQueryHandler(admin_stats_details.detail_page, pattern=admin_stats_details.PATTERN),
        CallbackQueryHandler(admin_stats.back, pattern=f"^{admin_stats.HOME}$"),
        CallbackQueryHandler(admin_stats_survey.survey_page, pattern=admin_stats_survey.PATTERN),
        CallbackQueryHandler(
            admin_stats_survey.survey_file, pattern=admin_stats_survey.FILE_PATTERN
        ),
        CallbackQueryHandler(
            admin_stats_course_eval.course_eval_page, pattern=admin_stats_course_eval.PATTERN
        ),
        CommandHandler("ekspor", admin_exports.exports),
        CallbackQueryHandler(admin_exports.choose, pattern=admin_exports.LIST_PATTERN),
        CallbackQueryHandler(admin_exports.send_file, pattern=admin_exports.FILE_PATTERN),
        CallbackQueryHandler(admin_exports.send_jp, pattern=admin_exports.JP_PATTERN),
        CommandHandler("audit", admin_audit.audit_log),
        CommandHandler("umumkan", admin_broadcast.announce),
        CallbackQueryHandler(admin_broadcast.no_attachment, pattern="^bc:na$"),
        CallbackQueryHandler(admin_broadcast_audience.choose_audience, pattern=r"^bc:a:[a-z]+$"),
        CallbackQueryHandler(admin_broadcast_audience.list_page, pattern=r"^bc:l:[a-z]+:\d+$"),
        CallbackQueryHandler(admin_broadcast_audience.choose_item, pattern=r"^bc:s:[a-z]+:\d+$"),
        CallbackQueryHandler(admin_broadcast_audience.change_audience, pattern="^bc:aud$"),
        CallbackQueryHandler(admin_broadcast_send.toggle_ack, pattern="^bc:ack$"),
        CallbackQueryHandler(admin_broadcast_send.send, pattern="^bc:go$"),
        CallbackQueryHandler(admin_broadcast_send.send_now, pattern="^bc:now$"),
        CallbackQueryHandler(admin_broadcast_reach.unreached_file, pattern="^bc:nr$"),
        CallbackQueryHandler(admin_broadcast.cancel_draft, pattern="^bc:x$"),
        CallbackQueryHandler(admin_broadcast_send.control, pattern=r"^bc:[prc]:\d+$"),
        CallbackQueryHandler(admin_broadcast_send.send_waiting_now, pattern=r"^bc:n:\d+$"),
        CallbackQueryHandler(admin_broadcast_send.mark_read, pattern=r"^bcr:\d+$"),
        CallbackQueryHandler(admin_audit.older, pattern=r"^aud:p:\d+$"),
        CallbackQueryHandler(admin_menu.task_pressed, pattern=rf"^{admin_menu.AREA}:[a-z]+$"),
        CallbackQueryHandler(consent.agree, pattern=f"^{consent.CONSENT_YES}$"),
        CallbackQueryHandler(consent.decline, pattern=f"^{consent.CONSENT_NO}$"),
        CallbackQueryHandler(start.link_button, pattern=f"^{LINK_START}$"),
        CallbackQueryHandler(menu.menu_pressed, pattern="^menu:"),
        CallbackQueryHandler(questions.task_pressed, pattern=questions.PATTERN),
        CallbackQueryHandler(results.reveal, pattern=rf"^{results.SHOW}:\d+$"),
        CallbackQueryHandler(results.recommendations, pattern=rf"^{results.RECOMMEND}:\d+$"),
        CallbackQueryHandler(linking.unlink_answer, pattern=rf"^{linking.UNLINK}:(yes:\d+|no)$"),
        CallbackQueryHandler(linking.delete_answer, pattern="^delete:"),
        CallbackQueryHandler(linking.language_chosen, pattern=f"^{linking.LANGUAGE}(id|en)$"),
        MessageHandler(filters.CONTACT, questions.on_contact),
        # Last: any other command, then any other text (a question in plain words, or
        # a NIP or code while linking), then any other button.
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(filters.TEXT, questions.on_text),
        CallbackQueryHandler(unknown_button),
    ],
}

__all__ = ["HANDLERS", "on_error"]
