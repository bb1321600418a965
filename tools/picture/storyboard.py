"""Storyboard panels: one composed 9:16 still per shot, drawn with Pillow.

A panel carries what a director reads off a storyboard: where and when (the heading), the
framing, the single action of the shot, who is in it wearing what (pinned from the bible),
and optionally the lines spoken, over the scene's set (:mod:`tools.picture.scenery`). The
bottom fifth is kept clear for burned-in subtitles and phone controls. Panels are drawn
slightly larger than the frame so the camera can drift.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from film.screenplay import CharacterProfile, Scene
from tools.backends.base import RenderRequest, Shot
from tools.picture.figures import draw_figure, figure_colours
from tools.picture.looks import GenreLook, font, is_dark, look_for
from tools.picture.scenery import draw_set, mix
from tools.picture.typeset import block_height, draw_block

MARGIN = 1.08
FRAMINGS = ("WIDE", "MEDIUM", "CLOSE")
_FIGURE_HEIGHT = {"WIDE": 0.26, "MEDIUM": 0.34, "CLOSE": 0.46}


def canvas_size(width: int, height: int, margin: float = MARGIN) -> tuple[int, int]:
    """Size of the oversized panel for a ``width`` x ``height`` frame (even numbers)."""
    return (int(width * margin) // 2 * 2, int(height * margin) // 2 * 2)


def framing_for(shot: Shot) -> str:
    """Wide to establish, then alternate medium and close: the classic coverage rhythm."""
    return FRAMINGS[shot.index % 3] if shot.index else "WIDE"


def draw_shot(
    request: RenderRequest, shot: Shot, *, dialogue_on_frame: bool = True, margin: float = MARGIN
) -> Image.Image:
    """The panel for ``shot`` of ``request.scene``, sized :func:`canvas_size`."""
    scene, look = request.scene, look_for(request.screenplay.genre)
    width, height = request.width, request.height
    size = canvas_size(width, height, margin)
    origin = ((size[0] - width) // 2, (size[1] - height) // 2)
    image = draw_set(scene, look, size, origin, (width, height))
    draw = ImageDraw.Draw(image)
    unit = width / 1080
    frame = Frame(draw, origin, width, height, unit, look)
    framing = framing_for(shot)
    _figures(frame, shot, scene, request.bible, framing)
    _header(frame, request, shot, framing)
    _panel(frame, shot, scene.visual, request.bible)
    if dialogue_on_frame and shot.dialogue:
        _dialogue(frame, shot)
    return image


class Frame:
    """Drawing helpers in frame coordinates (the panel has a margin around the frame)."""

    def __init__(
        self,
        draw: ImageDraw.ImageDraw,
        origin: tuple[int, int],
        width: int,
        height: int,
        unit: float,
        look: GenreLook,
    ) -> None:
        self.draw, self.origin, self.width, self.height = draw, origin, width, height
        self.unit, self.look = unit, look

    def at(self, x: float, y: float) -> tuple[int, int]:
        """Canvas pixel of the frame point (x, y) given as fractions of the frame."""
        return (self.origin[0] + int(x * self.width), self.origin[1] + int(y * self.height))

    def px(self, value: float) -> int:
        """A length designed at 1080 px wide, scaled to this frame."""
        return max(1, int(value * self.unit))


def _figures(
    frame: Frame, shot: Shot, scene: Scene, bible: tuple[CharacterProfile, ...], framing: str
) -> None:
    names = list(shot.characters or scene.characters)[:4]
    if not names:
        return
    figure_h = int(frame.height * _FIGURE_HEIGHT[framing])
    foot_y = 0.6 if framing != "CLOSE" else 0.7
    outline = (20, 20, 20) if not frame.look.heavy_outline else frame.look.ink
    line = frame.px(7 if frame.look.heavy_outline else 4)
    label = font(frame.px(34))
    for index, name in enumerate(names):
        x = (index + 1) / (len(names) + 1)
        foot = frame.at(x, foot_y)
        profile = _profile(bible, name)
        draw_figure(frame.draw, foot, figure_h, figure_colours(name, profile), outline, line)
        tag_x = foot[0] - int(label.getlength(name)) // 2
        tag_y = foot[1] - figure_h - frame.px(60)
        frame.draw.text(
            (tag_x, tag_y),
            name,
            font=label,
            fill=(255, 255, 255),
            stroke_width=frame.px(3),
            stroke_fill=(20, 20, 20),
        )


def _header(frame: Frame, request: RenderRequest, shot: Shot, framing: str) -> None:
    look, scene = frame.look, request.scene
    x, y = frame.at(0.07, 0.06)
    max_w = int(frame.width * 0.86)
    bar_h = frame.px(170)
    frame.draw.rectangle(
        (x - frame.px(24), y - frame.px(18), x + max_w + frame.px(24), y + bar_h),
        fill=look.paper,
        outline=look.accent,
        width=frame.px(6),
    )
    heading = font(frame.px(50), look.serif_titles)
    ink = (245, 245, 245) if is_dark(look.paper) else look.ink
    y = draw_block(
        frame.draw,
        (x, y),
        scene.heading,
        heading,
        ink,
        max_w,
        max_lines=1,
        stroke=frame.px(1),
        stroke_fill=ink,
    )
    when = request.screenplay.setting_time.strip()
    count = f"SC {scene.number} · SHOT {shot.index + 1} · {framing} · {shot.duration_s:.1f}s"
    detail = f"{count} · {when}" if when else count
    draw_block(
        frame.draw,
        (x, y + frame.px(6)),
        detail,
        font(frame.px(32)),
        look.accent,
        max_w,
        max_lines=1,
    )


def _panel(frame: Frame, shot: Shot, visual: str, bible: tuple[CharacterProfile, ...]) -> None:
    """The action of the shot, the scene's look, and the pinned look of everyone in it."""
    look = frame.look
    x, top = frame.at(0.07, 0.62)
    max_w = int(frame.width * 0.86)
    body = font(frame.px(42), look.serif_titles)
    notes = font(frame.px(30))
    cast = [_note(_profile(bible, n), n) for n in shot.characters[:3]]
    cast_text = "\n".join(c for c in [visual.strip(), *cast] if c)
    height = block_height(shot.description, body, max_w, max_lines=4)
    if cast_text:
        height += frame.px(16) + block_height(cast_text, notes, max_w, max_lines=5)
    pad = frame.px(26)
    bottom = min(top + height + pad, frame.at(0, 0.79)[1])
    frame.draw.rounded_rectangle(
        (x - pad, top - pad, x + max_w + pad, bottom + pad // 2),
        radius=frame.px(24),
        fill=look.paper,
        outline=look.ink,
        width=frame.px(3),
    )
    ink = (245, 245, 245) if is_dark(look.paper) else look.ink
    y = draw_block(frame.draw, (x, top), shot.description, body, ink, max_w, max_lines=4)
    if cast_text:
        draw_block(
            frame.draw,
            (x, y + frame.px(16)),
            cast_text,
            notes,
            mix(ink, look.paper, 0.3),
            max_w,
            max_lines=5,
            line_gap=0.25,
        )


def _dialogue(frame: Frame, shot: Shot) -> None:
    """Lines spoken in the shot, lettered where subtitles would sit."""
    text = "\n".join(f"{line.speaker}: {line.text}" for line in shot.dialogue)
    x, y = frame.at(0.08, 0.81)
    draw_block(
        frame.draw,
        (x, y),
        text,
        font(frame.px(44)),
        (255, 255, 255),
        int(frame.width * 0.84),
        max_lines=4,
        stroke=frame.px(4),
        stroke_fill=(10, 10, 10),
        line_gap=0.2,
    )


def _profile(bible: tuple[CharacterProfile, ...], name: str) -> CharacterProfile | None:
    wanted = name.strip().lower()
    return next((c for c in bible if c.name.lower() == wanted), None)


def _note(profile: CharacterProfile | None, name: str) -> str:
    if profile is None:
        return ""
    parts = [p for p in (profile.look, profile.wardrobe, ", ".join(profile.props)) if p]
    return f"{name.upper()} — " + " · ".join(parts) if parts else ""
