"""The bot's own HTTP server (aiohttp): the Telegram webhook, ``/healthz``, ``/metrics``.

python-telegram-bot's ``run_webhook`` serves only the webhook (on tornado), so the
bot runs this one server instead, as in python-telegram-bot's
``examples/customwebhookbot``: a POST on the webhook path is checked against the
secret token, parsed into an :class:`~telegram.Update` and put on the
application's update queue. In polling mode the same server, when
``ASNBOT_LISTEN_PORT`` is set, serves only ``/healthz`` and ``/metrics``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import Update

from bot.metrics import Metrics, refresh_database_gauges
from bot.settings import ConfigError, Settings
from models.queries import ops

if TYPE_CHECKING:
    from bot.application import BotApplication

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# A health check must answer before the load balancer's own timeout does.
DATABASE_TIMEOUT = 2.0


@dataclass(frozen=True)
class Webhook:
    """Where Telegram sends updates and the secret it sends with them."""

    url: str
    secret: str
    path: str


def webhook_from(settings: Settings) -> Webhook:
    """The webhook settings, or a one-line :class:`ConfigError` naming what is missing."""
    url = settings.webhook_url.strip()
    secret = settings.webhook_secret.get_secret_value().strip()
    if not url:
        raise ConfigError(
            "ASNBOT_WEBHOOK_URL is not set: webhook mode needs the public HTTPS URL "
            "that Telegram calls (your reverse proxy)."
        )
    if not secret:
        raise ConfigError(
            "ASNBOT_WEBHOOK_SECRET is not set: webhook mode needs a secret token "
            "(1-256 characters of A-Z a-z 0-9 _ -)."
        )
    if not SECRET_SHAPE.match(secret):
        raise ConfigError("ASNBOT_WEBHOOK_SECRET may hold only A-Z a-z 0-9 _ - (1-256 characters).")
    if not settings.listen_port:
        raise ConfigError(
            "ASNBOT_LISTEN_PORT is not set: webhook mode needs a port for the bot's HTTP server."
        )
    path = "/" + settings.webhook_path.strip().lstrip("/")
    return Webhook(url=url, secret=secret, path=path)


class WebServer:
    """One aiohttp server for the webhook (when given), ``/healthz`` and ``/metrics``."""

    def __init__(self, application: BotApplication, webhook: Webhook | None = None) -> None:
        self.application = application
        self.webhook = webhook
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def metrics(self) -> Metrics:
        return self.application.bot_data.metrics

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics_page)
        if self.webhook is not None:
            app.router.add_post(self.webhook.path, self.telegram)
        return app

    async def start(self, host: str, port: int) -> None:
        """Listen on host:port (0 picks a free port, then found in :attr:`port`)."""
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=10)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        log.info("HTTP server listening on %s:%s", host, self.port)

    async def stop(self) -> None:
        """Stop listening; requests in flight are answered first."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def telegram(self, request: web.Request) -> web.Response:
        """Take one update from Telegram: a wrong or missing secret is refused."""
        assert self.webhook is not None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.webhook.secret.encode()):
            log.warning("webhook call refused: wrong or missing secret token")
            return web.Response(status=403)
        if not self.application.running:
            # Telegram retries; another instance (or this one, restarted) takes it.
            return web.Response(status=503)
        try:
            update = Update.de_json(await request.json(), self.application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("webhook call refused: not an update")
            return web.Response(status=400)
        await self.application.update_queue.put(update)
        return web.Response()

    async def healthz(self, _request: web.Request) -> web.Response:
        """Database reachable, job queue running, last dispatcher run: 200 or 503."""
        database = await self._database_reachable()
        job_queue = self.application.job_queue
        jobs = job_queue is not None and job_queue.scheduler.running
        last_run = self.metrics.last_dispatcher_run
        healthy = database and jobs and self.application.running
        body = {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "job_queue": jobs,
            "last_dispatcher_run": last_run.isoformat() if last_run else None,
        }
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_page(self, _request: web.Request) -> web.Response:
        """Prometheus text format; database gauges are read now."""
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT):
                await refresh_database_gauges(self.metrics, self.application.bot_data.db)
        except Exception as exc:  # any failure only leaves the gauges stale
            self.metrics.database_errors.inc()
            log.warning("metrics: database not read (%s)", type(exc).__name__)
        return web.Response(
            body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def _database_reachable(self) -> bool:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT), self.application.bot_data.db() as s:
                await ops.ping(s)
        except Exception as exc:  # whatever the driver raises, the answer is "no"
            self.metrics.database_errors.inc()
            log.warning("health check: database unreachable (%s)", type(exc).__name__)
            return False
        return True
