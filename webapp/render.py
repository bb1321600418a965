"""How studio products look in the chat: the screenplay as readable text, files as elements.

The screenplay is shown the way a reader skims one (title, logline, cast, then scene
headings, action and dialogue) rather than as Fountain source; the Fountain and PDF
files ride along as downloads. Every file attached here has already passed
:func:`webapp.projects.checked_artefact`.
"""

from __future__ import annotations

import re
from pathlib import Path

import chainlit as cl

from film.form import estimate_runtime
from film.screenplay import Screenplay

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Model-written text shown literally, so a stray ``*`` or ``#`` cannot restyle the page."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.strip())


def bilingual(language: str, english: str, chinese: str) -> str:
    """Fixed UI text in the conversation's language."""
    return chinese if language.startswith("zh") else english


def runtime_label(seconds: float) -> str:
    """A short duration for headings: "1:45" reads the same in both languages."""
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def screenplay_markdown(screenplay: Screenplay) -> str:
    """The screenplay as Markdown for the chat, in the screenplay's own language."""
    lang = screenplay.language
    lines = [f"## {escape(screenplay.title)}", "", f"*{escape(screenplay.logline)}*", ""]
    facts = [
        f"**{bilingual(lang, 'Genre', '类型')}** {escape(screenplay.genre.label(lang))}",
        f"**{bilingual(lang, 'Runtime', '时长')}** ≈ {runtime_label(estimate_runtime(screenplay))}",
    ]
    if screenplay.theme:
        facts.append(f"**{bilingual(lang, 'Theme', '主题')}** {escape(screenplay.theme)}")
    if screenplay.setting_time:
        facts.append(f"**{bilingual(lang, 'When', '时间')}** {escape(screenplay.setting_time)}")
    lines += [" · ".join(facts), ""]
    if screenplay.characters:
        lines += [f"### {bilingual(lang, 'Characters', '人物')}", ""]
        for person in screenplay.characters:
            details = "; ".join(
                escape(d) for d in (person.role, person.look, person.wardrobe) if d.strip()
            )
            lines.append(f"- **{escape(person.name)}**" + (f" — {details}" if details else ""))
        lines.append("")
    for scene in screenplay.scenes:
        seconds = f" ({runtime_label(scene.duration_s)})" if scene.duration_s else ""
        lines += [f"### {scene.number}. {escape(scene.heading)}{seconds}", ""]
        for action in scene.action:
            lines += [escape(action), ""]
        for line in scene.dialogue:
            aside = f" *({escape(line.parenthetical)})*" if line.parenthetical.strip() else ""
            lines += [
                f"> **{escape(line.speaker).upper()}**{aside}  ",
                f"> {escape(line.text)}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def load_screenplay(path: Path) -> Screenplay | None:
    """The screenplay in ``screenplay.json``, or None when it cannot be read."""
    try:
        return Screenplay.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def download_name(path: Path, fallback: str) -> str:
    """A plain ASCII file name for a download (user titles stay out of URLs)."""
    suffix = re.sub(r"[^A-Za-z0-9.]", "", path.suffix)[:10]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-")[:60]
    return f"{stem or fallback}{suffix}"


def file_element(path: Path, fallback: str) -> cl.File:
    """A downloadable file."""
    return cl.File(name=download_name(path, fallback), path=str(path), display="inline")


def video_element(path: Path, name: str, size: str = "large") -> cl.Video:
    """An inline video player (the film large, scene previews small)."""
    return cl.Video(
        name=name,
        path=str(path),
        display="inline",
        size=size,  # type: ignore[arg-type]
        mime="video/mp4",
    )


def image_element(path: Path, name: str) -> cl.Image:
    """An inline image (the cover)."""
    return cl.Image(name=name, path=str(path), display="inline", size="medium")
