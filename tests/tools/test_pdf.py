"""The screenplay PDF: standard layout, page numbers, and Chinese that really renders.

Pages are rasterised with poppler's ``pdftoppm`` and read back with ``pdftotext`` (Debian
``poppler-utils``, installed by the test command). A missing tool fails loudly.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from film.screenplay import DialogueLine, Scene, Screenplay
from tools.documents.pdf import screenplay_pdf


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: apt-get install -y poppler-utils")
    return found


def _text(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    args = [_tool("pdftotext")]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _page_image(pdf: Path, page: int, tmp_path: Path) -> np.ndarray:
    stem = tmp_path / f"{pdf.stem}-p{page}"
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-r",
            "72",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    with Image.open(stem.with_suffix(".png")) as image:
        return np.asarray(image, np.int16)


def _pages(pdf: Path) -> int:
    info = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))


def test_english_pdf_has_title_page_and_standard_layout(
    english_screenplay: Screenplay, tmp_path: Path
) -> None:
    scene = english_screenplay.scenes[1].model_copy(
        update={
            "dialogue": [
                DialogueLine(speaker="Leo", parenthetical="grinning", text="Last ride of the year.")
            ]
        }
    )
    screenplay = english_screenplay.model_copy(
        update={"scenes": [english_screenplay.scenes[0], scene, english_screenplay.scenes[2]]}
    )
    out = tmp_path / "screenplay.pdf"
    assert screenplay_pdf(screenplay, out) == out
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["screenplay.pdf"]
    title = _text(out, 1)
    assert "THE LAST BUS HOME" in title and "Youth Romance" in title and "MIA" in title
    body = _text(out, 2, layout=True)
    lines = {ln.strip(): len(ln) - len(ln.lstrip()) for ln in body.splitlines() if ln.strip()}
    heading = next(k for k in lines if "EXT. BUS STOP - NIGHT" in k)
    action = "Snow falls on an empty bus stop."
    cue, paren, spoken = "LEO", "(grinning)", "Last ride of the year."
    # action at the margin, dialogue indented, parenthetical further, cue furthest (centred)
    assert lines[action] <= lines[heading] + 2
    assert lines[action] < lines[spoken] < lines[paren] < lines[cue]
    assert "DISSOLVE TO:" in body and "FADE OUT." in _text(out)
    assert body.lstrip().startswith("1.")  # page number on the first script page


def test_long_script_breaks_pages_and_numbers_them(
    english_screenplay: Screenplay, tmp_path: Path
) -> None:
    scenes = [
        Scene(
            number=n,
            place=f"Street {n}",
            action=["Rain falls on the street. " * 6],
            dialogue=[DialogueLine(speaker="Mia", text="We keep walking. " * 8)],
        )
        for n in range(1, 16)
    ]
    out = screenplay_pdf(
        english_screenplay.model_copy(update={"scenes": scenes}), tmp_path / "long.pdf"
    )
    pages = _pages(out)
    assert pages >= 4
    assert _text(out, pages, layout=True).lstrip().startswith(f"{pages - 1}.")
    for page in range(2, pages + 1):
        ink_rows = np.nonzero((_page_image(out, page, tmp_path) < 128).any(axis=1))[0]
        assert ink_rows.max() < 792 - 60  # nothing printed into the bottom margin


def _chinese(screenplay: Screenplay, action: str) -> Screenplay:
    scene = screenplay.scenes[0].model_copy(update={"action": [action]})
    return screenplay.model_copy(update={"scenes": [scene, *screenplay.scenes[1:]]})


def test_chinese_text_renders_as_real_glyphs(
    chinese_screenplay: Screenplay, tmp_path: Path
) -> None:
    first = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。"
    second = "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。"
    pdf_a = screenplay_pdf(_chinese(chinese_screenplay, first), tmp_path / "a.pdf")
    pdf_b = screenplay_pdf(_chinese(chinese_screenplay, second), tmp_path / "b.pdf")
    text = _text(pdf_a)
    assert "回家的路" in text and first in text.replace("\n", "") and "妈，我回来了！" in text
    fonts = subprocess.run(
        [_tool("pdffonts"), str(pdf_a)], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSerifSC" in fonts
    page_a, page_b = _page_image(pdf_a, 2, tmp_path), _page_image(pdf_b, 2, tmp_path)
    ink_a = page_a < 128
    rows = np.nonzero(ink_a.any(axis=1))[0]
    assert rows.size > 30
    # Missing glyphs would draw the same box for every character: the two poems would match.
    action_band = slice(90, 130)
    differs = np.mean(page_a[action_band] != page_b[action_band])
    assert differs > 0.01
    assert ink_a[action_band].mean() > 0.01


def test_chinese_punctuation_never_starts_a_line(
    chinese_screenplay: Screenplay, tmp_path: Path
) -> None:
    action = "她推开门，看见父亲坐在昏暗的厨房里，桌上放着一碗已经凉透的面条。" * 4
    out = screenplay_pdf(_chinese(chinese_screenplay, action), tmp_path / "p.pdf")
    lines = [ln.strip() for ln in _text(out, 2).splitlines() if ln.strip()]
    wrapped = [ln for ln in lines if ln and ln[0] in "，。、；：！？）"]
    assert wrapped == []
    assert sum(1 for ln in lines if ln and ln[0] in action) >= 4  # the paragraph did wrap
