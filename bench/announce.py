"""An announcement to thousands, with the emulator enforcing Telegram's limits (30
messages in any sliding second, about one a second per chat).

``recipients`` linked employees each get one ``broadcast`` notification, due
now (inserted directly: the measured part is the dispatcher, not the admin's
chat flow). The real application, with its production settings (its flood
control, ``bot/flood.py``, pacing through the database), runs its real
dispatcher job back to back until nothing is pending. Achieved rate = messages
delivered / time from the first delivery to the last; 429s are counted from the
emulator's record of calls, and so is the busiest second (the most messages
within any one second).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pydantic import SecretStr
from sqlalchemy import func, select

from bench.common import (
    FIRST_USER,
    TOKEN,
    Sizes,
    WorkingDayClock,
    link_and_announce,
    remove_db,
    say,
    sqlite_url,
    work_copy,
)
from bot.application import build_application
from bot.context import BotContext
from bot.core.vocabulary import NotificationStatus
from bot.settings import Settings
from jobs import DISPATCHER
from models.db import create_engine
from models.outbox import Notification
from sandbox import Emulator
from sandbox.limits import busiest

LIMIT = 30.0
LIVE = [NotificationStatus.PENDING, NotificationStatus.CLAIMED]


@dataclass
class AnnounceResult:
    recipients: int
    delivered: int
    seconds: float
    too_many: int
    rate_setting: float
    busiest: int = 0

    @property
    def rate(self) -> float:
        return self.delivered / self.seconds if self.seconds else 0.0

    @property
    def fraction(self) -> float:
        return self.rate / LIMIT


async def pending(db_url: str) -> int:
    engine = create_engine(db_url)
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(Notification).where(Notification.status.in_(LIVE))
        )
    await engine.dispose()
    return int(count or 0)


async def run(sizes: Sizes) -> AnnounceResult:
    db_path = await work_copy(sizes, "announce")
    db_url = sqlite_url(db_path)
    clock = WorkingDayClock()
    await link_and_announce(db_url, sizes.recipients, clock.now())
    emulator = Emulator(token=TOKEN)  # Telegram's limits: 30/s overall, 1/s a chat
    await emulator.start(host="127.0.0.1", port=0)
    for i in range(sizes.recipients):
        emulator.user(FIRST_USER + i, first_name=f"Pegawai {i}")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        token=SecretStr(TOKEN),
        api_base_url=emulator.base_url,
        database_url=db_url,
        log_level="WARNING",
    )
    say(
        f"announce: {sizes.recipients:,} recipients at ASNBOT_BROADCAST_RATE="
        f"{settings.broadcast_rate:g}"
    )
    application = build_application(settings, clock=clock)
    try:
        async with application:
            assert application.job_queue is not None
            job = application.job_queue.get_jobs_by_name(DISPATCHER)[0]
            started = time.perf_counter()
            while await pending(db_url):
                await job.callback(BotContext.from_job(job, application))
                if time.perf_counter() - started > sizes.recipients / 5 + 60:
                    raise RuntimeError("the announcement did not finish")
    finally:
        await emulator.stop()
        remove_db(db_path)
    sends = emulator.calls_to("sendMessage")
    delivered = [c for c in sends if c.status == 200]
    too_many = sum(1 for c in sends if c.status == 429)
    seconds = delivered[-1].timestamp - delivered[0].timestamp if len(delivered) > 1 else 0.0
    # n messages span n-1 intervals: count the first one's interval too.
    seconds += seconds / max(len(delivered) - 1, 1)
    return AnnounceResult(
        sizes.recipients,
        len(delivered),
        seconds,
        too_many,
        settings.broadcast_rate,
        busiest(c.at for c in delivered),
    )


def table(result: AnnounceResult) -> str:
    return "\n".join(
        [
            "| recipients | delivered | seconds | achieved rate | of the 30/s limit | 429s "
            "| busiest second | ASNBOT_BROADCAST_RATE |",
            "|---|---|---|---|---|---|---|---|",
            f"| {result.recipients:,} | {result.delivered:,} | {result.seconds:.1f} "
            f"| {result.rate:.2f}/s | {result.fraction:.1%} | {result.too_many} "
            f"| {result.busiest} | {result.rate_setting:g} |",
        ]
    )
