"""JobQueue callbacks, and :func:`schedule_jobs`, the one list of recurring jobs.

Every job reads what to do from the database, so a restart loses nothing and two
instances never do one thing twice (or, for deletions, harmlessly try twice).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import JobQueue

from jobs.broadcasts import report_progress
from jobs.checkins import refresh_boards
from jobs.deletions import (
    delete_due_messages,
    forget_expired_steps,
    forget_idle_paces,
    forget_old_failures,
)
from jobs.dispatch import dispatch_due
from jobs.planning import plan_notifications
from jobs.surveys import close_survey_periods
from jobs.waitlist import expire_offers

PLANNER, DISPATCHER = "plan_notifications", "dispatch_notifications"
BROADCAST_PROGRESS = "broadcast_progress"
CHECKIN_BOARDS = "checkin_boards"
DELETIONS = "delete_messages"
FORGET_FAILURES = "forget_link_attempts"
FORGET_STEPS = "forget_expired_steps"
FORGET_PACES = "forget_idle_paces"
CLOSE_SURVEYS = "close_survey_periods"
# APScheduler defaults for every job: a run delayed by a busy loop or a pause is
# still made (misfire grace), and runs missed back to back collapse into one.
JOB_DEFAULTS = {"misfire_grace_time": 300, "coalesce": True, "max_instances": 1}


def schedule_jobs(job_queue: JobQueue[Any]) -> None:
    """Register every recurring job with its interval."""
    # configure() resets what it is not given: keep python-telegram-bot's own settings.
    job_queue.scheduler.configure(job_defaults=JOB_DEFAULTS, **job_queue.scheduler_configuration)
    job_queue.run_repeating(expire_offers, interval=60, first=10, name="expire_offers")
    settings = job_queue.application.bot_data.settings
    # The outbox: plan every few minutes, send what is due every few seconds.
    plan_every, send_every = settings.plan_interval_seconds, settings.dispatch_interval_seconds
    job_queue.run_repeating(
        plan_notifications, interval=plan_every, first=min(60, plan_every), name=PLANNER
    )
    job_queue.run_repeating(dispatch_due, interval=send_every, first=send_every, name=DISPATCHER)
    # Announcements: the admin's live progress message (its edits are throttled).
    job_queue.run_repeating(report_progress, interval=2, first=2, name=BROADCAST_PROGRESS)
    # Check-in: the admin's live count "Hadir x dari y" (its edits are throttled too).
    job_queue.run_repeating(refresh_boards, interval=3, first=3, name=CHECKIN_BOARDS)
    # Revealed results whose minutes are up (planned in the database).
    job_queue.run_repeating(delete_due_messages, interval=30, first=30, name=DELETIONS)
    # Failed link attempts, once the attempt limit no longer counts them.
    job_queue.run_repeating(forget_old_failures, interval=3600, first=300, name=FORGET_FAILURES)
    # Conversation steps a day after they expired (an answer that late is no answer).
    job_queue.run_repeating(forget_expired_steps, interval=3600, first=360, name=FORGET_STEPS)
    # Sending paces of chats quiet for a day (bot/flood.py keeps one per chat).
    job_queue.run_repeating(forget_idle_paces, interval=3600, first=600, name=FORGET_PACES)
    # Survey periods closed since (a year and a month): who answered is forgotten.
    job_queue.run_repeating(close_survey_periods, interval=3600, first=900, name=CLOSE_SURVEYS)
