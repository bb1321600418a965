"""Run-time settings for one conversation, passed to the graph as ``context_schema``.

Each field falls back to an environment variable so the CLI, the web app and LangGraph
Studio all configure the studio the same way; secrets never live here, only in the
environment that :mod:`agent.model.providers` reads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(kw_only=True)
class Context:
    """Settings that may change between turns (the chat settings panel edits them)."""

    model: str = field(
        default_factory=lambda: _env("MICROFILM_MODEL", ""),
        metadata={"description": "Model name; empty means the provider's default."},
    )
    render_backend: str = field(
        default_factory=lambda: _env("MICROFILM_RENDER_BACKEND", "local"),
        metadata={"description": "local, openai-videos, openai-images or comfyui."},
    )
    resolution: str = field(
        default_factory=lambda: _env("MICROFILM_RESOLUTION", "1080x1920"),
        metadata={"description": "1080x1920 or 720x1280."},
    )
    target_seconds: int = field(
        default_factory=lambda: int(_env("MICROFILM_TARGET_SECONDS", "120")),
        metadata={"description": "Target film length; never above the cap."},
    )
    max_seconds: int = field(
        default_factory=lambda: int(_env("MICROFILM_MAX_SECONDS", "600")),
        metadata={"description": "The micro film cap."},
    )
    language: str = field(
        default_factory=lambda: _env("MICROFILM_LANGUAGE", "auto"),
        metadata={"description": "auto, en or zh."},
    )
    project_dir: str = field(
        default_factory=lambda: _env("MICROFILM_PROJECT_DIR", ""),
        metadata={"description": "Folder this conversation's files go to; empty: derived."},
    )
    render_concurrency: int = field(
        default_factory=lambda: int(_env("MICROFILM_RENDER_CONCURRENCY", "2")),
        metadata={"description": "Scenes rendered at once."},
    )

    budget: float = field(
        default_factory=lambda: float(_env("MICROFILM_BUDGET", "0") or 0),
        metadata={"description": "Most a project's paid render jobs may cost; 0: no cap."},
    )
    spending_approved: bool = field(
        default=False,
        metadata={"description": "Paid renders go ahead without asking (the CLI's --yes)."},
    )
    sheets_approved: bool = field(
        default=False,
        metadata={"description": "Character sheets are approved without asking (--yes)."},
    )

    @property
    def size(self) -> tuple[int, int]:
        """Output frame size (width, height)."""
        width, _, height = self.resolution.partition("x")
        return int(width), int(height)

    def updated(self, **changes: Any) -> Context:
        """A copy with ``changes`` applied, ignoring unknown keys."""
        known = {f.name for f in fields(self)}
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if k in known})
        return Context(**values)
