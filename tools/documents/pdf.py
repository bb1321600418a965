"""The screenplay as a PDF in standard US Letter layout, for Chinese and English scripts alike.

Latin text is set in Courier Prime (12 pt, six lines an inch: one page is roughly one minute
of screen time), shipped inside the ``screenplain`` wheel. Chinese has no glyphs there, so
fpdf2 falls back, character by character, to the packaged Noto Serif SC, which it embeds as a
CFF CID font subset; the default fonts of other screenplay tools draw empty boxes instead.
Lines are broken here rather than by fpdf2 so that Chinese punctuation never starts a line.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import cast

from fpdf import FPDF
from PIL import ImageFont

from film.form import estimate_runtime
from film.paths import atomic_output
from film.screenplay import DialogueLine, Scene, Screenplay
from tools.fonts import cjk_serif_path
from tools.subtitles.cues import wrap_lines

INCH = 72.0
LINE = 12.0
PAGE_W, PAGE_H = 8.5 * INCH, 11 * INCH
LEFT, RIGHT, TOP, BOTTOM = 1.5 * INCH, 1.0 * INCH, 1.0 * INCH, 1.0 * INCH
TEXT_W = PAGE_W - LEFT - RIGHT
DIALOGUE_X, DIALOGUE_W = LEFT + 1.0 * INCH, 3.5 * INCH
PAREN_X, PAREN_W = LEFT + 1.6 * INCH, 2.0 * INCH
_CREDITS = {"en": ("Written by", "Micro Film Studio"), "zh": ("编剧", "微电影工作室")}


class _ScriptPDF(FPDF):
    """A screenplay page sequence that letters mixed Latin/Chinese lines run by run.

    fpdf2's own glyph fallback wraps the fallback run in a saved graphics state and then loses
    track of the selected font (the next Latin line came out in the wrong font's glyph ids), so
    each line is split here into runs Courier Prime can draw and runs for the CJK face.
    """

    def __init__(self) -> None:
        super().__init__(orientation="P", unit="pt", format="letter")
        self.bold = False
        self.latin_family = "cjk"
        self.latin_chars: frozenset[int] = frozenset()

    def header(self) -> None:
        """Number every page after the title page, top right, as scripts are numbered."""
        if self.page_no() > 1:
            bold, self.bold = self.bold, False
            self.put_line(f"{self.page_no() - 1}.", LEFT, TEXT_W, "R", y=0.5 * INCH)
            self.bold = bold
        self.set_xy(LEFT, TOP)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into (font family, run) pieces."""
        pieces: list[tuple[str, str]] = []
        for char in text:
            family = self.latin_family if ord(char) in self.latin_chars else "cjk"
            if pieces and pieces[-1][0] == family:
                pieces[-1] = (family, pieces[-1][1] + char)
            else:
                pieces.append((family, char))
        return pieces

    def use(self, family: str) -> None:
        if family == "cjk" and "cjk" not in self.fonts:
            _load_face(self, "cjk", "", cjk_serif_path())  # first Chinese character met
        self.set_font(family, "B" if self.bold and family != "cjk" else "", 12)

    def getlength(self, text: str) -> float:
        """Width in points of ``text`` as :meth:`put_line` draws it (the line breaker asks)."""
        width = 0.0
        for family, run in self.runs(text):
            self.use(family)
            width += float(self.get_string_width(run))
        return width

    def put_line(
        self, text: str, x: float, width: float, align: str = "L", y: float | None = None
    ) -> None:
        """Draw one already-broken line, starting a new page first when it would not fit."""
        if y is None:
            if self.get_y() + LINE > PAGE_H - BOTTOM:
                self.add_page()
            y = self.get_y()
        offset = {"L": 0.0, "C": 0.5, "R": 1.0}[align] * max(0.0, width - self.getlength(text))
        self.set_xy(x + offset, y)
        for family, run in self.runs(text):
            self.use(family)
            self.cell(self.get_string_width(run), LINE, run)
        self.set_xy(LEFT, y + LINE)


def _new_pdf(screenplay: Screenplay) -> _ScriptPDF:
    """A blank script with Courier Prime loaded; the CJK face is loaded at its first use.

    Loading a face is most of a PDF's cost (measured: the CJK OTF's 24k glyphs took 0.3 s to
    parse, even for an English script that never uses it), so an all-Latin screenplay does
    without it. Bounding boxes are not recomputed when the faces are subset: fontTools
    re-ran every CFF glyph outline for them (0.35 s of a Chinese PDF's 0.8 s), and a PDF reader
    needs only the font descriptor's box, which the face's own header gives.
    """
    pdf = _ScriptPDF()
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    pdf.set_title(screenplay.title)
    pdf.set_creator("Micro Film Studio")
    courier = _courier_dir()
    if courier is not None:  # screenplain is a locked dependency; without it all text is Noto
        _load_face(pdf, "script", "", courier / "Courier Prime.ttf")
        _load_face(pdf, "script", "B", courier / "Courier Prime Bold.ttf")
        pdf.latin_family = "script"
        pdf.latin_chars = frozenset(getattr(pdf.fonts["script"], "cmap", {}))
    pdf.use(pdf.latin_family)
    return pdf


def _load_face(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """Add a face to ``pdf`` without bounding boxes recomputed at subset time (see above)."""
    pdf.add_font(family, style, str(path))
    loaded = getattr(pdf.fonts[f"{family.lower()}{style.upper()}"], "ttfont", None)
    if loaded is not None:
        loaded.recalcBBoxes = False


def _courier_dir() -> Path | None:
    spec = importlib.util.find_spec("screenplain")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "export" / "courier_prime"
    return folder if (folder / "Courier Prime.ttf").is_file() else None


def screenplay_pdf(screenplay: Screenplay, out_path: Path) -> Path:
    """Typeset ``screenplay`` (title page, then scenes) into a PDF at ``out_path``, atomically."""
    pdf = _new_pdf(screenplay)
    _title_page(pdf, screenplay)
    pdf.add_page()
    last = len(screenplay.scenes) - 1
    for index, scene in enumerate(screenplay.scenes):
        _scene(pdf, scene, is_last=index == last)
    if not screenplay.scenes:
        _block(pdf, "(No scenes yet.)", LEFT, TEXT_W)
    out_path = Path(out_path)
    with atomic_output(out_path) as tmp:
        pdf.output(str(tmp))
    return out_path


def _lines(pdf: _ScriptPDF, text: str, width: float) -> list[str]:
    measure = cast(ImageFont.FreeTypeFont, pdf)  # only ``getlength`` is used
    return [ln for para in text.splitlines() for ln in wrap_lines(para, measure, width - 0.5)]


def _block(pdf: _ScriptPDF, text: str, x: float, width: float, align: str = "L") -> None:
    for line in _lines(pdf, text, width):
        pdf.put_line(line, x, width, align)


def _keep(pdf: _ScriptPDF, lines: int) -> None:
    """Start a new page when fewer than ``lines`` fit, so a cue never ends a page alone."""
    if PAGE_H - BOTTOM - pdf.get_y() < lines * LINE:
        pdf.add_page()


def _title_page(pdf: _ScriptPDF, sp: Screenplay) -> None:
    pdf.add_page()
    credit, author = _CREDITS.get(sp.language, _CREDITS["en"])
    pdf.set_y(3.5 * INCH)
    pdf.bold = True
    _block(pdf, sp.title.upper(), LEFT, TEXT_W, align="C")
    pdf.bold = False
    pdf.ln(LINE)
    genre = sp.genre.chinese if sp.language == "zh" else sp.genre.english
    _block(pdf, genre, LEFT, TEXT_W, align="C")  # in the script's language only
    pdf.ln(LINE)
    _block(pdf, credit, LEFT, TEXT_W, align="C")
    _block(pdf, author, LEFT, TEXT_W, align="C")
    pdf.ln(2 * LINE)
    _block(pdf, sp.logline, LEFT + 0.5 * INCH, TEXT_W - INCH, align="C")
    minutes, seconds = divmod(round(estimate_runtime(sp)), 60)
    notes = [f"{'约' if sp.language == 'zh' else 'About'} {minutes}:{seconds:02d}"]
    notes += [value for value in (sp.setting_time, sp.theme) if value]
    cast_lines = [
        f"{c.name.upper()} - {c.role}" if c.role else c.name.upper() for c in sp.characters
    ]
    footer = [*notes, "", *cast_lines]
    needed = sum(len(_lines(pdf, line, TEXT_W)) if line else 1 for line in footer)
    pdf.set_y(max(pdf.get_y() + LINE, PAGE_H - BOTTOM - needed * LINE))
    for line in footer:
        if line:
            _block(pdf, line, LEFT, TEXT_W)
        else:
            pdf.ln(LINE)


def _scene(pdf: _ScriptPDF, scene: Scene, *, is_last: bool) -> None:
    if pdf.get_y() > TOP + LINE:
        pdf.ln(LINE)
    _keep(pdf, 4)
    pdf.bold = True
    y = pdf.get_y()
    pdf.put_line(f"{scene.number}", LEFT - 0.75 * INCH, 0.6 * INCH, "R", y=y)
    pdf.put_line(f"{scene.number}", LEFT + TEXT_W + 0.15 * INCH, 0.6 * INCH, y=y)
    pdf.set_y(y)
    _block(pdf, scene.heading, LEFT, TEXT_W)
    pdf.bold = False
    for action in scene.action:
        pdf.ln(LINE)
        _block(pdf, action, LEFT, TEXT_W)
    for line in scene.dialogue:
        _dialogue(pdf, line)
    transition = _transition(scene.transition, is_last=is_last)
    if transition:
        pdf.ln(LINE)
        _keep(pdf, 1)
        _block(pdf, transition, LEFT, TEXT_W, align="R")


def _dialogue(pdf: _ScriptPDF, line: DialogueLine) -> None:
    pdf.ln(LINE)
    paren = line.parenthetical.strip().strip("()（）").strip()
    spoken = _lines(pdf, line.text, DIALOGUE_W)
    paren_lines = _lines(pdf, f"({paren})", PAREN_W) if paren else []
    _keep(pdf, 1 + len(paren_lines) + min(2, len(spoken)))
    _block(pdf, line.speaker.upper(), DIALOGUE_X, DIALOGUE_W, align="C")
    for text in paren_lines:
        pdf.put_line(text, PAREN_X, PAREN_W)
    for text in spoken:
        pdf.put_line(text, DIALOGUE_X, DIALOGUE_W)


def _transition(kind: str, *, is_last: bool) -> str:
    if kind == "DISSOLVE":
        return "DISSOLVE TO:"
    if kind == "FADE":
        return "FADE OUT." if is_last else "FADE TO:"
    return "FADE OUT." if is_last else "CUT TO:"
