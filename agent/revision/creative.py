"""Creative revisions: the model rewrites only the scenes a request is about.

Targets come from the request (scene numbers, "the ending", a character's name); each
target scene is sent alone with the bible and guideline passages, and the answer must fit
a bounded :class:`SceneRewrite`. Any failure leaves the screenplay untouched: a revision
either applies completely or not at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from agent.context import Context
from agent.grounding import find_passages
from agent.model.ask import ModelFailure, load_model, structured_answer
from agent.prompts import LANGUAGE_NAMES
from agent.revision.ops import RevisionError, scene_index
from agent.revision.parse import RevisionRequest
from agent.revision.prompts import (
    REWRITE_REQUEST,
    REWRITE_SYSTEM,
    bible_text,
    guideline_text,
    scene_json,
)
from film.form import estimate_scene_seconds
from film.language import has_cjk
from film.screenplay import DialogueLine, Genre, Scene, Screenplay

log = logging.getLogger(__name__)
MAX_CREATIVE_SCENES = 6
_ONE_LINE = re.compile(
    r"\b(?:a|one|another|single)\s+(?:line|sentence|joke|remark|moment|"
    r"word)\b|一句|一段台词|一个笑话",
    re.IGNORECASE,
)
_WHOLE = re.compile(
    r"\b(?:it|the\s+(?:script|screenplay|story|film|movie|whole\s+thing|"
    r"dialogue)|every\s+scene|all\s+(?:the\s+)?scenes|everything|throughout|"
    r"everywhere|overall)\b|整个|全片|全部|所有场|每一场|剧本|故事|整体|对白",
    re.IGNORECASE,
)

Beat = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class SceneRewrite(BaseModel):
    """A rewritten scene: its beats, lines and look, plus what changed."""

    action: list[Beat] = Field(
        default_factory=list, max_length=12, description="Short visual beats, in order."
    )
    dialogue: list[DialogueLine] = Field(default_factory=list, max_length=30)
    visual: str = Field(default="", max_length=400, description="Look of the scene.")
    summary: str = Field(default="", max_length=160, description="What changed, one sentence.")


class CreativeFailure(Exception):
    """The model could not deliver; ``key`` and ``params`` pick the user message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = params


@dataclass
class Rewrite:
    """The result of a creative revision."""

    screenplay: Screenplay
    scenes: list[int]
    summaries: list[str]
    passages: list[Any] = field(default_factory=list)


def _mentions(text: str, name: str) -> bool:
    if has_cjk(name):
        return name in text
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def mentioned_characters(screenplay: Screenplay, text: str) -> list[str]:
    """Bible names (and speakers) that ``text`` mentions."""
    names = [c.name for c in screenplay.characters]
    names += [line.speaker for s in screenplay.scenes for line in s.dialogue]
    return [n for n in dict.fromkeys(names) if n.strip() and _mentions(text, n)]


def _appears(scene: Scene, name: str) -> int:
    """How strongly ``name`` is in ``scene``: lines spoken, plus presence."""
    lines = sum(1 for line in scene.dialogue if line.speaker.casefold() == name.casefold())
    present = any(c.casefold() == name.casefold() for c in scene.characters) or any(
        _mentions(text, name) for text in scene.action
    )
    return lines * 2 + (1 if present else 0)


def creative_targets(screenplay: Screenplay, request: RevisionRequest) -> list[int] | None:
    """0-based indices of the scenes to rewrite, or None when the request names none.

    Raises:
        RevisionError: a named scene does not exist, or too many scenes are involved.
    """
    if request.scenes:
        indices = list(dict.fromkeys(scene_index(screenplay, n) for n in request.scenes))
    else:
        names = mentioned_characters(screenplay, request.text)
        indices = []
        if names:
            scored = [
                (sum(_appears(s, n) for n in names), i) for i, s in enumerate(screenplay.scenes)
            ]
            scored = [(score, i) for score, i in scored if score > 0]
            if scored and _ONE_LINE.search(request.text):
                best = max(scored, key=lambda item: (item[0], -item[1]))
                indices = [best[1]]
            else:
                indices = [i for _, i in scored]
        if not indices and _WHOLE.search(request.text):
            indices = list(range(len(screenplay.scenes)))
    if not indices:
        return None
    if len(indices) > MAX_CREATIVE_SCENES:
        raise RevisionError("too_many_targets", count=len(indices), limit=MAX_CREATIVE_SCENES)
    return sorted(indices)


def _messages(
    screenplay: Screenplay, scene: Scene, instruction: str, language: str, passages: list[Any]
) -> list[Any]:
    name = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"])
    genre = Genre(screenplay.genre).label(language)
    prompt = REWRITE_REQUEST.format(
        request=instruction,
        title=screenplay.title,
        genre=genre,
        logline=screenplay.logline,
        bible=bible_text(screenplay),
        guidelines=guideline_text(passages),
        number=scene.number,
        heading=scene.heading,
        scene=scene_json(scene),
        language=name,
    )
    system = REWRITE_SYSTEM.format(language=name, seconds=estimate_scene_seconds(scene))
    return [SystemMessage(system), HumanMessage(prompt)]


def merge_rewrite(screenplay: Screenplay, scene: Scene, rewrite: SceneRewrite) -> Scene:
    """The scene with the model's beats, lines and look; names snap to the bible's spelling.

    Raises:
        CreativeFailure: the rewrite is empty or changes nothing.
    """
    known = {c.name.casefold(): c.name for c in screenplay.characters}
    dialogue = [
        line.model_copy(
            update={"speaker": known.get(line.speaker.strip().casefold(), line.speaker.strip())}
        )
        for line in rewrite.dialogue
        if line.speaker.strip()
    ]
    action = [" ".join(beat.split()) for beat in rewrite.action if beat.strip()]
    if not action and not dialogue:
        raise CreativeFailure("model_empty", number=scene.number)
    cast = list(dict.fromkeys([*scene.characters, *(line.speaker for line in dialogue)]))[:8]
    try:
        merged = Scene.model_validate(
            {
                **scene.model_dump(),
                "action": action,
                "dialogue": [line.model_dump() for line in dialogue],
                "visual": rewrite.visual.strip() or scene.visual,
                "characters": cast,
            }
        )
    except ValidationError as exc:
        raise CreativeFailure("model_failed", detail=str(exc.errors()[0]["msg"])) from exc
    if merged.model_dump(exclude={"duration_s"}) == scene.model_dump(exclude={"duration_s"}):
        raise CreativeFailure("model_unchanged", number=scene.number)
    return merged


async def rewrite_scenes(
    screenplay: Screenplay, indices: list[int], instruction: str, language: str, context: Context
) -> Rewrite:
    """Rewrite the scenes at ``indices`` following ``instruction``; all or nothing.

    Raises:
        CreativeFailure: the model is unavailable, too slow, or its answers are unusable.
    """
    passages = await find_passages(instruction, screenplay.genre, k=3)
    try:
        model = load_model(context)
    except ModelFailure as exc:
        raise CreativeFailure("model_failed", detail=exc.detail) from exc
    scenes = list(screenplay.scenes)
    summaries: list[str] = []
    for index in indices:
        scene = scenes[index]
        messages = _messages(screenplay, scene, instruction, language, passages)
        try:
            rewrite = await structured_answer(model, SceneRewrite, messages)
        except ModelFailure as exc:
            log.warning("scene %d rewrite failed: %r", scene.number, exc.__cause__)
            raise CreativeFailure("model_failed", detail=exc.detail) from exc
        scenes[index] = merge_rewrite(screenplay, scene, rewrite)
        summaries.append(" ".join(rewrite.summary.split()))
    revised = screenplay.model_copy(update={"scenes": scenes})
    return Rewrite(revised, [screenplay.scenes[i].number for i in indices], summaries, passages)


__all__ = ["CreativeFailure", "Rewrite", "SceneRewrite", "creative_targets", "rewrite_scenes"]
