"""The first frame of every image-to-video job, uploaded to ComfyUI's input folder.

Image-to-video needs a picture to start from. Where it comes from:

- the **first part of a shot**: a keyframe made on the same server by the keyframe workflow
  (``MICROFILM_COMFYUI_KEYFRAMES=flux`` or a person's own image workflow) when one is
  configured; otherwise the offline animatic's panel of that shot
  (:class:`tools.picture.storyboard.ScenePainter`, drawn without lettering, since a video
  model would keep the letters), so the generated clip keeps the animatic's set, framing and
  cast placement;
- a **later part** of a long shot: the last frame of the part before, so the shot flows on.

With approved character sheets (``RenderRequest.reference_images``) and a keyframe workflow
whose mapping has a ``reference`` input, each keyframe is drawn from the sheets of the
characters in its shot (uploaded through ``/upload/image``).

Each start frame is uploaded under a name made from its content (``/upload/image`` then
overwrites instead of piling up copies) and has a *key* that names it without drawing it, so
the backend can tell a finished part from a new one before any work is done. Keyframes are
kept in the scene's work folder: a retry never pays for the same keyframe twice.

On a Ray cluster the scene's task sets a remote drawer
(:func:`tools.backends.openai.shot_keyframes.drawing_remotely`, the one hook for every
backend's keyframes): :meth:`StartFrames.prefetch` then draws the scene's missing keyframes
at once, before its video jobs, each a Ray task that gets only the workflow, its values and
the sheets' picture (:func:`tools.distributed.pictures.draw_comfy_keyframe`). The name (the
content key), the file and the count stay here. Without a drawer nothing changes.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from film.paths import atomic_write_bytes
from tools.backends.base import RenderRequest, Shot
from tools.backends.comfyui.client import ComfyClient
from tools.backends.comfyui.job import ComfyJob, JobProgress, JobSpec, Patience
from tools.backends.comfyui.media import last_frame, png_bytes
from tools.backends.comfyui.rules import legal_size
from tools.backends.comfyui.workflow import Workflow
from tools.backends.keyframes.prompts import keyframe_instruction
from tools.backends.local import VERSION as ANIMATIC_VERSION
from tools.backends.openai.prompts import keyframe_prompt
from tools.backends.openai.shot_keyframes import remote_drawer
from tools.picture.storyboard import ScenePainter

COMFY_KIND = "comfyui"
"""The remote drawer's kind for a ComfyUI keyframe (its payload: workflow, values, reference)."""
COMFY_IDENTITY = "comfyui-keyframe"
"""What a ComfyUI keyframe task reports: the payload carries the whole workflow, so no
worker setting changes the picture and the driver has nothing to compare."""


def digest(*values: object) -> str:
    """A short stable hash of ``values`` (their reprs, or raw bytes)."""
    hasher = hashlib.sha256()
    for value in values:
        hasher.update(value if isinstance(value, bytes) else repr(value).encode())
        hasher.update(b"\x00")
    return hasher.hexdigest()[:16]


def image_spec(workflow: Workflow, values: dict[str, object], target: Path, label: str) -> JobSpec:
    """The job of an image ``workflow`` (a keyframe, a character sheet) filled with ``values``."""
    return JobSpec(
        graph=workflow.fill(values),
        workflow=workflow.name,
        output_node=workflow.output,
        kind="image",
        target=target,
        label=label,
    )


def run_image_job(
    client: ComfyClient,
    workflow: Workflow,
    values: dict[str, object],
    reference: bytes | None,
    target: Path,
    label: str,
    patience: Patience,
    report: JobProgress,
) -> None:
    """Upload ``reference`` (the shot's sheets) as the ``reference`` input, run, save to ``target``.

    The one way a keyframe is drawn, in the studio's process or as a Ray task on a worker.
    """
    if reference is not None:
        name = client.upload_image(reference, f"microfilm-{digest(reference)}.png")
        values = {**values, "reference": name}
    ComfyJob(client, image_spec(workflow, values, target, label), patience, report).run()


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
        self._counting = threading.Lock()  # prefetch draws from several threads

    @property
    def drawn_elsewhere(self) -> bool:
        """Whether keyframes go to a remote drawer (a Ray task each) instead of this client."""
        return remote_drawer() is not None and self.keyframes is not None

    def prefetch(self, shots: Sequence[Shot]) -> None:
        """Draw the keyframes of ``shots`` at once when a remote drawer is set (a cluster).

        Each is still named, kept and counted by :meth:`_keyframe`; only the drawing runs
        elsewhere, in parallel, so the scene's video jobs start with all their frames.
        Without a drawer (or without a keyframe workflow) this does nothing.

        Raises:
            RenderError: as the keyframe jobs (the keyframes already drawn are kept).
        """
        unique = list({shot.index: shot for shot in shots}.values())  # one per shot
        if not self.drawn_elsewhere or not unique:
            return
        with ThreadPoolExecutor(len(unique), thread_name_prefix="keyframe") as pool:
            list(pool.map(lambda shot: self._keyframe(shot, _quiet), unique))

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
        sheet = self._reference(shot) if self.keyframes.takes("reference") else None
        return digest(self.keyframes.digest, self._keyframe_values(shot), sheet or b"")

    def _keyframe_values(self, shot: Shot) -> dict[str, object]:
        assert self.keyframes is not None
        width, height = legal_size(self.request.width, self.request.height, self.keyframes.rules)
        prompt = keyframe_prompt(self.request, shot)
        if self.keyframes.takes("reference"):
            names = [n for n in dict.fromkeys(shot.characters) if self._sheet_of(n) is not None]
            extra = keyframe_instruction(names, self.request.screenplay.language)
            prompt += f"\n{extra}" if extra else ""
        return {
            "prompt": prompt,
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
        data = self._reference(shot) if self.keyframes.takes("reference") else None
        label = f"Scene {self.request.scene.number}, keyframe of shot {shot.index + 1}"
        remote = remote_drawer()
        if remote is not None:
            payload = {
                "workflow": self.keyframes,
                "values": values,
                "reference": data,
                "label": label,
            }
            atomic_write_bytes(target, remote(COMFY_KIND, payload, None))
        else:
            run_image_job(
                self.client, self.keyframes, values, data, target, label, self.patience, report
            )
        with self._counting:
            self.keyframes_made += 1
        return target

    def _sheet_of(self, name: str) -> Path | None:
        """``name``'s approved sheet, if the request carries one that exists."""
        for known, path in self.request.reference_images.items():
            if known.lower() == name.lower() and Path(path).is_file():
                return Path(path)
        return None

    def _reference(self, shot: Shot) -> bytes | None:
        """The sheets of the characters in ``shot``, side by side in one PNG (None: nobody).

        A mapping has one ``reference`` input, so a shot with two people sends both sheets
        in one picture, in the order they appear in the shot.
        """
        found = (self._sheet_of(name) for name in dict.fromkeys(shot.characters))
        paths = [path for path in found if path is not None]
        if not paths:
            return None
        sheets = []
        for path in paths:
            with Image.open(path) as picture:
                sheets.append(picture.convert("RGB"))
        height = min(sheet.height for sheet in sheets)
        scaled = [s.resize((max(1, s.width * height // s.height), height)) for s in sheets]
        row = Image.new("RGB", (sum(s.width for s in scaled), height), (238, 234, 226))
        x = 0
        for sheet in scaled:
            row.paste(sheet, (x, 0))
            x += sheet.width
        return png_bytes(row, row.size)


def _quiet(message: str, fraction: float) -> None:
    """Progress of a keyframe drawn elsewhere: not streamed back; the scene reports them all."""
