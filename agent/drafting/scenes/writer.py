"""Writing one scene through the quality gate: first drafts, resizes and targeted rewrites.

Every scene call of the scenes stage goes through :class:`SceneWriter`, so each one gets
the same prompt prefix (facts with the whole outline, guidance, example), the same exact
fixes (:func:`agent.drafting.converters.to_scene`: places cleaned, speakers snapped to the
bible's spelling) and the same gate (:func:`film.quality.check_scene`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.brief import drafting_genre, facts_for, film_language, heading_text
from agent.drafting.converters import to_scene
from agent.drafting.kinship import own_people
from agent.drafting.scenes.mends import FilmAround, mended_scene
from agent.drafting.schemas import BeatDraft, SceneDraft, scene_schema
from agent.model.ask import stage_messages
from agent.model.gate import GATE_RETRIES, REMINDERS, ask_checked
from agent.prompts import scene_arc_note, scene_json, stage_prompt
from agent.prompts.texts import TURNS
from agent.state import State
from film.form import line_counts, scene_budget_s
from film.quality import Brief, Finding, check_scene, retry_note
from film.quality.mend import scene_at_turn
from film.quality.mend.animals import speaking_people
from film.quality.mend.steps import scene_at_step
from film.quality.names import name_problem
from film.quality.people.sexes import person_sex
from film.screenplay import CharacterProfile, Genre, Scene

log = logging.getLogger(__name__)
#: How much more than its share of the film a scene draft is asked for (see
#: :meth:`SceneWriter.draft_counts`).
DRAFT_MARGIN = 1.2
_NEWCOMER_CHECKS = frozenset({"names.unknown-speaker", "names.unknown-character"})
_HEADING_TIMES = frozenset({"DAY", "NIGHT", "MORNING", "EVENING", "DUSK", "DAWN"})


def _log_struck(index: int, draft: SceneDraft, scene: Scene) -> None:
    """Log the lines the exact fixes struck from a scene answer (the craft bench reads it)."""
    kept = {*scene.action, *(line.text for line in scene.dialogue)}
    struck = [t for t in [*draft.action, *(d.text for d in draft.dialogue)] if t not in kept]
    if struck:
        log.info("scene %d: struck %s", index + 1, " / ".join(struck))


def newcomer(finding: Finding) -> bool:
    """A speaker missing from the bible who has a real name: the bible gains them later."""
    return finding.check in _NEWCOMER_CHECKS and not name_problem(finding.text)[0]


@dataclass
class SceneWriter:
    """The scenes stage's one way to ask for a scene, with what every call shares.

    Attributes:
        state: The conversation state (facts, target length, language).
        runtime: The running node's runtime.
        brief: The gate's yardstick for this film.
        beats: The outline; scene ``i`` tells ``beats[i]``.
        notes: The guideline notes shown as guidance.
        repairs: What fitting did, in words for the user.
    """

    state: State
    runtime: Runtime[Context]
    brief: Brief
    beats: list[BeatDraft]
    notes: str
    repairs: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        """The film's language."""
        return film_language(self.state)

    @property
    def cast(self) -> list[str]:
        """The bible's names as drafted."""
        return [c["name"] for c in self.state.get("draft", {}).get("characters", [])]

    @property
    def roles(self) -> list[str]:
        """The bible's roles, in the order of :attr:`cast`."""
        return [str(c.get("role") or "") for c in self.state.get("draft", {}).get("characters", [])]

    @property
    def film_around(self) -> FilmAround:
        """What a scene's exact fixes read of the film (:mod:`.mends`)."""
        people = self.state.get("draft", {}).get("characters", [])
        return FilmAround(
            brief=self.brief,
            cast=self.cast,
            roles=self.roles,
            wardrobes=[str(person.get("wardrobe") or "") for person in people],
            props=[str(p) for person in people for p in person.get("props") or []],
            looks=[str(person.get("look") or "") for person in people],
            sexes=[person_sex(CharacterProfile.model_construct(**person)) for person in people],
            language=self.language,
            genre=self.genre,
            summaries=[beat.summary for beat in self.beats],
        )

    @property
    def title(self) -> str:
        """The film's title."""
        return str(self.state.get("draft", {}).get("logline", {}).get("title", ""))

    def with_told_kin(self, draft: SceneDraft) -> SceneDraft:
        """``draft`` kept to the film's own people (:func:`agent.drafting.kinship.own_people`)."""
        return own_people(draft, self.brief.idea, self.cast, self.roles, self.language)

    def budget(self) -> float:
        """Seconds each scene should run."""
        return scene_budget_s(self.state.get("target_seconds", 120), len(self.beats))

    def beat_for(self, index: int, scene: Scene | None = None) -> BeatDraft:
        """The beat scene ``index`` tells (rebuilt from the scene once cuts moved things)."""
        if index < len(self.beats) and (scene is None or scene.place == self.beats[index].place):
            return self.beats[index]
        assert scene is not None
        return BeatDraft(
            place=scene.place[:60],
            interior="EXT" if scene.interior == "EXT" else "INT",
            time_of_day=scene.time_of_day if scene.time_of_day in _HEADING_TIMES else "DAY",  # type: ignore[arg-type]
            summary=(scene.action or [scene.visual or scene.place])[0][:200],
            characters=list(scene.characters[:4]),
        )

    def draft_counts(self) -> tuple[int, int]:
        """Action and dialogue lines a scene draft is asked for: a :data:`DRAFT_MARGIN` more.

        The exact fixes strike repeats and retellings from nearly every answer: in the
        craft bench first drafts asked for 19 s came back at 5.6-19.5 s, and each short one
        cost a lengthening call that mostly gained nothing. A film a little long is cut
        without a model call (:func:`agent.drafting.scenes.fitting.shorten`).
        """
        return line_counts(self.budget() * DRAFT_MARGIN)

    def task_prompt(self, task: str, index: int, where: Scene | BeatDraft, **values: object) -> str:
        """A scene task's prompt: the shared prefix, then the task for scene ``index``.

        Every scene call starts with the same facts and guidance, so the embedded server's
        prompt cache reuses them; ``where`` gives the heading.
        """
        return stage_prompt(
            task,
            self.language,
            facts_for(self.state, "scenes"),
            self.notes,
            number=index + 1,
            heading=heading_text(where.interior, where.place, where.time_of_day, self.language),
            **values,
        )

    def prompt(self, index: int, scene: Scene | None = None) -> str:
        """The first-draft prompt for scene ``index``; all but the task is shared."""
        beat = self.beat_for(index, scene)
        actions, lines = self.draft_counts()
        return self.task_prompt(
            "scene",
            index,
            beat,
            summary=beat.summary,
            seconds=round(self.budget()),
            actions=actions,
            lines=lines,
            speakers=self.speakers(beat),
            turns=self.turns(beat),
            arc=self.arc_note(index),
        )

    def speakers(self, beat: BeatDraft) -> str:
        """Who may speak in ``beat``'s scene, as the prompts list them."""
        return ("、" if self.language == "zh" else ", ").join(self.speaking(beat))

    def speaking(self, beat: BeatDraft) -> list[str]:
        """``beat``'s people who may talk: not an animal, unless the idea lets it."""
        names, roles = beat.characters or self.cast, dict(zip(self.cast, self.roles, strict=True))
        said = [roles.get(n, "") for n in names]
        return speaking_people(names, said, self.genre, self.brief.idea) or names

    @property
    def genre(self) -> Genre:
        """The genre the film is drafted in (an animal talks only in a spoof)."""
        return drafting_genre(self.state)

    def turns(self, beat: BeatDraft) -> str:
        """The prompts' word on taking turns, where ``beat`` has more than one speaker."""
        return (
            TURNS["zh" if self.language == "zh" else "en"] if len(self.speaking(beat)) > 1 else ""
        )

    def arc_note(self, index: int) -> str:
        """What scene ``index`` must not tell yet, or do at all (:func:`scene_arc_note`)."""
        beat = self.beat_for(index)
        told = (beat.summary, self.cast, beat.characters)
        return scene_arc_note(self.brief.idea, index, len(self.beats), self.language, *told)

    def check(
        self, index: int, scene: Scene | None = None
    ) -> Callable[[SceneDraft], tuple[Scene, list[Finding]]]:
        """The gate's check for scene ``index``: exact fixes first, then the findings.

        A turn told only by its paste (:func:`turn_pasted`) is asked for once: the gate
        does not judge a retry on it again (:data:`agent.model.gate.ASK_ONCE`).
        """
        beat, around = self.beat_for(index, scene), self.film_around

        def judge(draft: SceneDraft) -> tuple[Scene, list[Finding]]:
            new = to_scene(
                index + 1, beat, self.with_told_kin(draft), self.cast, self.language, self.roles
            )
            new = mended_scene(new, around, index, beat)
            _log_struck(index, draft, new)
            if scene is not None:  # a rewrite keeps where and when the scene is
                new = new.model_copy(
                    update={"interior": scene.interior, "time_of_day": scene.time_of_day}
                )
            findings = check_scene(
                new,
                self.brief,
                characters=self.cast,
                title=self.title,
                index=index,
                roles=self.roles,
            )
            findings += turn_pasted(new, self.brief.idea, index, len(self.beats), beat.summary)
            return new, [f for f in findings if not newcomer(f)]

        return judge

    async def write(self, index: int, *, retries: int = GATE_RETRIES) -> Scene:
        """The first draft of scene ``index``.

        Raises:
            StageFailure: the model failed, or the gate refused every answer.
        """
        schema = scene_schema(*self.draft_counts())
        checked = await ask_checked(
            self.runtime,
            schema,
            stage_messages(self.language, self.prompt(index)),
            check=self.check(index),
            stage="scenes",
            language=self.language,
            retries=retries,
            retry_inline=True,
            fresh_round=True,
        )
        return checked.result

    async def revise(self, index: int, scene: Scene, findings: list[Finding]) -> Scene:
        """Scene ``index`` written again, told what the whole-film check found in it."""
        note = retry_note(findings) + "\n" + REMINDERS[self.language]
        messages = [
            *stage_messages(self.language, self.prompt(index, scene)),
            AIMessage(scene_json(scene)),
            HumanMessage(note),
        ]
        return await self.ask_once(scene_schema(*self.draft_counts()), messages, index, scene)

    async def ask_once(
        self, schema: type[SceneDraft], messages: list[BaseMessage], index: int, scene: Scene
    ) -> Scene:
        """One gated answer for an existing scene, no retry: a failure keeps it as it was."""
        checked = await ask_checked(
            self.runtime,
            schema,
            messages,
            check=self.check(index, scene),
            stage="scenes",
            language=self.language,
            retries=0,
            retry_inline=True,
        )
        return checked.result


def turn_pasted(scene: Scene, idea: str, index: int, count: int, beat: str) -> list[Finding]:
    """A soft finding where only a pasted line tells what the scene is for.

    :func:`scene_at_turn` (and :func:`scene_at_step`, for a last step) paste it. That keeps
    the turn on screen, but a reader sees the pitch: "老人留他喝了一碗姜汤。" ended the
    ginger soup's scene 2, while the old man only said "谢谢！" (craft bench, 2026-12-04).
    So the model is asked once more to show it in what the people do and say; an answer
    that still does not is kept with the paste.
    """
    for n, line in enumerate(scene.action):
        rest = scene.model_copy(update={"action": [*scene.action[:n], *scene.action[n + 1 :]]})
        pastes = (paste(rest, idea, index, count, beat) for paste in (scene_at_turn, scene_at_step))
        if any(again is not rest and again.action[-1] == line for again in pastes):
            message = (
                f"The scene does not show what it is for yet: {line!r}. Show it in what the "
                "people do and say to each other, in your own words, not as a summary line."
            )
            return [Finding("arc.turn-pasted", f"scenes[{index}].action", line, message)]
    return []
