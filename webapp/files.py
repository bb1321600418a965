"""Element files on the local disk, served back only to the user who owns them.

Chainlit's data layer copies every image, video and download it persists into a storage
client, and a resumed thread shows them again from the URL that client gives back.
Cloud buckets are the usual clients; this one writes into the data folder and the app
serves ``/studio-files/<key>`` itself. Chainlit builds each key as
``<user id>/<element id>/<name>``, so the route hands a file out only when its first
segment is the logged-in user's id: one user can never load another's films, even with
a guessed URL.
"""

from __future__ import annotations

import asyncio
import mimetypes
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from chainlit.data.storage_clients.base import BaseStorageClient
from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import FileResponse
from starlette.routing import BaseRoute

from film.paths import UnsafePathError, atomic_write_bytes, resolve_inside

ROUTE_PREFIX = "/studio-files"
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def safe_key(object_key: str) -> str:
    """``object_key`` with every segment reduced to plain file-name characters.

    Segments made only of dots are dropped and a leading dot gets a prefix, so a key can
    never climb out of the storage folder or hide a file.

    Raises:
        UnsafePathError: for a key with nothing usable left.
    """
    parts = []
    for raw in object_key.split("/"):
        part = _UNSAFE_CHARS.sub("-", raw).strip("-")[:120]
        if not part.strip("."):
            continue
        parts.append(f"file{part}" if part.startswith(".") else part)
    if not parts:
        raise UnsafePathError("Refusing an empty storage key.")
    return "/".join(parts)


class LocalStorageClient(BaseStorageClient):
    """A Chainlit storage client that keeps element files under one folder."""

    def __init__(self, root: Path, url_prefix: str = ROUTE_PREFIX) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.url_prefix = url_prefix.rstrip("/")

    def path_for(self, object_key: str) -> Path:
        """The file a key names, always inside the storage folder."""
        return resolve_inside(self.root, *safe_key(object_key).split("/"))

    async def upload_file(
        self,
        object_key: str,
        data: bytes | str,
        mime: str = "application/octet-stream",
        overwrite: bool = True,
        content_disposition: str | None = None,
    ) -> dict[str, Any]:
        """Store ``data`` under ``object_key``; returns the key and the URL to read it."""
        key = safe_key(object_key)
        path = self.path_for(key)
        if path.exists() and not overwrite:
            return {"object_key": key, "url": await self.get_read_url(key)}
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        await asyncio.to_thread(atomic_write_bytes, path, payload)
        return {"object_key": key, "url": await self.get_read_url(key)}

    async def delete_file(self, object_key: str) -> bool:
        """Remove a stored file (thread deletion); False when it was not there."""
        try:
            path = self.path_for(object_key)
        except UnsafePathError:
            return False
        if not path.is_file():
            return False
        path.unlink()
        return True

    async def get_read_url(self, object_key: str) -> str:
        """The app-relative URL the browser loads the file from."""
        return f"{self.url_prefix}/{quote(safe_key(object_key))}"

    async def close(self) -> None:
        """Nothing to release: files are opened per request."""


def owner_of(object_key: str) -> str:
    """The user id a storage key belongs to (its first segment)."""
    return safe_key(object_key).split("/", 1)[0]


def add_file_route(app: FastAPI, storage: LocalStorageClient, current_user: Any) -> None:
    """Serve stored files at ``/studio-files/<key>`` to their owner only.

    ``current_user`` is Chainlit's ``get_current_user`` dependency (cookie login). The route
    is placed before Chainlit's catch-all page route, which would otherwise answer first.
    """

    # A default, not ``Annotated``: postponed annotations cannot see this local dependency.
    async def studio_file(
        object_key: str,
        user: Any = Depends(current_user),  # noqa: B008
    ) -> FileResponse:
        user_id = getattr(user, "id", None)
        if not user_id:
            raise HTTPException(status_code=401, detail="Log in to see this file.")
        try:
            path = storage.path_for(object_key)
            owner = owner_of(object_key)
        except UnsafePathError as exc:
            raise HTTPException(status_code=404, detail="No such file.") from exc
        if owner != safe_key(str(user_id)) or not path.is_file():
            raise HTTPException(status_code=404, detail="No such file.")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return FileResponse(path, media_type=media_type)

    app.add_api_route(f"{ROUTE_PREFIX}/{{object_key:path}}", studio_file, methods=["GET"])
    routes: list[BaseRoute] = app.router.routes
    routes.insert(0, routes.pop())
