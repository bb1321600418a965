"""Scene dialogue through an OpenAI-compatible speech API, with the offline voice as a net.

The API is used only when ``MICROFILM_TTS_BASE_URL`` or ``MICROFILM_TTS_MODEL`` is set, so a
studio that has an OpenAI key for its screenplay model does not start paying for speech by
surprise. The key is read from the environment only (``MICROFILM_TTS_API_KEY``, then
``OPENAI_API_KEY``). Each character gets a provider voice from their bible hint, and no two
share one while the provider's six voices last; beyond that a reused voice is told apart by
pace.

A failure never costs a line: :meth:`ProviderSpeaker.say` answers ``None`` and the caller
speaks the sentence offline. A refusal (a final error) affects only the sentence refused; a
service that is down (retries used up) is not asked again for the rest of the scene, so a
dead endpoint costs one round of retries per scene instead of one per sentence.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np

from tools.backends.api_config import ApiConfig
from tools.backends.base import RenderError
from tools.ffmpeg import FFmpegError, decode_audio
from tools.sound.tts_openai import DEFAULT_MODEL, VOICES, pick_voice, speak

log = logging.getLogger(__name__)

TTS_SWITCHES = ("MICROFILM_TTS_BASE_URL", "MICROFILM_TTS_MODEL")
_POOLS = (("nova", "shimmer"), ("onyx", "echo"), ("alloy", "fable"))  # female, male, neutral
_REUSE_SPEEDS = (1.0, 1.12, 0.9, 1.22, 0.84)


def provider_configured() -> bool:
    """Whether the person asked for API speech (either switch set to something)."""
    return any(os.environ.get(name, "").strip() for name in TTS_SWITCHES)


def provider_fingerprint() -> str:
    """``""`` offline; otherwise the model, endpoint and default voice, for cache keys.

    Scenes recorded by espeak must not be reused once a speech service is switched on (and
    the other way round), so this goes into the voice engine's version.
    """
    if not provider_configured():
        return ""
    try:
        config = ApiConfig.from_env("tts", DEFAULT_MODEL)
    except (RenderError, ValueError):
        return "+tts:unusable"
    default_voice = os.environ.get("MICROFILM_TTS_VOICE", "").strip() or "default"
    return f"+tts:{config.model}@{config.base_url}#{default_voice}"


@dataclass(frozen=True)
class ProviderVoice:
    """How one character is voiced by the service."""

    voice: str
    speed: float | None = None
    instructions: str | None = None


def _rotation(name: str, items: tuple[str, ...] | list[str]) -> list[str]:
    """``items`` starting at a place fixed by ``name``, so ties spread but never reshuffle."""
    if not items:
        return []
    start = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % len(items)
    return [*items[start:], *items[:start]]


def cast_provider_voices(
    people: Mapping[str, tuple[str, str]], model: str
) -> dict[str, ProviderVoice]:
    """One provider voice per character, in the order given (bible first).

    Args:
        people: lower-case name -> (voice hint, role and look), as the offline casting uses.
        model: the speech model; only gpt-4o speech models take delivery instructions.

    The hint decides first (``pick_voice``), then the role and look; when that voice is taken
    the next free voice of the same kind (female, male, neutral) is used, then any free one.
    """
    voices: dict[str, ProviderVoice] = {}
    takes_instructions = "gpt-4o" in model.lower()
    for name, (hint, description) in people.items():
        preferred = pick_voice(hint, pick_voice(description))
        pool = next((p for p in _POOLS if preferred in p), ())
        candidates = [
            preferred,
            *_rotation(name, [v for v in pool if v != preferred]),
            *_rotation(name, [v for v in VOICES if v != preferred and v not in pool]),
        ]
        taken = [v.voice for v in voices.values()]
        choice = next((v for v in candidates if v not in taken), preferred)
        uses = taken.count(choice)
        speed = _REUSE_SPEEDS[uses % len(_REUSE_SPEEDS)] if uses else None
        instructions = f"Voice the character as: {hint}." if hint and takes_instructions else None
        voices[name] = ProviderVoice(choice, speed, instructions)
    return voices


class ProviderSpeaker:
    """Speaks one scene's sentences through the service; a no-op when none is configured.

    Use as a context manager: the provider's WAV files live in a private temporary folder
    that is removed afterwards.
    """

    def __init__(self, people: Mapping[str, tuple[str, str]], label: str) -> None:
        self.label = label
        self.config: ApiConfig | None = None
        self.voices: dict[str, ProviderVoice] = {}
        self._work: tempfile.TemporaryDirectory[str] | None = None
        self._lines = 0
        if not provider_configured():
            return
        try:
            self.config = ApiConfig.from_env("tts", DEFAULT_MODEL)
        except (RenderError, ValueError) as exc:
            log.warning(
                "Speech service settings are unusable (%s); %s is spoken offline.", exc, label
            )
            return
        self.voices = cast_provider_voices(people, self.config.model)
        self._work = tempfile.TemporaryDirectory(prefix="microfilm-tts-")

    @property
    def active(self) -> bool:
        """Whether sentences still go to the service."""
        return self.config is not None

    def __enter__(self) -> ProviderSpeaker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._work is not None:
            self._work.cleanup()
            self._work = None

    def say(self, text: str, speaker: str) -> np.ndarray | None:
        """``text`` in ``speaker``'s voice as mono float samples at the film rate, or ``None``.

        ``None`` means "speak it offline": no service, or the service failed (logged).
        ``speaker`` is the lower-case name used as a key by the casting.
        """
        if self.config is None or self._work is None:
            return None
        cast = self.voices.get(speaker) or ProviderVoice(pick_voice(""))
        self._lines += 1
        target = Path(self._work.name) / f"line-{self._lines}.wav"
        try:
            speak(
                text,
                cast.voice,
                target,
                self.config.base_url,
                self.config.model,
                instructions=cast.instructions,
                speed=cast.speed,
                api_key=self.config.api_key,
                policy=self.config.policy,
            )
            stereo = decode_audio(target)
        except (RenderError, ValueError, FFmpegError) as exc:
            if isinstance(exc, RenderError) and not exc.final:
                self.config = None
                log.warning("%s Speaking the rest of %s with the offline voice.", exc, self.label)
            else:
                log.warning("%s Speaking this line of %s with the offline voice.", exc, self.label)
            return None
        finally:
            target.unlink(missing_ok=True)
        return stereo.mean(axis=1).astype(np.float32)
