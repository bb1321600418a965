"""What changed between two screenplay versions, small enough for a chat bubble.

The diff is scene-level: scenes are matched by content rather than by number (a swap
renumbers scenes without changing them), only changed lines are shown with ``-``/``+``,
and the runtime before and after comes first because length is the form's hard limit.
The text is diff-shaped (``@@`` headers, ``-``/``+`` lines) so a chat UI can colour it
inside a ```diff fence.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping

from film.form import estimate_runtime
from film.screenplay import CharacterProfile, Scene, Screenplay

MAX_LINES = 40
LINE_CHARS = 110

_LABELS = {
    "en": {
        "runtime": "Runtime: {old} → {new} ({delta})",
        "same_runtime": "Runtime: {old}",
        "film": "@@ Film @@",
        "order": "@@ Scene order (old numbers): {order} @@",
        "scene": "@@ Scene {number} · {heading} @@",
        "moved": "@@ Scene {number} (was {old}) · {heading} @@",
        "removed": "@@ Removed scene {number} · {heading} @@",
        "added": "@@ New scene {number} · {heading} @@",
        "bible": "@@ Characters @@",
        "more": "… and {count} more changed lines",
        "none": "No changes.",
        "seconds": "s",
        "fields": {
            "title": "Title",
            "logline": "Logline",
            "theme": "Theme",
            "setting_time": "Time",
            "genre": "Genre",
            "language": "Language",
        },
        "visual": "Visual",
        "heading": "Heading",
        "transition": "Transition",
    },
    "zh": {
        "runtime": "时长：{old} → {new}（{delta}）",
        "same_runtime": "时长：{old}",
        "film": "@@ 影片 @@",
        "order": "@@ 场次顺序（按原场号）：{order} @@",
        "scene": "@@ 第{number}场 · {heading} @@",
        "moved": "@@ 第{number}场（原第{old}场）· {heading} @@",
        "removed": "@@ 删除第{number}场 · {heading} @@",
        "added": "@@ 新增第{number}场 · {heading} @@",
        "bible": "@@ 人物 @@",
        "more": "……还有 {count} 行改动",
        "none": "没有改动。",
        "seconds": "秒",
        "fields": {
            "title": "片名",
            "logline": "一句话梗概",
            "theme": "主题",
            "setting_time": "时间",
            "genre": "类型",
            "language": "语言",
        },
        "visual": "画面",
        "heading": "场景",
        "transition": "转场",
    },
}


def clock(seconds: float) -> str:
    """``m:ss`` for a runtime (rounded to the second)."""
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= LINE_CHARS else flat[: LINE_CHARS - 1] + "…"


def _signature(scene: Scene) -> str:
    return json.dumps(
        scene.model_dump(exclude={"number", "duration_s"}), ensure_ascii=False, sort_keys=True
    )


def scene_lines(scene: Scene, language: str = "en") -> list[str]:
    """A scene flattened to comparable display lines (heading, beats, lines, look)."""
    labels = _LABELS.get(language, _LABELS["en"])
    lines = [f"{labels['heading']}: {scene.heading}"]
    lines += [_short(text) for text in scene.action]
    for line in scene.dialogue:
        paren = f" ({line.parenthetical.strip('()')})" if line.parenthetical else ""
        lines.append(_short(f"{line.speaker}{paren}: {line.text}"))
    if scene.visual:
        lines.append(_short(f"{labels['visual']}: {scene.visual}"))
    if scene.transition != "CUT":
        lines.append(f"{labels['transition']}: {scene.transition}")
    return lines


def _match_scenes(old: list[Scene], new: list[Scene]) -> dict[int, int]:
    """Map new index -> old index, exact content first, then the most similar remaining pair."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for n, scene in enumerate(new):
        sig = _signature(scene)
        o = next((i for i, s in enumerate(old) if i not in taken and _signature(s) == sig), None)
        if o is not None:
            pairs[n] = o
            taken.add(o)
    candidates = []
    for n, scene in enumerate(new):
        if n in pairs:
            continue
        text = "\n".join(scene_lines(scene))
        for o, before in enumerate(old):
            if o in taken:
                continue
            ratio = difflib.SequenceMatcher(None, "\n".join(scene_lines(before)), text).ratio()
            same_place = before.heading == scene.heading
            if ratio >= 0.35 or same_place:
                candidates.append((ratio + (0.25 if same_place else 0.0), -abs(n - o), n, o))
    for _score, _dist, n, o in sorted(candidates, reverse=True):
        if n not in pairs and o not in taken:
            pairs[n] = o
            taken.add(o)
    return pairs


def _line_changes(before: list[str], after: list[str]) -> list[str]:
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out += [f"- {line}" for line in before[i1:i2]]
        out += [f"+ {line}" for line in after[j1:j2]]
    return out


def _profile_line(profile: CharacterProfile) -> str:
    parts = [profile.role, profile.look, profile.wardrobe, ", ".join(profile.props), profile.voice]
    return _short(f"{profile.name}: " + "; ".join(p for p in parts if p))


def _film_changes(old: Screenplay, new: Screenplay, labels: Mapping[str, object]) -> list[str]:
    fields = labels["fields"]
    assert isinstance(fields, dict)
    out: list[str] = []
    for key, label in fields.items():
        before, after = str(getattr(old, key)), str(getattr(new, key))
        if before != after:
            out += [f"- {label}: {_short(before)}", f"+ {label}: {_short(after)}"]
    return out


def _bible_changes(old: Screenplay, new: Screenplay) -> list[str]:
    return _line_changes(
        [_profile_line(c) for c in old.characters], [_profile_line(c) for c in new.characters]
    )


def screenplay_diff(
    old: Screenplay, new: Screenplay, *, language: str = "en", max_lines: int = MAX_LINES
) -> str:
    """A compact, scene-level description of what changed from ``old`` to ``new``."""
    labels = _LABELS.get(language, _LABELS["en"])
    before_s, after_s = estimate_runtime(old), estimate_runtime(new)
    change = round(after_s) - round(before_s)
    if change == 0:
        head = str(labels["same_runtime"]).format(old=clock(before_s))
    else:
        delta = f"{'+' if change > 0 else '−'}{abs(change)} {labels['seconds']}"
        head = str(labels["runtime"]).format(old=clock(before_s), new=clock(after_s), delta=delta)
    body: list[str] = []
    film = _film_changes(old, new, labels)
    if film:
        body += [str(labels["film"]), *film]
    bible = _bible_changes(old, new)
    if bible:
        body += [str(labels["bible"]), *bible]
    pairs = _match_scenes(old.scenes, new.scenes)
    order = [pairs[n] for n in sorted(pairs)]
    if order != sorted(order):
        numbers = " · ".join(str(old.scenes[o].number) for o in order)
        body.append(str(labels["order"]).format(order=numbers))
    for o, scene in enumerate(old.scenes):
        if o not in pairs.values():
            body.append(str(labels["removed"]).format(number=scene.number, heading=scene.heading))
    for n, scene in enumerate(new.scenes):
        if n not in pairs:
            body.append(str(labels["added"]).format(number=scene.number, heading=scene.heading))
            body += [f"+ {line}" for line in scene_lines(scene, language)[1:]]
            continue
        before = old.scenes[pairs[n]]
        changes = _line_changes(scene_lines(before, language), scene_lines(scene, language))
        if not changes:
            continue
        key = "scene" if before.number == scene.number else "moved"
        body.append(
            str(labels[key]).format(number=scene.number, old=before.number, heading=scene.heading)
        )
        body += changes
    if not body and old == new:
        return f"{head}\n{labels['none']}"
    if len(body) > max_lines:
        hidden = len(body) - max_lines + 1
        body = body[: max_lines - 1] + [str(labels["more"]).format(count=hidden)]
    return "\n".join([head, *body])
