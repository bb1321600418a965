"""The phrasings of revision requests, as regular expressions (English and Chinese).

Kept apart from :mod:`agent.revision.parse` so the tables can grow with new phrasings
while the decision logic stays short. Each table is tried in order; the first match wins.
"""

from __future__ import annotations

import re

from agent.revision.numbers import EN_SCENE_WORD, ZH_NUMBER


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_LEAD = (
    r"^\s*(?:(?:please|pls|ok(?:ay)?|now|and|then|also|can\s+you|could\s+you|would\s+you|"
    r"let'?s|i\s+want\s+(?:you\s+)?to|i'?d\s+like\s+(?:you\s+)?to)[,\s]+)*"
)
_END = r"\s*(?:please|thanks|thank\s+you)?\s*[.!?。！？]*\s*$"
_NAME = r"['\"“‘「《]?(?P<{0}>[^\"“”‘’「」《》,，。.!?！？]{{1,40}}?)['\"”’」》]?"
_EVERYWHERE = (
    r"(?:\s+(?:everywhere|throughout|in\s+(?:all|every)\s+scenes?|across\s+the\s+"
    r"(?:script|screenplay|film)|in\s+the\s+(?:whole|entire)\s+(?:script|film|"
    r"screenplay)))?"
)
_TITLE_WORDS = r"(?:film|movie|title|screenplay|script|short|story|micro\s*film)"

RESTORE = [
    _rx(
        _LEAD + r"(?:go\s+back|revert|roll\s*back|restore|return|switch\s+back|change\s+back|"
        r"jump\s+back|back)\s+(?:to\s+)?(?:the\s+)?(?:version|v\.?|draft|revision)\s*#?\s*"
        rf"(?P<n>\d+|{EN_SCENE_WORD})\b"
    ),
    _rx(_LEAD + r"(?:use|restore|bring\s+back)\s+(?:version|v\.?|draft)\s*#?\s*(?P<n>\d+)\b"),
    _rx(
        rf"(?:回到|恢复到?|还原到?|退回到?|回退到|切换到|切回|用回|改回)\s*(?:第\s*)?"
        rf"(?:版本\s*)?(?P<n>{ZH_NUMBER})\s*(?:个)?\s*(?:版本?|稿)?"
    ),
    _rx(rf"(?:版本|第)\s*(?P<n>{ZH_NUMBER})\s*(?:版|稿)?\s*(?:恢复|还原|回退)"),
]
UNDO = [
    _rx(
        _LEAD + r"(?:undo|revert|roll\s*back|go\s+back|take\s+(?:that|it)\s+back|"
        r"change\s+it\s+back|put\s+it\s+back)(?:\s+(?:that|this|it|the\s+last\s+(?:change|"
        r"edit|revision|one)|my\s+last\s+(?:change|edit|request)|one\s+step|please))*" + _END
    ),
    _rx(
        r"^\s*(?:撤销|撤回|回退|还原|恢复)(?:一下|上一步|上一次|刚才的?(?:修改|改动)?|"
        r"上次的?(?:修改|改动)?)*[。！!]*\s*$"
    ),
    _rx(r"(?:回到|恢复|还原|退回|改回)(?:到)?(?:上一|之前的|前一|原来的)(?:个)?(?:版本?|稿|步)"),
    _rx(r"(?:撤销|撤回)(?:刚才|上一步|上次|这次)?的?(?:修改|改动|操作)"),
]
RETITLE = [
    _rx(
        _LEAD
        + rf"(?:rename|retitle)\s+(?:the|my|this)\s+{_TITLE_WORDS}\s+(?:to|as)\s+"
        + _NAME.format("new")
        + _END
    ),
    _rx(
        _LEAD + r"(?:change|set|make)\s+(?:the\s+)?(?:title|film'?s?\s+name|movie'?s?\s+name)"
        r"\s+(?:to|into)\s+" + _NAME.format("new") + _END
    ),
    _rx(
        _LEAD
        + rf"(?:call|title|name)\s+(?:the|my|this|it)\s*{_TITLE_WORDS}?\s+"
        + _NAME.format("new")
        + r"\s+instead"
        + _END
    ),
    _rx(
        r"(?:片名|标题|(?:电影|影片|片子)的?名(?:字|称)?)\s*(?:改为|改成|换成|叫做?|改叫|定为)"
        r"\s*" + _NAME.format("new") + r"\s*[。！!]*$"
    ),
]
RENAME = [
    (
        _rx(
            _LEAD
            + r"rename\s+(?:the\s+character\s+)?"
            + _NAME.format("old")
            + r"\s+(?:to|as|into)\s+"
            + _NAME.format("new")
            + _EVERYWHERE
            + _END
        ),
        True,
    ),
    (
        _rx(
            _LEAD
            + r"change\s+"
            + _NAME.format("old")
            + r"(?:'s|’s)\s+name\s+to\s+"
            + _NAME.format("new")
            + _EVERYWHERE
            + _END
        ),
        True,
    ),
    (
        _rx(
            _LEAD
            + r"(?:change|replace|switch)\s+(?:the\s+name\s+)?"
            + _NAME.format("old")
            + r"\s+(?:to|with|for)\s+"
            + _NAME.format("new")
            + r"\s+(?:everywhere|throughout|"
            r"in\s+(?:all|every)\s+scenes?)" + _END
        ),
        True,
    ),
    (
        _rx(
            r"^\s*(?:请|帮我)?把?\s*" + _NAME.format("old") + r"\s*(?:的名字\s*(?:改成|改为|换成|"
            r"改叫|叫做?)|改名为|改名叫|改名成|改名|更名为|重命名为|名字改成|名字改为|名字换成|名字改叫)\s*"
            + _NAME.format("new")
            + r"\s*[。！!]*$"
        ),
        True,
    ),
    (
        _rx(
            r"^\s*(?:请|帮我)?把\s*(?P<old>[^第场幕，,。]{1,12}?)\s*(?:全部|都|统一|一律)?\s*"
            r"(?:改成|换成|改为|替换成|替换为|改叫)\s*(?P<new>[^，,。！!]{1,12}?)\s*[。！!]*$"
        ),
        False,
    ),
]
_SCENE = r"(?:scenes?\s*)?"
SWAP = [
    _rx(
        rf"\b(?:swap|switch|exchange|flip|trade|interchange)\s+(?:the\s+)?(?:order\s+of\s+)?"
        rf"{_SCENE}(?P<a>{EN_SCENE_WORD})(?:\s+scene)?\s*(?:and|with|&|,|<->)\s*{_SCENE}"
        rf"(?P<b>{EN_SCENE_WORD})\b"
    ),
    _rx(
        rf"(?:交换|互换|对调|调换|掉换)(?:一下)?\s*第?\s*(?P<a>{ZH_NUMBER})\s*(?:场|幕)?\s*"
        rf"(?:和|与|跟|、|及)\s*第?\s*(?P<b>{ZH_NUMBER})\s*(?:场|幕)"
    ),
    _rx(
        rf"第\s*(?P<a>{ZH_NUMBER})\s*(?:场|幕)\s*(?:和|与|跟|、)\s*第\s*(?P<b>{ZH_NUMBER})\s*"
        r"(?:场|幕)\s*(?:的顺序)?\s*(?:交换|互换|对调|调换|换一下|换个位置|换位置|掉换)"
    ),
]
_EN_POSITION = (
    r"(?:to\s+(?:the\s+)?(?P<start>start|beginning|front|top|opening)"
    r"|to\s+(?:the\s+)?(?P<end>end|last|bottom|finale)"
    rf"|to\s+(?:position|slot|place|number)?\s*(?P<pos>{EN_SCENE_WORD})"
    rf"|(?P<rel>before|after)\s+(?:scene\s*)?(?P<ref>{EN_SCENE_WORD}))"
)
MOVE = [
    _rx(
        rf"\b(?:move|put|place|shift)\s+(?:the\s+)?{_SCENE}(?P<a>{EN_SCENE_WORD})(?:\s+scene)?"
        rf"\s+{_EN_POSITION}"
    ),
    _rx(
        rf"把?\s*第\s*(?P<a>{ZH_NUMBER})\s*(?:场|幕)\s*(?:移|挪|放|调|搬)(?:动)?\s*(?:到|至)\s*"
        r"(?:(?P<zstart>最前面?|开头|最开始|第一场之前)|(?P<zend>最后面?|结尾|末尾|最后一场之后)|"
        rf"第\s*(?P<zref>{ZH_NUMBER})\s*(?:场|幕)?\s*(?P<zrel>之前|之后|前面|后面|前|后)?)"
    ),
]
DELETE = [
    _rx(
        rf"\b(?:delete|remove|drop|cut|lose|scrap|ditch|kill|get\s+rid\s+of)\s+(?:the\s+)?"
        rf"(?:(?:scenes?\s*(?:{EN_SCENE_WORD})(?:\s*(?:,|and|&)\s*(?:scene\s*)?"
        rf"{EN_SCENE_WORD})*)|(?:{EN_SCENE_WORD})\s+scene)\b(?!\s+(?:to|down|by)\b)"
    ),
    _rx(rf"(?:删除|删掉|删去|去掉|拿掉|剪掉|砍掉|不要)\s*第\s*{ZH_NUMBER}\s*(?:场|幕)"),
    _rx(
        rf"把?\s*第\s*{ZH_NUMBER}\s*(?:场|幕)(?:\s*(?:和|、)\s*第?\s*{ZH_NUMBER}\s*(?:场|幕))*"
        r"\s*(?:删除|删掉|删了|去掉|拿掉|剪掉|砍掉|不要了)"
    ),
    _rx(r"(?:删除|删掉|去掉|拿掉|剪掉)(?:最后一场|第一场|开场|结尾那场)"),
]
CUT_TO = [
    _rx(
        r"\b(?:cut|trim|shorten|reduce|condense|compress|bring|get|tighten|edit)\s+(?:it|this|"
        r"the\s+(?:film|movie|script|screenplay|story|whole\s+thing|runtime))?\s*(?:down\s+)?"
        r"(?:to|under|below|within|into)\b"
    ),
    _rx(
        r"\b(?:make|keep)\s+(?:it|the\s+(?:film|movie|script|screenplay))\s+(?:under|below|"
        r"at\s+most|no\s+(?:more|longer)\s+than|shorter\s+than|just|only|about)?\s*"
        rf"(?:{EN_SCENE_WORD}|\d|a\b|an\b|half)[^.]*?(?:minutes?|mins?|seconds?|secs?|m\b|s\b)"
        r"(?:\s+long)?\b"
    ),
    _rx(
        r"\b(?:max(?:imum)?|at\s+most|no\s+more\s+than|under|below)\s+[\w.:-]+\s*"
        r"(?:minutes?|mins?|seconds?|secs?)\b"
    ),
    _rx(r"(?:压缩|缩短|剪|删减|减|控制|改|精简|缩减|砍)(?:到|在|成|至)"),
    _rx(rf"{ZH_NUMBER}\s*(?:分钟?|秒钟?)(?:半)?\s*(?:以内|之内|内|以下)"),
]
CUT_BY = [
    _rx(
        r"\b(?:cut|trim|shave|lose|remove|drop|take)\s+(?:off\s+)?(?:about\s+|around\s+)?"
        r"(?P<d>[\w.:]+\s*(?:minutes?|mins?|seconds?|secs?|s|m))\b(?!\s+(?:long|film))"
    ),
    _rx(rf"(?:缩短|减少|删掉|剪掉|砍掉|减掉|去掉)\s*(?P<d>{ZH_NUMBER}\s*(?:分钟?半?|秒钟?))"),
]
SHORTER = _rx(
    r"\b(?:make\s+it|it'?s\s+too)\s+(?:a\s+bit\s+|much\s+)?(?:shorter|long)\b|"
    r"^\s*(?:shorten|trim)\s+it\b|太长了|短一点|短一些|缩短一点|再短"
)
CLARIFY = [
    _rx(
        _LEAD + r"(?:make|get)\s+(?:it|this|that|the\s+(?:script|screenplay|story|film|movie))"
        r"\s+(?:a\s+(?:bit|little)\s+|much\s+|even\s+)?(?:better|good|great|nicer|perfect|"
        r"awesome|cool|amazing|more\s+(?:interesting|good|engaging))" + _END
    ),
    _rx(
        _LEAD + r"(?:improve|fix|polish|enhance|refine|redo|rework|revise|edit|change|tweak|"
        r"rewrite)\s+(?:it|this|that|the\s+(?:script|screenplay|story|film))?\s*"
        r"(?:a\s+(?:bit|little)|somehow|again|please)?" + _END
    ),
    _rx(
        r"^\s*(?:i\s+don'?t\s+like\s+(?:it|this)|not\s+good(?:\s+enough)?|meh|could\s+be\s+"
        r"better|it'?s\s+(?:bad|boring|not\s+great))" + _END
    ),
    _rx(
        r"^\s*(?:再)?(?:改好一点|改得?更好(?:一点|一些)?|更好一点|优化一下|改一改|改改|再改改|修改一下|"
        r"润色一下|改一下|不太好|不满意|不喜欢|不够好|一般般|重写一下|再写一遍)[吧。！!]*\s*$"
    ),
]
NOT_REVISION = _rx(
    r"\b(?:render|produce|export|re-?render|cover|poster|thumbnail|pdf|bundle|subtitles?)\b|"
    r"\bmake\s+(?:a|an|the|my|me\s+a)\s+(?:new\s+)?(?:film|movie|video|short)\b|"
    r"\b(?:new\s+(?:idea|film|story|project)|start\s+over|another\s+film)\b|"
    r"^\s*(?:a|an)\s+(?:story|film|movie|short)\b|"
    r"\b(?:i\s+(?:want|would\s+like|'d\s+like)\s+(?:a|to\s+(?:make|shoot|film))\s)|"
    r"渲染|封面|海报|导出|成片|出片|生成(?:影片|视频|电影)|新故事|重新开始|换个故事|"
    r"我想拍|拍一(?:部|个)|做一(?:部|个)(?:微电影|短片|电影)"
)
EN_EDIT = _rx(
    r"\b(?:make|rewrite|revise|redo|rework|change|edit|improve|punch\s+up|tighten|polish|tweak|delete|"
    r"add|insert|remove|give|let|have|turn|expand|lengthen|soften|sharpen|cut|trim|replace|"
    r"write|fix|heighten|raise|lower|end|open|begin|start)\b"
)
EN_EDIT_FIRST = _rx(_LEAD + EN_EDIT.pattern)
EN_CREATIVE = _rx(
    r"\b(?:more|less)\s+\w+|\b(?:funnier|sadder|darker|lighter|warmer|colder|scarier|happier|"
    r"sweeter|tighter|stronger|clearer|simpler|bolder|quieter|louder|slower|faster|punchier|"
    r"sharper|softer|tenser|wittier|longer|richer|deeper|better|weirder|crazier|cuter)\b|"
    r"\b(?:line|lines|dialogue|monologue|speech|joke|jokes|twist|moment|beat|ending|opening|"
    r"scene|scenes|kiss|hug|argument|flashback|callback|pause|silence|reveal|confession)\b|"
    r"\b(?:romantic|dramatic|touching|moving|emotional|poetic|funny|tense|suspenseful|"
    r"hopeful|bittersweet|heartwarming|cinematic)\b"
)
EN_GIVE_LINE = _rx(
    r"\b(?:give|let|have|make)\s+[\w\s'’.-]{1,40}?\s+(?:a\s+line|lines|say|says|"
    r"speak|mention|talk|tell|ask|sing|cry|laugh|a\s+moment|a\s+speech)\b"
)
ZH_CREATIVE = _rx(
    r"(?:更加?|再\S{0,4}(?:一点|一些)|变得|改得|加一句|加上|加个|加一段|添一句|添加|增加|多一点|少一点|"
    r"重写|改写|修改|润色|改成|改为|换成|让\S{1,12}(?:说|讲|提到|哭|笑|更)|给\S{1,12}(?:加|一句|"
    r"台词|一段)|台词|对白|一句话|结尾改|开头改)"
)
