"""Cutting an over-long screenplay down to a length, without a model.

The cut is greedy and deterministic: at each step it removes the candidate (an action
beat, a dialogue line, or a whole middle scene) with the lowest importance per second it
saves, counting only the seconds still needed, so a 40-second scene is not dropped when a
5-second line would do. Importance favours what carries the story: dialogue over action,
a scene's first beat and its opening and closing lines, lines that echo the logline and
theme, and anything in the first and last scenes, which are never removed (a micro film
must still open and close). Every cut is counted so the reply can say what was done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from film.form import (
    ACTION_LINE_S,
    MIN_SCENE_S,
    TITLE_CARD_S,
    estimate_runtime,
    line_seconds,
    min_scenes,
    with_estimates,
)
from film.language import CJK_RUN
from film.screenplay import Scene, Screenplay

_WORD = re.compile(r"[A-Za-z]{4,}")
_SCENE_PENALTY = 4.0  # dropping a scene is a bigger change to the story than trimming it
_FRAME_WEIGHT = 3.0  # first and last scenes are trimmed only when nothing else is left


@dataclass
class CutResult:
    """The cut screenplay and what went, for the reply."""

    screenplay: Screenplay
    removed_action: int = 0
    removed_lines: int = 0
    removed_scenes: list[int] = field(default_factory=list)
    reached: bool = True

    @property
    def removed(self) -> int:
        """How many beats, lines and scenes went in all."""
        return self.removed_action + self.removed_lines + len(self.removed_scenes)


def _keywords(screenplay: Screenplay) -> set[str]:
    text = f"{screenplay.logline} {screenplay.theme} {screenplay.title}"
    words = {w.lower() for w in _WORD.findall(text)}
    for run in CJK_RUN.findall(text):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


def _echo(text: str, keywords: set[str]) -> float:
    lowered = text.lower()
    return float(min(2, sum(1 for word in keywords if word in lowered)))


@dataclass
class _Working:
    """A mutable copy of one scene's removable items with their seconds and importance."""

    scene: Scene
    original_number: int
    frame: bool
    action: list[tuple[str, float]]
    dialogue: list[tuple[int, float, float]]  # (index into scene.dialogue, seconds, weight)
    original_items: int = 0

    def seconds(self, drop_action: int | None = None, drop_line: int | None = None) -> float:
        # Same arithmetic, in the same order, as film.form.estimate_scene_seconds.
        spoken = sum(s for i, (_, s, _) in enumerate(self.dialogue) if i != drop_line)
        acted = ACTION_LINE_S * (len(self.action) - (drop_action is not None))
        return round(max(MIN_SCENE_S, spoken + acted), 2)

    def items(self) -> int:
        return len(self.action) + len(self.dialogue)

    def hollowing(self) -> float:
        """How much more the next removal from this scene costs.

        A scene cut to a bare beat is nearly as lost as a dropped one, so heavy cuts drop
        middle scenes instead of gutting all of them.
        """
        return self.original_items / max(1, self.items() - 1)

    def importance(self) -> float:
        return sum(w for _, w in self.action) + sum(w for _, _, w in self.dialogue)


def _working(scene: Scene, frame: bool, keywords: set[str]) -> _Working:
    action = [
        (text, (3.0 if i == 0 else 1.0) + _echo(text, keywords))
        for i, text in enumerate(scene.action)
    ]
    last = len(scene.dialogue) - 1
    dialogue = [
        (i, line_seconds(line), (2.5 if i in (0, last) else 1.5) + _echo(line.text, keywords))
        for i, line in enumerate(scene.dialogue)
    ]
    return _Working(
        scene, scene.number, frame, action, dialogue, len(scene.action) + len(scene.dialogue)
    )


def _best_step(
    work: list[_Working], needed: float, drop_scenes: bool = True
) -> tuple[str, int, int] | None:
    best: tuple[float, float, tuple[str, int, int]] | None = None

    def offer(cost: float, saving: float, step: tuple[str, int, int]) -> None:
        nonlocal best
        if saving <= 0.01:
            return
        score = cost / min(saving, needed)
        key = (score, -saving, step)
        if best is None or key[:2] < best[:2]:
            best = key

    for s, item in enumerate(work):
        weight = (_FRAME_WEIGHT if item.frame else 1.0) * item.hollowing()
        now = item.seconds()
        if item.items() > 1:
            for a, (_, cost) in enumerate(item.action):
                offer(cost * weight, now - item.seconds(drop_action=a), ("action", s, a))
            for d, (_, _, cost) in enumerate(item.dialogue):
                offer(cost * weight, now - item.seconds(drop_line=d), ("line", s, d))
        if not item.frame and drop_scenes:
            offer(item.importance() + _SCENE_PENALTY, now, ("scene", s, 0))
    return best[2] if best else None


def _runtime(work: list[_Working]) -> float:
    return round(sum(item.seconds() for item in work) + TITLE_CARD_S, 2)


def cut_to_length(screenplay: Screenplay, target_s: float) -> CutResult:
    """Trim ``screenplay`` until :func:`estimate_runtime` is at most ``target_s``.

    ``reached`` is False when even the barest version (first and last scenes kept, one
    beat per scene) is longer; the result is then that barest version.
    """
    keywords = _keywords(screenplay)
    last = len(screenplay.scenes) - 1
    work = [_working(scene, i in (0, last), keywords) for i, scene in enumerate(screenplay.scenes)]
    result = CutResult(screenplay)
    total = _runtime(work)
    while total > target_s + 1e-6:
        # Never fewer scenes than a hook, a turn and an ending: the lighthouse's cut to 2
        # of 3 refused the whole film as too few scenes (craft bench, 2026-12-04).
        step = _best_step(work, total - target_s, len(work) > min_scenes(target_s))
        if step is None:
            result.reached = False
            break
        kind, s, index = step
        if kind == "scene":
            result.removed_scenes.append(work.pop(s).original_number)
        elif kind == "action":
            work[s].action.pop(index)
            result.removed_action += 1
        else:
            work[s].dialogue.pop(index)
            result.removed_lines += 1
        total = _runtime(work)
    scenes = [
        item.scene.model_copy(
            update={
                "action": [text for text, _ in item.action],
                "dialogue": [item.scene.dialogue[i] for i, _, _ in item.dialogue],
            }
        )
        for item in work
    ]
    cut = with_estimates(screenplay.model_copy(update={"scenes": scenes}))
    result.screenplay = cut
    result.reached = result.reached and estimate_runtime(cut) <= target_s + 1e-6
    return result


def trim_to_fit(screenplay: Screenplay, limit_s: float) -> tuple[Screenplay, int]:
    """:func:`cut_to_length` for drafting: the trimmed film and how many parts went."""
    result = cut_to_length(screenplay, limit_s)
    return result.screenplay, result.removed
