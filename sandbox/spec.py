"""Validation of Bot API requests against the published specification (botapi/api.json).

Values arrive either typed (JSON body) or as strings (query string, urlencoded form,
multipart form where python-telegram-bot JSON-encodes every non-string value); both are
coerced to their typed form here so the method implementations only see clean values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sandbox.errors import ApiError

_INT_RE = re.compile(r"^-?\d+$")
_TRUE = {"true", "True", "1"}
_FALSE = {"false", "False", "0"}
_DISCRIMINATOR_RE = re.compile(r'(?:must be|always) "?([a-z_]+)"?')


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes


class _Mismatch(Exception):
    """Raised inside the recursive checker; turned into an ApiError at the top."""

    def __init__(self, path: str, expected: str) -> None:
        super().__init__(f"{path} must be {expected}")
        self.path = path
        self.expected = expected


@cache
def load_spec() -> dict[str, Any]:
    """The parsed api.json (methods and types), loaded once per process."""
    text = resources.files("sandbox.botapi").joinpath("api.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


@cache
def method_index() -> dict[str, str]:
    """Lower-case method name → canonical name; the real server ignores case."""
    return {name.lower(): name for name in load_spec()["methods"]}


def canonical_method(name: str) -> str | None:
    """The canonical spelling of a Bot API method, or None when it does not exist."""
    return method_index().get(name.lower())


def _discriminator(type_name: str) -> tuple[str, str] | None:
    """For a subtype like BotCommandScopeChat: ("type", "chat") from its field description."""
    fields = load_spec()["types"][type_name].get("fields", [])
    for field in fields:
        if field["name"] in ("type", "status", "source"):
            match = _DISCRIMINATOR_RE.search(field["description"])
            if match:
                return field["name"], match.group(1)
    return None


def _maybe_json(value: Any) -> Any:
    """Form values of non-string parameters are JSON-encoded strings."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _string(value: Any, path: str) -> Any:
    if isinstance(value, str):
        return value
    # The real server converts numbers given for string fields.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Mismatch(path, "String")


def _integer(value: Any, path: str) -> Any:
    if isinstance(value, bool):
        raise _Mismatch(path, "Integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT_RE.match(value.strip()):
        return int(value)
    raise _Mismatch(path, "Integer")


def _float(value: Any, path: str) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise _Mismatch(path, "Float")


def _boolean(value: Any, path: str) -> Any:
    if isinstance(value, bool):
        return value
    if value in _TRUE or value == 1:
        return True
    if value in _FALSE or value == 0:
        return False
    raise _Mismatch(path, "Boolean")


def _input_file(value: Any, path: str) -> Any:
    if isinstance(value, UploadedFile):
        return value
    raise _Mismatch(path, "InputFile")


_SCALARS: dict[str, Callable[[Any, str], Any]] = {
    "String": _string,
    "Integer": _integer,
    "Float": _float,
    "Boolean": _boolean,
    "True": _boolean,
    "InputFile": _input_file,
}


def _check(value: Any, type_name: str, path: str) -> Any:
    """Coerce one value to one spec type or raise _Mismatch."""
    if type_name.startswith("Array of "):
        inner = type_name.removeprefix("Array of ")
        value = _maybe_json(value)
        if not isinstance(value, list):
            raise _Mismatch(path, type_name)
        return [_check(item, inner, f"{path}[{i}]") for i, item in enumerate(value)]
    scalar = _SCALARS.get(type_name)
    if scalar is not None:
        return scalar(value, path)
    if type_name == "KeyboardButton":
        # "String can be used instead of this object to specify the button text."
        if isinstance(value, str):
            return {"text": value}
        if not isinstance(_maybe_json(value), dict):
            raise _Mismatch(path, "KeyboardButton or String")
    return _check_object(value, type_name, path)


def _check_object(value: Any, type_name: str, path: str) -> Any:
    type_spec = load_spec()["types"].get(type_name)
    if type_spec is None:  # a type the spec does not describe: accept as is
        return value
    value = _maybe_json(value)
    if not isinstance(value, dict):
        raise _Mismatch(path, type_name)
    subtypes: list[str] = type_spec.get("subtypes", [])
    if subtypes:
        for sub in subtypes:
            disc = _discriminator(sub)
            if disc is None or value.get(disc[0]) == disc[1]:
                try:
                    return _check_object(value, sub, path)
                except _Mismatch:
                    if disc is not None:
                        raise
        raise _Mismatch(path, " or ".join(subtypes))
    result: dict[str, Any] = {}
    for field in type_spec.get("fields", []):
        name = field["name"]
        sub_path = f"{path}.{name}" if path else name
        if name not in value:
            if field["required"]:
                raise _Mismatch(sub_path, "present")
            continue
        result[name] = _check_any(value[name], field["types"], sub_path)
    # Unknown fields inside objects are ignored, as the real server does.
    return result


def _check_any(value: Any, types: list[str], path: str) -> Any:
    """Coerce to the first matching type; report the most plausible mismatch."""
    if isinstance(value, str) and "String" in types:
        if "Integer" in types and _INT_RE.match(value.strip()):
            return int(value)
        return value
    errors: list[tuple[str, _Mismatch]] = []
    for type_name in types:
        try:
            return _check(value, type_name, path)
        except _Mismatch as exc:
            errors.append((type_name, exc))
    if len(errors) == 1:
        raise errors[0][1]
    # Of several object types, the one whose required fields are all there is the one
    # meant (keyboard → ReplyKeyboardMarkup): its nested error names the actual problem.
    meant = [exc for type_name, exc in errors if _has_required_fields(value, type_name)]
    if meant:
        raise meant[0]
    raise _Mismatch(path, " or ".join(types))


def _has_required_fields(value: Any, type_name: str) -> bool:
    """True when value is an object holding every required field of the spec type."""
    type_spec = load_spec()["types"].get(type_name)
    value = _maybe_json(value)
    if type_spec is None or not type_spec.get("fields") or not isinstance(value, dict):
        return False
    return all(f["name"] in value for f in type_spec["fields"] if f["required"])


def validate(method: str, params: dict[str, Any]) -> dict[str, Any]:
    """Check params of a canonical method against the spec; returns coerced params.

    Raises ApiError(400) for missing required parameters and wrong types. Unknown
    parameters are left out, as Telegram ignores them (python-telegram-bot sends its
    default ``parse_mode`` with every message method, editMessageReplyMarkup too).
    """
    fields = {f["name"]: f for f in load_spec()["methods"][method].get("fields", [])}
    result: dict[str, Any] = {}
    for name, field in fields.items():
        if name not in params or params[name] is None:
            if field["required"]:
                raise ApiError(400, f'Bad Request: parameter "{name}" is required')
            continue
        try:
            result[name] = _check_any(params[name], field["types"], name)
        except _Mismatch as exc:
            if exc.path == name:
                raise ApiError(
                    400, f'Bad Request: parameter "{name}" must be {exc.expected}'
                ) from None
            if exc.expected == "present":
                raise ApiError(
                    400,
                    f'Bad Request: parameter "{name}" is invalid: field "{exc.path}" is required',
                ) from None
            raise ApiError(
                400,
                f'Bad Request: parameter "{name}" is invalid: field "{exc.path}" '
                f"must be {exc.expected}",
            ) from None
    return result
