"""The gate: every check, run on what a drafting stage has produced so far.

Each stage is judged on the part it wrote (the logline stage on title, logline, theme and
time; the characters stage on the bible; the outline on its beats; the scenes stage on the
scenes and the whole film), so a retry is only told about what it can fix. A revision, or
anything about to be saved or rendered, goes through :func:`check_screenplay`, which runs
everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from film.form import estimate_runtime
from film.quality.copying import check_copying
from film.quality.coverage import check_film_coverage, check_logline_coverage, check_people
from film.quality.debris import check_debris
from film.quality.fields import (
    VisibleText,
    beat_fields,
    bible_fields,
    joined,
    logline_fields,
    scene_fields,
    screenplay_fields,
)
from film.quality.findings import CHECKS, BeatLike, Brief, Finding, Stage
from film.quality.genre import check_genre, check_period_dress, is_genre_label, is_genre_name
from film.quality.names import check_bible_names, check_known_people, check_places
from film.quality.people.ages import check_age_looks
from film.quality.people.copies import check_copied_people
from film.quality.people.family import check_implied_people, check_title_kin
from film.quality.people.kin import check_bible_kin, check_kin
from film.quality.people.sexes import check_idea_sexes
from film.quality.repetition import (
    check_duplicate_scenes,
    check_loops,
    check_repeated_lines,
)
from film.quality.runtime import check_outline_size, check_runtime
from film.quality.script import check_language_tag, check_script
from film.quality.story.actions import check_idea_actions
from film.quality.story.arc import check_arc
from film.quality.story.completeness import (
    check_beat_count,
    check_cast_parts,
    check_logline_parts,
    check_plot,
    check_scene_parts,
)
from film.quality.story.goal import check_goal
from film.quality.story.logline import check_logline_arc, check_title_spoiler
from film.quality.story.outside import check_outside_works
from film.screenplay import CharacterProfile, Genre, Scene, Screenplay


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Findings by check family (debris first: it is the most visible), then as found."""
    return sorted(findings, key=lambda f: CHECKS.index(f.family))


def _text_checks(fields: Sequence[VisibleText], brief: Brief) -> list[Finding]:
    """The checks every field of every stage goes through."""
    return [
        *check_debris(fields),
        *check_script(fields, brief.language),
        *check_copying(fields, brief.guidelines, brief.idea),
        *check_loops(fields),
    ]


def check_logline(
    title: str,
    logline: str,
    theme: str,
    setting_time: str,
    brief: Brief,
    *,
    genre: Genre | None = None,
) -> list[Finding]:
    """Stage 1: the title, logline, theme and setting time (and the genre being drafted)."""
    fields = logline_fields(title, logline, theme, setting_time)
    findings = [
        *_text_checks(fields, brief),
        *check_logline_parts(title, logline, theme, setting_time),
        *check_logline_coverage(brief.idea, joined(fields), brief.language),
        *check_genre(genre, brief),
        *check_title_kin(title, brief.idea),
        *check_logline_arc(brief.idea, logline),
        *check_title_spoiler(brief.idea, title),
        *check_outside_works(brief.idea, logline, title),
    ]
    if is_genre_label(theme):
        findings.append(
            Finding(
                "completeness.theme-is-genre",
                "theme",
                theme,
                f"The theme {theme!r} is the genre's name. Say in a few words what this film "
                "is about (for example 'patience across generations', '放手也是一种爱').",
            )
        )
    if is_genre_name(title) is not None:
        findings.append(
            Finding(
                "names.title-is-genre",
                "title",
                title,
                f"The title {title!r} is the genre's name. Give the film a "
                "title of its own, drawn from its story.",
            )
        )
    return _ordered(findings)


def check_bible(
    characters: Sequence[CharacterProfile],
    brief: Brief,
    *,
    title: str = "",
    distinct: bool = False,
    beside: Sequence[CharacterProfile] = (),
    genre: Genre | None = None,
) -> list[Finding]:
    """Stage 2: the character bible (``genre``: the genre being drafted, for period dress).

    ``distinct``: also find a person whose look or wardrobe copies another's. The drafting
    stage asks for it; a finished film is not refused for it, because the form repair
    gives every speaker it adds the same plain look on purpose.

    ``beside``: people already in the bible when ``characters`` are added to it. With
    ``distinct`` the new people must not copy them either (entries written for a speaker the
    bible lacked came back in the lead's look); only the new entries are judged.
    """
    fields = bible_fields(characters)
    about = [(c.name, f"{c.role} {c.look} {c.wardrobe}") for c in characters]
    copied: list[Finding] = []
    if distinct:
        everyone = [*beside, *characters]
        for finding in check_copied_people([(c.name, c.look, c.wardrobe) for c in everyone]):
            entry, _, part = finding.path.removeprefix("characters[").partition("].")
            if int(entry) >= len(beside):
                path = f"characters[{int(entry) - len(beside)}].{part}"
                copied.append(replace(finding, path=path))
    return _ordered(
        [
            *_text_checks(fields, brief),
            *check_bible_names(((c.name, c.role) for c in characters), title=title),
            *check_cast_parts(characters),
            *check_people(brief.idea, about),
            *check_implied_people(brief.idea, about),
            *check_age_looks((c.name, c.role, c.look) for c in characters),
            *check_idea_sexes(brief.idea, characters),
            *check_bible_kin((c.name, c.role) for c in characters),
            *check_period_dress([(c.name, c.look, c.wardrobe) for c in characters], genre),
            *copied,
        ]
    )


def check_beats(
    beats: Sequence[BeatLike], brief: Brief, *, characters: Sequence[str] = (), title: str = ""
) -> list[Finding]:
    """Stage 3: the outline; ``characters`` are the bible's names."""
    fields = beat_fields(beats)
    findings = [
        *_text_checks(fields, brief),
        *check_places(fields, title=title, cast=characters),
        *check_known_people(fields, characters),
        *check_repeated_lines(fields),
        *check_duplicate_scenes([b.summary for b in beats], prefix="beats"),
        *check_idea_actions(brief.idea, [b.summary for b in beats], prefix="beats", where="beat"),
        *check_arc(brief.idea, [b.summary for b in beats]),
        *check_goal(brief.idea, [b.summary for b in beats]),
        *check_outline_size(len(beats), brief.target_s),
    ]
    if brief.target_s:
        findings.extend(check_beat_count(len(beats), brief.target_s))
    return _ordered(findings)


def check_scene(
    scene: Scene,
    brief: Brief,
    *,
    characters: Sequence[str],
    title: str = "",
    index: int = 0,
    roles: Sequence[str] = (),
) -> list[Finding]:
    """One freshly written scene (``index`` is its 0-based position), before the next one.

    ``roles`` are the bible's roles, in the order of ``characters``, so the scene can be
    read against who everyone is (:mod:`film.quality.people.kin`).
    """
    fields = scene_fields(scene, index)
    return _ordered(
        [
            *_text_checks(fields, brief),
            *check_places(fields, title=title, cast=characters),
            *check_known_people(fields, characters),
            *check_kin(fields, zip(characters, roles, strict=False)),
            *check_repeated_lines(fields),
            *check_scene_parts(scene, index),
        ]
    )


def check_scenes(screenplay: Screenplay, brief: Brief) -> list[Finding]:
    """Stage 4: every scene, then the film as a whole (coverage, repeats, length, plot)."""
    names = [c.name for c in screenplay.characters]
    fields = [
        f for index, scene in enumerate(screenplay.scenes) for f in scene_fields(scene, index)
    ]
    target = brief.target_s or estimate_runtime(screenplay)
    return _ordered(
        [
            *_text_checks(fields, brief),
            *check_places(fields, title=screenplay.title, cast=names),
            *check_known_people(fields, names),
            *check_kin(fields, ((c.name, c.role) for c in screenplay.characters)),
            *check_repeated_lines(fields),
            *check_duplicate_scenes(
                ["\n".join([*s.action, *(d.text for d in s.dialogue)]) for s in screenplay.scenes]
            ),
            *check_film_coverage(
                brief.idea, joined(screenplay_fields(screenplay)), joined(fields), brief.language
            ),
            *check_idea_actions(
                brief.idea, ["\n".join([*s.action, s.visual]) for s in screenplay.scenes]
            ),
            *check_plot(screenplay.scenes, target),
            *check_runtime(screenplay, brief.target_s, brief.cap_s),
        ]
    )


def check_screenplay(screenplay: Screenplay, brief: Brief) -> list[Finding]:
    """Everything: for a finished draft, a revision, or anything about to be saved or shown."""
    return _ordered(
        [
            *check_language_tag(screenplay.language, brief.language),
            *check_logline(
                screenplay.title,
                screenplay.logline,
                screenplay.theme,
                screenplay.setting_time,
                brief,
                genre=screenplay.genre,
            ),
            *check_bible(
                screenplay.characters, brief, title=screenplay.title, genre=screenplay.genre
            ),
            *check_scenes(screenplay, brief),
        ]
    )


def check_stage(
    stage: Stage, screenplay: Screenplay, brief: Brief, *, beats: Sequence[BeatLike] = ()
) -> list[Finding]:
    """The findings on what ``stage`` wrote, given the partial screenplay built so far.

    "logline", "characters" and "scenes" read ``screenplay`` (as the drafting stages build
    it, with empty parts still to come); "outline" reads ``beats``; "revision" runs
    :func:`check_screenplay`.
    """
    if stage == "logline":
        return check_logline(
            screenplay.title,
            screenplay.logline,
            screenplay.theme,
            screenplay.setting_time,
            brief,
            genre=screenplay.genre,
        )
    if stage == "characters":
        return check_bible(
            screenplay.characters,
            brief,
            title=screenplay.title,
            distinct=True,
            genre=screenplay.genre,
        )
    if stage == "outline":
        return check_beats(
            beats, brief, characters=[c.name for c in screenplay.characters], title=screenplay.title
        )
    if stage == "scenes":
        return check_scenes(screenplay, brief)
    return check_screenplay(screenplay, brief)
