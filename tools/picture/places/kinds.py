"""Which kind of place a scene heading names, in English or Chinese.

A heading's place is free text ("老家厨房", "Bus stop", "Qinghai Lake shore"); the painter
needs one of a few kinds it knows how to draw. The word named last wins, as the head noun
of a place name comes last in both languages ("bus stop" is a street, "海边灯塔" the sea),
so the same heading always gives the same place.
"""

from __future__ import annotations

import re

from film.screenplay import Genre

# Kind, then its words (a kind may take several rows). A wedding is held in the red-pillared
# hall: the carpenter's granddaughter married in a living room (web app, 2026-12-02).
# English words match whole (plurals too), Chinese words anywhere; _ stands for a space.
_TABLE = """
hospital  hospital clinic ward infirmary 医院 病房 诊所 急诊
kitchen   kitchen 厨房 灶
classroom classroom school class lecture campus 教室 学校 课堂
temple    temple shrine pagoda monastery palace 寺 庙 塔 殿 宫
temple    wedding chapel church 婚礼 喜宴 喜堂 礼堂 祠堂
shop      shop store cafe café restaurant bakery market bar diner stall
shop      店 铺 超市 餐厅 咖啡 市场 饭馆 摊 小卖部 卖
sea       sea seaside seashore ocean beach coast harbour harbor pier dock wharf jetty 海 滩 港 码头
lighthouse lighthouse lamp_room lantern_room 灯塔
lake      lake pond river reservoir riverbank riverside ferry 湖 池 河 江 溪 渡口
mountains mountain hill peak cliff valley summit grassland prairie 山 峰 岭 谷 草原
vehicle   bus train car taxi subway carriage 车 地铁 列车
lift      lift elevator 电梯 升降梯
courtyard courtyard yard garden 院 庭 园
city      city rooftop skyline downtown tower bridge 城 都市 天台 楼顶 桥
station   train_station railway_station railway platform 火车站 高铁站 地铁站 站台 月台
street    street road alley lane avenue crossing stop station village town
street    街 路 巷 胡同 站 村 镇
home      home house room apartment flat bedroom living office 家 屋 房 客厅 卧室 公寓 办公室
"""
_WORDS: dict[str, tuple[str, ...]] = {}
for _row in _TABLE.strip().splitlines():
    _kind, *_names = _row.split()
    _WORDS[_kind] = _WORDS.get(_kind, ()) + tuple(n.replace("_", " ") for n in _names)
PLACE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(_WORDS.items())
OUTDOOR_KINDS = frozenset(
    {"sea", "lighthouse", "lake", "mountains", "courtyard", "city", "street", "station"}
)
INDOOR_KINDS = frozenset({"hospital", "kitchen", "classroom", "shop", "vehicle", "home", "lift"})

# What an unnamed place becomes in each genre, outside and inside.
GENRE_DEFAULTS: dict[Genre, tuple[str, str]] = {
    Genre.GRASSROOTS_SPOOF: ("street", "home"),
    Genre.YOUTH_ROMANCE: ("city", "classroom"),
    Genre.INSPIRATIONAL_STRUGGLE: ("city", "home"),
    Genre.ANCIENT_STYLE: ("mountains", "temple"),
    Genre.TOUCHING_FAMILY: ("courtyard", "home"),
    Genre.AESTHETIC_SCENERY: ("lake", "home"),
}


def kind_of(text: str) -> str | None:
    """The kind named last in ``text`` (the head noun: "bus stop", "海边灯塔"), or None.

    Ties (a word inside a longer one, "塔" in "灯塔") go to the longer word.
    """
    lowered = text.lower()
    best: tuple[int, int, str] | None = None
    for kind, words in PLACE_WORDS:
        for word in words:
            if word.isascii():
                pattern = rf"(?<![a-z]){re.escape(word)}(?:s|es)?(?![a-z])"
            else:
                pattern = re.escape(word)
            for match in re.finditer(pattern, lowered):
                score = (match.end(), len(word), kind)
                if best is None or score[:2] > best[:2]:
                    best = score
    return best[2] if best else None


def place_kind(place: str, genre: Genre, outside: bool) -> str:
    """The kind to paint for ``place``; a genre default when no word is recognised."""
    found = kind_of(place)
    if found is not None:
        return found
    exterior, interior = GENRE_DEFAULTS[genre]
    return exterior if outside else interior
