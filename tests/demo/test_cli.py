"""`asnbot demo`: migrates, fills, prints the logins; refuses a second time."""

from bot.demo import DEMO_EMPLOYEES
from bot.demo.cli import run_demo
from bot.settings import Settings


async def test_demo_command_fills_a_new_database_and_prints_the_logins(tmp_path, capsys):
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}")

    assert await run_demo(settings, employees=120, seed=1) == 0

    out = capsys.readouterr().out
    assert "120 employees" in out
    for demo in DEMO_EMPLOYEES:
        assert demo.nip in out and demo.code in out


async def test_demo_command_refuses_a_filled_database(tmp_path, capsys):
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}")
    await run_demo(settings, employees=120, seed=1)
    capsys.readouterr()

    assert await run_demo(settings, employees=120, seed=1) == 1

    assert "already holds 120 employees" in capsys.readouterr().err
