"""Prompts for rewriting one scene on request, in the film's language.

The model sees one scene, the character bible and a few guideline passages, never the
whole screenplay: a small model stays focused, a large one cannot "improve" scenes nobody
asked about, and the prompt stays short enough for a small local context. A Chinese film
gets the instructions in Chinese, or a small model answers in English. The guideline
passages are fenced as advice, not story, like the drafting prompts'
(:mod:`agent.prompts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent.events import passage_dict
from film.screenplay import Screenplay

PASSAGE_CHARS = 500

REWRITE_SYSTEM = {
    "en": "You revise one scene of a micro film (a short vertical film for phones). Do what "
    "the request asks, so the scene visibly changes; keep the place, the time of day and the "
    "characters' names. Write all story text in {language}. Keep the scene about as long as "
    "it is (about {seconds:.0f} seconds) unless the request says otherwise. Bring in someone "
    "new only if the request asks for it. Action lines are short visual beats a camera can "
    "film. Answer only with the JSON object requested.",
    "zh": "你负责改写微电影（手机竖屏短片）里的一场戏。照修改要求去改，让这场戏看得出变化；"
    "地点、时间和人物名字保持不变。所有故事内容都用简体中文。除非要求改变长度，保持约"
    "{seconds:.0f}秒。只有要求里提到时才加入新人物。动作是镜头拍得到的简短画面。只回答要求"
    "的 JSON 对象。",
}

REWRITE_REQUEST = {
    "en": """Request: {request}

Film: {title} ({genre}). {logline}

Characters:
{bible}
{guidelines}
Scene {number}, {heading}, as it is now:
{scene}

Rewrite scene {number} so that it does what the request asks. Reply with "action" (list \
of visual beats), "dialogue" (list of {{"speaker", "text", "parenthetical"}}), "visual" \
(one line describing the look of the scene for the renderer) and "summary" (one short \
sentence saying what you changed, in {reply_language}).""",
    "zh": """修改要求：{request}

影片：{title}（{genre}）。{logline}

人物：
{bible}
{guidelines}
第{number}场，{heading}，现在是这样：
{scene}

按修改要求重写第{number}场。回答 "action"（画面动作列表）、"dialogue"（\
{{"speaker", "text", "parenthetical"}} 列表）、"visual"（一句话写这场的画面风格）和 \
"summary"（一句话说明改了什么，用{reply_language}）。""",
}

_GUIDANCE = {
    "en": "Guidance (style advice, not story facts — do not copy names, objects or places "
    "from it):",
    "zh": "写作参考（只是风格建议，不是故事内容——不要照抄其中的人名、物品或地点）：",
}


def bible_text(screenplay: Screenplay) -> str:
    """One line per character: name, role, look, wardrobe."""
    lines = []
    for character in screenplay.characters:
        details = "; ".join(p for p in (character.role, character.look, character.wardrobe) if p)
        lines.append(f"- {character.name}: {details}" if details else f"- {character.name}")
    return "\n".join(lines) or "- (none yet)"


def guideline_text(passages: Iterable[Any], language: str = "en") -> str:
    """Guideline passages with their citations, bounded in length and fenced as advice."""
    blocks = []
    for passage in passages:
        text = " ".join(str(getattr(passage, "text", "")).split())[:PASSAGE_CHARS]
        if not text:
            continue
        cited = passage_dict(passage)  # its heading in the passage's own language
        cite = f"{cited['source']} › {cited['heading']}" if cited["heading"] else cited["source"]
        blocks.append(f"[{cite}] {text}")
    if not blocks:
        return ""
    head = _GUIDANCE["zh" if language == "zh" else "en"]
    return f"\n{head}\n<<<\n" + "\n".join(blocks) + "\n>>>\n"
