"""The fake model's own film: one small dumpling story, in English and Chinese.

:func:`default_answer` answers each draft schema the way a sensible small model would,
reading what it needs from the prompt (the idea, the counts asked for, the speakers), so
the default film passes the quality gate at every stage: it tells the idea (the idea's
words lead the logline and the first scene when the story would not carry them), no
line, beat or scene repeats another (every scene has its own "thing" and its own window
of sentences), and each dialogue line is 7-9 English words or 12-16 Chinese characters,
the length the scene prompts ask for, so the film runs as long as it was asked to.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fake_film_text import ACTIONS, LINES, PITCHES, PLACES, SUMMARIES, THINGS

from film.quality.coverage import covered, idea_terms


def _chinese(text: str) -> bool:
    return "Simplified Chinese" in text or "简体中文" in text


def _number(patterns: tuple[str, ...], text: str, default: int) -> int:
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            return int(match.group(1))
    return default


def _names(patterns: tuple[str, ...], text: str, default: list[str]) -> list[str]:
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            names = [n.strip(" .") for n in re.split(r"[,、，]", match.group(1)) if n.strip(" .-")]
            return names or default
    return default


def _idea(prompt: str) -> str:
    match = re.search(r"(?:Idea: |Film idea: |创意：)([^\n]*)", prompt)
    return match.group(1).strip() if match else ""


def _woven(idea: str, base: str, zh: bool) -> str:
    """``base``, led by the idea itself when ``base`` does not tell it (the gate's coverage)."""
    terms = idea_terms(idea)
    if not terms or covered(terms, base):
        return base
    core = re.sub(r"^.*?(?:film|story|movie) about\s+", "", idea, flags=re.I).strip(" .")
    return f"{core}：{base}" if zh else f"{core[:1].upper()}{core[1:]}: {base}"


def _scene_index(prompt: str) -> int:
    return (
        _number(
            (r"Write scene (\d+) now", r"现在写第(\d+)场", r"Scene (\d+) \(", r"第(\d+)场（"),
            prompt,
            1,
        )
        - 1
    )


def default_answer(schema: str, prompt: str) -> dict[str, Any]:
    """A valid, plausible answer for one of the studio's draft schemas."""
    zh = _chinese(prompt)
    lang = "zh" if zh else "en"
    idea = _idea(prompt)
    if schema == "GenrePitchesDraft":
        slugs = [
            "grassroots-spoof",
            "youth-romance",
            "inspirational-struggle",
            "ancient-style",
            "touching-family",
            "aesthetic-scenery",
        ]
        # Each pitch names something of the idea, as the gate asks of a real one.
        about = (idea_terms(idea) or ["it"])[0]
        pitches = {
            s.replace("-", "_"): PITCHES["zh" if zh else "en"][s].format(about=about) for s in slugs
        }
        recommended = (
            "youth-romance" if re.search(r"romance|debate|爱情", idea) else "touching-family"
        )
        return {
            **pitches,
            "recommended": recommended,
            "reason": "最贴近故事的情感核心" if zh else "it fits the heart of the idea",
        }
    if schema == "LoglineDraft":
        if zh:
            return {
                "title": "最后一个饺子",
                "logline": _woven(idea, "外孙要出国前，外婆教他包饺子，把想念包进去。", zh),
                "theme": "亲情与离别",
                "setting_time": "除夕前一天",
            }
        return {
            "title": "The Last Dumpling",
            "logline": _woven(
                idea, "On the eve of moving abroad, Ming learns his grandma's dumplings.", zh
            ),
            "theme": "love that travels",
            "setting_time": "New Year's Eve, today",
        }
    if schema == "CastDraft":
        if zh:
            people = [
                ("小明", "外孙，明天就要出国", "十八岁，短发，瘦高", "灰色外套", "行李箱", "年轻"),
                (
                    "外婆",
                    "小明的外婆，家里的大厨",
                    "七十五岁，银发盘髻",
                    "蓝围裙",
                    "擀面杖",
                    "温和",
                ),
            ]
        else:
            people = [
                (
                    "Ming",
                    "her grandson, moving abroad tomorrow",
                    "18, short black hair",
                    "grey wool coat",
                    "suitcase",
                    "young",
                ),
                (
                    "Grandma",
                    "Ming's grandmother, the family cook",
                    "75, silver bun",
                    "blue apron",
                    "rolling pin",
                    "warm",
                ),
            ]
        return {
            "characters": [
                {"name": n, "role": r, "look": lk, "wardrobe": w, "props": [p], "voice": v}
                for n, r, lk, w, p, v in people
            ]
        }
    if schema == "OutlineDraft":
        count = _number((r"exactly (\d+) beats", r"正好(\d+)拍"), prompt, 3)
        cast = _names(
            (r"names from this list: ([^)\n]+)\)", r"只用这些名字：([^）\n]+)）"), prompt, ["Ming"]
        )
        return {
            "beats": [
                {
                    "place": PLACES[lang][i % 12],
                    "interior": "INT" if i % 2 == 0 else "EXT",
                    "time_of_day": "DAY",
                    "summary": SUMMARIES[lang][i % 12],
                    "characters": cast[:2],
                }
                for i in range(count)
            ]
        }
    if schema == "SceneDraft":
        speakers = _names(
            (r"spoken only by these characters: (.+?)\.\s", r"只能由这些人物说：(.+?)。"),
            prompt,
            ["小明"] if zh else ["Ming"],
        )
        lines = _number(
            (
                r"and (\d+) short dialogue lines",
                r"和(\d+)句对白",
                r"and (\d+) dialogue lines in all",
            ),
            prompt,
            2,
        )
        actions = _number(
            (
                r": (\d+) short action lines",
                r"约\d+秒：(\d+)句动作",
                r"(\d+) action lines and",
                r"共(\d+)句动作",
            ),
            prompt,
            1,
        )
        index = _scene_index(prompt)
        thing = THINGS[lang][index % 12]
        action = [
            ACTIONS[lang][(index * (actions + 1) + i) % 12].format(thing=thing)
            for i in range(actions)
        ]
        if index == 0:
            action[0] = _woven(idea, action[0], zh)
        return {
            "action": action,
            "dialogue": [
                {
                    "speaker": speakers[i % len(speakers)],
                    "text": LINES[lang][(index * (lines + 1) + i) % 16].format(thing=thing),
                }
                for i in range(lines)
            ],
            "visual": f"暖黄灯光落在{thing}上，竖构图近景。"
            if zh
            else f"Warm tungsten light on the {thing}, close framing.",
        }
    if schema == "SceneRewrite":
        return _rewrite(prompt, zh)
    if schema == "SceneMore":
        return _more(prompt, zh)
    raise AssertionError(f"the fake model has no default answer for {schema!r}")


def _rewrite(prompt: str, zh: bool) -> dict[str, Any]:
    """A creative rewrite: the scene in the prompt with one new beat and one new line."""
    match = re.search(r"(?:as it is now:|现在是这样：)\n(\{.*\})", prompt)
    scene = json.loads(match.group(1)) if match else {"action": [], "dialogue": []}
    speakers = [d["speaker"] for d in scene.get("dialogue", [])] or (
        ["外婆"] if zh else ["Grandma"]
    )
    beat = (
        "大家愣了一下，然后一起笑出声来。" if zh else "Everyone freezes, then bursts out laughing."
    )
    line = "好吧，这样也算是记住了。" if zh else "Well, that is one way to remember it."
    return {
        "action": [*scene.get("action", []), beat],
        "dialogue": [*scene.get("dialogue", []), {"speaker": speakers[0], "text": line}],
        "visual": scene.get("visual", ""),
        "summary": "加了一个笑点。" if zh else "Added a shared laugh at the end.",
    }


def _more(prompt: str, zh: bool) -> dict[str, Any]:
    """A lengthening: the lines asked for, each new to the scene and the film."""
    lang = "zh" if zh else "en"
    match = re.search(
        r"(?:its last lines:|最后几句：|begins:|从这里开始：)\n(.*?)\n"
        r"(?:What happens|这一场的内容)",
        prompt,
        re.S,
    )
    shown = match.group(1).splitlines() if match else []
    speakers = _names(
        (
            r"Dialogue only by: ([^\n]+?)\.(?: They take turns|\n|$)",
            r"对白只能由这些人物说：(.+?)。",
        ),
        prompt,
        ["小明"] if zh else ["Ming"],
    )
    lines = _number((r"(\d+) (?:more )?dialogue lines", r"(\d+)句对白"), prompt, 1)
    actions = _number(
        (r"(?:and|only) (\d+) (?:more )?action lines", r"(?:和|只写)(\d+)句动作"), prompt, 0
    )
    if re.search(r"no dialogue|不写对白", prompt):  # the quiet round: only what is seen
        lines = 0
    index = _scene_index(prompt)
    thing = THINGS[lang][(index + 6) % 12]  # another scene's thing: lines no scene has said
    start = index * 3 + len(shown)
    return {
        "action": [ACTIONS[lang][(start + 6 + i) % 12].format(thing=thing) for i in range(actions)],
        "dialogue": [
            {
                "speaker": speakers[i % len(speakers)],
                "text": LINES[lang][(start + 8 + i) % 16].format(thing=thing),
            }
            for i in range(lines)
        ],
    }
