"""A render backend that breaks on chosen scenes, to test what a failed scene does.

It is the real offline animatic (:class:`tools.backends.local.LocalBackend`) except that
drawing the chosen scenes raises the error the 1080x1920 crop bug raised, a set number of
times; so a test drives the whole pipeline (segment cache, assembly, graph, CLI, web app)
through one honest failure and then a successful retry. ``calls`` records every scene the
backend was asked to draw, which is how a test sees that a retry redrew only the failed one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from tools.backends.base import ProgressCallback, RenderRequest
from tools.backends.local import LocalBackend

CROP_ERROR = "box offset can't be negative"


class FailingBackend(LocalBackend):
    """The local animatic, failing scene numbers in ``fail`` (number -> failures left).

    With ``per_film`` the count applies to each film (by title) on its own, so one server
    can show the same failure to several browser tests.
    """

    name = "failing"

    def __init__(self, fail: dict[int, int], message: str = CROP_ERROR, per_film: bool = False):
        self.fail = dict(fail)
        self.message = message
        self.per_film = per_film
        self.left: dict[tuple[str, int], int] = {}
        self.calls: list[int] = []

    def cache_key(self) -> str:
        """Its own key, so its segments never pass for the local backend's."""
        return "failing:" + super().cache_key()

    def frames(
        self,
        request: RenderRequest,
        *,
        dialogue_on_frame: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Iterator[np.ndarray]:
        """The local frames, or the crop error while the scene has failures left."""
        number = request.scene.number
        self.calls.append(number)
        key = (request.screenplay.title if self.per_film else "", number)
        left = self.left.setdefault(key, self.fail.get(number, 0))
        if left > 0:
            self.left[key] = left - 1
            raise ValueError(self.message)
        return super().frames(request, dialogue_on_frame=dialogue_on_frame, progress=progress)


def install(monkeypatch: Any, backend: FailingBackend) -> FailingBackend:
    """Register ``backend`` under its name for one test (removed again afterwards)."""
    import tools.backends.base as base

    monkeypatch.setitem(base._REGISTRY, backend.name, lambda: backend)
    return backend
