"""Who may log in to the studio, and the secret that signs their sessions.

Accounts come from the environment: ``MICROFILM_USERS="alice:pw1,bob:pw2"`` or
``MICROFILM_USER`` + ``MICROFILM_PASSWORD``. A fresh clone has neither, and the studio
must then be usable without being open to anyone who can reach the port, so the first
start creates one account, ``studio``, with a random password, keeps it in a private file
(mode 600) in the data folder and prints it once. Chainlit signs session cookies with
``CHAINLIT_AUTH_SECRET``; when that is unset a random one is kept in the data folder too,
so logins survive a restart.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

LOGIN_FILE = "studio-login.txt"
SECRET_FILE = "chainlit-auth-secret"
DEFAULT_USER = "studio"
_MAX_FIELD = 200


class CredentialsError(ValueError):
    """The credentials in the environment cannot be read; the message says how to fix them."""


@dataclass(frozen=True)
class Accounts:
    """The accounts allowed to log in and where they came from (for the start-up notice)."""

    users: Mapping[str, str]
    source: str
    created_password: str | None = None
    """The generated password, only on the start that created it (printed once)."""

    def check(self, username: str, password: str) -> bool:
        """True when ``password`` is right for ``username``; constant time per attempt."""
        expected = self.users.get(username)
        candidate = password.encode("utf-8")
        if expected is None:
            hmac.compare_digest(candidate, candidate)
            return False
        return hmac.compare_digest(candidate, expected.encode("utf-8"))


def parse_users(text: str) -> dict[str, str]:
    """Read ``"alice:pw1,bob:pw2"`` (a password may contain ``:``, not ``,``).

    Raises:
        CredentialsError: for an entry without a name or a password.
    """
    users: dict[str, str] = {}
    for entry in text.split(","):
        entry = entry.strip()
        if not entry:
            continue
        name, sep, password = entry.partition(":")
        name = name.strip()
        if not sep or not name or not password:
            raise CredentialsError(
                f"MICROFILM_USERS entry {entry.split(':')[0]!r} needs the form name:password."
            )
        if len(name) > _MAX_FIELD or len(password) > _MAX_FIELD:
            raise CredentialsError(
                "MICROFILM_USERS names and passwords are limited to 200 characters."
            )
        users[name] = password
    return users


def _write_private(path: Path, text: str) -> bool:
    """Create ``path`` readable by its owner only; False when it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return True


def load_accounts(home: Path, env: Mapping[str, str] | None = None) -> Accounts:
    """The accounts from the environment, or the studio's own generated login.

    Raises:
        CredentialsError: when the environment names users in a form that cannot be read.
    """
    env = os.environ if env is None else env
    if env.get("MICROFILM_USERS", "").strip():
        users = parse_users(env["MICROFILM_USERS"])
        if not users:
            raise CredentialsError("MICROFILM_USERS is set but names no user.")
        return Accounts(users=users, source="MICROFILM_USERS")
    user, password = env.get("MICROFILM_USER", "").strip(), env.get("MICROFILM_PASSWORD", "")
    if user or password:
        if not (user and password):
            raise CredentialsError("Set both MICROFILM_USER and MICROFILM_PASSWORD.")
        return Accounts(users={user: password}, source="MICROFILM_USER")
    login_path = home / LOGIN_FILE
    generated = secrets.token_urlsafe(12)
    created = _write_private(login_path, f"{DEFAULT_USER}:{generated}\n")
    users = parse_users(login_path.read_text(encoding="utf-8").strip())
    if not users:
        raise CredentialsError(f"{login_path} is empty: delete it to get a new password.")
    return Accounts(
        users=users, source=str(login_path), created_password=generated if created else None
    )


def ensure_auth_secret(home: Path, env: MutableMapping[str, str] | None = None) -> str:
    """Make sure ``CHAINLIT_AUTH_SECRET`` is set, from the data folder if need be."""
    env = os.environ if env is None else env
    if env.get("CHAINLIT_AUTH_SECRET"):
        return env["CHAINLIT_AUTH_SECRET"]
    path = home / SECRET_FILE
    _write_private(path, secrets.token_urlsafe(48))
    secret = path.read_text(encoding="utf-8").strip()
    if not secret:
        secret = secrets.token_urlsafe(48)
        path.write_text(secret, encoding="utf-8")
    env["CHAINLIT_AUTH_SECRET"] = secret
    return secret


def login_notice(accounts: Accounts) -> str:
    """What the console says at start-up about logging in (never repeats a password)."""
    if accounts.created_password:
        return (
            "No MICROFILM_USERS (or MICROFILM_USER/MICROFILM_PASSWORD) is set, so the studio "
            f"created one account.\n  Log in as: {DEFAULT_USER}\n  Password:  "
            f"{accounts.created_password}\nThis is shown once; it is kept in "
            f"{accounts.source} (readable by you only). To choose your own accounts, set "
            'MICROFILM_USERS="alice:secret1,bob:secret2" and restart.'
        )
    if accounts.source.startswith("MICROFILM_"):
        names = ", ".join(sorted(accounts.users))
        return f"Studio accounts from {accounts.source}: {names}."
    return (
        f"Studio login: the account(s) in {accounts.source} "
        f"({', '.join(sorted(accounts.users))}). Set MICROFILM_USERS to use your own."
    )
