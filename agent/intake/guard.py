"""The input guard: every user message passes here before any node or model sees it.

Three jobs, all deterministic so they cannot be talked out of: make the text safe to
handle (Unicode normalised, control characters gone, a sane length so a small local
model is never fed 100 KB), refuse requests that have nothing to do with making a film
and could hurt the machine it runs on (files outside the project, shell commands, the
system prompt, secrets), and turn an empty message into a friendly prompt.

The refusal rules look for a request aimed at the assistant ("show me your system
prompt", "cat /etc/passwd"), not for topics: a film about a hacker who runs a command,
or a secret letter, is a story and passes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from film.language import has_cjk

MAX_CHARS = 4000
"""Longest message kept; ideas and revision requests fit easily, pasted dumps do not."""

_DROP_CATEGORIES = frozenset({"Cc", "Cs"})
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_KEEP_CONTROLS = frozenset("\n\t")


@dataclass(frozen=True)
class GuardResult:
    """What the guard decided about one message.

    Attributes:
        ok: True when the turn may go on with ``text``.
        reply: What to tell the user: the refusal or prompt when not ok, a note (e.g. the
            message was shortened) when ok, else None.
        text: The cleaned, bounded message.
        reason: Why a message was refused or changed ("empty", "files", "shell",
            "instructions", "secrets", "truncated"), for logs and tests.
    """

    ok: bool
    reply: str | None
    text: str
    reason: str | None = None


def _pattern(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


_PLEASE = (
    r"(?:^|[.!?;。！？；\n]\s*)(?:(?:please|pls|now|ok(?:ay)?|hey|and|then)[,\s]+)*"
    r"(?:(?:can|could|would|will)\s+you\s+|i\s+(?:want|need)\s+you\s+to\s+|you\s+(?:must|should)\s+)?"
)
_SYSTEM_PATH = (
    r"(?:^|[\s'\"`(=:])(?:/(?:etc|root|home|usr|var|bin|sbin|proc|sys|dev|boot|opt|srv|tmp|"
    r"mnt|lib|Users|private|System)\b|~/|\$HOME\b|%(?:APPDATA|USERPROFILE|HOMEPATH)%|"
    r"[A-Za-z]:\\|file://)"
)
_TRAVERSAL = r"(?:\.\.[/\\])"
_SENSITIVE_FILES = (
    r"(?:/etc/(?:passwd|shadow|hosts|sudoers)|id_(?:rsa|ed25519|ecdsa)\b|\.ssh\b|"
    r"authorized_keys|\.bash_history|\.bashrc|\.zshrc|\.aws/credentials|\.netrc|"
    r"(?:^|[\s/'\"`])\.env\b|known_hosts|\bchroma\.sqlite3\b|checkpoints\.sqlite)"
)
_FILE_VERBS = (
    r"(?:read|open|cat|show|print|display|dump|list|ls|load|view|copy|upload|download|"
    r"write|save|store|export|put|overwrite|append|delete|remove|rm|move|rename|create|"
    r"touch|edit|modify|chmod|chown|access|leak|send|email|give)"
)
_ZH_FILE_VERBS = (
    r"(?:读取|读|打开|查看|显示|打印|列出|复制|上传|下载|写入|写到|保存|存到|存为|导出到|覆盖|删除|删掉|"
    r"修改|发送|给我看)"
)

_FILES = _pattern(
    _SENSITIVE_FILES,
    rf"\b{_FILE_VERBS}\b[^\n]{{0,60}}(?:{_SYSTEM_PATH}|{_TRAVERSAL})",
    rf"(?:{_SYSTEM_PATH}|{_TRAVERSAL})[^\n]{{0,40}}\b(?:file|folder|directory|contents?)\b",
    rf"\b(?:as|to|into|named|called|file\s*name|filename|path)\b\s*[:=]?\s*['\"`]?"
    rf"(?:{_TRAVERSAL}|/[\w.-]+/|[A-Za-z]:\\)",
    rf"{_ZH_FILE_VERBS}[^\n]{{0,30}}(?:{_SYSTEM_PATH}|{_TRAVERSAL}|系统文件|服务器上的文件|"
    r"项目(?:文件夹)?之外|其他(?:文件|目录))",
    rf"(?:{_SYSTEM_PATH}|{_TRAVERSAL})[^\n]{{0,30}}(?:文件|目录|内容)",
    r"(?:files?|folders?|directories)\s+(?:outside|beyond)\s+(?:the|this|your|my)\s+"
    r"(?:project|sandbox|folder)",
    r"(?:list|show|read)\s+(?:all\s+)?(?:the\s+)?files\s+(?:on|in)\s+(?:the|your|this)\s+"
    r"(?:server|machine|computer|disk|system|home)",
)
_SHELL = _pattern(
    _PLEASE + r"(?:run|execute|exec|launch|invoke|eval(?:uate)?)\s+(?:this\s+|the\s+|a\s+|"
    r"these\s+|following\s+|my\s+)*(?:shell\s+|bash\s+|terminal\s+|system\s+|python\s+|"
    r"os\s+|sudo\s+)*(?:commands?|scripts?|code|program|shell|bash|cmd|powershell)\b",
    _PLEASE + r"(?:run|execute|exec)\s*[:：]?\s*[`'\"]?(?:sudo|rm|ls|cat|curl|wget|bash|sh|"
    r"python3?|pip|chmod|chown|nc|netcat|ssh|scp|dd|mkfs|kill|pkill|env|printenv|whoami|id|"
    r"uname|echo|apt(?:-get)?|npm|git|docker)\b",
    r"\b(?:rm\s+-[rf]{1,2}\b|sudo\s+\w|mkfs\.|dd\s+if=|:\(\)\s*\{\s*:\|:&\s*\};:|"
    r"(?:curl|wget)\s+\S+\s*\|\s*(?:ba)?sh\b|chmod\s+[0-7]{3,4}\s|nc\s+-e\b)",
    r"\b(?:os\.system|os\.popen|subprocess\.|__import__\s*\(|exec\s*\(|eval\s*\()",
    r"\$\([^)]{1,200}\)|`(?:ls|cat|rm|whoami|id|env|printenv|curl|wget|uname)\b[^`]*`",
    r"(?:^|[;&|]\s*)(?:ls\s+-\w*|cat\s+/|whoami\s*$|printenv\b|env\s*$)",
    r"(?:运行|执行|跑一下|帮我跑)[^\n]{0,12}(?:命令|指令行|脚本|代码|shell|bash|终端|程序)",
    r"(?:在|用)(?:终端|命令行|shell|bash)(?:里|中|上)?(?:运行|执行|输入)",
)
_INSTRUCTIONS = _pattern(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^\n]{0,30}\b(?:previous|prior|above|"
    r"earlier|all|your|the|system)\b[^\n]{0,20}\b(?:instructions?|prompts?|rules|guidelines|"
    r"directives)\b",
    r"\b(?:reveal|show|print|display|repeat|output|tell|give|share|leak|dump|recite|paste|"
    r"what\s+(?:is|are|was|were))\b[^\n]{0,40}(?:\b(?:your|the)\s+(?:system|initial|hidden|"
    r"original|internal|developer)\s+(?:prompt|instructions?|message|rules|configuration)|"
    r"\byour\s+(?:prompts?|instructions?|directives|configuration|config))\b",
    r"\b(?:system|developer)\s+prompt\b",
    r"\bprompt\s+injection\b|\bjailbreak\b|\bDAN\s+mode\b|\bdeveloper\s+mode\b",
    r"\bwhat\s+were\s+you\s+told\b|\byour\s+(?:instructions|rules)\s+(?:verbatim|word\s+for\s+word)",
    r"(?:系统|初始|隐藏|内部|原始)(?:提示词?|指令|设定|消息)",
    r"(?:忽略|无视|忘记|忘掉)[^\n]{0,12}(?:之前|以上|上面|前面|所有|你的)[^\n]{0,8}(?:指令|指示|提示|规则|设定)",
    r"(?:你的|你得到的)(?:提示词|指令|指示|规则|设定)(?:是什么|有哪些|告诉我|给我看|发给我|说出来)",
    r"(?:告诉我|显示|打印|输出|重复|说出)[^\n]{0,10}你的(?:提示词|指令|指示|规则|设定)",
)
_SECRETS = _pattern(
    r"\b(?:show|print|display|reveal|tell|give|share|leak|dump|list|echo|send|what\s+(?:is|are))"
    r"\b[^\n]{0,40}\b(?:env(?:ironment)?\s+(?:variables?|vars?)|api[\s_-]?keys?|secret\s+keys?|"
    r"access\s+tokens?|auth(?:entication)?\s+tokens?|bearer\s+tokens?|credentials|passwords?\s+"
    r"(?:of|for|on)\s+(?:the|this|your)\s+(?:server|machine|system|account)|private\s+keys?)\b",
    r"\b(?:OPENAI_API_KEY|OPENAI_BASE_URL|AWS_SECRET_ACCESS_KEY|ANTHROPIC_API_KEY|HF_TOKEN|"
    r"GITHUB_TOKEN|[A-Z][A-Z0-9]*_(?:API_KEY|SECRET|TOKEN|PASSWORD))\b",
    r"\b(?:printenv|os\.environ|process\.env|getenv)\b",
    r"(?:环境变量|密钥|秘钥|api\s*key|令牌|访问令牌|token)[^\n]{0,10}(?:是什么|是多少|给我|告诉我|"
    r"显示|打印|发给我|列出|看看)",
    r"(?:告诉我|显示|打印|列出|给我看|发给我|输出)[^\n]{0,12}(?:环境变量|密钥|秘钥|api\s*key|令牌|"
    r"token|密码)",
)

_REFUSALS = {
    "files": (
        "I can't read or write files outside this film's project folder. I can export the "
        "screenplay, PDF, cover and film there for you.",
        "我不能读取或写入项目文件夹之外的文件。我可以把剧本、PDF、封面和影片导出到项目文件夹里。",
    ),
    "shell": (
        "I can't run commands on this machine. I'm here to write and make your micro film: "
        "tell me an idea or what to change.",
        "我不能在这台机器上执行命令。我只负责写剧本、做微电影：告诉我你的想法或要修改的地方吧。",
    ),
    "instructions": (
        "I keep my instructions to myself, but I'm glad to explain what I can do: draft a "
        "screenplay from your idea, revise it, and render the film.",
        "我的内部指令不能公开，不过我可以告诉你我能做什么：根据你的想法写剧本、修改剧本、渲染影片。",
    ),
    "secrets": (
        "I can't share keys, passwords or environment settings. Let's keep working on your film.",
        "我不能透露密钥、密码或环境变量。我们继续做你的电影吧。",
    ),
}
_EMPTY = (
    'Your message was empty. Tell me an idea for a micro film (e.g. "a grandmother teaches '
    'her grandson to make dumplings"), or what to change in the screenplay.\n'
    "消息是空的。告诉我一个微电影的想法（例如“奶奶教孙子包饺子”），或者想修改剧本的哪里。"
)
_TRUNCATED = (
    "Your message was very long ({length:,} characters), so I kept the first {kept:,}.",
    "你的消息很长（{length:,} 个字符），我只保留了前 {kept:,} 个字符。",
)


def clean_text(text: object) -> str:
    """NFC-normalised text without control characters or unpaired surrogates.

    Newlines and tabs stay; other line breaks become newlines. Emoji sequences (zero-width
    joiners), right-to-left marks and CJK are format or letter characters and pass
    unchanged, so "我爱🎬 שלום" reads the same after the guard as before.
    """
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    raw = raw.replace("\r\n", "\n").translate(_LINE_BREAKS)
    kept = "".join(
        ch for ch in raw if ch in _KEEP_CONTROLS or unicodedata.category(ch) not in _DROP_CATEGORIES
    )
    return unicodedata.normalize("NFC", kept)


def _bounded(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, at a line or word break when one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for breaker in ("\n", "。", ". ", " "):
        cut = head.rfind(breaker)
        if cut >= limit * 0.8:
            return head[: cut + len(breaker)].rstrip()
    return head.rstrip()


def _language(text: str, language: str | None) -> int:
    if language in ("en", "zh"):
        return 1 if language == "zh" else 0
    return 1 if has_cjk(text) else 0


def classify_hostile(text: str) -> str | None:
    """The kind of out-of-bounds request in ``text`` ("files", "shell", ...), or None."""
    for reason, pattern in (
        ("instructions", _INSTRUCTIONS),
        ("secrets", _SECRETS),
        ("files", _FILES),
        ("shell", _SHELL),
    ):
        if pattern.search(text):
            return reason
    return None


def check_message(
    text: object, *, language: str | None = None, max_chars: int = MAX_CHARS
) -> GuardResult:
    """Decide whether a user message may go on, and in what cleaned form.

    Args:
        text: The raw message (anything; non-strings are converted, never raised on).
        language: Reply language ("en"/"zh"); guessed from the text when not given.
        max_chars: Longest text passed on.
    """
    cleaned = clean_text(text).strip()
    if not cleaned:
        return GuardResult(False, _EMPTY, "", "empty")
    lang = _language(cleaned, language)
    # Scan the whole message (bounded for speed) so a request hidden past the cut is seen.
    hostile = classify_hostile(cleaned[: max_chars * 4])
    if hostile:
        return GuardResult(False, _REFUSALS[hostile][lang], _bounded(cleaned, max_chars), hostile)
    if len(cleaned) > max_chars:
        kept = _bounded(cleaned, max_chars)
        note = _TRUNCATED[lang].format(length=len(cleaned), kept=len(kept))
        return GuardResult(True, note, kept, "truncated")
    return GuardResult(True, None, cleaned)
