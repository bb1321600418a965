"""What the studio says while it renders the film and its cover, in English and Chinese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nothing_to_render": (
        "There is no screenplay yet. Tell me your idea first.",
        "还没有剧本。先告诉我你的故事创意吧。",
    ),
    "production_start": (
        'Rendering {scenes} scenes of "{title}" at {size}...',
        "开始渲染《{title}》的{scenes}场戏（{size}）……",
    ),
    "film_done": (
        "The film is ready: {runtime}, {scenes} scenes{failed}. Files are in {folder}.",
        "影片完成：{runtime}，{scenes}场{failed}。文件在 {folder}。",
    ),
    "scenes_failed": (
        "; scenes {numbers} failed and were left out ({reason})",
        "；第{numbers}场渲染失败，已略过（{reason}）",
    ),
    "film_failed": (
        'No scene could be rendered ({reason}). The screenplay is safe; say "render it" to '
        "try again.",
        "所有场景都渲染失败（{reason}）。剧本没有丢失，回复“渲染”可以重试。",
    ),
    "cover_done": ("The cover is ready.", "封面做好了。"),
}
