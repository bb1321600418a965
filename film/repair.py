"""Last-resort, deterministic repair of a draft that breaks the micro film form.

The drafting nodes first ask the model to fix what :func:`film.form.validate_form`
reports; whatever is still wrong is fixed here, without a model, so the user never sees
a screenplay that is over the cap or has a speaker missing from the bible. Repairs are
conservative: trim the longest scene first (a film is judged by its whole shape), and
report every change so the reply can say what was done.
"""

from __future__ import annotations

from film.form import (
    TITLE_CARD_S,
    FormIssue,
    estimate_runtime,
    estimate_scene_seconds,
    validate_form,
    with_estimates,
)
from film.screenplay import CharacterProfile, Screenplay

# Codes a stage can already be held to: a logline has no scenes yet, so "no-plot" would
# be noise after stage 1.
STAGE_CODES: dict[str, frozenset[str]] = {
    "logline": frozenset({"no-theme"}),
    "characters": frozenset({"no-theme", "no-characters"}),
    "outline": frozenset({"no-theme", "no-characters", "no-place", "too-long"}),
    "scenes": frozenset({
        "no-theme", "no-characters", "no-place", "too-long", "no-plot", "unknown-speaker",
        "no-time", "not-vertical",
    }),
}


def runtime_limit(target_s: float, cap_s: float) -> float:
    """Longest runtime accepted for a target: a little slack over it, never over the cap."""
    return round(min(cap_s, max(target_s * 1.25, target_s + 15.0)), 1)


def scene_budget_s(target_s: float, scene_count: int) -> float:
    """Seconds each scene should run so the film meets its target (title card excluded)."""
    return max(5.0, (target_s - TITLE_CARD_S) / max(1, scene_count))


def scene_count_for(target_s: float) -> int:
    """How many scenes a film of ``target_s`` wants: about one every 20 s, 2 to 12."""
    return int(max(2, min(12, round((target_s - TITLE_CARD_S) / 20.0))))


def stage_issues(
    stage: str, screenplay: Screenplay, *, cap_s: float, size: tuple[int, int]
) -> list[FormIssue]:
    """The form issues that matter once ``stage`` is complete."""
    codes = STAGE_CODES.get(stage, STAGE_CODES["scenes"])
    return [i for i in validate_form(screenplay, cap_s=cap_s, size=size) if i.code in codes]


def add_missing_speakers(screenplay: Screenplay) -> tuple[Screenplay, list[str]]:
    """Give every speaker without a bible entry a plain one, so the voice and look are pinned."""
    known = {c.name.lower() for c in screenplay.characters}
    added: list[CharacterProfile] = []
    for scene in screenplay.scenes:
        for line in scene.dialogue:
            if line.speaker.lower() not in known and len(screenplay.characters) + len(added) < 8:
                known.add(line.speaker.lower())
                added.append(CharacterProfile(
                    name=line.speaker, role=f"Speaks in scene {scene.number}.",
                ))
    if not added:
        return screenplay, []
    updated = screenplay.model_copy(update={"characters": [*screenplay.characters, *added]})
    return updated, [c.name for c in added]


def _shrink_longest(screenplay: Screenplay) -> Screenplay | None:
    """Cut one line from the longest scene, or drop the last scene; None when nothing is left."""
    scenes = list(screenplay.scenes)
    if not scenes:
        return None
    order = sorted(range(len(scenes)), key=lambda i: estimate_scene_seconds(scenes[i]),
                   reverse=True)
    for index in order:
        scene = scenes[index]
        if len(scene.dialogue) > 1:
            scenes[index] = scene.model_copy(update={"dialogue": scene.dialogue[:-1]})
            break
        if len(scene.action) > 1:
            scenes[index] = scene.model_copy(update={"action": scene.action[:-1]})
            break
    else:
        if len(scenes) == 1:
            return None
        scenes = scenes[:-1]
    return screenplay.model_copy(update={"scenes": scenes})


def trim_to_fit(screenplay: Screenplay, limit_s: float) -> tuple[Screenplay, int]:
    """Trim lines, then whole scenes, until the film runs at most ``limit_s``; count the cuts."""
    cuts = 0
    while estimate_runtime(screenplay) > limit_s:
        smaller = _shrink_longest(screenplay)
        if smaller is None:
            break
        screenplay, cuts = smaller, cuts + 1
    return with_estimates(screenplay), cuts


def deterministic_repair(
    screenplay: Screenplay, issues: list[FormIssue], *, limit_s: float
) -> tuple[Screenplay, list[str]]:
    """Fix every issue that can be fixed without a model; return notes on what changed."""
    notes: list[str] = []
    codes = {issue.code for issue in issues}
    if "no-theme" in codes:
        theme = (screenplay.logline or screenplay.title)[:160]
        screenplay = screenplay.model_copy(update={"theme": theme})
        notes.append("took the theme from the logline")
    if "no-place" in codes:
        scenes = [s if s.place.strip() else s.model_copy(update={"place": "Street"})
                  for s in screenplay.scenes]
        screenplay = screenplay.model_copy(update={"scenes": scenes})
        notes.append("gave unnamed places a setting")
    if "no-plot" in codes and screenplay.scenes:
        scenes = [s if (s.action or s.dialogue) else
                  s.model_copy(update={"action": [s.visual or f"We see the {s.place.lower()}."]})
                  for s in screenplay.scenes]
        screenplay = screenplay.model_copy(update={"scenes": scenes})
        notes.append("wrote an action line for empty scenes")
    if codes & {"unknown-speaker", "no-characters"}:
        screenplay, added = add_missing_speakers(screenplay)
        if added:
            notes.append("added " + ", ".join(added) + " to the character bible")
        if not screenplay.characters:
            lead = CharacterProfile(name="Narrator", role="Tells the story.")
            screenplay = screenplay.model_copy(update={"characters": [lead]})
            notes.append("added a narrator to the character bible")
    if "too-long" in codes or estimate_runtime(screenplay) > limit_s:
        screenplay, cuts = trim_to_fit(screenplay, limit_s)
        if cuts:
            notes.append(f"trimmed {cuts} line(s) to fit {limit_s:.0f} s")
    return with_estimates(screenplay), notes
