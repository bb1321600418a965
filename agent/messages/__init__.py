"""Fixed replies in the user's language (English or Chinese), kept apart from the logic.

Both languages are first-class, so every sentence the studio says without a model lives
here as a pair: the texts are split by concern (:mod:`.drafting`, :mod:`.production`,
:mod:`.revision`, :mod:`.faults`, :mod:`.spending`, :mod:`.sheets`) into one table,
:data:`TEXTS`, and nodes pick one with :func:`say`. A test checks that every key has both
languages with the same fields.
"""

from __future__ import annotations

from typing import Any

from agent.messages import drafting, faults, production, revision, sheets, spending


def _one_table(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The concerns' texts as one table; a key used twice is a mistake caught at import."""
    table: dict[str, tuple[str, str]] = {}
    for part in parts:
        repeated = table.keys() & part.keys()
        if repeated:
            raise ValueError(f"message keys defined twice: {sorted(repeated)}")
        table.update(part)
    return table


TEXTS = _one_table(
    drafting.TEXTS, production.TEXTS, revision.TEXTS, faults.TEXTS, spending.TEXTS, sheets.TEXTS
)


def _chinese(language: str | None) -> bool:
    """True for "zh" and its regional forms ("zh-CN", "zh-Hans")."""
    return (language or "").startswith("zh")


def say(key: str, language: str, **values: Any) -> str:
    """The text ``key`` in ``language`` ("en" or "zh"), filled with ``values``."""
    english, chinese = TEXTS[key]
    return (chinese if _chinese(language) else english).format(**values)


def stage_label(stage: str, language: str) -> str:
    """A stage name for messages, in the user's language."""
    english, chinese = drafting.STAGE_LABELS.get(stage, (stage, stage))
    return chinese if _chinese(language) else english


def minutes_text(seconds: float, language: str) -> str:
    """A friendly duration for the story's length: "2 minutes", "1 min 30 s", "1分30秒"."""
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    if _chinese(language):
        if minutes and rest:
            return f"{minutes}分{rest}秒"
        return f"{minutes}分钟" if minutes else f"{rest}秒"
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} minute" + ("s" if minutes != 1 else "")
    return f"{rest} second" + ("s" if rest != 1 else "")


def duration_text(seconds: float, language: str) -> str:
    """A length as an edit reports it: "2 min 05 s" / "2分05秒", "45 s" / "45秒"."""
    total = int(round(seconds))
    minutes, rest = divmod(total, 60)
    if _chinese(language):
        return f"{minutes}分{rest:02d}秒" if minutes else f"{rest}秒"
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def join_numbers(numbers: list[int], language: str) -> str:
    """1, 2 and 3 / 1、2、3."""
    items = [str(n) for n in numbers]
    if _chinese(language):
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def scenes_named(numbers: list[int], language: str) -> str:
    """Scenes by number as a sentence names them: "scene 3", "scenes 2 and 5", "第2、5场"."""
    listed = join_numbers(sorted(numbers), language)
    if _chinese(language):
        return f"第{listed}场"
    return ("scene " if len(numbers) == 1 else "scenes ") + listed
