"""The frame and size rules of the models behind the ComfyUI workflows.

Video models only take certain clip shapes, and ComfyUI does not refuse the others: a side
that is not a multiple of the latent stride is cropped, a frame count off the model's grid
is rounded down inside the sampler. Either way the clip comes back shorter or narrower than
planned. So the backend asks only for legal shapes:

- **Wan 2.x** (``WanImageToVideo``): sides in steps of 16, ``4n+1`` frames, 16 or 24 fps;
- **LTX-Video** (``LTXVImgToVideo``): sides in steps of 32, ``8n+1`` frames;
- **still images** (Flux, Qwen-Image keyframes): sides in steps of 16.

The frame count comes from the shot's length (the nearest legal count); the size is the legal
one nearest the film's own aspect within the model's pixel budget. The pipeline then scales
the clip to the film's frame and stretches it to the shot's exact length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

# Within this much of the film's aspect a size counts as 9:16; among those the largest wins.
_ASPECT_TOLERANCE = 0.01


@dataclass(frozen=True)
class ModelRules:
    """What one model family accepts.

    Attributes:
        family: ``wan``, ``ltx`` or ``image``.
        size_step: both sides must be multiples of this.
        frame_step: frame counts are ``frame_step * n + 1``; 0 for still images.
        fps_choices: the frame rates the model was trained at; empty when any rate works.
        max_frames: the longest clip one job may ask for (a longer shot is made in parts).
        max_pixels: the largest frame (width x height) to ask for.
    """

    family: str
    size_step: int
    frame_step: int
    fps_choices: tuple[int, ...]
    max_frames: int
    max_pixels: int

    @property
    def makes_video(self) -> bool:
        """Whether the model makes clips (it has a frame grid) rather than stills."""
        return self.frame_step > 0

    def limited(self, *, max_frames: int | None, max_pixels: int | None) -> ModelRules:
        """These rules with a workflow's own limits (a bigger GPU, a longer model)."""
        return replace(
            self,
            max_frames=max_frames if max_frames is not None else self.max_frames,
            max_pixels=max_pixels if max_pixels is not None else self.max_pixels,
        )

    def check_fps(self, fps: int) -> None:
        """Refuse a frame rate the model was not made for.

        Raises:
            ValueError: naming the rates it was made for.
        """
        if fps <= 0 or (self.fps_choices and fps not in self.fps_choices):
            allowed = " or ".join(str(f) for f in self.fps_choices) or "a positive number"
            raise ValueError(f"{self.family} makes clips at {allowed} fps, not {fps}.")


RULES: dict[str, ModelRules] = {
    # Wan 2.2 14B image-to-video: 81 frames (5 s at 16 fps), 480p-class frames.
    "wan": ModelRules("wan", 16, 4, (16, 24), 81, 480 * 832),
    # LTX-Video 0.9.x: up to 257 frames; 768x512-class frames.
    "ltx": ModelRules("ltx", 32, 8, (), 257, 768 * 512),
    # Flux / Qwen-Image keyframes: about one megapixel.
    "image": ModelRules("image", 16, 0, (), 1, 1024 * 1024),
}


def rules_for(family: str) -> ModelRules:
    """The rules of ``family``.

    Raises:
        ValueError: naming the families there are.
    """
    try:
        return RULES[family.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(RULES))
        raise ValueError(f"Unknown model family {family!r}; use one of: {known}.") from None


def legal_frames(seconds: float, fps: int, rules: ModelRules) -> int:
    """The legal frame count nearest ``seconds`` at ``fps``, at most ``rules.max_frames``.

    Raises:
        ValueError: for a still-image model (it has no frames to count).
    """
    if not rules.makes_video:
        raise ValueError(f"{rules.family} makes still images, not clips.")
    step = rules.frame_step
    steps = max(1, round((seconds * fps - 1) / step))
    longest = max(1, (rules.max_frames - 1) // step)
    return step * min(steps, longest) + 1


def longest_seconds(fps: int, rules: ModelRules) -> float:
    """The longest clip one job can make at ``fps`` (the largest legal count)."""
    if not rules.makes_video:
        return 0.0
    step = rules.frame_step
    return (step * max(1, (rules.max_frames - 1) // step) + 1) / fps


def legal_size(width: int, height: int, rules: ModelRules) -> tuple[int, int]:
    """The legal frame nearest ``width`` x ``height`` in shape, within the pixel budget.

    Sizes whose aspect is within 1% of the request's count as the same shape and the largest
    of them (up to the request's own area, at most ``max_pixels``) wins; when the step is too
    coarse for any of them, the closest aspect wins. Orientation is always kept.

    Raises:
        ValueError: for a non-positive request.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"A frame of {width}x{height} has no area.")
    step = rules.size_step
    aspect = width / height
    budget = min(width * height, rules.max_pixels)
    best: tuple[tuple[int, float, int], tuple[int, int]] | None = None
    widest = max(step, int(math.sqrt(budget * aspect)) + step)
    for w in range(step, widest + 1, step):
        ideal_h = w / aspect
        for h in {max(step, math.floor(ideal_h / step) * step), math.ceil(ideal_h / step) * step}:
            if w * h > budget and (w, h) != (step, step):
                continue
            error = abs(math.log((w / h) / aspect))
            close = error <= _ASPECT_TOLERANCE
            score = (0 if close else 1, 0.0 if close else error, -w * h)
            if best is None or score < best[0]:
                best = (score, (w, h))
    return best[1] if best else (step, step)
