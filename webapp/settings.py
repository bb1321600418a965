"""The chat settings panel, and how its values become the agent's ``Context``.

The panel edits the same fields the CLI reads from the environment, so a value picked in
the browser applies from the next turn on and nothing else changes. Values from the
browser are untrusted: anything unknown or out of range falls back to the default
instead of reaching the agent.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from chainlit.input_widget import InputWidget, NumberInput, Select, Slider, TextInput

from agent.context import Context
from tools.backends.base import available_backends
from tools.backends.pricing import currency

RESOLUTIONS = {"720 × 1280 (quick preview)": "720x1280", "1080 × 1920 (full HD)": "1080x1920"}
LANGUAGES = {"Follow my messages / 跟随对话": "auto", "English": "en", "中文": "zh"}
MIN_SECONDS = 15
SECONDS_STEP = 15
_MAX_MODEL_NAME = 100
MAX_BUDGET = 1_000_000.0


def backend_names() -> list[str]:
    """The render backends this installation has (the local one is always there)."""
    return available_backends() or ["local"]


def defaults(base: Context | None = None) -> dict[str, Any]:
    """The panel's starting values: the environment's, as the CLI would use them."""
    base = base or Context()
    return {
        "model": base.model,
        "render_backend": base.render_backend,
        "resolution": base.resolution,
        "target_seconds": base.target_seconds,
        "language": base.language,
        "budget": base.budget if base.budget > 0 else 0.0,
    }


def clean(values: Mapping[str, Any] | None, base: Context | None = None) -> dict[str, Any]:
    """Browser values checked field by field; bad ones become the default."""
    base = base or Context()
    result = defaults(base)
    values = values or {}
    model = values.get("model")
    if isinstance(model, str) and len(model.strip()) <= _MAX_MODEL_NAME:
        result["model"] = model.strip()
    if values.get("render_backend") in backend_names():
        result["render_backend"] = values["render_backend"]
    if values.get("resolution") in RESOLUTIONS.values():
        result["resolution"] = values["resolution"]
    if values.get("language") in LANGUAGES.values():
        result["language"] = values["language"]
    try:
        seconds = int(float(values.get("target_seconds", result["target_seconds"])))
    except (TypeError, ValueError):
        seconds = result["target_seconds"]
    result["target_seconds"] = max(MIN_SECONDS, min(seconds, base.max_seconds))
    result["budget"] = _budget(values.get("budget"), result["budget"])
    return result


def _budget(value: Any, default: float) -> float:
    """A budget from the panel: an amount of 0 (no cap) or more; anything else, the default."""
    try:
        amount = float(value if value not in (None, "") else default)
    except (TypeError, ValueError):
        return default
    return amount if 0 <= amount <= MAX_BUDGET else default


def context_for_turn(values: Mapping[str, Any] | None, project_dir: Path) -> Context:
    """The ``Context`` for the next turn: panel values plus this thread's project folder."""
    base = Context()
    return base.updated(**clean(values, base), project_dir=str(project_dir))


def _select(
    widget_id: str, label: str, items: Mapping[str, str], value: str, description: str
) -> Select:
    if value not in items.values():
        items = {**items, value: value}
    return Select(
        id=widget_id, label=label, items=dict(items), initial_value=value, description=description
    )


def widgets(values: Mapping[str, Any] | None, model_line: str) -> list[InputWidget]:
    """The settings panel, showing ``values`` (already cleaned or raw from a resumed thread)."""
    current = clean(values)
    backends = {name: name for name in backend_names()}
    return [
        TextInput(
            id="model",
            label="Model / 模型",
            initial=current["model"],
            placeholder="provider default",
            description=f"{model_line} Leave empty for the provider's default model.",
        ),
        _select(
            "render_backend",
            "Render backend / 渲染方式",
            backends,
            current["render_backend"],
            "local draws a storyboard film offline; the openai-* backends need a key.",
        ),
        _select(
            "resolution",
            "Resolution / 分辨率",
            RESOLUTIONS,
            current["resolution"],
            "Vertical 9:16. 720 × 1280 renders about twice as fast.",
        ),
        Slider(
            id="target_seconds",
            label="Target length, seconds / 目标时长（秒）",
            initial=current["target_seconds"],
            min=MIN_SECONDS,
            max=Context().max_seconds,
            step=SECONDS_STEP,
            description="Used when your idea names no length. Micro films stop at 10 minutes.",
        ),
        _select(
            "language",
            "Language / 语言",
            LANGUAGES,
            current["language"],
            "Screenplay, voices and subtitles.",
        ),
        NumberInput(
            id="budget",
            label=f"Budget per film, {_currency()} / 每部影片预算",
            initial=current["budget"],
            description="Paid backends stop here; 0 means no cap. Every paid render asks "
            "first. 付费渲染的上限，0 表示不设上限；每次付费渲染前都会先确认。",
        ),
    ]


def _currency() -> str:
    try:
        return currency()
    except ValueError:  # a malformed MICROFILM_PRICE_CURRENCY is reported when pricing
        return "USD"
