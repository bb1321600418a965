"""Can a viewer understand the films' dialogue? Whisper base listens to finished films.

Issue 11's bar: English word error rate <= 0.15 and Chinese character error rate <= 0.30,
measured on films the studio made, against espeak-ng in the same run. For each screenplay the
bench renders the film twice through the production path (``tools.assembly.produce_film``:
voice, genre music ducked under the dialogue, burned subtitles), once with the neural voices
(the default) and once with ``MICROFILM_OFFLINE_VOICE=espeak``. It then decodes the film's
mixed soundtrack, cuts it at the subtitle cues of ``subtitles.srt`` and has Whisper base
(faster-whisper, int8, CPU) transcribe each cue; the cue's text is the reference. Chinese is
also scored on toned pinyin, since most of Whisper's Chinese errors are homophones.

    .venv/bin/python bench/bench_voices.py                       # the two built-in films
    .venv/bin/python bench/bench_voices.py --screenplay P/screenplay.json   # any project
    .venv/bin/python bench/bench_voices.py --film P/film.mp4     # score a finished film as is
    .venv/bin/python bench/bench_voices.py --lines               # every character, sentence sets

``--lines`` measures each character of the built-in films' casts on its own, without music:
every sentence of the dialogue and the "hard" sets (``tests/tools/sound/sentences.py``),
spoken by ``tools.sound.voices.offline.speak`` with that character's voice, with the median
pitch (to show the characters apart) and the real-time factor in CPU time.

The built-in English film's dialogue is the embedded model's own (a one-prompt draft from the
slow CLI test, kept verbatim, grammar slips included); the Chinese film's is written like the
model's Chinese drafts. ``--film`` scores a film exactly as the studio delivered it (for
example one made with ``microfilm draft``), using the ``subtitles.srt`` beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "tools" / "sound")]

import hearing  # noqa: E402
import numpy as np  # noqa: E402
from sentences import DIALOGUE, HARD  # noqa: E402
from whisper_base import whisper_base_dir  # noqa: E402

from film.form import with_estimates  # noqa: E402
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay  # noqa: E402
from tools.assembly.production import ProductionSettings, produce_film  # noqa: E402
from tools.ffmpeg import SAMPLE_RATE, decode_audio  # noqa: E402
from tools.sound.casting import cast_voices  # noqa: E402
from tools.sound.voices import offline  # noqa: E402
from tools.sound.voices.offline import ENGINE_SWITCH  # noqa: E402
from tools.sound.voices.style import neural_styles  # noqa: E402

MARGIN_S = 0.15  # heard either side of a cue: a cue ends exactly where its audio does
_SRT_TIME = re.compile(r"(\d+):(\d+):(\d+)[,.](\d+)\s*-->\s*(\d+):(\d+):(\d+)[,.](\d+)")


def _film(title: str, language: str, genre: Genre, cast, scenes) -> Screenplay:  # noqa: ANN001
    return with_estimates(
        Screenplay(
            title=title,
            logline=title,
            genre=genre,
            language=language,
            characters=[CharacterProfile(name=n, role=r, voice=v) for n, r, v in cast],
            scenes=[
                Scene(
                    number=i,
                    place=place,
                    action=[action],
                    dialogue=[DialogueLine(speaker=s, text=t) for s, t in lines],
                    characters=sorted({s for s, _ in lines}),
                )
                for i, (place, action, lines) in enumerate(scenes, 1)
            ],
        )
    )


def english_film() -> Screenplay:
    """Dialogue drafted by the embedded model ("Grandma's Dumpling Lesson"), three voices."""
    return _film(
        "Grandma's Dumpling Lesson",
        "en",
        Genre.TOUCHING_FAMILY,
        [
            ("Grandson", "ten-year-old boy", "young boy, lively"),
            ("Grandma", "his grandmother", "old woman, warm, slow"),
            ("Grandpa", "his grandfather", "old man, deep"),
        ],
        [
            (
                "Kitchen",
                "Flour on the table.",
                [
                    ("Grandson", "I can't wait for the move."),
                    ("Grandma", "It's okay, you're just going to have a new home."),
                ],
            ),
            (
                "Kitchen",
                "They fold dumplings.",
                [
                    ("Grandson", "I see the red sauce. It's like a special treat."),
                    (
                        "Grandma",
                        "Yes, it is. We make these every year to remember our family and "
                        "traditions.",
                    ),
                    ("Grandpa", "Your mother burned the first batch every single year."),
                ],
            ),
            (
                "Courtyard",
                "Steam rises from the pot.",
                [
                    ("Grandson", "I love making dumplings. It's such a fun thing to do."),
                    (
                        "Grandma",
                        "I know, grandpa always said it was important for us to learn how to "
                        "make these dumplings when we were little.",
                    ),
                ],
            ),
        ],
    )


def chinese_film() -> Screenplay:
    """A short family film in Chinese, three voices (mother, daughter, grandfather)."""
    return _film(
        "除夕的饺子",
        "zh",
        Genre.TOUCHING_FAMILY,
        [
            ("妈妈", "母亲", "温柔的中年女人"),
            ("小雨", "女儿，刚从外地赶回来", "年轻女孩，活泼"),
            ("外公", "外公", "老人，低沉，慢"),
        ],
        [
            (
                "老家厨房",
                "妈妈一个人包饺子。",
                [
                    ("妈妈", "今年她又不回来了吧。饺子都包好了。"),
                    ("外公", "别急，火车晚点了，她一定会回来的。"),
                ],
            ),
            (
                "村口",
                "小雨拖着行李箱跑进村子。",
                [
                    ("小雨", "妈，我回来了！路上下了好大的雪。"),
                    ("妈妈", "快进屋，外面太冷了，先喝碗热汤。"),
                ],
            ),
            (
                "饭桌",
                "一家人围着桌子吃年夜饭。",
                [
                    ("外公", "今年的饺子，是你妈妈亲手包的。"),
                    ("小雨", "明年过年，我还要回家陪你们。"),
                ],
            ),
        ],
    )


def read_srt(path: Path) -> list[tuple[float, float, str]]:
    """(start s, end s, text) per cue; wrapped lines joined (without spaces between hanzi)."""
    cues = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        timed = [i for i, line in enumerate(lines) if _SRT_TIME.search(line)]
        if not timed:
            continue
        match = _SRT_TIME.search(lines[timed[0]])
        assert match is not None
        h1, m1, s1, f1, h2, m2, s2, f2 = (int(g) for g in match.groups())
        text = ""
        for line in lines[timed[0] + 1 :]:
            joiner = "" if re.search(r"[\u4e00-\u9fff，。！？、]$", text) else " "
            text = f"{text}{joiner}{line}".strip()
        start, end = h1 * 3600 + m1 * 60 + s1 + f1 / 1000, h2 * 3600 + m2 * 60 + s2 + f2 / 1000
        cues.append((start, end, text))
    return cues


def score_film(film: Path, srt: Path, language: str, judge: hearing.Judge) -> dict:
    """Transcribe every cue's stretch of the film's soundtrack and score it."""
    audio = decode_audio(film)
    rows, totals = [], [0, 0, 0, 0]
    for start, end, said in read_srt(srt):
        lo = max(0, int((start - MARGIN_S) * SAMPLE_RATE))
        hi = int((end + MARGIN_S) * SAMPLE_RATE)
        heard = judge.transcribe(audio[lo:hi], SAMPLE_RATE, language)
        edits, units = hearing.errors(said, heard, language)
        pin_edits, syllables = hearing.pinyin_errors(said, heard) if language == "zh" else (0, 0)
        for i, value in enumerate((edits, units, pin_edits, syllables)):
            totals[i] += value
        rows.append({"said": said, "heard": heard, "errors": f"{edits}/{units}"})
    return {
        "error_rate": totals[0] / max(1, totals[1]),
        "pinyin_error_rate": totals[2] / max(1, totals[3]) if language == "zh" else None,
        "units": totals[1],
        "cues": rows,
    }


def render(screenplay: Screenplay, folder: Path, engine: str) -> tuple[Path, Path, float]:
    """The film made by the production path with ``engine``; (film, srt, render seconds)."""
    os.environ[ENGINE_SWITCH] = engine
    settings = ProductionSettings(width=720, height=1280)
    started = time.perf_counter()
    result = produce_film(screenplay, folder, settings)
    assert result.srt_path is not None and result.complete, result.notes
    return result.path, result.srt_path, time.perf_counter() - started


def report(name: str, language: str, scores: dict[str, dict], seconds: dict[str, float]) -> str:
    """A Markdown section: the table, then every transcript."""
    metric = "WER" if language == "en" else "CER"
    out = [f"### {name} ({language})", "", f"| voice | {metric} | pinyin ER | units | render s |"]
    out.append("|---|---|---|---|---|")
    for engine, score in scores.items():
        pinyin = score["pinyin_error_rate"]
        out.append(
            f"| {engine} | {score['error_rate']:.3f} | "
            f"{'' if pinyin is None else f'{pinyin:.3f}'} | {score['units']} | "
            f"{seconds.get(engine, 0):.1f} |"
        )
    for engine, score in scores.items():
        out += ["", f"#### {engine}", "", "| said | heard | errors |", "|---|---|---|"]
        out += [f"| {c['said']} | {c['heard']} | {c['errors']} |" for c in score["cues"]]
    return "\n".join(out)


def lines_report(screenplay: Screenplay, judge: hearing.Judge, engines: list[str]) -> str:
    """Each character of ``screenplay``'s cast on both sentence sets, per engine."""
    language = screenplay.language
    cast = cast_voices(screenplay.characters, [], language)
    styles = neural_styles(cast)
    metric = "WER" if language == "en" else "CER"
    out = [
        f"### Lines: {screenplay.title} cast ({language})",
        "",
        f"| engine | character | style (size, pace) | {metric} dialogue | {metric} hard | "
        "median F0 Hz | RTF (CPU) |",
        "|---|---|---|---|---|---|---|",
    ]
    for engine in engines:
        os.environ[ENGINE_SWITCH] = engine
        for name, voice in cast.items():
            speaker = offline.OfflineSpeaker(voice, styles[name])
            offline.speak(DIALOGUE[language][0], speaker, SAMPLE_RATE)  # loads the model
            rates, pitches, cpu, spoken = [], [], 0.0, 0.0
            for sentences in (DIALOGUE[language], HARD[language]):
                edits = units = 0
                for text in sentences:
                    started = time.process_time()
                    audio = offline.speak(text, speaker, SAMPLE_RATE)
                    cpu += time.process_time() - started
                    spoken += audio.size / SAMPLE_RATE
                    pitches.append(hearing.median_f0(audio, SAMPLE_RATE))
                    got = judge.transcribe(audio, SAMPLE_RATE, language)
                    e, u = hearing.errors(text, got, language)
                    edits, units = edits + e, units + u
                rates.append(edits / max(1, units))
            style = styles[name][language]
            out.append(
                f"| {engine} | {name} ({voice.name}) | {style.size:.2f}, {style.pace:.2f} | "
                f"{rates[0]:.3f} | {rates[1]:.3f} | {np.median(pitches):.0f} | "
                f"{cpu / max(spoken, 1e-9):.3f} |"
            )
    return "\n".join(out)


def main() -> None:
    """Render, listen, print the tables and transcripts (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--screenplay", type=Path, action="append", default=[])
    parser.add_argument("--film", type=Path, action="append", default=[])
    parser.add_argument("--engines", default="neural,espeak")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--lines", action="store_true", help="characters on sentence sets")
    args = parser.parse_args()
    judge = hearing.Judge(whisper_base_dir(), threads=2)
    sections, results = [], {}
    if args.lines:
        for screenplay in (english_film(), chinese_film()):
            sections.append(lines_report(screenplay, judge, args.engines.split(",")))
        print("\n\n".join(sections))
        return
    for film in args.film:
        plan = json.loads((film.parent / "screenplay.json").read_text(encoding="utf-8"))
        language = plan.get("language", "en")
        score = score_film(film, film.parent / "subtitles.srt", language, judge)
        results[str(film)] = score
        sections.append(report(f"{film} as delivered", language, {"as made": score}, {}))
    screenplays = [
        Screenplay.model_validate_json(p.read_text(encoding="utf-8")) for p in args.screenplay
    ] or ([english_film(), chinese_film()] if not args.film else [])
    for screenplay in screenplays:
        scores, seconds = {}, {}
        with tempfile.TemporaryDirectory(prefix="bench-voices-") as tmp:
            for engine in args.engines.split(","):
                film, srt, took = render(screenplay, Path(tmp) / engine, engine)
                scores[engine] = score_film(film, srt, screenplay.language, judge)
                seconds[engine] = took
        results[screenplay.title] = scores
        sections.append(report(screenplay.title, screenplay.language, scores, seconds))
    print("\n\n".join(sections))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
