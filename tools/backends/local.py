"""The default, offline render backend: a storyboard animatic of the screenplay.

Every shot becomes a composed panel (the scene's place painted for its hour in the genre's
palette, the cast in their pinned looks, framed wide, medium or close, the place and action
lettered) with a slow camera move. No network, no model, the same
input always gives the same frames, and it runs at roughly the speed of the video encode,
so a person can watch the whole film's rhythm before paying for generative video.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from film.paths import atomic_output
from tools.backends.base import (
    ProgressCallback,
    RenderBackend,
    RenderedClip,
    RenderRequest,
    shot_frame_counts,
)
from tools.ffmpeg import EncodeFormat, FrameEncoder
from tools.picture.looks import look_for
from tools.picture.motion import ken_burns, motion_for
from tools.picture.storyboard import ScenePainter

VERSION = "animatic-2"


class LocalBackend(RenderBackend):
    """Draws each shot once with Pillow and moves a virtual camera over it."""

    name = "local"

    def cache_key(self) -> str:
        """Only the drawing code's version changes the output (there is no model)."""
        return f"local:{VERSION}"

    def frames(
        self,
        request: RenderRequest,
        *,
        dialogue_on_frame: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Iterator[np.ndarray]:
        """Yield the scene's I420 frames one by one; memory stays at one panel at a time.

        Args:
            request: the scene, its shots and the bible.
            dialogue_on_frame: letter the spoken lines on the panel; the pipeline turns this
                off when it burns timed subtitles instead.
            progress: told after each shot.
        """
        total = round(request.duration_s * request.fps)
        shots = request.shots or ()
        if not shots:
            raise ValueError(f"scene {request.scene.number} has no shots to draw")
        look = look_for(request.screenplay.genre)
        seed = f"{request.scene.place}|{request.scene.time_of_day}"
        counts = shot_frame_counts(shots, total)
        painter = ScenePainter(request)  # the set is painted once for all the scene's shots
        for shot, count in zip(shots, counts, strict=True):
            panel = painter.panel(shot, dialogue_on_frame=dialogue_on_frame)
            motion = motion_for(shot.index, seed)
            per_s = look.zoom_per_s if motion in ("push-in", "pull-out") else look.pan_per_s
            yield from ken_burns(
                panel, (request.width, request.height), count, motion, per_s / request.fps
            )
            if progress:
                progress(
                    f"Scene {request.scene.number}: shot {shot.index + 1} of {len(shots)} drawn",
                    (shot.index + 1) / len(shots),
                )

    def render_scene(
        self, request: RenderRequest, out_path: Path, progress: ProgressCallback | None = None
    ) -> RenderedClip:
        """Encode the animatic of one scene to a silent H.264 clip at ``out_path``."""
        fmt = EncodeFormat(request.width, request.height, request.fps)
        with atomic_output(out_path) as tmp, FrameEncoder(tmp, fmt, None) as encoder:
            for frame in self.frames(request, progress=progress):
                encoder.write(frame)
        return RenderedClip(
            path=out_path,
            duration_s=encoder.frames_written / request.fps,
            backend=self.name,
            notes="storyboard animatic drawn offline",
        )


def create() -> LocalBackend:
    """Factory used by the backend registry."""
    return LocalBackend()
