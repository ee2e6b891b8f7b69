"""One asnbot instance of the chaos benchmark (``bench/chaos.py``), in its own process so
that it can be killed with SIGKILL.

    python -m bench.chaos_bot SINCE

It is ``asnbot run --webhook`` as an operator starts it: the settings come from the
``ASNBOT_*`` environment, the application is the real one, its JobQueue runs the
dispatcher on the wall clock every ``ASNBOT_DISPATCH_INTERVAL_SECONDS``. Two things
differ. The clock is moved so that SINCE (seconds since the epoch, the same for
every instance and every restart) is 10:00 on a working day
(``bench.common.WorkingDayClock``): quiet hours hold nothing back, and the
instances agree on the time as NTP would make them. And the planner is off: the
benchmark inserts the notices it counts, and the planner would add the demo's own
on a schedule of its own. Prints ``ready`` once the webhook is set; SIGTERM stops
it gracefully.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bench.common import WorkingDayClock
from bot.application import build_application, running
from bot.settings import Settings
from jobs import PLANNER


async def serve(since: float) -> None:
    """Run the instance until SIGTERM."""
    settings = Settings()
    application = build_application(settings, clock=WorkingDayClock(since))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with running(application, settings, webhook=True):
        assert application.job_queue is not None
        for job in application.job_queue.get_jobs_by_name(PLANNER):
            job.enabled = False
        print("ready", flush=True)
        await stop.wait()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(serve(float(sys.argv[1])))


if __name__ == "__main__":
    main()
