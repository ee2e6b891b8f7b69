"""The ``asnbot`` command line: run, sandbox, db, import, demo, codes, admin, backup, doctor.

Settings are read here, once, and passed down. Each subcommand is a small
function; the work itself lives in the modules it calls.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from bot.imports.kinds import ACCEPTED as IMPORT_KINDS
from bot.logs import configure_logging
from bot.settings import ConfigError, Settings, load_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asnbot",
        description="asnbot: the Telegram bot for ASN competency development (see README.md).",
    )
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)

    run = _command(
        commands, "run", "run the bot: polling, or --webhook (no token: the sandbox, polling only)"
    )
    run.add_argument(
        "--webhook",
        action="store_true",
        help="Telegram calls the bot: needs ASNBOT_TOKEN, ASNBOT_WEBHOOK_URL, "
        "ASNBOT_WEBHOOK_SECRET and ASNBOT_LISTEN_PORT (see docs/deploy.md)",
    )

    sandbox = _command(commands, "sandbox", "emulator + bot + demo data + web chat page")
    sandbox.add_argument(
        "--host",
        metavar="H",
        help="address of the web chat page (default: ASNBOT_SANDBOX_HOST, 127.0.0.1)",
    )
    sandbox.add_argument(
        "--port", type=int, metavar="P", help="its port (default: ASNBOT_SANDBOX_PORT, 8080)"
    )

    db = _command(commands, "db", "database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    _command(db_commands, "upgrade", "apply the migrations")

    imports = _command(commands, "import", "import a CSV or XLSX file")
    # pegawai, sesi, peserta, hasil, pelatihan, libur; the English names are aliases.
    imports.add_argument(
        "kind",
        choices=IMPORT_KINDS,
        metavar="KIND",
        help="pegawai, sesi, peserta, hasil, pelatihan or libur (or the English names)",
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="the .csv or .xlsx file")

    demo = _command(commands, "demo", "fill the database with the Gresik demo data")
    demo.add_argument(
        "--employees",
        type=int,
        default=8971,
        metavar="N",
        help="how many employees (default: 8971)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2024,
        metavar="S",
        help="random seed: same seed, same data (default: 2024)",
    )

    codes = _command(commands, "codes", "activation codes")
    codes_commands = codes.add_subparsers(dest="codes_command", required=True)
    issue = _command(codes_commands, "issue", "new codes, one XLSX per OPD")
    issue.add_argument(
        "--unit", metavar="CODE", help="only this unit code (and the units under it)"
    )
    issue.add_argument(
        "--out", type=Path, default=Path("kode-aktivasi"), metavar="DIR", help="output folder"
    )

    admin = _command(commands, "admin", "admin rights")
    admin_commands = admin.add_subparsers(dest="admin_command", required=True)
    add = _command(admin_commands, "add", "grant admin rights to a Telegram user")
    add.add_argument(
        "telegram_id", type=int, metavar="TELEGRAM_ID", help="the user's numeric Telegram id"
    )

    doctor = _command(commands, "doctor", "check the settings, Telegram and the database")
    doctor.add_argument(
        "--webhook",
        action="store_true",
        help="check the webhook settings too (as asnbot run --webhook needs them)",
    )

    backup = _command(
        commands, "backup", "copy the SQLite database to FILE (safe while the bot runs)"
    )
    backup.add_argument("file", type=Path, metavar="FILE", help="where to write the copy")
    return parser


def _command(
    group: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` starts with the line ``asnbot --help`` shows for it."""
    parser: argparse.ArgumentParser = group.add_parser(name, help=text, description=text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(
            settings.log_level,
            json_lines=settings.log_format == "json",
            secrets=[
                settings.token.get_secret_value(),
                settings.webhook_secret.get_secret_value(),
                settings.hash_key.get_secret_value(),
            ],
        )
        return HANDLERS[args.command](settings, args)
    except ConfigError as exc:
        print(f"asnbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _run_async(coroutine: Coroutine[Any, Any, int]) -> int:
    return asyncio.run(coroutine)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.has_token and not args.webhook:
        print("ASNBOT_TOKEN is not set: starting the sandbox instead (see README).")
        return cmd_sandbox(settings, argparse.Namespace(host=None, port=None))
    from bot.application import run_bot

    settings.require_token()  # webhook mode without a token stops here, in one line
    refused = _database_not_ready(settings, args.lang)
    if refused is not None:
        print(f"asnbot: {refused}", file=sys.stderr)
        return 2
    try:
        run_bot(settings, webhook=args.webhook)
    except OSError as exc:
        address = f"{settings.listen_host}:{settings.listen_port}"
        return _port_taken(exc, address, "ASNBOT_LISTEN_PORT")
    return 0


def _database_not_ready(settings: Settings, lang: str) -> str | None:
    """What to fix before the bot can start on this database (missing, unreachable, not
    migrated, or migrated by a newer asnbot), as ``asnbot doctor`` says it; else None."""
    from bot.doctor import check_database

    ready, line = asyncio.run(check_database(settings, lang))
    return None if ready else line.text


def cmd_sandbox(settings: Settings, args: argparse.Namespace) -> int:
    from sandbox.run import run_sandbox

    host = args.host or settings.sandbox_host
    port = settings.sandbox_port if args.port is None else args.port
    try:
        return _run_async(run_sandbox(settings, host=host, port=port))
    except OSError as exc:
        return _port_taken(exc, f"{host}:{port}", "ASNBOT_SANDBOX_PORT (or --port)")


def _port_taken(exc: OSError, address: str, setting: str) -> int:
    """A busy port in one line naming the setting to change; other errors go on."""
    if exc.errno != errno.EADDRINUSE:
        raise exc
    print(f"asnbot: {address} is already in use: set {setting} to a free port.", file=sys.stderr)
    return 2


def cmd_db(settings: Settings, args: argparse.Namespace) -> int:
    from models.db import create_engine, upgrade

    async def go() -> int:
        engine = create_engine(settings.effective_database_url)
        await upgrade(engine)
        await engine.dispose()
        print("Database is up to date.")
        return 0

    return _run_async(go())


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    from bot.imports.cli import run_import

    return _run_async(run_import(settings, args.kind, args.file, lang=args.lang))


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from bot.demo.cli import run_demo

    return _run_async(run_demo(settings, employees=args.employees, seed=args.seed))


def cmd_codes(settings: Settings, args: argparse.Namespace) -> int:
    from bot.codes_export import run_issue_codes

    return _run_async(
        run_issue_codes(settings, unit_code=args.unit, out_dir=args.out, lang=args.lang)
    )


def cmd_admin(settings: Settings, args: argparse.Namespace) -> int:
    import getpass

    from bot.clock import SystemClock
    from models.db import create_engine, create_sessionmaker
    from models.queries.admins import grant_admin

    async def go() -> int:
        engine = create_engine(settings.effective_database_url)
        async with create_sessionmaker(engine).begin() as session:
            added = await grant_admin(
                session,
                telegram_user_id=args.telegram_id,
                added_by=getpass.getuser(),
                now=SystemClock().now(),
            )
        await engine.dispose()
        print(f"Admin {args.telegram_id} " + ("ditambahkan." if added else "sudah ada."))
        return 0

    return _run_async(go())


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from bot.backup import BackupRefused, backup_sqlite

    try:
        done = backup_sqlite(settings.effective_database_url, args.file)
    except BackupRefused as exc:
        print(f"asnbot: {exc}", file=sys.stderr)
        return 2
    print(f"Backup of {done.source} written to {done.target} ({done.size:,} bytes).")
    return 0


def cmd_doctor(settings: Settings, args: argparse.Namespace) -> int:
    from bot.doctor import report, run_checks

    lines = asyncio.run(run_checks(settings, lang=args.lang, webhook=args.webhook))
    return report(lines, args.lang)


HANDLERS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "run": cmd_run,
    "sandbox": cmd_sandbox,
    "db": cmd_db,
    "import": cmd_import,
    "demo": cmd_demo,
    "codes": cmd_codes,
    "admin": cmd_admin,
    "backup": cmd_backup,
    "doctor": cmd_doctor,
}


if __name__ == "__main__":
    sys.exit(main())
