"""The contract every render backend honours, and the registry that picks one by name.

A backend turns one scene (already split into shots, with the character bible for
consistency) into a silent video clip. The production pipeline normalises whatever comes
back (size, frame rate, exact duration), adds voice, music and subtitles, and caches the
encoded segment, so backends stay small and swappable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay


@dataclass(frozen=True)
class Shot:
    """One camera set-up inside a scene: a single clear action."""

    index: int
    description: str
    duration_s: float
    characters: tuple[str, ...] = ()
    dialogue: tuple[DialogueLine, ...] = ()


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


@runtime_checkable
class RenderBackend(Protocol):
    """Renders scenes to silent clips."""

    name: str

    def render_scene(
        self, request: RenderRequest, out_path: Path, progress: ProgressCallback | None = None
    ) -> RenderedClip:
        """Write a silent clip for ``request`` to ``out_path`` (atomically) and describe it."""
        ...

    def cache_key(self) -> str:
        """Settings of this backend that change its output (model, size...), for caching."""
        ...


_REGISTRY: dict[str, Callable[[], RenderBackend]] = {}


def register_backend(name: str, factory: Callable[[], RenderBackend]) -> None:
    """Make a backend available under ``name``."""
    _REGISTRY[name] = factory


def get_backend(name: str) -> RenderBackend:
    """The backend registered as ``name``.

    Raises:
        ValueError: naming the backends that exist.
    """
    from tools.backends import registry  # noqa: F401  (registers the built-in backends)

    try:
        return _REGISTRY[name]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise ValueError(f"Unknown render backend {name!r}; available: {known}.") from None


def available_backends() -> list[str]:
    """Names of the registered backends."""
    from tools.backends import registry  # noqa: F401

    return sorted(_REGISTRY)
