"""Registers the built-in render backends under their configuration names.

Backends import lazily so choosing ``local`` never pulls in HTTP clients, and a broken
optional backend cannot stop the default one from working.
"""

from __future__ import annotations

import importlib

from tools.backends.base import RenderBackend, register_backend

_BUILT_IN = {
    "local": "tools.backends.local",
    "openai-videos": "tools.backends.openai_videos",
    "openai-images": "tools.backends.openai_images",
}


def _factory(module_name: str):  # type: ignore[no-untyped-def]
    def create() -> RenderBackend:
        module = importlib.import_module(module_name)
        backend: RenderBackend = module.create()
        return backend

    return create


for _name, _module in _BUILT_IN.items():
    register_backend(_name, _factory(_module))
