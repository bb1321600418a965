"""English or Chinese: which one a text is in, what counts as Chinese, where lines may break.

The studio works in both languages, and several places need the same small facts about
them: the ideograph ranges (Chinese has no spaces, so it is counted, matched and wrapped
per character), the rule that picks the reply language from a message, and the
typesetting rules that keep closing punctuation off the start of a line. They live here
once so a subtitle, a poster and a reply never disagree about what "Chinese" is.
"""

from __future__ import annotations

import re

from film.screenplay import Language

#: CJK ideographs: the unified block, extension A and the compatibility ideographs.
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Characters set one per cell in Chinese text: ideographs plus CJK punctuation and
#: full-width forms. A line may break before or after any of them.
WIDE = "\u3000-\u303f" + IDEOGRAPHS + "\uff00-\uffef"

CJK = re.compile(f"[{IDEOGRAPHS}]")
CJK_RUN = re.compile(f"[{IDEOGRAPHS}]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")

#: Marks that must not start a line (kinsoku shori): closing punctuation and brackets.
NO_LINE_START = frozenset("，。、；：！？）」』》〉】〕…—‥·・,.;:!?)]}%”’")
#: Marks that must not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("（「『《〈【〔([{“‘")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character."""
    return CJK.search(text) is not None


def detect_language(text: str, preferred: str = "auto") -> Language:
    """The reply language: the configured one, else Chinese when the text is mostly Chinese.

    "Mostly" counts each Chinese character against each English word, and needs two
    characters, so an English request that names 李明 is still answered in English.
    """
    if preferred in ("en", "zh"):
        return preferred  # type: ignore[return-value]
    cjk = len(CJK.findall(text))
    words = len(LATIN_WORD.findall(CJK.sub(" ", text)))
    return "zh" if cjk >= 2 and cjk >= words else "en"


# Everyday English the 1.5B model drops into Chinese lines ("我Promise你", "……心里。 okay，
# 我明白了"), with what a Chinese speaker says there. Brands and acronyms (iPhone, KTV, OK)
# are ordinary Chinese usage and are not in the table, so they stay.
_EVERYDAY_ENGLISH = {
    "okay": "好",
    "promise": "保证",
    "sorry": "对不起",
    "thanks": "谢谢",
    "thank you": "谢谢你",
    "please": "请",
    "yes": "是的",
    "yeah": "是啊",
    "no": "不",
    "hello": "你好",
    "hi": "嗨",
    "bye": "再见",
    "goodbye": "再见",
    "wow": "哇",
    "oh": "哦",
    "really": "真的",
    "good": "好",
    "great": "太好了",
    "love": "爱",
    "hate": "恨",  # "我 hate你！" (纸条里的夏天, 2026-12-01)
    "like": "喜欢",
    "miss": "想",
    "happy": "开心",
    "sad": "难过",
    "mom": "妈",
    "dad": "爸",
    "grandma": "奶奶",
    "grandpa": "爷爷",
    "baby": "宝贝",
    "friend": "朋友",
    "dream": "梦想",
    "family": "家人",
    "home": "家",
    "welcome": "欢迎",
    "congratulations": "恭喜",
    "done": "完",  # "你做不 Done？" (饺子里的叮嘱, 2026-12-03)
    "finished": "完",
    "ready": "准备好",
    "wait": "等等",
    "sure": "当然",
    "fine": "好",
    # "监控摄像头会记录 everything，…" refused the guard spoof (2026-12-01).
    "everything": "一切",
    "everyone": "每个人",
    "nothing": "什么都没有",
    "always": "总是",
    "maybe": "也许",
    "perfect": "完美",
    "amazing": "太棒了",
    "beautiful": "美",
    "surprise": "惊喜",
    "secret": "秘密",
    # Clothes a Chinese bible lists in English: "白色T恤、蓝色 jeans" cost the dumplings'
    # bible four answers (craft bench, 2026-12-04).
    "jeans": "牛仔裤",
    "shirt": "衬衫",
    "jacket": "夹克",
    "coat": "外套",
    "dress": "连衣裙",
    "skirt": "裙子",
    "sneakers": "运动鞋",
    "hoodie": "连帽衫",
    "sweater": "毛衣",
    "scarf": "围巾",
    "apron": "围裙",
    "uniform": "制服",
    "boots": "靴子",
    "hat": "帽子",
    "cap": "帽子",
    "pants": "裤子",
    "trousers": "长裤",
    # Kitchen words: "直到 dough变得光滑" cost the dumplings' scene four answers (12-04).
    "dough": "面团",
    "flour": "面粉",
    "dumpling": "饺子",
    "dumplings": "饺子",
    "soup": "汤",
    "noodles": "面条",
    "rice": "米饭",
    "tea": "茶",
    # "交给一个 trusted的人" refused the painter's whole five-minute outline (12-04).
    "trusted": "信得过",
    "trust": "信任",
    "important": "重要",
    "special": "特别",
    "safe": "安全",
    "strange": "奇怪",
    "careful": "小心",
    # People a Chinese film's notes name in English ("镜头中可以看到 photographer穿着…",
    # 青海湖的第一缕光, 2026-12-01, which refused the whole film on its visual note).
    "photographer": "摄影师",
    "teacher": "老师",
    "driver": "司机",
    "doctor": "医生",
    "nurse": "护士",
    "guard": "保安",
    "painter": "画师",
    "princess": "公主",
    "student": "学生",
}
_EVERYDAY_RUN = re.compile(
    r"\s*(?<![A-Za-z])(?<![A-Za-z] )(?<![A-Za-z]  )("
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _EVERYDAY_ENGLISH), key=len, reverse=True))
    + r")(?![A-Za-z])(?!\s+[A-Za-z])\s*",
    re.IGNORECASE,
)


def chinese_words_for_english(text: str) -> str:
    """``text`` (a line of a Chinese film) with everyday English words said in Chinese.

    Only a word (or "thank you") of the table standing alone among Chinese is replaced, never
    one inside an English phrase ("Hello Kitty", "Oh my god" stay whole rather than come out
    half-translated); anything else Latin is left for the gate to judge.
    """
    if not CJK.search(text) or not re.search(r"[A-Za-z]", text):
        return text
    return _EVERYDAY_RUN.sub(
        lambda match: _EVERYDAY_ENGLISH[" ".join(match.group(1).split()).lower()], text
    )


def chinese_clauses(text: str) -> str:
    """A Chinese film's field without its English clauses ("中年， dressed in a robe" -> "中年").

    The 1.5B model began a Chinese bible entry in Chinese and went on in English through
    three retries, refusing a whole five-minute film; the Chinese it wrote is kept. A field
    with no Chinese clause, or no English one, is returned as it is.
    """
    clauses = [c.strip() for c in re.split(r"[，,。；;]", text) if c.strip()]
    kept = [c for c in clauses if CJK.search(c) and not re.search(r"[A-Za-z]{3,}", c)]
    if not kept or len(kept) == len(clauses):
        return text
    return "，".join(kept)
