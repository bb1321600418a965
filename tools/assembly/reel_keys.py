"""What identifies a reel in the segment cache: its kind, its key, its transitions.

Keys hash everything that changes a reel's frames or sound, never its position in a run,
so editing one scene re-renders that scene (and a neighbour only if a transition changed).
:mod:`tools.assembly.segments` stores and finds the encoded reels under these keys.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from film.screenplay import Scene, Screenplay
from tools.picture.cards import CARD_STYLE

PIPELINE_VERSION = "1"  # in every key and every manifest: bumping it re-renders every reel


@dataclass(frozen=True)
class ReelSpec:
    """A reel to find or make: its kind, cache key and the transitions at its ends."""

    kind: str
    key: str
    incoming: str = "CUT"
    outgoing: str = "CUT"
    scene: int | None = None

    @property
    def label(self) -> str:
        """How a person would name the reel: "Scene 3", "Title card"."""
        return f"Scene {self.scene}" if self.scene is not None else f"{self.kind.title()} card"

    @property
    def stem(self) -> str:
        """File name stem: readable kind and scene, then the key."""
        label = f"scene-{self.scene:02d}" if self.scene is not None else self.kind
        return f"{label}-{self.key[:16]}"


def digest(payload: Any) -> str:
    """A stable hash of JSON-able ``payload``."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scene_cast(screenplay: Screenplay, scene: Scene) -> tuple[Any, ...]:
    """Bible entries of everyone in the scene or speaking in it, in bible order."""
    names = {n.lower() for n in scene.characters} | {d.speaker.lower() for d in scene.dialogue}
    return tuple(c for c in screenplay.characters if c.name.lower() in names)


def scene_spec(
    screenplay: Screenplay,
    index: int,
    fingerprint: dict[str, Any],
    backend_key: str,
    engines: dict[str, str],
) -> ReelSpec:
    """The reel for ``screenplay.scenes[index]`` with its neighbour-dependent transitions."""
    scene = screenplay.scenes[index]
    incoming = screenplay.scenes[index - 1].transition if index > 0 else "CUT"
    payload = {
        "v": PIPELINE_VERSION,
        "kind": "scene",
        "scene": scene.model_dump(mode="json"),
        "cast": [c.model_dump(mode="json") for c in scene_cast(screenplay, scene)],
        "genre": screenplay.genre.value,
        "language": screenplay.language,
        "setting_time": screenplay.setting_time,
        "incoming": incoming,
        "backend": backend_key,
        "settings": fingerprint,
        "engines": engines,
    }
    return ReelSpec("scene", digest(payload), incoming, scene.transition, scene.number)


def card_spec(
    screenplay: Screenplay, kind: str, fingerprint: dict[str, Any], seconds: float
) -> ReelSpec:
    """The title card or end card reel; the end card takes the last scene's transition."""
    incoming = screenplay.scenes[-1].transition if kind == "end" and screenplay.scenes else "CUT"
    payload = {
        "v": PIPELINE_VERSION,
        "style": CARD_STYLE,
        "kind": kind,
        "title": screenplay.title,
        "logline": screenplay.logline,
        "genre": screenplay.genre.value,
        "language": screenplay.language,
        "setting_time": screenplay.setting_time,
        "cast": [[c.name, c.role] for c in screenplay.characters] if kind == "end" else [],
        "seconds": seconds,
        "incoming": incoming,
        "settings": fingerprint,
    }
    return ReelSpec(kind, digest(payload), incoming, "CUT")
