"""A film of one person shows one person: no crowd they speak to, no companion.

The 1.5B model writes a lone person's film as if people were about: the photographer alone
at the lake at dawn thanked "大家" for coming, an audience nobody cast cheered in an action
line, and "他和他的好友在湖边拍照" gave him a friend the film never casts.
"""

from __future__ import annotations

import re

from film.quality.mend.lines import rewritten
from film.screenplay import Screenplay

#: Words that speak to a crowd ("感谢大家的到来！", "Thank you all for coming").
_CROWD = re.compile(
    r"大家|各位|你们|\b(?:everyone|everybody|you all|ladies and gentlemen|you guys)\b", re.I
)


#: A crowd that speaks or cheers in an action line: "观众齐声：“哇，太美了！”" (青海湖日出,
#: craft bench, 2026-12-04), "The crowd cheers".
_CROWD_SAYS = re.compile(
    r"(?:观众|人群|众人|大家|路人|游客)们?(?:齐声|纷纷|一起)?(?:说|喊|欢呼|惊呼|鼓掌|赞叹|[：:])"
    r"|\b(?:the )?(?:crowd|audience|onlookers|passers-by|tourists|everyone)\s+"
    r"(?:cheers|cheer|gasps|gasp|claps|clap|applauds|applaud|says|say|shouts|shout)\b",
    re.I,
)


def alone_with_nobody(screenplay: Screenplay) -> Screenplay:
    """A film of one person without the lines they say to a crowd that is not there.

    Recorded (craft bench, 青海湖日出): the photographer, alone at the lake at dawn, said
    "感谢大家的到来！"; and an audience nobody cast cheered in an action line. A scene
    keeps at least one line.
    """
    if len(screenplay.characters) != 1:
        return screenplay
    scenes = []
    for scene in screenplay.scenes:
        kept = [line for line in scene.dialogue if not _CROWD.search(line.text)]
        changed = kept != scene.dialogue and (kept or not scene.dialogue)
        scene = scene.model_copy(update={"dialogue": kept}) if changed else scene
        action = [line for line in scene.action if not _CROWD_SAYS.search(line)]
        if action and action != scene.action:
            scene = scene.model_copy(update={"action": action})
        scenes.append(rewritten(scene, _without_companion, visual=True))
    return screenplay.model_copy(update={"scenes": scenes})


#: A companion the lone person's film never cast: "他和他的好友在湖边拍照" (青海湖边的等待,
#: 2026-12-02), "with his friend"; and "他们拍下了这幅美丽的画面", one person being there.
_COMPANION_ZH = re.compile(
    r"(?P<who>[他她])(?:和|与|跟)(?P=who)的(?:好友|朋友|同伴|伙伴|家人|同事)们?"
)
_COMPANION_EN = re.compile(r"\s+with (?:his|her) (?:friends?|companions?|colleagues?)\b", re.I)


def _without_companion(text: str) -> str:
    """``text`` of a one-person film without an uncast companion: 他和他的好友 is 他."""
    text = _COMPANION_ZH.sub(r"\g<who>", text)
    text = re.sub(r"([他她])们", r"\1", text)
    return _COMPANION_EN.sub("", text)
