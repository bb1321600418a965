"""What the studio says about money, in English and Chinese.

The estimate before a paid render, the question whether to spend it, the budget, and a
render that was declined.

Amounts are shown with their currency code (``1.20 USD``), the same in both languages, so
nobody has to guess which dollar or yuan a price is in.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "cost_question": (
        'Rendering "{title}" with {backend} is paid work. Estimate from your configured prices:',
        "用 {backend} 渲染《{title}》需要付费。按你设置的价格估算：",
    ),
    "cost_scene": ("Scene {number}: {cost} ({detail})", "第{number}场：{cost}（{detail}）"),
    "cost_scene_cached": (
        "Scene {number}: already rendered, free",
        "第{number}场：已渲染，免费",
    ),
    "cost_scene_kept": (
        "Scene {number}: {cost} ({detail}; {kept} already paid is reused)",
        "第{number}场：{cost}（{detail}；已付的 {kept} 直接沿用）",
    ),
    "cost_scene_over": (
        "Scene {number}: {cost} ({detail}), past the budget: not rendered",
        "第{number}场：{cost}（{detail}），超出预算：不渲染",
    ),
    "cost_seconds": ("{seconds} s of video", "{seconds}秒视频"),
    "cost_images": ("{images} image(s)", "{images}张图片"),
    "cost_cover": ("Cover art: {cost}", "封面图：{cost}"),
    "cost_sheets": (
        "Character sheets, drawn first: {count} × 1 image, {cost}",
        "人物定妆图（先画）：{count} 张，{cost}",
    ),
    "cost_cover_over": (
        "Cover art: {cost}, past the budget: the free local cover is drawn instead",
        "封面图：{cost}，超出预算：改用本地免费封面",
    ),
    "cost_total": ("Total: about {total}.", "合计：约 {total}。"),
    "cost_total_capped": (
        "Total within the budget: about {total} (of {full} for everything).",
        "预算内合计：约 {total}（全部渲染需 {full}）。",
    ),
    "cost_spent": (
        "Already spent on this project: {spent}.",
        "这个项目已花费：{spent}。",
    ),
    "cost_budget": ("Budget: {budget}.", "预算：{budget}。"),
    "cost_ask": (
        "Confirm to render (finished scenes are never paid for twice), or decline to spend "
        "nothing.",
        "确认后开始渲染（已完成的场景不会重复付费）；取消则不花任何费用。",
    ),
    "cost_confirm": ("Confirm", "确认"),
    "cost_decline": ("Decline", "取消"),
    "cost_confirm_tooltip": (
        "Render and pay about {total}.",
        "开始渲染，约花费 {total}。",
    ),
    "cost_decline_tooltip": (
        "Render nothing and spend nothing.",
        "不渲染，不花费。",
    ),
    "cost_answer_hint": (
        'Answer "yes" to render or "no" to spend nothing.',
        "回复“确认”开始渲染，回复“取消”则不花费。",
    ),
    "cost_declined": (
        'Declined: nothing was rendered and nothing was spent. Say "render it" when you want '
        "the film.",
        "已取消：没有渲染，也没有花费。需要影片时回复“渲染”。",
    ),
    "cost_cli_stopped": (
        "This render is paid (about {total}) and nothing was spent. Run again with --yes to "
        "render it, or with --budget AMOUNT to render up to that amount.",
        "这次渲染需要付费（约 {total}），目前没有花费。加上 --yes 重新运行即可渲染，"
        "或用 --budget 金额 设定花费上限。",
    ),
    "cost_unknown": (
        "The render cannot start: its price cannot be worked out ({reason}). Nothing was spent.",
        "无法开始渲染：算不出费用（{reason}）。没有任何花费。",
    ),
    "over_budget_reason": (
        "the budget of {budget} is reached",
        "已达到预算 {budget}",
    ),
}
