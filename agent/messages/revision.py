"""What the revisions node says about each edit, in English and Chinese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "no_project": (
        "There is no screenplay yet. Tell me an idea for a micro film first.",
        "还没有剧本。先告诉我一个微电影的想法吧。",
    ),
    "no_such_scene": (
        "There is no scene {number}: the screenplay has {count} scenes.",
        "没有第{number}场：剧本一共有 {count} 场。",
    ),
    "no_such_position": (
        "I can't move a scene to position {position}: there are {count} scenes.",
        "不能移到第{position}个位置：一共只有 {count} 场。",
    ),
    "already_there": ("Scene {number} is already there.", "第{number}场已经在那个位置了。"),
    "same_scene": ("Those are the same scene ({number}).", "这是同一场（第{number}场）。"),
    "cannot_delete_all": (
        "I can't delete every scene: a film needs at least one.",
        "不能删掉所有场次：电影至少要有一场。",
    ),
    "no_such_character": (
        "I couldn't find a character called “{name}”. Characters: {known}.",
        "找不到叫“{name}”的人物。现有人物：{known}。",
    ),
    "bad_name": (
        "“{name}” can't be a character name: use 1 to 40 characters.",
        "“{name}”不能作为人物名：请用 1 到 40 个字符。",
    ),
    "name_taken": (
        "There is already a character called {name}; pick another name.",
        "已经有一个叫{name}的人物了，请换个名字。",
    ),
    "bad_title": (
        "A title needs 1 to 80 characters; “{title}” doesn't fit.",
        "片名需要 1 到 80 个字符，“{title}”不合适。",
    ),
    "too_long_after_edit": (
        "That change would make part of the screenplay too long ({where}), so I left it as it was.",
        "这个改动会让剧本的某部分超出长度限制（{where}），所以我没有修改。",
    ),
    "too_many_characters": (
        "The rewrite added more characters than the bible can hold (8), so I left the "
        "screenplay unchanged.",
        "改写后的人物超过了人物表的上限（8 个），所以剧本保持不变。",
    ),
    "nothing_to_undo": (
        "There is nothing to undo: version {number} is the first version.",
        "没有可以撤销的：第{number}版就是第一版。",
    ),
    "already_version": ("You're already on version {number}.", "当前已经是第{number}版。"),
    "no_such_version": (
        "There is no version {number}; the versions are {known}.",
        "没有第{number}版；现有版本：{known}。",
    ),
    "cut_not_needed": (
        "It already runs about {runtime}, within {target}: nothing to cut.",
        "现在大约 {runtime}，已经在 {target} 以内，不需要删减。",
    ),
    "clarify_general": (
        "What would you like to change? For example: “make scene 2 funnier”, “give {name} a "
        "line about the past”, “cut it to two minutes”, “swap scenes 1 and 2”, or “undo”.",
        "想改哪里呢？比如：“让第二场更搞笑”、“给{name}加一句回忆过去的台词”、“压缩到两分钟”、"
        "“交换第1场和第2场”，或者“撤销”。",
    ),
    "clarify_length": (
        "How long should it be? It runs about {runtime} now; say, for example, “cut it to "
        "{suggestion}”.",
        "要压缩到多长呢？现在大约 {runtime}。比如可以说“压缩到{suggestion}”。",
    ),
    "clarify_target": (
        "Which part should I change? The screenplay has {count} scenes ({scenes}). Name a "
        "scene or a character, e.g. “make scene 2 {example}”.",
        "要改哪一部分呢？剧本一共 {count} 场（{scenes}）。请说出场次或人物，"
        "比如“让第2场{example}”。",
    ),
    "too_many_targets": (
        "That would rewrite {count} scenes at once; name at most {limit}, e.g. “make scenes 2 "
        "and 3 funnier”.",
        "这会一次改写 {count} 场；请最多指定 {limit} 场，比如“让第2场和第3场更搞笑”。",
    ),
    "model_failed": (
        "I couldn't get a usable rewrite from the model ({detail}). The screenplay is "
        "unchanged; try again or put the request another way.",
        "模型没有给出可用的改写（{detail}）。剧本没有改动；可以再试一次，或换个说法。",
    ),
    "model_empty": (
        "The model's rewrite of scene {number} came back empty, even after I asked again, so "
        "the screenplay is unchanged. Send the request again to retry, or put it another way.",
        "模型改写的第{number}场是空的，再问一次也没有改善，所以剧本没有改动。"
        "可以把要求再发一次重试，或者换个说法。",
    ),
    "model_unchanged": (
        "The model gave scene {number} back unchanged, even after I asked again; send the "
        "request again to retry, or make it more specific.",
        "模型两次都把第{number}场原样返回；可以把要求再发一次重试，或者说得更具体一些。",
    ),
    "gate_refused": (  # message: film.quality.refusal_message, in the user's language
        "Scene {number}: {message}",
        "第{number}场：{message}",
    ),
    "no_change": ("That leaves the screenplay as it is.", "剧本没有变化。"),
    "renamed": ("Renamed {old} to {new} everywhere.", "已把{old}全部改名为{new}。"),
    "retitled": ("The film is now called “{title}”.", "片名已改为“{title}”。"),
    "swapped": ("Swapped scenes {a} and {b}.", "已交换第{a}场和第{b}场。"),
    "deleted": ("Deleted scene {numbers}.", "已删除第{numbers}场。"),
    "moved": (
        "Moved scene {number} to position {position}.",
        "已把第{number}场移到第{position}个位置。",
    ),
    "cut": (
        "Cut to about {runtime} (target {target}): {removed}.",
        "已压缩到约 {runtime}（目标 {target}）：{removed}。",
    ),
    "cut_short": (
        "I cut as far as I could while keeping the opening and the ending: about {runtime} "
        "(you asked for {target}); {removed}.",
        "在保留开头和结尾的前提下已尽量压缩：约 {runtime}（目标 {target}）；{removed}。",
    ),
    "removed_parts": (
        "removed {action} action beats, {lines} lines and {scenes} scenes",
        "删去 {action} 个动作、{lines} 句台词、{scenes} 场",
    ),
    "undone": (
        "Undid the last change (back to version {number}).",
        "已撤销上一次修改（回到第{number}版）。",
    ),
    "restored": ("Restored version {number}.", "已恢复第{number}版。"),
    "rewrote": ("Rewrote scene {numbers}: {summary}", "已改写第{numbers}场：{summary}"),
    "repaired": ("I also kept it within the form: {notes}.", "同时按微电影规范做了调整：{notes}。"),
    "trimmed_to_cap": ("trimmed to the {cap} cap", "压缩到 {cap} 上限以内"),
    "saved": (
        "Saved as version {number}. Say “undo” to go back.",
        "已保存为第{number}版。说“撤销”可以回到上一版。",
    ),
    "sources": ("Guided by: {sources}.", "参考：{sources}。"),
}
