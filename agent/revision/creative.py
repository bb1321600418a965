"""Creative revisions: the model rewrites only the scenes a request is about.

Targets come from the request (scene numbers, "the ending", a character's name); each
target scene is sent alone with the bible and guideline passages, and the answer must fit
a bounded :class:`SceneRewrite`. Every answer goes through the quality gate
(:func:`agent.model.gate.answer_checked`) with what a rewrite must also do: change the
scene, and not come back empty. A failing answer is sent back with the failure named;
after the last attempt the reply says why nothing changed. Only what the rewrite wrote is
judged: a defect the scene already had is not the rewrite's. Any failure leaves the
screenplay untouched: a revision either applies completely or not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Annotated, Any

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from agent.context import Context
from agent.drafting.scenes.writer import newcomer
from agent.grounding import find_passages
from agent.model.ask import ModelFailure, load_model, structured_answer
from agent.model.gate import REMINDERS, answer_checked
from agent.model.heartbeat import heartbeat
from agent.prompts import LANGUAGE_NAMES, scene_json
from agent.revision.prompts import (
    REWRITE_REQUEST,
    REWRITE_SYSTEM,
    bible_text,
    guideline_text,
)
from agent.revision.targets import creative_targets
from film.form import estimate_scene_seconds
from film.quality import Brief, Finding, check_scenes, refusal_message
from film.quality.debris import check_debris
from film.quality.fields import VisibleText
from film.quality.people.kin import acted_on_the_other
from film.screenplay import DialogueLine, Genre, Language, Scene, Screenplay

log = logging.getLogger(__name__)
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


def _messages(
    screenplay: Screenplay, scene: Scene, instruction: str, language: str, passages: list[Any]
) -> list[Any]:
    film = screenplay.language
    genre = Genre(screenplay.genre).label(film)
    prompt = REWRITE_REQUEST[film].format(
        request=instruction,
        title=screenplay.title,
        genre=genre,
        logline=screenplay.logline,
        bible=bible_text(screenplay),
        guidelines=guideline_text(passages, film),
        number=scene.number,
        heading=scene.heading,
        scene=scene_json(scene),
        reply_language=LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"]),
    )
    system = REWRITE_SYSTEM[film].format(
        language=LANGUAGE_NAMES[film], seconds=estimate_scene_seconds(scene)
    )
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


#: What a rewrite that merge_rewrite rejects is told on the retry, and says at the end.
_MERGE_FINDINGS = {
    "model_empty": (
        "completeness.empty-rewrite",
        "Your rewrite of scene {number} was empty. Write the whole scene again: its action "
        "lines and its dialogue, changed the way the request asks.",
    ),
    "model_unchanged": (
        "completeness.unchanged-rewrite",
        "Your rewrite of scene {number} is the same as the scene was. Change it so that it "
        "does what the request asks: {request}",
    ),
    "model_failed": (
        "completeness.unusable-rewrite",
        "Your rewrite of scene {number} could not be used ({detail}). Answer again.",
    ),
}


def _merge_finding(exc: CreativeFailure, index: int, request: str) -> Finding:
    check, message = _MERGE_FINDINGS[exc.key]
    values = {"number": index + 1, "request": request, "detail": "", **exc.params}
    return Finding(check, f"scenes[{index}]", "", message.format(**values))


def _failure(findings: list[Finding], language: str, number: int) -> CreativeFailure:
    """The message for a rewrite that never passed: what merge_rewrite said, or the gate's."""
    for key, (check, _message) in _MERGE_FINDINGS.items():
        found = [f for f in findings if f.check == check]
        if found:
            detail = found[0].message.partition("(")[2].rpartition(")")[0]
            return CreativeFailure(key, number=number, detail=detail or "-")
    lang: Language = "zh" if language == "zh" else "en"
    message = refusal_message(findings, lang, "revision")
    return CreativeFailure("gate_refused", number=number, message=message)


class _Judge:
    """The gate for one target scene: merge, then only what the rewrite made worse."""

    def __init__(self, screenplay: Screenplay, index: int, instruction: str, brief: Brief) -> None:
        self.screenplay, self.index, self.instruction, self.brief = (
            screenplay,
            index,
            instruction,
            brief,
        )
        self.before = {(f.check, f.path) for f in check_scenes(screenplay, brief)}

    def __call__(self, rewrite: SceneRewrite) -> tuple[tuple[Scene, str] | None, list[Finding]]:
        scene = self.screenplay.scenes[self.index]
        try:
            merged = merge_rewrite(self.screenplay, scene, rewrite)
        except CreativeFailure as exc:
            return None, [_merge_finding(exc, self.index, self.instruction)]
        scenes = list(self.screenplay.scenes)
        scenes[self.index] = merged = acted_on_the_other(merged)
        candidate = self.screenplay.model_copy(update={"scenes": scenes})
        own = f"scenes[{self.index}]"
        findings = [
            f
            for f in check_scenes(candidate, self.brief)
            if f.path.startswith(own)
            and not f.path.endswith(".place")
            and (f.check, f.path) not in self.before
            and not newcomer(f)
        ]
        summary = " ".join(rewrite.summary.split())
        findings += check_debris([VisibleText("summary", "summary", summary)])
        return (merged, summary), findings


async def rewrite_scenes(
    screenplay: Screenplay, indices: list[int], instruction: str, language: str, context: Context
) -> Rewrite:
    """Rewrite the scenes at ``indices`` following ``instruction``; all or nothing.

    Raises:
        CreativeFailure: the model is unavailable, too slow, or its answers are unusable,
            unchanged or fail the gate even after being told why.
    """
    passages = await find_passages(instruction, screenplay.genre, k=3, language=screenplay.language)
    try:
        model = load_model(context)
    except ModelFailure as exc:
        raise CreativeFailure("model_failed", detail=exc.detail) from exc
    brief = Brief(
        idea="",
        language=screenplay.language,
        guidelines=tuple(str(getattr(p, "text", "") or "") for p in passages),
    )

    async def ask(conversation: list[Any]) -> SceneRewrite:
        with heartbeat("revise", language):
            return await structured_answer(model, SceneRewrite, conversation)

    revised = screenplay
    summaries: list[str] = []
    for index in indices:
        scene = revised.scenes[index]
        messages = _messages(revised, scene, instruction, language, passages)
        try:
            checked = await answer_checked(
                ask,
                messages,
                _Judge(revised, index, instruction, brief),
                reminder=REMINDERS[screenplay.language],
            )
        except ModelFailure as exc:
            log.warning("scene %d rewrite failed: %r", scene.number, exc.__cause__)
            raise CreativeFailure("model_failed", detail=exc.detail) from exc
        if checked.result is None or checked.blocking:
            raise _failure(checked.findings, language, scene.number)
        merged, summary = checked.result
        scenes = list(revised.scenes)
        scenes[index] = merged
        revised = revised.model_copy(update={"scenes": scenes})
        summaries.append(summary)
    return Rewrite(revised, [screenplay.scenes[i].number for i in indices], summaries, passages)


__all__ = ["CreativeFailure", "Rewrite", "SceneRewrite", "creative_targets", "rewrite_scenes"]
