"""Where and when a scene heading can be, whatever the model wrote.

Some places are outdoors by what they are (a bus stop, a riverbank, a bare 小区), and some
open only at night (a night market). The model's INT/EXT and time of day are its own
choice everywhere else. Domain rules, so they live with the screenplay's form.
"""

from __future__ import annotations

import re

from film.quality.text import CLAUSE, cjk_count, sentences
from film.screenplay import Scene

#: Places that are outdoors whatever the model says (an "INT. BUS STOP" is a mistake).
_OUTDOORS = re.compile(
    r"\b(?:streets?|roads?|bus stop|park|beach|lake|lakeside|river|riverbank|mountain|"
    r"mountain pass|field|rooftop|bridge|square|alley(?:way)?|forest|shore|harbou?r|pier|"
    r"crossroads|sidewalk|pavement|cliff|hillside|meadow|night market|pass|trail|path|"
    r"valley|garden|courtyard|playground|snowfield|village|(?:back|front)?yard|lane|"
    r"driveway|porch|parking lot|car park|campus|schoolyard|farm|orchard|station platform|"
    # "INT. RED LIGHT INTERSECTION" (the scooter, 2026-12-03)
    r"downtown|intersection|crossing|crosswalk|junction|traffic lights?|"
    # "INT. GENERAL'S CAMPSITE" while the general sits outside his tent (the letter, 12-04).
    r"campsite|campground|camp|encampment|battlefield)\b"
    # Only as the place's last word: "INT. BAY" is outdoors, a "Sea View Cafe" is not.
    r"|\b(?:bay|sea|seaside|coast|coastline|ocean|cove|docks?|desert|grassland|hill|hilltop|"
    r"waterfall|island|town|village|city|city of [a-z ,]+|(?:city|town) cent(?:er|re))\s*$"
    r"|街|路口|马路|公园|湖边|湖畔|河边|江边|海边|山顶|山路|山口|天台|广场|小巷|巷口|田野|树林|码头|夜市|院子"
    r"|村口|操场|站台|停车场|田埂|果园|后院|前院|胡同|门口|海湾|草原|沙漠|瀑布|山坡|海岛"
    # A bus stop was drawn as a room of bookshelves under "INT. 公交站前" (web app, 2026-12-02).
    r"|公交站|公交车站|车站前|站前"
    # As the last word only: "INT. 宫廷花园" (craft bench, 2026-12-02), not a 花园餐厅.
    r"|(?:花园|庭院|园子|竹林|桥上|桥头|屋顶|湖面|河畔|山间|田间|市中心)\s*$",
    re.IGNORECASE,
)


def interior_for(place: str, interior: str) -> str:
    """EXT for a place that can only be outdoors, else the model's own INT/EXT."""
    # 皇宫外, 城门外; a neighbourhood or the street below, but not "小区保安室"; a bare
    # "INT. 小区" too (the guard's yard, craft bench, 2026-12-02)
    outside = re.search(
        r"[\u4e00-\u9fff](?:外|之外|门口|居民区|小区|楼下|街道|路边)$|^(?:小区|居民区)(?:里|内)?$",
        place.strip(),
    )
    return "EXT" if _OUTDOORS.search(place) or outside else interior


#: Places that are only open at night: "EXT. 夜市 - DAY" four times over (craft bench,
#: night market, 2026-12-02), for an idea that works by day and sells pancakes by night.
_NIGHT_PLACE = re.compile(
    r"夜市|夜店|夜宵|夜班|\bnight (?:market|club|shift|bus)\b|\bnightclub", re.I
)


def time_at(place: str, time_of_day: str) -> str:
    """NIGHT for a place that is only open at night and a heading that says day."""
    return (
        "NIGHT" if time_of_day in ("DAY", "MORNING") and _NIGHT_PLACE.search(place) else time_of_day
    )


#: Light that belongs to one part of the day, by the hours it cannot be seen at. A visual
#: note is one shot at the heading's hour: "INT. 小镇上的梯田 - DAWN" was lit by "夕阳",
#: "EXT. 夜市 - NIGHT" by "阳光", and a DAY scene had stars (the second reader, 2026-12-03).
_HOUR_LIGHT: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (
        # "The sun is setting", "the last rays of the sun set" over NIGHT (the lighthouse).
        re.compile(
            r"夕阳|落日|晚霞|日落|\bsunset\b|\bsetting sun\b|\blast (?:rays|light) of the sun\b"
            r"|\bsun (?:is )?(?:set(?:s|ting)?|goes down)\b",
            re.I,
        ),
        frozenset({"DAWN", "MORNING", "NIGHT"}),
    ),
    (
        re.compile(
            r"日出|朝阳|晨光|朝霞|旭日|\bsunrise\b|\brising sun\b|\bsun (?:is )?ris(?:es|ing)\b",
            re.I,
        ),
        frozenset({"DUSK", "EVENING", "NIGHT"}),
    ),
    (
        re.compile(
            r"星星|星空|繁星|月光|月亮|明月|夜空|夜色|\bstar(?:s|ry|lit)\b|\bmoon(?:light|lit)?\b"
            r"|\bnight sky\b|\bthe sky is dark\b|天黑了|天色已黑",  # the scooter, 12-04
            re.I,
        ),
        frozenset({"DAY", "MORNING"}),
    ),
    (
        re.compile(r"阳光|烈日|正午|\bsun(?:light|shine|lit)\b|\bmidday\b|\bnoon\b", re.I),
        frozenset({"NIGHT"}),
    ),
    # Lamps lit by day: "The city lights are dim" in INT. BUS - DAY (the bus, 2026-12-04).
    (
        re.compile(r"霓虹|路灯|万家灯火|\bcity lights\b|\bstreet ?lights?\b|\bneon\b", re.I),
        frozenset({"DAY", "MORNING"}),
    ),
    # "白天小区门口的阳光" over EXT. 小区门口 - DUSK (the guard, 2026-12-03).
    (
        # "It's a beautiful summer day" in a NIGHT beat of the lighthouse (2026-12-04).
        re.compile(
            r"白天|\bdaytime\b|\bbroad daylight\b"
            r"|\b(?:it'?s|it is|on) (?:a|the) (?:beautiful|sunny|bright|warm|lovely)"
            r" (?:\w+ )?day\b",
            re.I,
        ),
        frozenset({"NIGHT", "DUSK", "EVENING"}),
    ),
)


def against_the_hour(text: str, time_of_day: str) -> bool:
    """Whether ``text`` shows light that the scene's hour cannot have (sunset at dawn)."""
    return any(time_of_day in wrong and light.search(text) for light, wrong in _HOUR_LIGHT)


def lit_by_its_hour(scene: Scene) -> Scene:
    """``scene`` whose action lines show no light its hour cannot have.

    Recorded (web app, 2026-12-03): "INT. 老人的卧室 - NIGHT" in a storm opened on "老人的卧室
    门被雨水打湿，阳光透过窗户洒在地板上。", and the card put the sunlight over a dark
    window. The clause with that light goes, the rest of its line stays; a line that was
    only that light goes, and the scene keeps at least one line.
    """
    action = []
    for line in scene.action:
        if not against_the_hour(line, scene.time_of_day):
            action.append(line)
            continue
        clauses = CLAUSE.findall(line)
        kept = "".join(c for c in clauses if not against_the_hour(c, scene.time_of_day))
        kept = re.sub(r"^(?:and|but|then|so|while)\s+", "", kept.strip(), flags=re.I)
        kept = kept.rstrip("，,；;").strip()
        if kept:
            kept = kept[0].upper() + kept[1:]
            action.append(kept + ("。" if cjk_count(kept) else "."))
    if not action or action == scene.action:
        return scene
    return scene.model_copy(update={"action": action})


#: The rooms of a home, in both languages, and a person put in one by a preposition.
HOME_ROOMS_EN = "kitchen|living room|bedroom|dining room|sitting room|lounge|balcony"
HOME_ROOMS_ZH = "厨房|客厅|卧室|餐厅|书房|阳台"
HOME_ROOM = re.compile(rf"\b(?:{HOME_ROOMS_EN})\b|{HOME_ROOMS_ZH}", re.IGNORECASE)
IN_HOME_ROOM = re.compile(
    rf"\b(?P<prep>in|into|inside|to) the (?P<en>{HOME_ROOMS_EN})\b"
    rf"|(?P<zh_prep>在|到|进|回)(?P<zh>{HOME_ROOMS_ZH})",
    re.IGNORECASE,
)


#: Other places a line puts its people in: "站在考试室门口", "at the train station".
_PLACE_EN = (
    r"office|classroom|library|hospital|station|school|shop|store|cafe|café|restaurant|"
    r"market|gym|studio|hall|park|square|street|temple|palace|court|courtyard|inn|tavern|"
    r"dormitory|dorm|ward|clinic|bakery|factory|warehouse|depot|stadium|theatre|theater"
)
_IN_PLACE = re.compile(
    # Or walks into it: "小晴走进面试室" under EXT. 夜市 (craft bench, 2026-12-03).
    rf"\b(?:in|at|inside|into) the (?P<en>(?:[a-z]+\s)?(?:{_PLACE_EN}))\b"
    # "walking down the street", "parked on the side of the road" (the scooter, 22:03).
    r"|\b(?:on|down|along|across) the (?:side of the )?(?P<road>street|road|sidewalk)\b"
    r"|(?:在|(?:走进|走入|进入|来到)了?)(?P<zh>(?!了)[\u4e00-\u9fff]{0,4}?(?:办公室|教室|宿舍|图书馆|医院|车站|公司|考场|考试室|面试室|"
    r"会议室|体育馆|操场|学校|食堂|咖啡馆|餐馆|饭店|商店|超市|市场|夜市|公园|广场|街头|工厂|仓库|"
    r"快递站|寺庙|宫殿|大殿|书房|画室|客栈|酒馆|病房|诊所|面包店|舞台|后台|排练室|小区))"
    r"(?=里|内|中|门口|前|外|旁|，|。|[\u4e00-\u9fff])",
    re.IGNORECASE,
)


_VEHICLE = re.compile(
    r"\b(?:bus|car|taxi|train|tram|boat|ship|ferry|van|truck|carriage|lift|elevator)\b"
    r"(?!\s+(?:stop|station|park|port|depot|yard))|车(?![站库场])|船(?![坞])|电梯|轿子",
    re.I,
)


def _places_told(told: str) -> set[str]:
    """Where ``told`` puts its people (在, "in the"): rooms of a home, else other places."""
    # Only where they are (在, "in the"), not where they go (进, "into the").
    found = [
        m
        for m in IN_HOME_ROOM.finditer(told)
        if m.group("prep") in ("in", "inside") or m.group("zh_prep") == "在"
    ]
    rooms = {(m.group("en") or m.group("zh") or "").casefold() for m in found}
    places = _IN_PLACE.finditer(told)
    # The street, the road and its side are one place to draw.
    return rooms or {(m.group("en") or m.group("zh") or "street").casefold() for m in places}


def place_told(told: str) -> str:
    """The one room or place ``told`` puts its people in (在厨房, "in the gym"), or ""."""
    places = _places_told(told)
    return places.pop() if len(places) == 1 else ""


#: Outside a home: its garden, porch or door, where EXT is right.
_OUTSIDE_HOME = re.compile(
    r"\b(?:garden|porch|doorstep|yard|driveway|front door|gate|outside)\b|院子|门口|门外|楼下|花园",
    re.I,
)


def indoors_at_home(told: str) -> bool:
    """Whether ``told`` happens in a room of a home and nowhere outside it.

    Recorded (the piano teacher, 2026-12-03): "EXT. MRS. THOMPSON'S HOME - NIGHT" over
    "Mrs. Thompson steps into the living room": the teacher's lesson drawn in the street.
    """
    return bool(HOME_ROOM.search(told)) and not _OUTSIDE_HOME.search(told)


def headed_where_told(scenes: list[Scene]) -> list[Scene]:
    """``scenes`` whose heading is the room or place their action puts them in.

    Recorded (craft bench, dumplings, 2026-12-02, 17:40): "INT. 外地上大学的宿舍" over
    "奶奶正在厨房里教他包饺子": the idea's dormitory as the heading, the kitchen in every
    line. Where the action puts its people in a room (在厨房, "in the kitchen") and never
    names the heading's place, the scene is in that room: at the place of another scene
    in it ("奶奶的厨房"), else the room itself, indoors. Other places count the same way
    when no room does: the night market's last scene was headed "EXT. 夜市 - NIGHT" over
    "小王站在考试室门口，看到自己的成绩单" (craft bench, 21:46). A home whose action stays in
    its rooms is indoors (:func:`indoors_at_home`).
    """
    fitted: list[Scene] = []
    for scene in scenes:
        told = " ".join(scene.action)
        rooms = _places_told(told)
        # A kitchen in "Grandma's house" is no contradiction: a home holds its rooms.
        home = re.search(r"\b(?:house|home|apartment|flat|cottage)\b|家|公寓", scene.place, re.I)
        homely = home and all(HOME_ROOM.search(room) for room in rooms)
        if home and scene.interior == "EXT" and indoors_at_home(told):
            scene = scene.model_copy(update={"interior": "INT"})
        # Aboard, a street is what goes by the window: "INT. BUS" stays over "down the street".
        aboard = _VEHICLE.search(scene.place)
        named = bool(homely or aboard) or scene.place.casefold() in told.casefold()
        if len(rooms) != 1 or HOME_ROOM.search(scene.place) or named:
            fitted.append(scene)
            continue
        room = rooms.pop()
        there = next((s for s in scenes if room in s.place.casefold()), None)
        place = there.place if there else (room if not room.isascii() else room.capitalize())
        inside = "INT" if HOME_ROOM.search(place) else interior_for(place, "INT")
        fitted.append(scene.model_copy(update={"place": place, "interior": inside}))
    return fitted


#: A bed or a sofa, or a room of a home someone is in: what a street or a bus has none of.
#: "John is sitting in the living room again" and "John sits in his living room with
#: Sarah" were two action lines under "INT. BUS" (craft bench, the bus, 2026-12-04).
_HOME_FURNITURE = re.compile(
    r"\b(?:on|onto|in|from|off) (?:her|his|their|my|your|the|a) (?:own )?(?:bed|sofa|couch)\b"
    r"|\bin bed\b|床上|床边|沙发上"
    r"|\b(?:in|inside) (?:the|his|her|their|my|your) (?:own )?"
    r"(?:living room|kitchen|bedroom|dining room|sitting room|lounge)\b"
    r"|在(?:家里?的?)?(?:客厅|厨房|卧室|餐厅|书房)",
    re.I,
)


def no_home_away_from_home(scene: Scene) -> Scene:
    """``scene`` without action lines that put someone in a home it is not: bed, sofa, room.

    Recorded (craft bench, en-family-bus, 2026-12-03, 12:42): under "INT. BUS" and "EXT.
    BUS STOP", "Jack … sees Emma sitting on her bed" and "Emma … sits on her bed". A place
    outdoors or aboard has no bed and no living room; the scene keeps at least one action
    line.
    """
    away = interior_for(scene.place, "INT") == "EXT" or _VEHICLE.search(scene.place)
    if not away or HOME_ROOM.search(scene.place):
        return scene
    action = [line for line in scene.action if not _HOME_FURNITURE.search(line)]
    if not action or action == scene.action:
        return scene
    return scene.model_copy(update={"action": action})


#: The hour a film's setting names, by the heading time it means.
_SETTING_HOURS = (
    ("DAWN", re.compile(r"\b(?:dawn|daybreak|sunrise)\b|黎明|拂晓|日出|破晓", re.I)),
    ("MORNING", re.compile(r"\bmorning\b|早晨|早上|清晨|上午", re.I)),
    ("DAY", re.compile(r"\b(?:afternoon|noon|midday|daytime)\b|下午|中午|白天|午后", re.I)),
    ("DUSK", re.compile(r"\b(?:dusk|sunset|twilight)\b|黄昏|傍晚|日落", re.I)),
    ("EVENING", re.compile(r"\bevening\b|晚饭后", re.I)),
    ("NIGHT", re.compile(r"\b(?:night|midnight)\b|夜|晚上", re.I)),
)


def setting_hour(setting_time: str) -> str:
    """The one heading time ``setting_time`` names ("a rainy Sunday afternoon": DAY), or ""."""
    hours = [hour for hour, words in _SETTING_HOURS if words.search(setting_time)]
    return hours[0] if len(hours) == 1 else ""


def at_the_setting_hour(scenes: list[Scene], setting_time: str) -> list[Scene]:
    """``scenes`` at the hour the film's setting names, when the model set them all apart.

    Recorded (the piano teacher, 2026-12-03): "Setting: a rainy Sunday afternoon" over five
    scenes headed NIGHT, drawn under a moon. Scenes that share one time the setting
    contradicts take its hour (a night market stays at night, :func:`time_at`), and their
    visual notes lose light the new hour cannot have; a film whose scenes move through the
    day is the model's own telling and stays.
    """
    hour = setting_hour(setting_time)
    times = {scene.time_of_day for scene in scenes}
    if not hour or len(times) != 1 or hour in times or "CONTINUOUS" in times:
        return scenes
    moved: list[Scene] = []
    for scene in scenes:
        new = time_at(scene.place, hour)
        kept = [s for s in sentences(scene.visual) if not against_the_hour(s, new)]
        visual = ("" if cjk_count(scene.visual) else " ").join(kept)
        moved.append(scene.model_copy(update={"time_of_day": new, "visual": visual}))
    return moved
