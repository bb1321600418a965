"""The contract every render backend honours, and the registry that picks one by name.

A backend turns one scene (already split into shots, with the character bible for
consistency) into a silent video clip. The production pipeline normalises whatever comes
back (size, frame rate, exact duration), adds voice, music and subtitles, and caches the
encoded segment, so backends stay small and swappable. A backend that draws its frames
itself may also hand them over directly (:meth:`RenderBackend.frames`), which saves the
pipeline an encode and a decode per scene.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay
from tools.backends.registry import BUILT_IN_BACKENDS

if TYPE_CHECKING:
    from tools.backends.ledger import SceneSpending


@dataclass(frozen=True)
class Shot:
    """One camera set-up inside a scene: a single clear action."""

    index: int
    description: str
    duration_s: float
    characters: tuple[str, ...] = ()
    dialogue: tuple[DialogueLine, ...] = ()
    #: A later part of one beat cut in two: the same moment, so no caption is lettered again.
    continued: bool = False


@dataclass(frozen=True)
class RenderRequest:
    """Everything a backend may use to draw one scene."""

    screenplay: Screenplay
    scene: Scene
    shots: tuple[Shot, ...]
    bible: tuple[CharacterProfile, ...]
    width: int
    height: int
    fps: int
    duration_s: float
    reference_images: dict[str, Path] = field(default_factory=dict)
    spending: SceneSpending | None = None
    """The project's spend ledger and budget, for backends that pay for their work."""


@dataclass(frozen=True)
class RenderedClip:
    """A silent clip on disk, plus what it cost and how it was made."""

    path: Path
    duration_s: float
    backend: str
    cost_usd: float = 0.0
    notes: str = ""


class RenderError(RuntimeError):
    """A scene could not be rendered; ``final`` means retrying will not help."""

    def __init__(self, message: str, *, final: bool = False) -> None:
        super().__init__(message)
        self.final = final


ProgressCallback = Callable[[str, float | None], None]


def shot_frame_counts(shots: Sequence[Shot], total_frames: int) -> list[int]:
    """Frames per shot, rounded cumulatively so they add up to exactly ``total_frames``."""
    seconds = [max(0.0, s.duration_s) for s in shots]
    whole = sum(seconds) or 1.0
    edges = [round(total_frames * c / whole) for c in accumulate(seconds)]
    edges[-1] = total_frames
    return [b - a for a, b in zip([0, *edges[:-1]], edges, strict=True)]


@runtime_checkable
class RenderBackend(Protocol):
    """Renders scenes to silent clips (and, if it draws them itself, to frames).

    Backends subclass this protocol explicitly, so they inherit the default :meth:`frames`.
    """

    name: str

    def frames(
        self,
        request: RenderRequest,
        *,
        dialogue_on_frame: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Iterator[np.ndarray] | None:
        """The scene's I420 frames drawn directly, or ``None`` if this backend only renders clips.

        ``None`` (the default) makes the pipeline call :meth:`render_scene`, keep the clip and
        decode it. ``dialogue_on_frame`` asks for the spoken lines lettered on the picture; the
        pipeline turns it off when it burns timed subtitles instead.
        """
        return None

    def render_scene(
        self, request: RenderRequest, out_path: Path, progress: ProgressCallback | None = None
    ) -> RenderedClip:
        """Write a silent clip for ``request`` to ``out_path`` (atomically) and describe it."""
        ...

    def cache_key(self) -> str:
        """Settings of this backend that change its output (model, size...), for caching."""
        ...


def _load_built_in(module_name: str) -> Callable[[], RenderBackend]:
    """A factory that imports the backend's module only when the backend is chosen.

    Choosing ``local`` then never pulls in HTTP clients, and a broken optional backend
    cannot stop the default one from working.
    """

    def create() -> RenderBackend:
        backend: RenderBackend = importlib.import_module(module_name).create()
        return backend

    return create


_REGISTRY: dict[str, Callable[[], RenderBackend]] = {
    name: _load_built_in(module) for name, module in BUILT_IN_BACKENDS.items()
}


def register_backend(name: str, factory: Callable[[], RenderBackend]) -> None:
    """Make a backend available under ``name``."""
    _REGISTRY[name] = factory


def get_backend(name: str) -> RenderBackend:
    """The backend registered as ``name``.

    Raises:
        ValueError: naming the backends that exist.
    """
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise ValueError(f"Unknown render backend {name!r}; available: {known}.") from None
    return factory()


def available_backends() -> list[str]:
    """Names of the registered backends."""
    return sorted(_REGISTRY)
