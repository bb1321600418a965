"""What the studio says about character sheets, in English and Chinese.

A keyframe-first render first shows one sheet per character (front and profile view) and asks
whether they will do, or which to draw again, before any scene is rendered.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "sheets_question": (
        'Before "{title}" is rendered, here is how each character will look in every shot '
        "(front and profile). Approve them, or have one drawn again:",
        "渲染《{title}》之前，先确认每个角色在所有镜头里的样子（正面和侧面）。"
        "可以全部通过，也可以让某个角色重画：",
    ),
    "sheets_line": ("{name} (take {take})", "{name}（第{take}版）"),
    "sheets_ask": (
        'Answer "yes" to approve them all, "redo NAME" to draw one again, or "no" to stop.',
        "回复“确认”全部通过，回复“重画 角色名”重画其中一个，回复“取消”则停止渲染。",
    ),
    "sheets_approve": ("Approve", "通过"),
    "sheets_approve_tooltip": (
        "Render the film with these characters",
        "用这些角色形象渲染影片",
    ),
    "sheets_regenerate": ("Regenerate {name}", "重画{name}"),
    "sheets_regenerate_tooltip": (
        "Draw a new sheet of {name} and ask again",
        "重新画{name}的设定图，然后再确认",
    ),
    "sheets_decline": ("Stop", "停止"),
    "sheets_decline_tooltip": ("Render nothing for now", "暂时不渲染"),
    "sheets_declined": (
        'Stopped before rendering: the sheets are kept. Say "render it" when you want the film.',
        "已在渲染前停止，角色设定图已保留。需要影片时回复“渲染”。",
    ),
    "sheets_failed": (
        "The character sheets could not be drawn: {reason}",
        "角色设定图没能画出来：{reason}",
    ),
    "sheets_cli_stopped": (
        "These character sheets wait for your approval (nothing was rendered). Look at them, "
        "then run again with --yes to render the film from them.",
        "这些角色设定图需要你确认（尚未渲染）。看过之后加上 --yes 重新运行，即可据此渲染影片。",
    ),
}
