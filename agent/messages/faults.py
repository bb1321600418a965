"""What the studio says when its own machinery fails, never with a path or an error code.

The embedded model dying mid-answer, the conversation memory found damaged at start-up, and
a login refused (wrong password, or too many of them).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "model_crashed": (
        "The built-in model stopped unexpectedly while {stage} (the computer may be short of "
        'memory). It restarts by itself and nothing is lost: say "try again" to pick up from '
        "here.",
        "内置模型在{stage}时意外停止了（可能是电脑内存不足）。它会自动重启，已完成的内容都还在："
        "回复“重试”就能从这里继续。",
    ),
    "memory_reset": (
        "The studio's conversation memory was damaged, so it started a fresh one; the damaged "
        "copy is kept aside for the administrator. Your films and screenplay files are "
        "untouched, but the studio no longer remembers earlier conversations: start a new "
        "chat with your idea to go on.",
        "工作室的对话记录文件损坏了，已换用一份新的；损坏的那份已另存，留给管理员处理。你的影片和"
        "剧本文件都没有动，但工作室不再记得之前的对话：请新建一个对话，重新说出你的想法。",
    ),
    # The login form (webapp.auth): no HTTP words, the wait in the reader's units.
    "login_wrong": ("Wrong username or password.", "用户名或密码错误。"),
    "login_wrong_wait": (
        "Wrong username or password. Too many failed sign-ins: wait {wait} before the next try.",
        "用户名或密码错误。登录失败次数过多，请等待{wait}后再试。",
    ),
    "login_wait": (
        "Too many failed sign-ins. Wait {wait}, then try again.",
        "登录失败次数过多，请等待{wait}后再试。",
    ),
}
