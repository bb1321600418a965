"""The first frame of every image-to-video job, uploaded to ComfyUI's input folder.

Image-to-video needs a picture to start from. Where it comes from:

- the **first part of a shot**: a keyframe made on the same server by the keyframe workflow
  (``MICROFILM_COMFYUI_KEYFRAMES=flux`` or a person's own image workflow) when one is
  configured; otherwise the offline animatic's panel of that shot
  (:class:`tools.picture.storyboard.ScenePainter`, drawn without lettering, since a video
  model would keep the letters), so the generated clip keeps the animatic's set, framing and
  cast placement;
- a **later part** of a long shot: the last frame of the part before, so the shot flows on.

Each start frame is uploaded under a name made from its content (``/upload/image`` then
overwrites instead of piling up copies) and has a *key* that names it without drawing it, so
the backend can tell a finished part from a new one before any work is done. Keyframes are
kept in the scene's work folder: a retry never pays for the same keyframe twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tools.backends.base import RenderRequest, Shot
from tools.backends.comfyui.client import ComfyClient
from tools.backends.comfyui.job import ComfyJob, JobProgress, JobSpec, Patience
from tools.backends.comfyui.media import last_frame, png_bytes
from tools.backends.comfyui.rules import legal_size
from tools.backends.comfyui.workflow import Workflow
from tools.backends.local import VERSION as ANIMATIC_VERSION
from tools.backends.openai.prompts import keyframe_prompt
from tools.picture.storyboard import ScenePainter


def digest(*values: object) -> str:
    """A short stable hash of ``values`` (their reprs, or raw bytes)."""
    hasher = hashlib.sha256()
    for value in values:
        hasher.update(value if isinstance(value, bytes) else repr(value).encode())
        hasher.update(b"\x00")
    return hasher.hexdigest()[:16]


def job_seed(base: int, *parts: object) -> int:
    """A job's seed: fixed by the base seed and the job's place in the film."""
    return int(digest(base, *parts)[:12], 16)


@dataclass(frozen=True)
class StartFrame:
    """Where a part starts: the shot, and the part before it (None for a shot's first)."""

    shot: Shot
    previous_clip: Path | None = None
    previous_key: str = ""


class StartFrames:
    """Makes, keys and uploads start frames for one scene's jobs."""

    def __init__(
        self,
        client: ComfyClient,
        request: RenderRequest,
        keyframes: Workflow | None,
        *,
        seed: int,
        work: Path,
        patience: Patience,
    ) -> None:
        self.client = client
        self.request = request
        self.keyframes = keyframes
        self.seed = seed
        self.work = work
        self.patience = patience
        self._painter: ScenePainter | None = None
        self.keyframes_made = 0

    def key(self, start: StartFrame) -> str:
        """What decides the start frame's pixels, hashed (nothing is drawn)."""
        if start.previous_clip is not None:
            return f"after:{start.previous_key}"
        if self.keyframes is not None:
            return f"keyframe:{self._keyframe_key(start.shot)}"
        request = self.request
        return "animatic:" + digest(
            ANIMATIC_VERSION,
            request.scene.model_dump(mode="json"),
            [c.model_dump(mode="json") for c in request.bible],
            request.screenplay.genre.value,
            request.screenplay.language,
            repr(start.shot),
            request.width,
            request.height,
        )

    def upload(self, start: StartFrame, size: tuple[int, int], report: JobProgress) -> str:
        """Make the start frame at ``size`` and upload it; the name a LoadImage takes."""
        if start.previous_clip is not None:
            still = self.work / f"{start.previous_clip.stem}.last.png"
            if not still.is_file():
                last_frame(start.previous_clip, still)
            with Image.open(still) as picture:
                data = png_bytes(picture, size)
        elif self.keyframes is not None:
            with Image.open(self._keyframe(start.shot, report)) as picture:
                data = png_bytes(picture, size)
        else:
            data = png_bytes(self._panel(start.shot), size)
        return self.client.upload_image(data, f"microfilm-{digest(data)}.png")

    def _panel(self, shot: Shot) -> Image.Image:
        """The animatic's unlettered panel of ``shot``, cut to the film's frame."""
        if self._painter is None:
            self._painter = ScenePainter(self.request)
        painter = self._painter
        panel = painter.panel(shot, dialogue_on_frame=False, lettered=False)
        (left, top), (width, height) = painter.origin, painter.frame
        return panel.crop((left, top, left + width, top + height))

    def _keyframe_key(self, shot: Shot) -> str:
        assert self.keyframes is not None
        reference = self._reference_path(shot) if self.keyframes.takes("reference") else None
        sheet = reference.read_bytes() if reference is not None else b""
        return digest(self.keyframes.digest, self._keyframe_values(shot), sheet)

    def _keyframe_values(self, shot: Shot) -> dict[str, object]:
        assert self.keyframes is not None
        width, height = legal_size(self.request.width, self.request.height, self.keyframes.rules)
        return {
            "prompt": keyframe_prompt(self.request, shot),
            "seed": job_seed(self.seed, "keyframe", self.request.scene.number, shot.index),
            "width": width,
            "height": height,
        }

    def _keyframe(self, shot: Shot, report: JobProgress) -> Path:
        """The shot's keyframe from the keyframe workflow (kept; made once)."""
        assert self.keyframes is not None
        target = self.work / f"keyframe-{shot.index + 1:02d}-{self._keyframe_key(shot)}.png"
        if target.is_file():
            return target
        values = self._keyframe_values(shot)
        reference = self._reference_path(shot) if self.keyframes.takes("reference") else None
        if reference is not None:
            with Image.open(reference) as picture:
                data = png_bytes(picture, picture.size)
            values["reference"] = self.client.upload_image(data, f"microfilm-{digest(data)}.png")
        spec = JobSpec(
            graph=self.keyframes.fill(values),
            workflow=self.keyframes.name,
            output_node=self.keyframes.output,
            kind="image",
            target=target,
            label=f"Scene {self.request.scene.number}, keyframe of shot {shot.index + 1}",
        )
        ComfyJob(self.client, spec, self.patience, report).run()
        self.keyframes_made += 1
        return target

    def _reference_path(self, shot: Shot) -> Path | None:
        """The first character in frame with a reference image (item 2 fills these in)."""
        images = {name.lower(): path for name, path in self.request.reference_images.items()}
        for name in shot.characters:
            path = images.get(name.lower())
            if path is not None and path.is_file():
                return path
        return None
