"""The secret key of the keyed hashes (NIPs counted for the attempt limit).

``ASNBOT_HASH_KEY`` when it is set; otherwise a random key generated on first
start and kept in ``<ASNBOT_DATA_DIR>/hash.key`` (mode 0600), so a restart
keeps counting the same NIPs the same way. Several instances on one database
must hash alike: a multi-instance deployment sets ``ASNBOT_HASH_KEY`` on every
instance (their data folders are not shared), and the bot warns when a server
database is used with a key from the file.

Losing or changing the key only resets the failed-attempt counts (they matter
for 15 minutes); nothing else is hashed with it.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path

from bot.settings import MIN_HASH_KEY_LENGTH, ConfigError, Settings

log = logging.getLogger(__name__)

KEY_FILE = "hash.key"


def hash_key(settings: Settings) -> bytes:
    """The key: the setting, else the key file in the data folder (created if missing)."""
    configured = settings.hash_key.get_secret_value().strip()
    if configured:
        return configured.encode()
    path = settings.data_dir / KEY_FILE
    key = load_or_create_key(path)
    if not settings.effective_database_url.startswith("sqlite"):
        log.warning(
            "ASNBOT_HASH_KEY is not set: using the key in %s. Every instance on this "
            "database must use the same key: set ASNBOT_HASH_KEY on each.",
            path,
        )
    return key


def load_or_create_key(path: Path) -> bytes:
    """The key kept in ``path``; a new random one is written there first if there is none.

    The file appears whole or not at all: the key is written to a private temporary
    file that is then hard-linked into place, which fails rather than replaces when
    another process got there first (that one's key is then read and used).
    """
    if not path.exists():
        _create(path)
    return _read(path)


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32) + "\n")
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return  # another process created it first: use theirs
        log.info("created a new hash key in %s (keep it private; back it up with the data)", path)
    finally:
        temporary.unlink(missing_ok=True)


def _read(path: Path) -> bytes:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("%s can be read by others (mode %o): chmod 600 it", path, mode)
    key = path.read_text(encoding="ascii", errors="replace").strip()
    if len(key) < MIN_HASH_KEY_LENGTH:
        raise ConfigError(
            f"{path} does not hold a key (too short): delete it to have a new one made, "
            "or set ASNBOT_HASH_KEY."
        )
    return key.encode()
