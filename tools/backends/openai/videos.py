"""Render backend for ``/v1/videos`` (the Sora request shape, served by many gateways).

A scene becomes one or more generation jobs of the lengths the model allows, each with a
prompt that pins the cast's look and, optionally, a reference sheet image. Jobs are
created, polled within a budget and downloaded; the parts are then fitted and joined into
one silent clip of exactly the scene's length.

With character sheets on (``MICROFILM_CHARACTER_SHEETS``), production is keyframe-first:
every shot is its own job, whose ``input_reference`` is the shot's keyframe, drawn by the
images API from the sheets of the characters in it (:mod:`.shot_keyframes`).

Generated video is expensive, so nothing finished is thrown away: each part is kept in a
work folder beside the output, and the id of a job in flight is recorded
(:mod:`tools.backends.openai.jobs`), so a retry after a crash or a timeout picks up the same
job instead of paying for a new one. A ``failed`` job (usually moderation) is final and is
never resubmitted automatically.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from film.paths import atomic_output
from tools.backends.api_config import ApiConfig, env_flag, env_float
from tools.backends.base import ProgressCallback, RenderBackend, RenderedClip, RenderRequest
from tools.backends.http import ApiClient
from tools.backends.keyframes.sheets import sheets_wanted
from tools.backends.native_audio import native_audio_wanted
from tools.backends.openai.image_api import ImageSettings, image_size
from tools.backends.openai.jobs import VideoJob
from tools.backends.openai.media import join_clips
from tools.backends.openai.prompts import JobPlan, plan_jobs, scene_shots, video_prompt
from tools.backends.openai.reference import reference_sheet
from tools.backends.openai.shot_keyframes import ShotKeyframes, fitted_png, keyframe_folder
from tools.backends.pricing import PricedWork

NAME = "openai-videos"
DEFAULT_MODEL = "sora-2"
DEFAULT_PRICE_PER_S = 0.10
_JOIN_SHARE = 0.1


def _allowed_seconds(raw: str) -> tuple[int, ...]:
    try:
        values = tuple(sorted({int(part) for part in raw.replace(" ", "").split(",") if part}))
    except ValueError:
        values = ()
    if not values or values[0] <= 0:
        raise ValueError(
            f"MICROFILM_VIDEO_SECONDS must list clip lengths like '4,8,12' (got {raw!r})."
        )
    return values


def _size(raw: str) -> str:
    cleaned = raw.strip().lower()
    if cleaned and not re.fullmatch(r"[1-9]\d{1,4}x[1-9]\d{1,4}", cleaned):
        raise ValueError(f"MICROFILM_VIDEO_SIZE must look like 720x1280 (got {raw!r}).")
    return cleaned


@dataclass(frozen=True)
class VideoSettings:
    """What to ask the video API for, and how to price it."""

    config: ApiConfig
    size: str = ""
    allowed_seconds: tuple[int, ...] = (4, 8, 12)
    price_per_s: float = DEFAULT_PRICE_PER_S
    use_references: bool = True
    keep_thumbnail: bool = True
    keyframes: ImageSettings | None = None
    """Keyframe-first: the images API that draws each shot's start frame (None: off)."""
    native_audio: bool = False
    """Keep the model's own sound (``MICROFILM_VIDEO_NATIVE_AUDIO``) instead of the voices."""

    @classmethod
    def from_env(cls) -> VideoSettings:
        """Settings from ``MICROFILM_VIDEO_*`` (and ``OPENAI_*``) environment variables."""
        return cls(
            config=ApiConfig.from_env("video", DEFAULT_MODEL),
            size=_size(os.environ.get("MICROFILM_VIDEO_SIZE", "")),
            allowed_seconds=_allowed_seconds(os.environ.get("MICROFILM_VIDEO_SECONDS", "4,8,12")),
            price_per_s=env_float("MICROFILM_VIDEO_PRICE_PER_S", DEFAULT_PRICE_PER_S),
            use_references=env_flag("MICROFILM_VIDEO_REFERENCE", True),
            keep_thumbnail=env_flag("MICROFILM_VIDEO_THUMBNAIL", True),
            native_audio=native_audio_wanted("video"),
            keyframes=ImageSettings.from_env() if sheets_wanted() else None,
        )


def request_size(settings: VideoSettings, width: int, height: int) -> str:
    """The API size string: configured, or 720x1280 / 1280x720 by orientation."""
    if settings.size:
        return settings.size
    return "720x1280" if height >= width else "1280x720"


class OpenAIVideosBackend(RenderBackend):
    """Scenes rendered by an OpenAI-compatible ``/v1/videos`` endpoint."""

    name = NAME

    def __init__(
        self, settings: VideoSettings, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings
        self._sleep = sleep

    @property
    def native_audio(self) -> bool:
        """Whether the clips keep the model's sound (the pipeline then keeps it too)."""
        return self.settings.native_audio

    def cache_key(self) -> str:
        """Model, endpoint, size and reference use: anything that changes the pictures."""
        s = self.settings
        seconds = ",".join(map(str, s.allowed_seconds))
        return (
            f"{NAME}|{s.config.base_url}|{s.config.model}|size={s.size or 'auto'}"
            f"|seconds={seconds}|refs={int(s.use_references)}" + self._keyframes_key()
        )

    def _keyframes_key(self) -> str:
        frames = self.settings.keyframes
        if frames is None:
            return ""
        return f"|keyframes={frames.config.base_url}|{frames.config.model}|{frames.quality}"

    def plans(self, request: RenderRequest) -> list[JobPlan]:
        """The scene's jobs: packed shots, or one shot per job when production is keyframe-first."""
        shots, allowed = scene_shots(request), self.settings.allowed_seconds
        if self.settings.keyframes is None:
            return plan_jobs(shots, allowed)
        return [plan for shot in shots for plan in plan_jobs([shot], allowed)]

    def priced_work(self, request: RenderRequest) -> list[PricedWork]:
        """One priced job per clip the scene needs (at the length asked for), and its keyframes."""
        price = self.settings.price_per_s
        work = [PricedWork("second", plan.seconds, price) for plan in self.plans(request)]
        if self.settings.keyframes is not None:
            image = self.settings.keyframes.price_per_image
            work += [PricedWork("image", 1, image) for _ in scene_shots(request)]
        return work

    def render_scene(
        self, request: RenderRequest, out_path: Path, progress: ProgressCallback | None = None
    ) -> RenderedClip:
        """Generate, download and join the scene's jobs into ``out_path``.

        Each new job is reserved in the request's spend ledger first (when it has one), so
        a budget stops it before anything is sent.

        Raises:
            BudgetReached: when the next job would pass the budget (earlier parts are kept).
            ApiError: ``final`` for refusals (4xx, a ``failed`` job); otherwise retryable.
            RenderError: when the downloads cannot be decoded or joined.
        """
        report = progress or (lambda message, fraction: None)
        plans = self.plans(request)
        size = request_size(self.settings, request.width, request.height)
        work = out_path.parent / f".{out_path.stem}.parts"
        work.mkdir(parents=True, exist_ok=True)
        label = f"Scene {request.scene.number}"
        parts: list[tuple[Path, float]] = []
        reused = 0
        with (
            ApiClient(self.settings.config, service="video service", sleep=self._sleep) as api,
            self._keyframes(request, keyframe_folder(out_path)) as keyframes,
        ):
            if keyframes is not None:  # on a Ray cluster: every keyframe before the videos
                firsts = [plan.beats[0].shot for plan in plans]
                keyframes.prefetch(
                    [(s, f"{label}, keyframe of shot {s.index + 1}") for s in firsts]
                )
            for i, plan in enumerate(plans):
                prompt = video_prompt(request, plan)
                if keyframes is None:
                    reference = self._reference(request, plan, size)
                else:
                    shot = plan.beats[0].shot
                    drawn = keyframes.keyframe(shot, f"{label}, keyframe of shot {shot.index + 1}")
                    reference = fitted_png(drawn.path, size)
                digest = _digest(self.cache_key(), size, plan.seconds, prompt, reference)
                part = work / f"part-{i + 1}-{digest}.mp4"
                if part.exists():
                    reused += 1
                else:
                    job = VideoJob(
                        api,
                        part,
                        f"{label}, part {i + 1}/{len(plans)}",
                        report,
                        request.spending,
                    )
                    share = (1 - _JOIN_SHARE) / len(plans)
                    keep_thumbnail = self.settings.keep_thumbnail and i == 0
                    job.run(
                        fields={
                            "model": self.settings.config.model,
                            "prompt": prompt,
                            "seconds": str(plan.seconds),
                            "size": size,
                        },
                        reference=reference,
                        fraction=(i * share, share),
                        thumbnail=out_path.with_name(f"{out_path.stem}.thumb")
                        if keep_thumbnail
                        else None,
                        price=plan.seconds * self.settings.price_per_s,
                    )
                parts.append((part, plan.planned_s))
        report(f"{label}: joining {len(parts)} generated part(s)", 1 - _JOIN_SHARE)
        with atomic_output(out_path) as tmp:
            join_clips(
                parts,
                tmp,
                width=request.width,
                height=request.height,
                fps=request.fps,
                duration_s=request.duration_s,
                keep_audio=self.settings.native_audio,
            )
        shutil.rmtree(work, ignore_errors=True)
        billed = sum(plan.seconds for plan in plans)
        cost = round(billed * self.settings.price_per_s, 4)
        report(f"{label}: video ready", 1.0)
        notes = (
            f"{len(plans)} job(s), {billed} s generated with {self.settings.config.model} at "
            f"~${self.settings.price_per_s:g}/s (estimate)"
            + (f"; {reused} part(s) reused from an earlier run" if reused else "")
        )
        return RenderedClip(out_path, request.duration_s, NAME, cost, notes)

    @contextmanager
    def _keyframes(self, request: RenderRequest, work: Path) -> Iterator[ShotKeyframes | None]:
        """The scene's keyframe maker when production is keyframe-first (its own image client)."""
        frames = self.settings.keyframes
        if frames is None:
            yield None
            return
        with ApiClient(frames.config, service="image service", sleep=self._sleep) as images:
            size = image_size(frames, request.width, request.height)
            identity = f"{NAME}-keyframe{self._keyframes_key()}|size={size}"
            yield ShotKeyframes(images, frames, request, work=work, size=size, identity=identity)

    def _reference(self, request: RenderRequest, plan: JobPlan, size: str) -> bytes | None:
        if not self.settings.use_references or not plan.characters:
            return None
        cast = [p for name in plan.characters if (p := request.screenplay.character(name))]
        cast += [p for p in request.bible if p.name in plan.characters and p not in cast]
        if not cast:
            return None
        width, _, height = size.partition("x")
        return reference_sheet(cast, request.reference_images, (int(width), int(height)))


def _digest(*values: object) -> str:
    hasher = hashlib.sha256()
    for value in values:
        hasher.update(value if isinstance(value, bytes) else repr(value).encode())
    return hasher.hexdigest()[:16]


def create() -> OpenAIVideosBackend:
    """The backend as configured by the environment (used by the registry)."""
    return OpenAIVideosBackend(VideoSettings.from_env())
