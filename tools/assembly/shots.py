"""Split a scene into shots: one clear action per shot, each long enough to read.

Peers that feed whole scenes to a renderer get one muddy clip per scene; splitting into
beats (an action line with the dialogue spoken during it) gives every backend a concrete
picture to draw and gives the animatic its rhythm. The split is pure and deterministic so a
re-render of an unchanged scene draws exactly the same shots and hits the cache.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from film.form import ACTION_LINE_S, estimate_scene_seconds, line_seconds
from film.language import has_cjk
from film.presence import animal_kinds
from film.screenplay import DialogueLine, Scene, Screenplay, heard_off_screen
from tools.backends.base import Shot

MIN_SHOT_S = 2.5
MAX_SHOT_S = 8.0


@dataclass(frozen=True)
class _Beat:
    description: str
    seconds: float
    dialogue: tuple[DialogueLine, ...]


def scene_seconds(scene: Scene) -> float:
    """The scene's planned length: its stored estimate, or a fresh one when none is stored."""
    return scene.duration_s if scene.duration_s > 0 else estimate_scene_seconds(scene)


def plan_shots(
    scene: Scene, duration_s: float | None = None, roles: Mapping[str, str] | None = None
) -> tuple[Shot, ...]:
    """Shots of 2.5-8 s whose durations sum to the scene's length.

    Args:
        scene: the scene to split.
        duration_s: the length to fill; defaults to the scene's estimate. The renderer passes
            a longer one when the recorded speech runs over the estimate.
        roles: the bible's role for each name, so a shot whose action names someone by
            their role ("with Bob and the granddaughter") draws them.

    A scene shorter than 2.5 s becomes a single shot of its full length.
    """
    total = scene_seconds(scene) if duration_s is None else duration_s
    beats = _beats(scene)
    weights = [b.seconds for b in beats]
    scaled = [total * w / sum(weights) for w in weights]
    shots: list[Shot] = []
    for beat, seconds in zip(beats, scaled, strict=True):
        shots.extend(_split_long(beat, seconds, len(shots), scene, roles or {}))
    if len(shots) > 1 and any(s.duration_s < MIN_SHOT_S - 1e-6 for s in shots):
        shots = _collapse_short(shots, scene, roles or {})
    return _exact_sum(shots, total)


def bible_roles(screenplay: Screenplay) -> dict[str, str]:
    """Each bible name's role, for :func:`plan_shots`."""
    return {person.name: person.role for person in screenplay.characters}


def _beats(scene: Scene) -> list[_Beat]:
    """Action lines in order, with the dialogue shared out between them in order."""
    actions = [a.strip() for a in scene.action if a.strip()]
    lines = list(scene.dialogue)
    if not actions:
        return _talk_beats(scene, lines)
    shares = _share_lines(actions, lines)
    beats = []
    for action, said in zip(actions, shares, strict=True):
        seconds = ACTION_LINE_S + sum(line_seconds(line) for line in said)
        beats.append(_Beat(action, seconds, tuple(said)))
    return beats


def _share_lines(actions: list[str], lines: list[DialogueLine]) -> list[list[DialogueLine]]:
    """Give each line, in order, to the action it belongs with.

    A line goes to the next action its speaker leads (else merely names), otherwise to its
    proportional place; the position never moves backwards, so the dialogue keeps its order.
    """
    shares: list[list[DialogueLine]] = [[] for _ in actions]
    position = 0
    for order, line in enumerate(lines):
        even = order * len(actions) // max(1, len(lines))
        named = _naming(actions, position, line.speaker.lower())
        position = named if named is not None else max(position, even)
        shares[position].append(line)
    return shares


def _naming(actions: list[str], start: int, speaker: str) -> int | None:
    """The first action from ``start`` led by ``speaker``, else the first that names them."""
    if not speaker:
        return None
    lowered = [a.lower() for a in actions]
    candidates = range(start, len(actions))
    led = next((i for i in candidates if lowered[i].startswith(speaker)), None)
    return led if led is not None else next((i for i in candidates if speaker in lowered[i]), None)


def _talk_beats(scene: Scene, lines: list[DialogueLine]) -> list[_Beat]:
    """A scene of pure talk: consecutive lines grouped until each group is long enough."""
    setting = scene.visual.strip() or f"{scene.place}, {scene.time_of_day.lower()}"
    if not lines:
        return [_Beat(setting, MIN_SHOT_S, ())]
    groups: list[list[DialogueLine]] = [[]]
    for line in lines:
        if sum(line_seconds(x) for x in groups[-1]) >= MIN_SHOT_S:
            groups.append([])
        groups[-1].append(line)
    if len(groups) > 1 and sum(line_seconds(x) for x in groups[-1]) < MIN_SHOT_S:
        groups[-2].extend(groups.pop())
    beats = []
    for group in groups:
        speakers = list(dict.fromkeys(line.speaker for line in group))
        if has_cjk(setting + "".join(speakers)):  # the caption is lettered on a Chinese film
            verb = "说话" if len(speakers) == 1 else "交谈"
            told = f"{setting.rstrip('。')}。{'和'.join(speakers)}{verb}。"
        else:
            who = " and ".join(speakers)
            told = f"{setting}. {who} {'speaks' if len(speakers) == 1 else 'talk'}."
        beats.append(_Beat(told, sum(map(line_seconds, group)), tuple(group)))
    return beats


def _split_long(
    beat: _Beat, seconds: float, first_index: int, scene: Scene, roles: Mapping[str, str]
) -> list[Shot]:
    """Cut a beat longer than the maximum into equal shots, sharing its dialogue out."""
    parts = max(1, math.ceil(seconds / MAX_SHOT_S - 1e-9))
    per = math.ceil(len(beat.dialogue) / parts) if beat.dialogue else 0
    shots = []
    for part in range(parts):
        said = beat.dialogue[part * per : (part + 1) * per]
        # A later part is the same moment: "(continued)" had been lettered on the frame, and
        # "（续）" after it (饺子里的叮嘱, by hand); the storyboard letters it once.
        shots.append(
            Shot(
                index=first_index + part,
                description=beat.description,
                duration_s=seconds / parts,
                characters=_characters(scene, beat.description, said, roles),
                dialogue=said,
                continued=part > 0,
            )
        )
    return shots


def _collapse_short(shots: list[Shot], scene: Scene, roles: Mapping[str, str]) -> list[Shot]:
    """Join neighbours until each shot is at least the minimum (rare: odd scalings)."""
    joined: list[Shot] = []
    for shot in shots:
        if (
            joined
            and (joined[-1].duration_s < MIN_SHOT_S or shot.duration_s < MIN_SHOT_S)
            and joined[-1].duration_s + shot.duration_s <= MAX_SHOT_S
        ):
            last = joined.pop()
            said = last.dialogue + shot.dialogue
            joined.append(
                replace(
                    last,
                    duration_s=last.duration_s + shot.duration_s,
                    dialogue=said,
                    characters=_characters(scene, last.description, said, roles),
                )
            )
        else:
            joined.append(shot)
    return [replace(shot, index=i) for i, shot in enumerate(joined)]


def _characters(
    scene: Scene,
    description: str,
    said: tuple[DialogueLine, ...],
    roles: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Who is in the shot: the speakers, plus scene characters named in the action.

    Named by their role too: "The bus moves down the street with Bob and the granddaughter"
    drew Bob alone (``microfilm draft``, the bus, 2026-12-04).

    A speaker heard from elsewhere (a son on the phone, a voice over) is not drawn, unless
    the scene has them there too.
    """
    names: list[str] = []
    for line in said:
        elsewhere = heard_off_screen(line) and line.speaker not in scene.characters
        if line.speaker not in names and not elsewhere:
            names.append(line.speaker)
    lowered = description.lower()
    for name in scene.characters:
        # An animal is named by its kind as often as by its name: 流浪猫 is "猫咪" (by hand,
        # 2026-12-02: the cat was in the scene and in no shot).
        kinds = animal_kinds(name)
        named = name.lower() in lowered or any(
            re.search(rf"\b{re.escape(k)}s?\b", lowered) if k.isascii() else k in lowered
            for k in [*kinds, *_role_words((roles or {}).get(name, ""))]
        )
        if name not in names and named:
            names.append(name)
    if not names:
        names = list(scene.characters[:3])
    return tuple(names)


def _exact_sum(shots: list[Shot], total: float) -> tuple[Shot, ...]:
    """Round to milliseconds and put the rounding error on the last shot."""
    rounded = [round(s.duration_s, 3) for s in shots]
    rounded[-1] = round(total - sum(rounded[:-1]), 3)
    return tuple(
        replace(s, index=i, duration_s=d)
        for i, (s, d) in enumerate(zip(shots, rounded, strict=True))
    )


#: A role's words that say who someone is, not what they are like: "retired bus driver
#: (grandfather)" is a driver and a grandfather.
_ROLE_HEAD = re.compile(r"([a-z-]+)\s*(?=\(|$)|\(([a-z -]+)\)", re.I)
#: A stranger's role says where they were met, not who they are: "someone from the bus".
_NO_ONE_IN_PARTICULAR = re.compile(r"^someone\b|^某人|^路过", re.I)


def _role_words(role: str) -> list[str]:
    """The words ``role`` calls its person by: its last noun and what its brackets say."""
    role = role.strip().lower()
    if not role or _NO_ONE_IN_PARTICULAR.search(role):
        return []
    if has_cjk(role):
        return [role] if len(role) >= 2 else []
    words = [w for pair in _ROLE_HEAD.findall(role) for w in pair if w and len(w) > 2]
    return list(dict.fromkeys(w.strip() for w in words))
