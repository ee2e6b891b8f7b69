"""The README's run command without a token starts the sandbox and prints its URL."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp

from tests.ports import free_port


async def read_until(stream: asyncio.StreamReader, needle: str) -> list[str]:
    lines: list[str] = []
    while True:
        line = (await stream.readline()).decode()
        if not line:
            raise AssertionError(f"the process ended before saying {needle!r}: {lines}")
        lines.append(line)
        if needle in line:
            return lines


async def bot_replies(http: aiohttp.ClientSession, chat: str) -> list[dict[str, object]]:
    """Long-poll the chat's events until the bot has said something."""
    after = 0
    while True:
        answer = await (
            await http.get(f"{chat}/events", params={"after": after, "timeout": 5})
        ).json()
        after = answer["last_seq"]
        replies = [
            event["message"]
            for event in answer["events"]
            if event["kind"] == "message" and event["message"]["from_bot"]
        ]
        if replies:
            return replies


async def test_run_without_token_serves_the_sandbox_with_demo_users_and_a_live_bot(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASNBOT_")}
    env.update(ASNBOT_DATA_DIR=str(tmp_path / "data"), ASNBOT_SANDBOX_PORT=str(port))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    try:
        async with asyncio.timeout(120):
            lines = await read_until(process.stdout, "Sandbox ready")
        api = f"http://127.0.0.1:{port}/sandbox/api"
        async with aiohttp.ClientSession() as http:
            page = await (await http.get(f"http://127.0.0.1:{port}/")).text()
            users = (await (await http.get(f"{api}/users")).json())["users"]
            chat = f"{api}/users/{users[0]['id']}"
            await http.post(f"{chat}/messages", json={"text": "/start"})
            async with asyncio.timeout(20):
                replies = await bot_replies(http, chat)
    finally:
        process.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(process.wait(), timeout=30)

    assert "ASNBOT_TOKEN is not set: starting the sandbox" in lines[0]
    assert f"open http://127.0.0.1:{port}/ in a browser" in lines[-1]
    assert "<html" in page.lower()
    assert len(users) >= 6  # five demo employees and the demo admin
    assert "Selamat datang" in str(replies[0]["text"])
    assert code == 0
