"""Optional speech from an OpenAI-compatible ``/v1/audio/speech`` endpoint.

The studio speaks with espeak-ng offline by default; when a speech API is configured, this
module gives far more natural voices with the same retry rules as the render backends
(:mod:`tools.backends.http`). It always leaves a plain PCM WAV with correct header sizes:
some servers stream WAV with placeholder lengths or ignore ``response_format`` and send
MP3, and both are rewritten with the bundled ffmpeg so downstream mixing can trust the file.
"""

from __future__ import annotations

import os
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from film.paths import atomic_output
from tools.backends.api_config import ApiConfig, RetryPolicy
from tools.backends.http import ApiClient, ApiError
from tools.ffmpeg import FFmpegError, run_ffmpeg

DEFAULT_MODEL = "gpt-4o-mini-tts"
DEFAULT_VOICE = "alloy"
MAX_INPUT_CHARS = 4096
VOICES = ("alloy", "echo", "fable", "onyx", "nova", "shimmer")
_CONVERT_TIMEOUT_S = 120

_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("girl", "young woman", "少女", "女孩", "妹"), "shimmer"),
    (
        ("woman", "female", "mother", "mom", "grandma", "sister", "lady", "女", "妈", "奶奶", "姐"),
        "nova",
    ),
    (("boy", "young man", "男孩", "少年", "弟"), "echo"),
    (("man", "male", "father", "dad", "grandpa", "brother", "男", "爸", "爷", "哥"), "onyx"),
    (("narrator", "storyteller", "旁白"), "fable"),
)


@dataclass(frozen=True)
class Speech:
    """A spoken line on disk."""

    path: Path
    duration_s: float
    sample_rate: int


def pick_voice(hint: str, fallback: str | None = None) -> str:
    """A provider voice for a bible voice hint ("warm older woman", "少年"), or the default.

    The hint may already name a voice; otherwise simple keywords decide, girl/boy before
    woman/man so "young woman" does not fall through to the generic female voice.
    """
    text = hint.strip().lower()
    if text in VOICES:
        return text
    for words, voice in _HINTS:
        if any(word in text for word in words):
            return voice
    return fallback or os.environ.get("MICROFILM_TTS_VOICE", DEFAULT_VOICE)


def _is_clean_wav(data: bytes) -> bool:
    """RIFF/WAVE whose declared size matches the bytes we actually have."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return False
    return int.from_bytes(data[4:8], "little") == len(data) - 8


def _write_wav(data: bytes, out_wav: Path) -> None:
    """Write ``data`` as a clean PCM WAV at ``out_wav`` (atomically), converting if needed."""
    with atomic_output(out_wav) as tmp:
        if _is_clean_wav(data):
            tmp.write_bytes(data)
        else:
            source = tmp.with_name(tmp.name + ".in")
            try:
                source.write_bytes(data)
                run_ffmpeg(
                    ["-i", str(source), "-vn", "-c:a", "pcm_s16le", "-f", "wav", str(tmp)],
                    what="converting speech to WAV",
                    timeout_s=_CONVERT_TIMEOUT_S,
                )
            except FFmpegError:
                raise ApiError(
                    f"The speech service sent {len(data)} bytes that are not audio "
                    f"(they begin {data[:12]!r}).",
                    final=False,
                ) from None
            finally:
                source.unlink(missing_ok=True)
        try:
            with wave.open(str(tmp), "rb") as check:
                if check.getnframes() == 0:
                    raise ApiError("The speech service returned silence (no samples).")
        except (wave.Error, EOFError):
            raise ApiError("The speech service returned a broken WAV file.") from None


def speak(
    text: str,
    voice: str,
    out_wav: Path,
    base_url: str | None = None,
    model: str | None = None,
    *,
    instructions: str | None = None,
    speed: float | None = None,
    api_key: str | None = None,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Speech:
    """Say ``text`` in ``voice`` into ``out_wav``.

    ``base_url``, ``model`` and ``api_key`` default to ``MICROFILM_TTS_*`` and then the
    ``OPENAI_*`` environment variables. ``instructions`` (delivery, e.g. a parenthetical)
    is passed to models that take it.

    Raises:
        ValueError: for empty or over-long text.
        ApiError: ``final`` when the service refuses the request; otherwise retryable.
    """
    line = " ".join(text.split())
    if not line:
        raise ValueError("There is no text to speak.")
    if len(line) > MAX_INPUT_CHARS:
        raise ValueError(
            f"A line to speak may have at most {MAX_INPUT_CHARS} characters (got {len(line)}); "
            "split it into sentences."
        )
    config = ApiConfig.from_env(
        "tts", DEFAULT_MODEL, base_url=base_url, model=model, api_key=api_key
    )
    if policy is not None:
        config = ApiConfig(config.base_url, config.model, config.api_key, policy)
    body: dict[str, object] = {
        "model": config.model,
        "input": line,
        "voice": voice or DEFAULT_VOICE,
        "response_format": "wav",
    }
    if instructions:
        body["instructions"] = instructions
    if speed is not None:
        body["speed"] = min(4.0, max(0.25, speed))
    with ApiClient(config, service="speech service", sleep=sleep) as api:
        data = api.post_bytes("audio/speech", body)
    _write_wav(data, out_wav)
    with wave.open(str(out_wav), "rb") as result:
        rate = result.getframerate()
        return Speech(out_wav, result.getnframes() / rate, rate)
