"""Which genre an idea leans to, from its story words, to check the model's recommendation.

Why: asked to recommend a genre, the 1.5B offline model often names the first one its schema
lists, Grassroots Spoof. In the craft bench it recommended spoof for a night-shift nurse and
a baker who court each other through notes on a bakery window all winter. The words of an
idea say more than that: notes and a meeting that never happens are a romance; a grandmother
and a homecoming are family. The model's pick stands unless the idea's own words lean
clearly to another genre and not at all to the model's.
"""

from __future__ import annotations

import re

from film.screenplay import Genre


def _cues(words: str) -> tuple[str, ...]:
    return tuple(words.split("|"))


_EN_CUES: dict[Genre, tuple[str, ...]] = {
    Genre.YOUTH_ROMANCE: _cues(
        "love|in love|crush|date|dating|kiss|sweetheart|girlfriend|boyfriend|"
        "first love|confess|confession|propose|wedding|notes|love letter|meet|"
        "meeting|flirt|heart|valentine"
    ),
    Genre.TOUCHING_FAMILY: _cues(
        "grandma|grandmother|grandpa|grandfather|granny|mother|mom|mum|father|"
        "dad|son|daughter|grandson|granddaughter|family|parents|homecoming|"
        "sister|brother|aunt|uncle|stray|kitten|kittens|puppy|puppies|adopt|adopts|kindness"
    ),
    Genre.INSPIRATIONAL_STRUGGLE: _cues(
        "dream|dreams|exam|competition|contest|audition|practice|champion|"
        "startup|marathon|train|trains|training|practise|final|battle of the bands|"
        "rejected|fail|failed|stall|hustle|"
        "scholarship|against the odds"
    ),
    Genre.ANCIENT_STYLE: _cues(
        "dynasty|emperor|empress|sword|swordsman|swordswoman|palace|general|"
        "scholar|concubine|courier|imperial|kingdom|ancient|tang|song dynasty|"
        "inn|calligraphy"
    ),
    Genre.AESTHETIC_SCENERY: _cues(
        "sea|ocean|mountain|mountains|lake|sunrise|sunset|lighthouse|snow|river|"
        "forest|desert|grassland|meadow|tide|stars|landscape|seasons"
    ),
    Genre.GRASSROOTS_SPOOF: _cues(
        "prank|funny|silly|ridiculous|chaos|mix-up|absurd|chaotic|hilarious|haunted|karaoke|"
        "goofy|clumsy|disaster|fake|mistaken"
    ),
}
_ZH_CUES: dict[Genre, tuple[str, ...]] = {
    Genre.YOUTH_ROMANCE: _cues(
        "喜欢|暗恋|恋爱|表白|情书|心动|约会|初恋|女朋友|男朋友|纸条|相遇|同桌|告白"
    ),
    Genre.TOUCHING_FAMILY: _cues(
        "奶奶|外婆|爷爷|外公|妈妈|母亲|爸爸|父亲|儿子|女儿|家人|回家|团圆|孙子|孙女|外孙|姐姐|弟弟|年夜饭|"
        # Kindness to a stray is warmth (温情): the shop clerk who feeds a stray cat every
        # night was drafted as a spoof, and the cat talked (by hand, 2026-12-02).
        "流浪猫|流浪狗|小猫|小狗|收养|善良"
    ),
    Genre.INSPIRATIONAL_STRUGGLE: _cues(
        "梦想|奋斗|考试|高考|比赛|坚持|创业|努力|摆摊|夜市|练习|冠军|落榜|打工"
    ),
    Genre.ANCIENT_STYLE: _cues(
        "王朝|皇帝|皇上|剑|侠|江湖|宫|将军|书生|古代|朝廷|驿站|客栈|公主|画师"
    ),
    Genre.AESTHETIC_SCENERY: _cues(
        "大海|海边|海上|山顶|雪山|高山|湖边|湖面|日出|日落|草原|雪|森林|风景|青海|星空|灯塔"
    ),
    Genre.GRASSROOTS_SPOOF: _cues("搞笑|乌龙|爆笑|整蛊|沙雕|闹剧|糗|尴尬|假装|误会"),
}


def genre_scores(idea: str) -> dict[Genre, int]:
    """How many of each genre's cue words the idea uses (English whole words, Chinese runs)."""
    lowered = idea.lower()
    scores = dict.fromkeys(Genre, 0)
    for genre, words in _EN_CUES.items():
        scores[genre] += sum(1 for w in words if re.search(rf"\b{re.escape(w)}\b", lowered))
    for genre, words in _ZH_CUES.items():
        scores[genre] += sum(1 for w in words if w in idea)
    return scores


def leaning_genre(idea: str, model_pick: Genre) -> Genre:
    """``model_pick``, unless the idea's words lean to one other genre and not to it at all."""
    scores = genre_scores(idea)
    best = max(scores.values())
    leaders = [g for g, score in scores.items() if score == best]
    if len(leaders) == 2 and Genre.AESTHETIC_SCENERY in leaders:
        # Scenery words are where a story happens, the other genre's words what it is about:
        # "A retired ferryman teaches his granddaughter to row across the river" is family,
        # and was drafted as a spoof (by hand, 2026-12-02).
        leaders.remove(Genre.AESTHETIC_SCENERY)
    if best == 0 or scores[model_pick] > 0 or len(leaders) != 1:
        return model_pick
    return leaders[0]
