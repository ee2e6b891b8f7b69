"""aiohttp routes of the Bot API (/bot<token>/<method>), file downloads and the web page."""

from __future__ import annotations

import asyncio
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.errors import ApiError
from sandbox.spec import UploadedFile, canonical_method, validate

if TYPE_CHECKING:
    from sandbox.emulator import Emulator

EMULATOR_KEY: web.AppKey[Emulator] = web.AppKey("emulator")
# The web chat page, package data read through importlib.resources (a wheel has it too).
WEB_DIR = resources.files("sandbox").joinpath("web")
CONTENT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript"}
# The Bot API accepts uploads up to 50 MB.
MAX_BODY = 50 * 1024 * 1024


async def read_params(request: web.Request) -> dict[str, Any]:
    """Query string plus JSON, urlencoded or multipart body; file parts → UploadedFile."""
    params: dict[str, Any] = dict(request.query)
    if not request.body_exists:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON encoded request body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: request body must be a JSON object")
        params.update({k: v for k, v in body.items() if v is not None})
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                params[key] = value
    return params


def _json_default(value: object) -> object:
    if isinstance(value, UploadedFile):
        return {
            "filename": value.filename,
            "content_type": value.content_type,
            "size": len(value.data),
        }
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(value: object) -> str:
    """JSON with uploaded files shown as their name, type and size."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


async def handle_bot_method(request: web.Request) -> web.StreamResponse:
    """Every Bot API call: token, method, faults, validation, handler, record."""
    emu = request.app[EMULATOR_KEY]
    name = request.match_info["method"]
    if request.match_info["token"] != emu.token:
        body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
        return web.json_response(body, status=401)
    method = canonical_method(name) or name
    params: dict[str, Any] = {}
    try:
        params = await read_params(request)
        if canonical_method(name) is None:
            # The real server answers 404, which python-telegram-bot reports as an invalid
            # token; a 400 with the method name is easier to act on.
            raise ApiError(400, f'Bad Request: unknown method "{name}"')
        fault = emu.faults.take(method)
        if fault is not None:
            await asyncio.sleep(fault.delay)  # whatever the kind: an error can come late too
            if fault.kind == "drop":
                emu.state.record_call(method, params, 0, None, emu.limiter.monotonic())
                if request.transport is not None:
                    request.transport.close()
                return web.Response(status=500)
            if fault.kind == "error":
                raise ApiError(fault.status, fault.description)
        handler = emu.methods.handlers.get(method)
        if handler is None:
            raise ApiError(400, f'Bad Request: method "{method}" is not supported by this emulator')
        params = validate(method, params)
        result = await handler(params)
        status, body = 200, {"ok": True, "result": result}
    except ApiError as exc:
        status, body = exc.code, exc.to_json()
    emu.state.record_call(method, params, status, body, emu.limiter.monotonic())
    return web.Response(text=dumps(body), status=status, content_type="application/json")


async def handle_file(request: web.Request) -> web.StreamResponse:
    """GET /file/bot<token>/<file_path>: the bytes of a stored file."""
    emu = request.app[EMULATOR_KEY]
    if request.match_info["token"] != emu.token:
        return web.json_response(
            {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
        )
    stored = emu.state.files_by_path.get(request.match_info["path"])
    if stored is None:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )
    return web.Response(
        body=stored.data, content_type=stored.mime_type or "application/octet-stream"
    )


async def handle_index(request: web.Request) -> web.StreamResponse:
    """The web chat page when sandbox/web/index.html exists, else a pointer to the API."""
    index = WEB_DIR.joinpath("index.html")
    if index.is_file():
        return web.Response(body=index.read_bytes(), content_type="text/html", charset="utf-8")
    return web.Response(
        text="Telegram Bot API emulator. JSON API under /sandbox/api/, see sandbox/API.md.\n"
    )


async def handle_web_static(request: web.Request) -> web.StreamResponse:
    """The files of sandbox/web/ under /web/, by name (nothing outside the folder)."""
    name = request.match_info["path"]
    suffix = name[name.rfind(".") :] if "." in name else ""
    files = {entry.name: entry for entry in WEB_DIR.iterdir() if entry.is_file()}
    if name not in files or suffix not in CONTENT_TYPES:
        raise web.HTTPNotFound()
    return web.Response(
        body=files[name].read_bytes(), content_type=CONTENT_TYPES[suffix], charset="utf-8"
    )


def add_bot_routes(app: web.Application) -> None:
    """Register the Bot API, file and web page routes."""
    app.router.add_route("*", "/bot{token}/{method}", handle_bot_method)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    app.router.add_get("/", handle_index)
    app.router.add_get("/web/{path:.+}", handle_web_static)
