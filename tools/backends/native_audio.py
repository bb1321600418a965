"""Whether a scene keeps the sound its video model made, instead of the studio's voices.

Some video models return speech and sound with the clip. A person who prefers that audio to
the offline voices says so per backend:

- ``MICROFILM_NATIVE_AUDIO=1`` for every generative video backend;
- ``MICROFILM_VIDEO_NATIVE_AUDIO`` (``openai-videos``) or ``MICROFILM_COMFYUI_NATIVE_AUDIO``
  (``comfyui``, when its workflow saves the clip with audio) for one backend, overriding it.

Only a backend that sets ``native_audio`` (from its settings) can offer it. The offline
animatic and the image backends make no sound: asked for it, they say so and the voices are
spoken as usual (never a silent film by accident). The pipeline asks :func:`audio_choice`.
"""

from __future__ import annotations

from typing import Literal

from tools.backends.api_config import env_flag

NATIVE_AUDIO_VARIABLE = "MICROFILM_NATIVE_AUDIO"

AudioChoice = Literal["voices", "native", "unavailable"]
"""``voices``: the studio speaks the lines. ``native``: keep the clip's sound when it has
some. ``unavailable``: native audio was asked for, but this backend makes no sound."""


def native_audio_wanted(kind: str | None = None) -> bool:
    """The setting for the backend ``kind`` (``VIDEO``, ``COMFYUI``), else the shared one."""
    shared = env_flag(NATIVE_AUDIO_VARIABLE, False)
    if kind is None:
        return shared
    return env_flag(f"MICROFILM_{kind.upper()}_NATIVE_AUDIO", shared)


def audio_choice(backend: object) -> AudioChoice:
    """What a scene rendered by ``backend`` should sound like.

    A backend offers native audio by having a ``native_audio`` attribute (True when its
    setting is on); a backend without one cannot, whatever the environment says.
    """
    offered = getattr(backend, "native_audio", None)
    if offered is None:
        return "unavailable" if native_audio_wanted() else "voices"
    return "native" if offered else "voices"
