"""The deployment files (Dockerfile, compose.yaml, deploy/, docs/deploy.md) cannot be
run here, so what they say is checked against the code: every ASNBOT_* name is a
setting, every asnbot command they run parses, the health check asks a real path."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any, cast

import pytest

from bot.__main__ import build_parser
from bot.settings import Settings
from bot.web import Webhook, WebServer

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "Dockerfile",
    "compose.yaml",
    "deploy/asnbot.service",
    "deploy/Caddyfile",
    "deploy/nginx-asnbot.conf",
    "docs/deploy.md",
    "config.example.env",
    "bot/__main__.py",  # the help texts
]
SETTINGS = {f"ASNBOT_{name.upper()}" for name in Settings.model_fields}
WEBHOOK_PATH = Settings.model_fields["webhook_path"].default


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def parses(argv: list[str]) -> bool:
    try:
        build_parser().parse_args(argv)
    except SystemExit:
        return False
    return True


def routes(webhook: Webhook | None = None) -> set[str]:
    app = WebServer(cast(Any, None), webhook).build_app()
    return {route.resource.canonical for route in app.router.routes() if route.resource}


@pytest.mark.parametrize("name", FILES)
def test_every_asnbot_variable_named_is_a_setting(name: str) -> None:
    named = set(re.findall(r"\bASNBOT_[A-Z0-9_]*[A-Z0-9]", text(name)))

    assert named - SETTINGS == set()


def test_the_commands_the_containers_run_are_asnbot_commands() -> None:
    compose = [
        json.loads(found) for found in re.findall(r"command: (\[.*\])", text("compose.yaml"))
    ]
    (cmd,) = [
        json.loads(found) for found in re.findall(r"^CMD (\[.*\])$", text("Dockerfile"), re.M)
    ]

    assert compose == [["asnbot", "db", "upgrade"], ["asnbot", "run", "--webhook"]]
    assert cmd == ["asnbot", "run", "--webhook"]
    assert all(parses(command[1:]) for command in [*compose, cmd])
    assert not parses(["run", "--web-hook"])  # the check can fail


def test_the_systemd_unit_runs_asnbot_commands_as_its_own_user() -> None:
    unit = text("deploy/asnbot.service")
    commands = re.findall(r"^Exec\w+=(.*)$", unit, re.M)

    assert [shlex.split(c) for c in commands] == [
        ["/opt/asnbot/bin/asnbot", "db", "upgrade"],
        ["/opt/asnbot/bin/asnbot", "run", "--webhook"],
    ]
    assert all(parses(shlex.split(c)[1:]) for c in commands)
    for line in ("User=asnbot", "Restart=on-failure", "NoNewPrivileges=yes"):
        assert line in unit.splitlines()
    assert "EnvironmentFile=/etc/asnbot/asnbot.env" in unit


def test_the_guide_runs_only_asnbot_commands_that_exist() -> None:
    guide = text("docs/deploy.md")
    blocks = "\n".join(re.findall(r"```(?:sh|bash)?\n(.*?)```", guide, re.S))
    # "$(date +%F)" stands for one word; a comment or "&& ..." ends the command.
    lines = [re.sub(r"\$\([^)]*\)", "X", line.split("#")[0]) for line in blocks.splitlines()]
    commands = [
        shlex.split(found[1].split("&&")[0])
        for line in lines
        if (found := re.search(r"(?:^|[\s/])asnbot ((?:run|db|backup|import|admin)\b.*)", line))
    ]

    assert {c[0] for c in commands} >= {"db", "admin", "backup"}
    assert [c for c in commands if not parses(c)] == []
    assert not parses(["backup", "one", "two"])  # the check can fail


def test_the_health_check_and_the_proxies_use_the_bots_paths() -> None:
    dockerfile = text("Dockerfile")
    (health,) = re.findall(r"http://127\.0\.0\.1:(\d+)(/\w+)", dockerfile)
    compose = text("compose.yaml")

    assert health[1] in routes()  # /healthz
    assert f"ASNBOT_LISTEN_PORT={health[0]}" in dockerfile
    assert f'ASNBOT_LISTEN_PORT: "{health[0]}"' in compose
    assert f"ASNBOT_WEBHOOK_PATH: {WEBHOOK_PATH}" in compose
    assert WEBHOOK_PATH in routes(Webhook(url="https://x.example/t", secret="s", path=WEBHOOK_PATH))
    assert f"handle {WEBHOOK_PATH} {{" in text("deploy/Caddyfile")
    assert f"location = {WEBHOOK_PATH} {{" in text("deploy/nginx-asnbot.conf")


def test_the_image_is_built_from_the_packages_the_wheel_ships() -> None:
    pyproject = tomllib.loads(text("pyproject.toml"))
    packages = [
        p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    ]
    copied = re.findall(r"^COPY (\w+) \1$", text("Dockerfile"), re.M)
    lock_uv = re.search(r"^uv==(\S+) ", text("requirements.lock"), re.M)

    assert sorted(copied) == sorted(packages)
    assert lock_uv is not None and f"ghcr.io/astral-sh/uv:{lock_uv[1]} " in text("Dockerfile")
    assert re.search(r"^USER asnbot$", text("Dockerfile"), re.M)
