"""Prompts for each drafting stage, written for a 1.5B instruct model on two CPU cores.

Three rules shape every prompt, because reading the prompt costs more time than writing
the answer (~25 tokens/s on two cores):

* **A stable shared prefix.** Every stage sends the same short system prompt, then the
  story facts in one fixed order (idea, then title and logline, then the bible, then the
  outline), each block only once it exists. llama.cpp's prompt cache then reuses
  everything an earlier stage already read; only the stage's own tail is new.
* **Guidance fenced off from facts.** Retrieved guideline notes are style advice. They are
  fenced and labelled so, because a small model otherwise pastes their examples ("a dented
  silver thermos") into the story.
* **One tiny example per stage, in the film's language**, written in our own words for a
  film unlike any idea (a nurse's borrowed umbrella). Chinese films get Chinese prompts
  throughout, or a small model answers in English.

No line of a prompt reads like text for the screen ("This is scene 4 of 6", "Story so
far:"): small models echo such scaffolding into the story. :mod:`agent.model.structured`
adds the schema and the JSON rules; the quality gate (:mod:`film.quality`) catches what
slips through anyway.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from agent.intake.intent import without_requests
from agent.prompts.plan import (
    APART_NOTE,
    ARC_ROLES,
    BEAT_PLANS,
    BEAT_ROLES,
    EXCHANGE_ANSWERS,
    EXCHANGE_FIRST,
    QUIET_GENRES,
    QUIET_PLANS,
    STEP_NOTE,
)
from agent.prompts.texts import EXAMPLES, LABELS, TASKS
from film.quality.story.apart import exchanged
from film.quality.story.arc import idea_arc
from film.quality.story.goal import idea_goal
from film.quality.story.roles import absent_names, away_cast
from film.quality.story.steps import plan_steps
from film.screenplay import Scene

LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese (简体中文)"}
IDEA_CHARS = 600
"""Longest idea quoted in a prompt: a long idea would crowd out the story facts."""

SYSTEM = {
    "en": "You write micro films: short vertical films for phone screens. Write in English. "
    "Be concrete: real names, real places, things a camera can see. Answer only with the "
    "JSON object asked for.",
    "zh": "你是微电影编剧，为手机竖屏写短片。所有内容都用简体中文：人名、地点、动作、台词都写中文。"
    "要具体：真实的人名和地点，镜头拍得到的画面。只回答要求的 JSON 对象。",
}


def _lang(language: str) -> str:
    return "zh" if language.startswith("zh") else "en"


def system_prompt(language: str) -> str:
    """The one system prompt of every stage in ``language`` (the cached prefix starts here)."""
    return SYSTEM[_lang(language)]


def prompt_idea(idea: str) -> str:
    """The idea as quoted to the model, cut at a word break if it is very long.

    The length and the genre it asks for are left out: they are facts of their own
    (:func:`agent.intake.intent.without_requests`).
    """
    idea = " ".join(without_requests(idea).split())
    if len(idea) <= IDEA_CHARS:
        return idea
    cut = idea[:IDEA_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut[-80:] else cut


def story_facts(
    language: str,
    *,
    idea: str,
    minutes: str,
    genre: str = "",
    logline: dict[str, str] | None = None,
    cast: Sequence[str] = (),
    beats: Sequence[str] = (),
) -> str:
    """The story so far as facts, in the fixed order that keeps the prompt prefix stable.

    ``cast`` holds one line per character and ``beats`` one line per outline beat, both
    already written in the film's language; blocks that do not exist yet are left out.
    """
    label = LABELS[_lang(language)]
    end = label["end"]
    lines = [label["idea"] + prompt_idea(idea)]
    named = label["genre"] + genre + end if genre else ""
    lines.append((named + label["length"] + minutes + end).rstrip())
    if logline:
        lines.append(label["title"] + logline.get("title", ""))
        lines.append(label["logline"] + logline.get("logline", ""))
        when = logline.get("setting_time", "") or "-"
        theme = logline.get("theme", "").rstrip(".。 ")
        lines.append((label["theme"] + theme + end + label["when"] + when).rstrip())
    if cast:
        lines.append(label["cast"] + "\n" + "\n".join(f"- {line}" for line in cast))
    if beats:
        lines.append(
            label["outline"] + "\n" + "\n".join(f"{n}. {b}" for n, b in enumerate(beats, 1))
        )
    return "\n".join(lines)


def guidance(notes: str, language: str) -> str:
    """Retrieved guideline notes, fenced and labelled as advice rather than story."""
    head = LABELS[_lang(language)]["guidance"]
    return f"{head}\n<<<\n{notes.strip()}\n>>>"


#: A guidance block as :func:`guidance` writes it: its label line and the fenced notes.
_GUIDANCE_BLOCK = re.compile(r"[^\n]*\n<<<\n.*?\n>>>(?:\n\n)?", re.DOTALL)


def without_guidance(prompt: str) -> str:
    """``prompt`` without its guidance block and worked example (a retry after a copy).

    Both are examples a small model copies: the bench saw the scene example's "Cold neon
    on wet glass, tight framing" and the outline example's red umbrella come back.
    """
    for labels in LABELS.values():
        prompt = re.sub(rf"{re.escape(labels['example'])}\n[^\n]*(?:\n\n)?", "", prompt)
    return _GUIDANCE_BLOCK.sub("", prompt)


def example(stage: str, language: str) -> str:
    """The stage's tiny worked example, labelled as someone else's film."""
    return LABELS[_lang(language)]["example"] + "\n" + EXAMPLES[stage][_lang(language)]


def examples_text(language: str) -> tuple[str, ...]:
    """Every example in ``language``: the gate treats them like guidelines (never copied)."""
    return tuple(texts[_lang(language)] for texts in EXAMPLES.values())


def beat_plan(
    count: int, language: str, idea: str = "", genre: str = "", cast: Sequence[str] = ()
) -> str:
    """The outline's numbered plan: what each of ``count`` beats does in the story.

    Longer outlines than :data:`BEAT_PLANS` knows get more "step forward" beats before
    the low point, so the hook, the turn and the ending keep their places. With the
    ``idea``, the parts its own words fill are told in them (:data:`ARC_ROLES`): the
    setup in the hook, the idea's turn in the turn beat and nowhere before, and the
    person it has to win over saying no until then. A family or landscape ``genre`` has
    the quiet plan (:data:`QUIET_PLANS`); where the idea's people never meet, each beat
    says which of the ``cast`` it shows (:data:`APART_NOTE`).
    """
    if count < 1:
        return ""
    arc = idea_arc(without_requests(idea)) if idea else None
    quiet = genre in QUIET_GENRES and not (arc and arc.won_over)
    plans = QUIET_PLANS if quiet else BEAT_PLANS
    roles = list(plans[max(1, min(count, max(plans)))])
    while len(roles) < count:  # a quiet middle alternates, so no two beats are asked alike
        before = roles.index("unsaid" if quiet else "low")
        more = "step" if not quiet else "moment" if roles[before - 1] == "closer" else "closer"
        roles.insert(before, more)
    lang = _lang(language)
    steps = _beat_steps(idea, count)
    lines = [
        _arc_role(role, BEAT_ROLES[role][lang], idea, lang, setup=not any(steps)) for role in roles
    ]
    lines = [
        line + STEP_NOTE[lang].format(step=step) if step else line
        for line, step in zip(lines, steps, strict=True)
    ]
    pair = [name for name in cast if name.strip()][:2]
    if arc and arc.apart and len(pair) == 2:
        passed = exchanged(idea)
        lines = [line + _apart_note(passed, n, pair, lang) for n, line in enumerate(lines)]
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


def _apart_note(passed: tuple[str, str], index: int, pair: Sequence[str], lang: str) -> str:
    """Who beat ``index`` shows of two people who never meet, and what they pass, if said.

    ``passed`` is (the thing, where it is left), as :func:`exchanged` reads the idea.
    """
    name, other = pair[index % 2], pair[(index + 1) % 2]
    note = APART_NOTE[lang].format(name=name, other=other)
    thing, where = passed
    if not thing:
        return note
    where = f" {where}" if where and lang == "en" else where
    answers = EXCHANGE_ANSWERS[lang]
    turn = answers[(index - 1) % len(answers)] if index else EXCHANGE_FIRST[lang]
    return note + turn.format(name=name, other=other, thing=thing, where=where)


def _beat_steps(idea: str, count: int) -> list[str]:
    """The idea's own clause each beat tells (:mod:`film.quality.story.steps`), or ""."""
    if not idea:
        return [""] * count
    return plan_steps(without_requests(idea), count)


def _arc_role(role: str, plain: str, idea: str, lang: str, *, setup: bool = True) -> str:
    """One plan line, told in the idea's own words where it has them.

    ``setup`` puts the idea's setup in the hook; not when the idea's steps are told beat
    by beat instead (:func:`_beat_steps`).
    """
    arc = idea_arc(without_requests(idea)) if idea else None
    if arc is None or not (arc.turn or arc.won_over):
        goal = idea_goal(without_requests(idea)) if idea else None
        if goal and goal.goal and role == "ending":
            return ARC_ROLES["event" if goal.event else "goal"][lang].format(goal=goal.goal)
        return plain
    texts = ARC_ROLES
    if arc.turn and role == "hook" and arc.setup and setup:
        return texts["hook"][lang].format(role=plain, setup=arc.setup)
    if arc.turn and role == "ending":  # the idea's turn is its payoff: it ends the film
        return texts["payoff"][lang].format(turn=arc.turn)
    if arc.turn and role == "turn":
        return texts["build"][lang]
    if role == "ending":
        return texts["ending"][lang]
    if arc.won_over and role == "turn":
        return texts["won"][lang].format(who=arc.won_over)
    if arc.won_over and role in ("hook", "obstacle", "low"):
        return texts["holds_out"][lang].format(role=plain, who=arc.won_over)
    return plain


def ending_note(idea: str, index: int, count: int, language: str) -> str:
    """The last scene's word on the idea's goal (:mod:`film.quality.story.goal`), or ""."""
    goal = idea_goal(without_requests(idea)) if idea else None
    if not goal or not goal.goal or count < 2 or index != count - 1:
        return ""
    return ARC_ROLES["goal_scene"][_lang(language)].format(goal=goal.goal)


def scene_arc_note(
    idea: str,
    index: int,
    count: int,
    language: str,
    summary: str,
    cast: Sequence[str],
    on_screen: Sequence[str] = (),
) -> str:
    """What scene ``index`` of ``count`` must not tell yet, or do at all, by the idea's arc.

    Before the turn's scene: not the turn (:func:`film.quality.story.arc.idea_arc`); in
    every scene: not what the idea says never happens, nor anyone its beat (``summary``)
    says is not there (:func:`film.quality.story.roles.absent_names`), nor, where the idea's
    people never meet, anyone but the one ``on_screen``; before the last, rivals stay at
    odds (:data:`_RIVALS`); the last scene: the idea's goal.
    """
    arc, lang = idea_arc(idea), _lang(language)
    note = ""
    if arc.turn_told() and index < arc.turn_at(count):
        note += ARC_ROLES["not_yet"][lang].format(turn=arc.turn_told(), at=arc.turn_at(count) + 1)
    if arc.never_verb:
        note += ARC_ROLES["never_scene"][lang].format(verb=arc.never_verb)
    apart = [n for n in cast if n not in on_screen] if arc.apart and on_screen else []
    if apart:
        names = ("、" if lang == "zh" else ", ").join(apart)
        note += ARC_ROLES["apart"][lang].format(name=on_screen[0], others=names)
    elif gone := [*absent_names(summary, list(cast)), *away_cast(idea, [(n, "") for n in cast])]:
        note += ARC_ROLES["absent"][lang].format(names=("、" if lang == "zh" else ", ").join(gone))
    if _RIVALS.search(idea) and index < count - 1 and len(pair := list(on_screen or cast)[:2]) == 2:
        note += ARC_ROLES["rivals"][lang].format(
            names=("和" if lang == "zh" else " and ").join(pair)
        )
    return note + ending_note(idea, index, count, lang)


#: An idea whose people are at odds until its end: rivals, enemies, a daily quarrel.
_RIVALS = re.compile(
    r"\brival(?:s|ry)?\b|\benem(?:y|ies)\b|\bfeud\w*|对手|死对头|冤家|宿敌|吵架|斗嘴|拌嘴|较劲",
    re.I,
)


def never_line(idea: str, language: str) -> str:
    """The outline prompt's line on what the idea says never happens, or ""."""
    arc = idea_arc(idea)
    if not arc.never:
        return ""
    return ARC_ROLES["never"][_lang(language)].format(never=arc.never, verb=arc.never_verb)


def task(stage: str, language: str, **values: object) -> str:
    """The stage's instruction in ``language``, filled with ``values``."""
    return TASKS[stage][_lang(language)].format(**values)


def stage_prompt(stage: str, language: str, facts: str, notes: str = "", **values: object) -> str:
    """A whole stage prompt: facts, guidance, example, then the task (read last, kept best)."""
    parts = [facts]
    if notes.strip():
        parts.append(guidance(notes, language))
    if stage in EXAMPLES:
        parts.append(example(stage, language))
    parts.append(task(stage, language, **values))
    return "\n\n".join(parts)


def scene_json(scene: Scene) -> str:
    """The editable part of a scene as compact JSON, as the model would have answered it."""
    data = scene.model_dump(include={"action", "dialogue", "visual"})
    return json.dumps(data, ensure_ascii=False)
