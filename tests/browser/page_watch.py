"""Every browser test also checks that the studio stays offline and its console quiet.

The studio promises that nothing leaves the machine unless a provider is configured, so
a page that asks another host for anything (a web font, a stylesheet, a script) fails
the test, and the request is aborted before it leaves. So does any console error or
warning and any uncaught script error, except the few that Chainlit's own page makes by
design and that are listed here by name:

- ``GET /user`` answers 401 while nobody is logged in: that is how the page learns to
  show the login form (the browser and Chainlit's client each log it once);
- before the page has read the app's config, Chainlit's upload box validates its built-in
  default types, and ``application/*`` is not one it accepts (once per page load);
- a page that navigates away or closes while its socket is still upgrading to a websocket
  makes Chromium report the handshake it abandoned ("WebSocket is closed before the
  connection is established"). The test did that, not the studio: a CI run failed on it
  when a test moved to another page at that instant. A socket the server refuses reports
  otherwise and still fails the test.

A test that provokes an HTTP error on purpose (another user's thread) says so with
:func:`expect_http_error`; its console reports are then allowed too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Request, Route, WebError

# Any http(s) or ws(s) address whose host is not this machine.
REMOTE = re.compile(
    r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$))"
)
ANONYMOUS_PROBE = ("/user", HTTPStatus.UNAUTHORIZED)
CHAINLIT_DEFAULT_TYPES = 'Skipped "application/*" because it is not a valid MIME type'
ABANDONED_SOCKET = re.compile(
    r"^WebSocket connection to 'ws://(?:127\.0\.0\.1|localhost)[:/][^']*' failed: "
    r"WebSocket is closed before the connection is established\.$"
)
FAILED_LOAD = re.compile(r"^Failed to load resource: the server responded with a status of (\d+)")


@dataclass
class PageWatch:
    """What the pages of the running test did that an offline, quiet studio must not do."""

    problems: list[str] = field(default_factory=list)
    expected: list[tuple[str, int]] = field(default_factory=lambda: [ANONYMOUS_PROBE])

    def reset(self) -> None:
        self.problems.clear()
        self.expected[:] = [ANONYMOUS_PROBE]

    def expected_failure(self, url: str, status: int) -> bool:
        path = urlsplit(url).path
        return any(path.startswith(prefix) and status == code for prefix, code in self.expected)

    def on_request(self, request: Request) -> None:
        if REMOTE.match(request.url):
            self.problems.append(f"request to another host: {request.method} {request.url}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type not in ("error", "warning") or self.by_design(message):
            return
        where = message.location.get("url", "")
        self.problems.append(f"console {message.type}: {message.text[:300]} ({where})")

    def by_design(self, message: ConsoleMessage) -> bool:
        """A console line that only reports an expected HTTP error or a harmless default."""
        text = message.text
        if text.startswith(CHAINLIT_DEFAULT_TYPES) or ABANDONED_SOCKET.match(text):
            return True
        failed = FAILED_LOAD.match(text)
        if failed:
            return self.expected_failure(message.location.get("url", ""), int(failed.group(1)))
        # Chainlit's API client logs each failed call again as "<ErrorClass>: <reason>".
        reasons = {HTTPStatus(code).phrase for _prefix, code in self.expected}
        return any(re.match(rf"^\w+: {re.escape(reason)}\b", text) for reason in reasons)

    def on_page_error(self, error: WebError) -> None:
        self.problems.append(f"uncaught page error: {error.error}")


WATCH = PageWatch()


def expect_http_error(path_prefix: str, status: int) -> None:
    """Allow the running test's pages an HTTP ``status`` on ``path_prefix`` (and its logs)."""
    WATCH.expected.append((path_prefix, status))


def _block(route: Route) -> None:
    route.abort("blockedbyclient")


def watch_context(context: BrowserContext) -> BrowserContext:
    """Report ``context``'s remote requests, console noise and page errors to :data:`WATCH`;
    requests to another host are aborted, so nothing actually leaves the machine."""
    context.route(REMOTE, _block)
    context.on("request", WATCH.on_request)
    context.on("console", WATCH.on_console)
    context.on("weberror", WATCH.on_page_error)
    return context


class WatchedBrowser:
    """A Playwright browser whose every new context is watched (see :func:`watch_context`)."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    def new_context(self, **options: object) -> BrowserContext:
        return watch_context(self._browser.new_context(**options))  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def offline_and_quiet() -> Iterator[PageWatch]:
    """After each browser test: no request left the machine and the console stayed quiet."""
    WATCH.reset()
    yield WATCH
    problems = list(dict.fromkeys(WATCH.problems))
    WATCH.reset()
    assert not problems, "the pages were not offline and quiet:\n" + "\n".join(problems)
