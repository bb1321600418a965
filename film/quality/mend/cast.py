"""Who is in a scene: the bible's people, and every one of them the action shows.

A scene's cast list is bookkeeping that drafting derives from the beat and the speakers.
The animatic draws exactly that list, so a name there that the bible lacks is a stranger on
screen, and a bible person the action shows but the list lacks is never drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from film.language import has_cjk
from film.quality.names import is_group
from film.screenplay import Scene, Screenplay


def cast_from_bible(screenplay: Screenplay) -> Screenplay:
    """``screenplay`` whose scenes list only people the bible knows as present.

    A scene's cast list is bookkeeping drafting derives from the beat and the speakers;
    a name there without a bible entry (a speaker whose lines the form repair struck when
    the bible was full, a passer-by the beat named) is not someone the viewer meets. It
    cost the craft bench a whole film after two rounds of rewriting a scene whose lines
    were fine. Speakers are left alone: a line needs its speaker.
    """
    known = {c.name.casefold() for c in screenplay.characters}
    if not known:
        return screenplay
    scenes = []
    for scene in screenplay.scenes:
        speaking = {line.speaker.casefold() for line in scene.dialogue}
        kept = [n for n in scene.characters if n.casefold() in known or n.casefold() in speaking]
        scenes.append(
            scene if kept == scene.characters else scene.model_copy(update={"characters": kept})
        )
    return screenplay.model_copy(update={"scenes": scenes})


def with_seen_cast(scene: Scene, known: Sequence[str]) -> Scene:
    """``scene`` whose cast has every bible person its action shows.

    Recorded (craft bench, 2026-12-02): the guard "拿着橘猫", holding the cat that was in no
    cast list, so no shot drew it. Made once the scene is mended, so a turn struck from an
    earlier scene (the cat caught in scene 1) casts nobody there.
    """
    # The shot counts too: the guard's cat was in the Visual ("橘猫的毛茸茸的身体在灯光下"),
    # and the snowman walked through two scenes cast with her alone (second reader, 12-05).
    told = " ".join([*scene.action, scene.visual])
    seen = [name for name in known if name not in scene.characters and _shown(name, told)]
    if not seen:
        return scene
    return scene.model_copy(update={"characters": [*scene.characters, *seen][:8]})


#: Someone's body in a shot is them in it: "橘猫的毛茸茸的身体", "her face".
_BODY_ZH = "(?:[^，。！？]{0,6}?(?:身体|身影|背影|脸|手|眼睛|头|毛|尾巴))"


def _shown(name: str, told: str) -> bool:
    """Whether ``told`` shows ``name`` where the scene is, not where they are thought of.

    "He thinks about Lily's last night" drew Lily beside her grandfather (web app, 22:51).
    A common noun a bible uses as a name is seen with its article: "the snowman" is Snowman.
    """
    if not name.isascii():
        pattern = rf"(?<!想着)(?<!想起){re.escape(name)}(?:(?!的)|(?=的{_BODY_ZH}))"
        return bool(re.search(pattern, told))
    named = rf"(?<!about )(?<!of )\b{re.escape(name)}\b(?!['’]s\b)"
    the_noun = rf"(?<!about )(?<!of )\bthe {re.escape(name)}\b(?!['’]s\b)"
    return bool(re.search(named, told) or re.search(the_noun, told, re.I))


def where_they_are(scene: Scene) -> str:
    """A plain action line for a scene whose every action line was struck: who is where.

    Recorded (craft bench, the bus, 2026-12-02, 22:10): a scene's only action line was its
    heading again, "EXT. OLD PARK - DAY", printed as a forced heading inside the scene.
    Only for a scene with people in it (a scene of nobody keeps its line; the gate asks).
    """
    who = [name for name in scene.characters if name.strip()][:2]
    place = scene.place.strip()
    if has_cjk(place) or any(has_cjk(name) for name in who):
        return f"{'和'.join(who)}在{place}。"
    where = f"{'in' if scene.interior == 'INT' else 'at'} the {place.lower()}"
    return f"{' and '.join(who)} {'are' if len(who) > 1 else 'is'} {where}."


_ONE_VOICE = re.compile(r"\b(?:I|I'm|I'll|I've|I'd|me|my|mine)\b|我(?!们)")


def group_lines_to_action(scene: Scene, people: Sequence[str]) -> Scene:
    """``scene`` with a group's cue ("小红的家人和朋友", CROWD) told as an action line.

    Recorded (craft bench, 2026-12-02): a second reader found "小红的家人和朋友" speaking as
    one character, and SQUAD and CROWD had cues of their own. A group is no one in the
    bible, and a voice cannot be a crowd; the action says they answer in chorus, in words
    no cue mend reads as one person's speech.
    """
    groups = {line.speaker for line in scene.dialogue if line.speaker not in people}
    groups = {name for name in groups if is_group(name)}
    if not groups:
        return scene
    action, dialogue = list(scene.action), []
    for line in scene.dialogue:
        if line.speaker not in groups:
            dialogue.append(line)
        elif _ONE_VOICE.search(line.text):
            continue  # a chorus does not say "I": "I'll take you to the music store" (12-04)
        elif not line.speaker.isascii():
            action.append(f"{line.speaker}齐声：“{line.text.strip()}”")
        else:
            group = line.speaker.strip().lower()
            group = group if group.startswith("the ") else f"the {group}"
            action.append(f'{group[:1].upper()}{group[1:]}, in chorus: "{line.text.strip()}"')
    characters = [name for name in scene.characters if name not in groups]
    # A scene holds at most twelve action lines (Scene.action).
    return scene.model_copy(
        update={"action": action[:12], "dialogue": dialogue, "characters": characters}
    )
