"""What the studio says while it renders the film and its cover, in English and Chinese.

A film with a scene missing is not called finished: the failure texts name the scenes and
why, and the partial cut is only described as ready when the person chose it.
"""

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
    "production_retry": (
        "Rendering {which} again; the finished scenes are reused.",
        "重新渲染{which}，已完成的场景直接沿用。",
    ),
    "production_leave_out": (
        "Stitching the film without {which}, as you chose.",
        "按你的选择，不含{which}合成影片。",
    ),
    "film_done": (
        "The film is ready: {runtime}, all {scenes} scenes.",
        "影片完成：{runtime}，全部{scenes}场。",
    ),
    "film_done_partial": (
        "The film is ready without {which}, as you chose: {runtime}, {scenes} of {total} scenes.",
        "影片完成（按你的选择，不含{which}）：{runtime}，共{total}场中的{scenes}场。",
    ),
    "no_dialogue_no_subtitles": (
        " It has no dialogue, so there are no subtitles.",
        "影片没有对白，所以没有字幕。",
    ),
    "scenes_failed": (
        "The film is not finished: {which} could not be rendered ({reason}). The other "
        "scenes are kept.",
        "影片未完成：{which}渲染失败（{reason}）。其余场景已保留。",
    ),
    "film_failed": (
        "The film is not finished: no scene could be rendered ({reason}). The screenplay is safe.",
        "影片未完成：所有场景都渲染失败（{reason}）。剧本没有丢失。",
    ),
    "assembly_failed": (
        "The film could not be put together ({reason}). The screenplay and the finished "
        'scenes are kept; say "render it" to try again.',
        "影片合成失败（{reason}）。剧本和已完成的场景都保留着，回复“渲染”可以重试。",
    ),
    "retry_hint_chat": (
        'Say "render it" to render the failed scenes again (the finished ones are reused), '
        'or "render without {which}" to make the film without them.',
        "回复“渲染”重新渲染失败的场景（已完成的场景直接沿用），或回复“渲染，不含{which}”"
        "不含这些场景合成影片。",
    ),
    "retry_hint_draft": (
        "The screenplay is saved. To accept a film without scenes that fail, run again with "
        "--allow-missing-scenes.",
        "剧本已保存。若接受不含失败场景的影片，请加上 --allow-missing-scenes 重新运行。",
    ),
    "production_resume": (
        'Resuming the interrupted render of "{title}": the scenes finished before it stopped '
        "are reused.",
        "继续上次中断的《{title}》渲染：中断前已完成的场景直接沿用。",
    ),
    "render_interrupted": (
        'The last render of "{title}" was interrupted before the film was finished. Resume '
        "it: the finished scenes are reused and only the rest is rendered.",
        "上次渲染《{title}》中途被打断，影片还没有完成。可以继续渲染：已完成的场景直接沿用，"
        "只渲染剩下的部分。",
    ),
    "render_interrupted_progress": (
        'The last render of "{title}" was interrupted before the film was finished '
        "({finished} of {total} scenes were done). Resume it: the finished scenes are reused "
        "and only the rest is rendered.",
        "上次渲染《{title}》中途被打断，影片还没有完成（{total}场中已完成{finished}场）。"
        "可以继续渲染：已完成的场景直接沿用，只渲染剩下的部分。",
    ),
    "render_resume_hint_chat": (
        'Say "render it" to resume it.',
        "回复“渲染”即可继续。",
    ),
    "render_resume_button": ("Resume render", "继续渲染"),
    "render_resume_tooltip": (
        "Render the film again; the finished scenes are reused.",
        "重新开始渲染，已完成的场景直接沿用。",
    ),
    "render_resume_request": (
        "Render the film: resume the interrupted render",
        "渲染影片：从上次中断的地方继续",
    ),
    "render_progress_start": ("Rendering {scenes} scenes", "渲染{scenes}场戏"),
    "render_progress_scene_done": (
        "Scene {number} of {total} done",
        "第{number}场完成（共{total}场）",
    ),
    "render_progress_scene_failed": (
        "Scene {number} of {total} failed",
        "第{number}场失败（共{total}场）",
    ),
    "scene_done": ("done", "完成"),
    "scene_failed": ("failed: {reason}", "渲染失败：{reason}"),
    "film_not_finished": (
        "not finished, {which} failed",
        "未完成，{which}失败",
    ),
    "film_finished": ("finished", "已完成"),
    "ready": ("ready", "完成"),
    "working": ("working", "进行中"),
    "working_percent": ("{percent}%", "进行中 {percent}%"),
    "cover_drawing": ("Drawing the cover", "绘制封面"),
    "bundle_packing": ("Packing the download bundle", "打包下载文件"),
    "handoff_writing": (
        "Writing the timelines for your editor (OTIO, FCPXML, EDL, CapCut)",
        "生成剪辑工程（OTIO、FCPXML、EDL、剪映草稿）",
    ),
    "joining_scenes": ("Joining the scenes", "合成场景"),
    "native_sound_kept": (
        " In {which} the video model's own sound is kept; the subtitles follow what was said.",
        "{which}保留了视频模型自己的声音，字幕按实际说出的话对齐。",
    ),
    "native_sound_missing": (
        " The video of {which} came back without sound, so the studio's voices speak there.",
        "{which}的视频没有声音，改由配音朗读对白。",
    ),
    "native_sound_untimed": (
        " Whisper is not installed, so the subtitles of {which} follow the script's timing.",
        "未安装 Whisper，{which}的字幕按剧本估算的时间显示。",
    ),
    "native_sound_unavailable": (
        " This render backend makes no sound of its own, so the studio's voices speak the "
        "lines (keeping the model's audio needs a generative video backend).",
        "当前渲染方式不会生成声音，对白仍由配音朗读（保留模型原声需要生成式视频后端）。",
    ),
    "cover_done": ("The cover is ready.", "封面做好了。"),
    "cover_failed": ("The cover could not be drawn ({reason}).", "封面生成失败（{reason}）。"),
}
