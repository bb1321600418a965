"""A CJK web font for the chat page, served from the font package the renderer uses.

Machines without Chinese fonts (many servers, minimal desktops, headless browsers) draw
Chinese text as empty boxes. The studio already ships Noto Sans SC for subtitles and
covers, so the page gets it too: ``public/studio.css`` declares it with a CJK-only
``unicode-range``, and browsers that have their own CJK font never download it.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.routing import BaseRoute

from tools.fonts import cjk_sans_path

FONT_ROUTE = "/studio-fonts/noto-sans-sc.otf"
_ONE_WEEK = 7 * 24 * 3600


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
