"""JSON HTTP API for simulated users under /sandbox/api/ (curl, other languages, web page).

Success answers are plain JSON objects; errors are {"error": "..."} with a 4xx status.
See sandbox/API.md.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.faults import Fault
from sandbox.server import EMULATOR_KEY, dumps
from sandbox.state import ChatEvent
from sandbox.users import SimulatedUser
from sandbox.views import MessageView, keyboard_button_json, keyboard_json

if TYPE_CHECKING:
    from sandbox.emulator import Emulator

PREFIX = "/sandbox/api"
_USER_FIELDS = ("first_name", "last_name", "username", "language_code", "phone_number")


class ApiInputError(Exception):
    """A client error of the JSON API: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _ok(value: Any, status: int = 200) -> web.Response:
    return web.Response(text=dumps(value), status=status, content_type="application/json")


@web.middleware
async def _errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Turn input errors into {"error": ...} answers for the JSON API routes.

    A ValueError from a user action (bad coordinates, no phone number to share, ...) is
    the client's mistake too: 400 with its message.
    """
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except ApiInputError as exc:
        if not request.path.startswith(PREFIX):
            raise
        return _ok({"error": str(exc)}, exc.status)
    except ValueError as exc:
        if not request.path.startswith(PREFIX):
            raise
        return _ok({"error": str(exc) or "invalid input"}, 400)


def _emu(request: web.Request) -> Emulator:
    return request.app[EMULATOR_KEY]


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.body_exists:
        return {}
    try:
        body = await request.json()
    except (ValueError, json.JSONDecodeError):
        raise ApiInputError(400, "the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise ApiInputError(400, "the body must be a JSON object")
    return body


def _user(request: web.Request) -> SimulatedUser:
    raw = request.match_info["user_id"]
    try:
        user_id = int(raw)
    except ValueError:
        raise ApiInputError(400, f"user id must be an integer, got {raw!r}") from None
    user = _emu(request).users.get(user_id)
    if user is None:
        raise ApiInputError(404, f"no user {user_id}; create it with POST {PREFIX}/users")
    return user


def file_url(file_id: str) -> str:
    """Where the JSON API serves a stored file."""
    return f"{PREFIX}/files/{file_id}"


def message_json(view: MessageView) -> dict[str, Any]:
    """A message as the web page and scripts see it."""
    raw = view.raw
    result: dict[str, Any] = {
        "message_id": view.message_id,
        "from_bot": view.from_bot,
        "date": raw.get("date"),
        "edited": "edit_date" in raw,
        "kind": view.kind,
        "text": view.text,
        "html": view.html,
        "entities": view.entities,
        "buttons": [
            [{"text": b.text, "callback_data": b.callback_data, "url": b.url} for b in row]
            for row in view.buttons
        ],
        "reply_keyboard": view.reply_keyboard,
        "reply_markup": view.reply_markup,
    }
    if "document" in raw:
        doc = raw["document"]
        result["document"] = {
            "file_id": doc["file_id"],
            "file_name": doc.get("file_name"),
            "mime_type": doc.get("mime_type"),
            "file_size": doc.get("file_size"),
            "url": file_url(doc["file_id"]),
        }
    if raw.get("photo"):
        size = raw["photo"][-1]
        result["photo"] = {
            "file_id": size["file_id"],
            "width": size["width"],
            "height": size["height"],
            "url": file_url(size["file_id"]),
        }
    for key in ("location", "venue", "contact"):
        if key in raw:
            result[key] = raw[key]
    return result


def event_json(event: ChatEvent, emu: Emulator) -> dict[str, Any]:
    """A chat event; message/user_message/edit carry the message as it was then."""
    kind = "message" if event.kind in ("message", "user_message") else event.kind
    result: dict[str, Any] = {
        "seq": event.seq,
        "kind": kind,
        "message_id": event.message_id,
    }
    if event.message is not None:
        result["message"] = message_json(MessageView(event.message, emu))
    if event.answer is not None:
        result["answer"] = event.answer
    return result


def _not_blocked(user: SimulatedUser) -> None:
    if user.chat.blocked:
        raise ApiInputError(409, "the user has blocked the bot; unblock first")


async def bot_info(request: web.Request) -> web.StreamResponse:
    """GET /bot: the bot user and the commands a private chat shows, per language_code
    (those set for all private chats, else the default scope's)."""
    emu = _emu(request)
    commands: dict[str, list[dict[str, str]]] = {}
    for wanted in ("default", "all_private_chats"):
        scope_key = json.dumps({"type": wanted}, sort_keys=True)
        for (scope, language), entries in sorted(emu.state.commands.items()):
            if scope == scope_key:
                commands[language] = list(entries)
    bot = emu.bot_user
    return _ok(
        {
            "id": bot["id"],
            "first_name": bot["first_name"],
            "username": bot.get("username"),
            "commands": commands,
        }
    )


async def create_user(request: web.Request) -> web.StreamResponse:
    """POST /users {id, first_name, ...}: create or update a user."""
    body = await _body(request)
    user_id = body.get("id")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise ApiInputError(400, '"id" must be a positive integer')
    for key in _USER_FIELDS:
        if body.get(key) is not None and not isinstance(body[key], str):
            raise ApiInputError(400, f'"{key}" must be a string')
    emu = _emu(request)
    created = user_id not in emu.users
    user = emu.user(user_id, **{k: body.get(k) for k in _USER_FIELDS})
    return _ok(user.to_json(), 201 if created else 200)


async def list_users(request: web.Request) -> web.StreamResponse:
    """GET /users."""
    return _ok({"users": [u.to_json() for u in _emu(request).users.values()]})


async def get_user(request: web.Request) -> web.StreamResponse:
    """GET /users/{id}."""
    return _ok(_user(request).to_json())


def _sent(user: SimulatedUser, data: dict[str, Any]) -> web.StreamResponse:
    stored = user.chat.messages[data["message_id"]]
    return _ok(message_json(MessageView(stored, user.emu)), 201)


async def send_text(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/messages {text}."""
    user = _user(request)
    text = (await _body(request)).get("text")
    if not isinstance(text, str) or not text:
        raise ApiInputError(400, '"text" must be a non-empty string')
    _not_blocked(user)
    return _sent(user, await user.send(text))


async def press(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/press {label | callback_data, message_id?, wait?}."""
    user = _user(request)
    body = await _body(request)
    label, data = body.get("label"), body.get("callback_data")
    if label is None and data is None:
        raise ApiInputError(400, 'give "label" or "callback_data"')
    message = None
    if body.get("message_id") is not None:
        stored = user.chat.messages.get(body["message_id"])
        if stored is None or stored.deleted:
            raise ApiInputError(404, f"no message {body['message_id']} in the chat")
        message = MessageView(stored, user.emu)
    wait = body.get("wait", 5)
    if not isinstance(wait, int | float) or not 0 <= wait <= 60:
        raise ApiInputError(400, '"wait" must be 0-60 seconds')
    try:
        answer = await user.press(label, callback_data=data, message=message, wait_answer=None)
    except AssertionError as exc:
        raise ApiInputError(404, str(exc)) from None
    record = user.emu.state.callback_queries[answer.query_id]
    if wait:
        await user.emu.state.chat_signal.wait_until(lambda: record.answer is not None, wait)
    result: dict[str, Any] = {
        "callback_query_id": answer.query_id,
        "answered": record.answer is not None,
    }
    if record.answer is not None:
        result.update(
            text=record.answer["text"],
            show_alert=record.answer["show_alert"],
            url=record.answer["url"],
        )
    return _ok(result)


async def tap(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/tap {label}: a reply keyboard button."""
    user = _user(request)
    label = (await _body(request)).get("label")
    if not isinstance(label, str):
        raise ApiInputError(400, '"label" must be a string')
    _not_blocked(user)
    try:
        return _sent(user, await user.tap(label))
    except AssertionError as exc:
        raise ApiInputError(404, str(exc)) from None


async def contact(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/contact {} (own) or {phone_number, user_id?, first_name?, ...}."""
    user = _user(request)
    body = await _body(request)
    _not_blocked(user)
    try:
        data = await user.share_contact(
            phone_number=body.get("phone_number"),
            user_id=body.get("user_id"),
            first_name=body.get("first_name"),
            last_name=body.get("last_name"),
        )
    except ValueError as exc:
        raise ApiInputError(400, str(exc)) from None
    return _sent(user, data)


def _coordinate(body: dict[str, Any], key: str, limit: float) -> float:
    value = body.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ApiInputError(400, f'"{key}" must be a number')
    if not -limit <= value <= limit:
        raise ApiInputError(400, f'"{key}" must be between {-limit:g} and {limit:g}')
    return float(value)


async def send_location(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/location {latitude, longitude}."""
    user = _user(request)
    body = await _body(request)
    latitude = _coordinate(body, "latitude", 90)
    longitude = _coordinate(body, "longitude", 180)
    _not_blocked(user)
    return _sent(user, await user.send_location(latitude, longitude))


async def upload_document(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/documents multipart: file part "document", optional "caption"."""
    user = _user(request)
    if request.content_type != "multipart/form-data":
        raise ApiInputError(400, "send multipart/form-data with a file part named document")
    form = await request.post()
    part = form.get("document")
    if not isinstance(part, web.FileField):
        raise ApiInputError(400, 'missing file part "document"')
    caption = form.get("caption")
    _not_blocked(user)
    data = await user.send_document(
        part.filename,
        part.file.read(),
        mime_type=part.content_type or None,
        caption=caption if isinstance(caption, str) and caption else None,
    )
    return _sent(user, data)


async def block(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/block."""
    user = _user(request)
    await user.block()
    return _ok(user.to_json())


async def unblock(request: web.Request) -> web.StreamResponse:
    """POST /users/{id}/unblock."""
    user = _user(request)
    await user.unblock()
    return _ok(user.to_json())


def command_menu(emu: Emulator, user: SimulatedUser) -> list[dict[str, Any]]:
    """The commands Telegram's "Menu" button shows this user in their private chat: the
    first list set for the chat's scope, then all private chats, then the default; in
    each, the one for the user's language before the one for every language."""
    scopes = (
        {"type": "chat", "chat_id": user.id},
        {"type": "all_private_chats"},
        {"type": "default"},
    )
    languages = [user.language_code or "", ""]
    for scope in scopes:
        for language in dict.fromkeys(languages):
            found = emu.state.commands.get((json.dumps(scope, sort_keys=True), language))
            if found:
                return list(found)
    return []


async def read_commands(request: web.Request) -> web.StreamResponse:
    """GET /users/{id}/commands: the bot's command menu as this user sees it."""
    return _ok({"commands": command_menu(_emu(request), _user(request))})


async def read_chat(request: web.Request) -> web.StreamResponse:
    """GET /users/{id}/chat: current messages and the reply keyboard shown."""
    user = _user(request)
    keyboard = user.current_reply_keyboard()
    rows = None
    if keyboard is not None:
        rows = [[keyboard_button_json(b) for b in row] for row in keyboard["keyboard"]]
    events = user.chat.events
    return _ok(
        {
            "user": user.to_json(),
            "messages": [message_json(v) for v in user.chat_messages],
            "reply_keyboard": rows,
            "reply_keyboard_markup": keyboard_json(keyboard),
            "last_seq": events[-1].seq if events else 0,
        }
    )


async def events(request: web.Request) -> web.StreamResponse:
    """GET /users/{id}/events?after=SEQ&timeout=25: long poll for chat events."""
    user = _user(request)
    emu = _emu(request)
    try:
        after = int(request.query.get("after", "0"))
        timeout = min(max(float(request.query.get("timeout", "0")), 0.0), 60.0)
    except ValueError:
        raise ApiInputError(400, '"after" must be an integer and "timeout" a number') from None
    chat = user.chat

    def pending() -> list[ChatEvent]:
        return [e for e in chat.events if e.seq > after]

    if timeout:
        await emu.state.chat_signal.wait_until(lambda: emu.closing or bool(pending()), timeout)
    found = pending()
    last = found[-1].seq if found else max(after, 0)
    return _ok({"events": [event_json(e, emu) for e in found], "last_seq": last})


async def download(request: web.Request) -> web.StreamResponse:
    """GET /files/{file_id}: a stored file's bytes."""
    stored = _emu(request).state.files.get(request.match_info["file_id"])
    if stored is None:
        raise ApiInputError(404, "no such file")
    headers = {}
    if stored.file_name:
        headers["Content-Disposition"] = f'attachment; filename="{stored.file_name}"'
    return web.Response(
        body=stored.data,
        headers=headers,
        content_type=stored.mime_type or "application/octet-stream",
    )


async def add_fault(request: web.Request) -> web.StreamResponse:
    """POST /faults {kind, method?, times?, status?, description?, delay?, chance?, seed?};
    ``times`` null: a rule without end."""
    body = await _body(request)
    times = body.get("times", 1)
    try:
        fault = Fault(
            kind=str(body.get("kind", "error")),
            method=body.get("method"),
            times=None if times is None else int(times),
            status=int(body.get("status", 500)),
            description=str(body.get("description", "Internal Server Error")),
            delay=float(body.get("delay", 0.0)),
            chance=float(body.get("chance", 1.0)),
            seed=int(body.get("seed", 0)),
        )
        _emu(request).faults.add(fault)
    except (TypeError, ValueError) as exc:
        raise ApiInputError(400, str(exc)) from None
    return _ok(fault.to_json(), 201)


async def list_faults(request: web.Request) -> web.StreamResponse:
    """GET /faults."""
    return _ok({"faults": [f.to_json() for f in _emu(request).faults.rules]})


async def clear_faults(request: web.Request) -> web.StreamResponse:
    """DELETE /faults."""
    _emu(request).faults.clear()
    return _ok({"faults": []})


async def calls(request: web.Request) -> web.StreamResponse:
    """GET /calls?method=sendMessage&after=N: recorded Bot API calls (index = position)."""
    emu = _emu(request)
    method = request.query.get("method", "").lower()
    try:
        after = int(request.query.get("after", "-1"))
    except ValueError:
        raise ApiInputError(400, '"after" must be an integer') from None
    result = [
        {
            "index": i,
            "method": c.method,
            "params": c.params,
            "status": c.status,
            "response": c.response,
            "timestamp": c.timestamp,
        }
        for i, c in enumerate(emu.calls)
        if i > after and (not method or c.method.lower() == method)
    ]
    return _ok({"calls": result})


def add_api_routes(app: web.Application) -> None:
    """Register the JSON API routes and its error middleware."""
    app.middlewares.append(_errors)
    r = app.router
    r.add_get(f"{PREFIX}/bot", bot_info)
    r.add_post(f"{PREFIX}/users", create_user)
    r.add_get(f"{PREFIX}/users", list_users)
    r.add_get(f"{PREFIX}/users/{{user_id}}", get_user)
    r.add_post(f"{PREFIX}/users/{{user_id}}/messages", send_text)
    r.add_post(f"{PREFIX}/users/{{user_id}}/press", press)
    r.add_post(f"{PREFIX}/users/{{user_id}}/tap", tap)
    r.add_post(f"{PREFIX}/users/{{user_id}}/contact", contact)
    r.add_post(f"{PREFIX}/users/{{user_id}}/location", send_location)
    r.add_post(f"{PREFIX}/users/{{user_id}}/documents", upload_document)
    r.add_post(f"{PREFIX}/users/{{user_id}}/block", block)
    r.add_post(f"{PREFIX}/users/{{user_id}}/unblock", unblock)
    r.add_get(f"{PREFIX}/users/{{user_id}}/chat", read_chat)
    r.add_get(f"{PREFIX}/users/{{user_id}}/commands", read_commands)
    r.add_get(f"{PREFIX}/users/{{user_id}}/events", events)
    r.add_get(f"{PREFIX}/files/{{file_id}}", download)
    r.add_post(f"{PREFIX}/faults", add_fault)
    r.add_get(f"{PREFIX}/faults", list_faults)
    r.add_delete(f"{PREFIX}/faults", clear_faults)
    r.add_get(f"{PREFIX}/calls", calls)
