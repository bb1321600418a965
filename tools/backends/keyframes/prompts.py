"""The words that ask an image model for a character sheet, in the film's language.

A sheet is a reference, not a picture for the film: one person, twice (front and profile),
full body, on a plain background, in the film's visual style, with nothing else in frame, so
an image-edit model given the sheet copies the face, hair, clothes and props and nothing more.
The bible entry is quoted as written (a Chinese film's entries are Chinese), and the frame
around it is written in the same language so the model reads one language.
"""

from __future__ import annotations

from film.screenplay import CharacterProfile, Screenplay
from tools.backends.openai.prompts import GENRE_LOOKS

PROMPT_VERSION = "sheet-prompt-1"
"""Part of every sheet's content key: changing the words below redraws the sheets."""


def _facts_en(profile: CharacterProfile) -> list[str]:
    facts = [f"Look: {profile.look}." if profile.look else ""]
    facts.append(f"Wardrobe (always the same): {profile.wardrobe}." if profile.wardrobe else "")
    facts.append(f"Carries: {', '.join(profile.props)}." if profile.props else "")
    return [fact for fact in facts if fact]


def _facts_zh(profile: CharacterProfile) -> list[str]:
    facts = [f"外貌：{profile.look}。" if profile.look else ""]
    facts.append(f"服装（始终不变）：{profile.wardrobe}。" if profile.wardrobe else "")
    facts.append(f"随身物品：{'、'.join(profile.props)}。" if profile.props else "")
    return [fact for fact in facts if fact]


def sheet_prompt(profile: CharacterProfile, screenplay: Screenplay) -> str:
    """The prompt for ``profile``'s sheet: front and profile view, the bible entry pinned."""
    style = GENRE_LOOKS[screenplay.genre]
    if screenplay.language.startswith("zh"):
        lines = [
            f"角色设定图：{profile.name}" + (f"（{profile.role}）" if profile.role else "") + "。",
            "同一个人画两次，全身，并排：左边正面，右边侧面（侧脸朝右）。",
            *_facts_zh(profile),
            f"画面风格：{style}。",
            "纯浅灰背景，柔和均匀的光，没有其他人物，没有文字、标签或水印。",
        ]
    else:
        lines = [
            f"Character reference sheet of {profile.name}"
            + (f" ({profile.role})" if profile.role else "")
            + ".",
            "The same person drawn twice, full body, side by side: front view on the left, "
            "profile view (facing right) on the right.",
            *_facts_en(profile),
            f"Visual style: {style}.",
            "Plain light grey background, soft even light, nobody else, no text, labels or "
            "watermarks.",
        ]
    return "\n".join(lines)


def keyframe_instruction(names: list[str], language: str) -> str:
    """What an image-edit request says about the reference sheets it carries."""
    if not names:
        return ""
    if language.startswith("zh"):
        return (
            "参考图依次是这些角色的设定图："
            + "、".join(names)
            + "。保持他们的脸、发型、服装和道具与设定图完全一致；不要画出设定图本身。"
        )
    return (
        "The reference images are the character sheets of, in order: "
        + ", ".join(names)
        + ". Keep their faces, hair, clothes and props exactly as on the sheets; do not draw "
        "the sheets themselves."
    )
