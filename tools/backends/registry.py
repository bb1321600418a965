"""The built-in render backends: the name a setting chooses, and the module that makes it.

To add a backend, write a module with a ``create()`` factory and list it here;
:func:`tools.backends.base.get_backend` imports the module only when the backend is chosen.
This table imports nothing, so the contract module can read it at import time.
"""

from __future__ import annotations

BUILT_IN_BACKENDS: dict[str, str] = {
    "local": "tools.backends.local",
    "openai-videos": "tools.backends.openai.videos",
    "openai-images": "tools.backends.openai.images",
    "comfyui": "tools.backends.comfyui.backend",
}
