"""Who may log in to the studio, and the secret that signs their sessions.

Accounts come from the environment: ``MICROFILM_USERS="alice:pw1,bob:pw2"`` or
``MICROFILM_USER`` + ``MICROFILM_PASSWORD``. A fresh clone has neither, and the studio
must then be usable without being open to anyone who can reach the port, so the first
start creates one account, ``studio``, with a random password, keeps it in a private file
(mode 600) in the data folder and prints it once. Chainlit signs session cookies with
``CHAINLIT_AUTH_SECRET``; when that is unset a random one is kept in the data folder too,
so logins survive a restart.

Guessing is slowed by :mod:`webapp.throttle`. Chainlit calls the password callback with the
username and password only, so :class:`LoginRequestMiddleware` notes who asks (the client
address) and in which language; :func:`admit` refuses a throttled try with HTTP 429 and a
wrong password with 401, and the middleware sends each with a sentence in the reader's
language instead of Chainlit's ``credentialssignin`` code.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from collections.abc import Mapping, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from chainlit.config import config as chainlit_config
from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agent.messages import minutes_text, say
from webapp.throttle import LoginThrottle, whole_seconds

LOGIN_FILE = "studio-login.txt"
SECRET_FILE = "chainlit-auth-secret"
LOGIN_SCRIPT_ROUTE = "/studio-login.js"
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


@dataclass(frozen=True)
class Refusal:
    """The answer to a refused login: an HTTP status and a sentence for the reader."""

    status: int
    detail: str
    retry_after_s: int | None = None


@dataclass
class LoginRequest:
    """Who is trying to log in, and the refusal :func:`admit` decided on, if any."""

    address: str | None
    """The client address the server saw (None when the server could not tell)."""
    language: str
    """"zh" or "en", from the browser's Accept-Language."""
    refusal: Refusal | None = None


_LOGIN_REQUEST: ContextVar[LoginRequest | None] = ContextVar("login_request", default=None)


def preferred_language(accept_language: str) -> str:
    """The studio language the browser lists first, "zh" or "en" (best first, as sent)."""
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith(("zh", "en")):
            return tag[:2]
    return "en"


class LoginRequestMiddleware:
    """Gives each ``POST .../login`` its :class:`LoginRequest` and answers refusals.

    Chainlit calls the password callback without the request and turns any refusal, even an
    exception, into ``401 credentialssignin``. So this pure ASGI middleware (no extra task:
    the context variable it sets is the one the callback reads) notes the client address
    and language first, and afterwards puts :func:`admit`'s refusal in place of that 401.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass every request on; a login runs with its :class:`LoginRequest` set."""
        if not (
            scope["type"] == "http"
            and scope.get("method") == "POST"
            and scope.get("path", "").rstrip("/").endswith("/login")
        ):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        languages = [v for k, v in scope.get("headers", []) if k == b"accept-language"]
        request = LoginRequest(
            address=str(client[0]) if client else None,
            language=preferred_language(languages[0].decode("latin-1") if languages else ""),
        )
        replaced = False

        async def send_refusal_instead(message: Message) -> None:
            nonlocal replaced
            if (
                message["type"] == "http.response.start"
                and message["status"] == 401
                and request.refusal is not None
            ):
                replaced = True
                await _send_refusal(send, request.refusal, message.get("headers", []))
            elif not replaced:
                await send(message)

        token = _LOGIN_REQUEST.set(request)
        try:
            await self.app(scope, receive, send_refusal_instead)
        finally:
            _LOGIN_REQUEST.reset(token)


async def _send_refusal(send: Send, refusal: Refusal, kept: list[tuple[bytes, bytes]]) -> None:
    """Send ``refusal`` as JSON, keeping the other middlewares' headers (CORS, cookies)."""
    body = json.dumps({"detail": refusal.detail}, ensure_ascii=False).encode("utf-8")
    replaced = {b"content-type", b"content-length", b"content-encoding", b"retry-after"}
    headers = [(k, v) for k, v in kept if k.lower() not in replaced]
    headers += [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
    ]
    if refusal.retry_after_s is not None:
        headers.append((b"retry-after", str(refusal.retry_after_s).encode("ascii")))
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def admit(accounts: Accounts, throttle: LoginThrottle, username: str, password: str) -> bool:
    """True when the password is right and no wait is due; else the refusal is noted.

    A try while a wait is due is refused with 429 (and ``Retry-After``) without looking at
    the password, so the right one waits too; a wrong password gets 401. Each refusal
    carries a sentence in the reader's language for :class:`LoginRequestMiddleware` to
    send. The check and the count that follows it run without an await in between, so
    parallel guesses cannot all slip through before the first failure is counted.
    """
    request = _LOGIN_REQUEST.get() or LoginRequest(address=None, language="en")
    wait = throttle.wait_s(username, request.address)
    if wait > 0:
        seconds = whole_seconds(wait)
        wait_text = minutes_text(seconds, request.language)
        detail = say("login_wait", request.language, wait=wait_text)
        request.refusal = Refusal(429, detail, retry_after_s=seconds)
        return False
    if accounts.check(username, password):
        throttle.succeeded(username)
        return True
    wait = throttle.failed(username, request.address)
    if wait > 0:
        wait_text = minutes_text(whole_seconds(wait), request.language)
        request.refusal = Refusal(401, say("login_wrong_wait", request.language, wait=wait_text))
    else:
        request.refusal = Refusal(401, say("login_wrong", request.language))
    return False


def add_login_script(app: FastAPI) -> None:
    """Serve ``login_page.js``, which drops the HTTP word from a refused login's toast.

    It becomes the page's custom script unless ``.chainlit/config.toml`` names its own.
    """

    async def login_script() -> FileResponse:
        return FileResponse(Path(__file__).with_name("login_page.js"), media_type="text/javascript")

    app.add_api_route(LOGIN_SCRIPT_ROUTE, login_script, methods=["GET"])
    routes: list[BaseRoute] = app.router.routes
    routes.insert(0, routes.pop())  # before Chainlit's catch-all page route
    if not chainlit_config.ui.custom_js:
        chainlit_config.ui.custom_js = LOGIN_SCRIPT_ROUTE
