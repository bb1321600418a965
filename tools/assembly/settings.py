"""Production settings: what a render is asked to make (size, sound, subtitles, speed).

Kept apart from the pipeline so the cache key, the graph and the CLI all read one model.
Validation happens here so a bad size or frame rate is refused with a sentence a person
understands, before minutes of rendering are spent.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from tools.ffmpeg import EncodeFormat

Preset = Literal["ultrafast", "superfast", "veryfast", "faster", "fast", "medium"]

# Settings that change what a segment looks or sounds like (the rest only change how fast).
# Music is laid over the whole film at assembly, so it is not one of them.
_SEGMENT_FIELDS = (
    "width",
    "height",
    "fps",
    "voice",
    "burn_subtitles",
    "transition_s",
    "preset",
    "crf",
)


class ProductionSettings(BaseModel):
    """How to render a film. Defaults: 1080x1920, 30 fps, voice, music, burned subtitles."""

    backend: str = "local"
    width: int = Field(default=1080, ge=90, le=2160)
    height: int = Field(default=1920, ge=160, le=3840)
    fps: int = Field(default=30, ge=12, le=60)
    voice: bool = True
    music: bool = True
    burn_subtitles: bool = True
    music_file: str | None = Field(
        default=None, description="The person's own track to use instead of the genre bed."
    )
    transition_s: float = Field(
        default=0.5, ge=0.1, le=2.0, description="Length of fades and dissolves."
    )
    concurrency: int = Field(default=2, ge=1, le=8, description="Scenes rendered at once.")
    preset: Preset = "veryfast"
    crf: int = Field(default=23, ge=14, le=35)
    budget: float | None = Field(
        default=None,
        ge=0,
        description="The most the project's paid jobs may cost together (none: no cap).",
    )
    character_sheets: dict[str, str] = Field(
        default_factory=dict,
        description="Approved character sheets (name -> PNG path) that keyframes are drawn "
        "from; each scene's key holds the sheets of its own cast only.",
    )

    @model_validator(mode="after")
    def _vertical(self) -> ProductionSettings:
        if self.width % 2 or self.height % 2:
            raise ValueError(
                f"Frame size {self.width}x{self.height} must use even numbers "
                "(H.264 with yuv420p needs them)."
            )
        if self.width * 16 != self.height * 9:
            raise ValueError(
                f"A micro film is vertical 9:16; {self.width}x{self.height} is not "
                "(use 1080x1920 or 720x1280)."
            )
        return self

    @property
    def encode_format(self) -> EncodeFormat:
        """Codec parameters every segment of this film shares."""
        return EncodeFormat(self.width, self.height, self.fps, self.preset, self.crf)

    def transition_frames(self) -> int:
        """Frames a fade or dissolve lasts."""
        return max(1, round(self.transition_s * self.fps))

    def segment_fingerprint(self) -> dict[str, Any]:
        """The settings that change a segment's pixels or sound, for its cache key."""
        return {name: getattr(self, name) for name in _SEGMENT_FIELDS}
