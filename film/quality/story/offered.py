"""What the idea's host offers, the guest takes: the soup is drunk by whom it was kept for.

Recorded (craft bench, the ginger soup, 2026-12-04): the idea ends "老人留他喝了一碗姜汤"
(the old man keeps the courier for a bowl of ginger soup), and its last scene had "老人拿起
一杯姜汤，喝了一口。": the host drank his own offer, and the payoff was gone. An action line
whose subject is the host and that has them eat or drink the idea's thing is the guest's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from film.screenplay import Scene

#: "老人留他喝了一碗姜汤", "奶奶留她吃了一顿饺子": host, guest, verb, thing.
_KEEPS_ZH = re.compile(
    r"(?P<host>[\u4e00-\u9fff]{1,6}?)留(?P<guest>他|她|[\u4e00-\u9fff]{1,6}?)"
    r"(?:下来)?(?P<verb>喝|吃)了?(?:一|两|几)?(?:碗|杯|口|顿|盘|个)?(?P<thing>[\u4e00-\u9fff]{1,4}?)"
    r"(?=[，。！,.!]|$)"
)


_OFFERS = re.compile(r"留|让|请|给|递|倒|盛|端来|端给|端到")


def offered(idea: str, people: Mapping[str, str]) -> tuple[str, str, str, str] | None:
    """(host, guest, verb, thing) as bible names, when the idea keeps someone for food.

    ``people`` is name: role. The guest said as 他 or 她 is the other of two people.
    """
    found = _KEEPS_ZH.search(idea.split("，")[-1]) or _KEEPS_ZH.search(idea)
    if found is None:
        return None
    host = _bible_name(found["host"], people)
    guest = _bible_name(found["guest"], people)
    if not guest and found["guest"] in ("他", "她") and host and len(people) == 2:
        guest = next(name for name in people if name != host)
    if not host or not guest or host == guest:
        return None
    return host, guest, found["verb"], found["thing"]


def _bible_name(word: str, people: Mapping[str, str]) -> str:
    for name, role in people.items():
        if word and (word in name or name in word or (role and word in role)):
            return name
    return ""


def taken_by_the_guest(scene: Scene, idea: str, people: Mapping[str, str]) -> Scene:
    """``scene`` with the host's eating or drinking of the idea's thing the guest's."""
    offer = offered(idea, people)
    if offer is None:
        return scene
    host, guest, verb, thing = offer
    takes = re.compile(rf"^{re.escape(host)}(?=[^。！]*{thing})(?=[^。！]*{verb})")
    # "老人留他喝了一碗姜汤" and "老人给他盛了一碗姜汤" are the host's own: offering.
    action = [line if _OFFERS.search(line) else takes.sub(guest, line) for line in scene.action]
    if action == scene.action:
        return scene
    characters = scene.characters if guest in scene.characters else [*scene.characters, guest]
    return scene.model_copy(update={"action": action, "characters": characters})
