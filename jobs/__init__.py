"""JobQueue callbacks, and :func:`schedule_jobs`, the one list of recurring jobs.

The reminders issue adds the outbox dispatcher here; nothing recurs yet.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import JobQueue

from jobs.waitlist import expire_offers

# APScheduler defaults for every job: a run delayed by a busy loop or a pause is
# still made (misfire grace), and runs missed back to back collapse into one.
JOB_DEFAULTS = {"misfire_grace_time": 300, "coalesce": True, "max_instances": 1}


def schedule_jobs(job_queue: JobQueue[Any]) -> None:
    """Register every recurring job with its interval."""
    # configure() resets what it is not given: keep python-telegram-bot's own settings.
    job_queue.scheduler.configure(job_defaults=JOB_DEFAULTS, **job_queue.scheduler_configuration)
    job_queue.run_repeating(expire_offers, interval=60, first=10, name="expire_offers")
