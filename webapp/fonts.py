"""Fonts and styles for the chat page, all served by the studio itself.

Chainlit's page asks Google Fonts for Inter and jsDelivr for KaTeX's stylesheet. An offline
studio must not reach out to anyone (and behind a firewall those requests only hang), so
the page is served with every stylesheet and preconnect link to another host removed:
Inter comes from ``public/fonts`` (the @fontsource/inter 5.3.0 files, SIL OFL 1.1, see
``public/fonts/OFL.txt``) and KaTeX is not needed (LaTeX is off in the config).

Machines without Chinese fonts (many servers, minimal desktops, headless browsers) draw
Chinese text as empty boxes. The studio already ships Noto Sans SC for subtitles and
covers, so the page gets it too: ``public/studio.css`` declares it with a CJK-only
``unicode-range``, and browsers that have their own CJK font never download it.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tools.fonts import cjk_sans_path

FONT_ROUTE = "/studio-fonts/noto-sans-sc.otf"
_ONE_WEEK = 7 * 24 * 3600
# A <link> (stylesheet, preconnect, preload...) whose address names another host.
_REMOTE_LINK = re.compile(r"""<link\b[^>]*\bhref=["'](?:https?:)?//[^>]*>\s*""", re.IGNORECASE)


def add_font_route(app: FastAPI) -> None:
    """Serve the packaged Noto Sans SC, placed before Chainlit's catch-all page route."""

    async def cjk_font() -> FileResponse:
        return FileResponse(
            cjk_sans_path(),
            media_type="font/otf",
            headers={"Cache-Control": f"public, max-age={_ONE_WEEK}"},
        )

    app.add_api_route(FONT_ROUTE, cjk_font, methods=["GET"])
    routes: list[BaseRoute] = app.router.routes
    routes.insert(0, routes.pop())


def local_only(html: str) -> str:
    """The page without links that would make the browser contact another host."""
    return _REMOTE_LINK.sub("", html)


class LocalPageMiddleware:
    """ASGI middleware: every HTML page goes out through :func:`local_only`.

    Chainlit builds its page (title, theme, custom CSS and script, root path) in a route
    that newer FastAPI versions keep inside an included router, so the page is rewritten on
    its way out instead of by replacing that route. Other responses pass untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hold back an HTML response until its whole body can be rewritten."""
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        body = bytearray()

        async def rewrite(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                is_page = headers.get("content-type", "").startswith("text/html")
                if is_page and "content-encoding" not in headers:
                    held = message  # sent once the whole page is rewritten
                    return
            elif message["type"] == "http.response.body" and held is not None:
                body.extend(message.get("body", b""))
                if message.get("more_body", False):
                    return
                page = local_only(body.decode("utf-8")).encode("utf-8")
                headers = MutableHeaders(raw=list(held["headers"]))
                headers["content-length"] = str(len(page))
                await send({**held, "headers": headers.raw})
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(scope, receive, rewrite)


def serve_local_page(app: FastAPI) -> None:
    """Rewrite ``app``'s pages with :class:`LocalPageMiddleware`.

    It goes innermost, inside Chainlit's gzip middleware, so it reads the page before it
    is compressed; that is why it is appended to the list rather than added on top.
    """
    if app.middleware_stack is not None:
        raise RuntimeError("the app is already serving; its pages can no longer be rewritten")
    app.user_middleware.append(Middleware(LocalPageMiddleware))
