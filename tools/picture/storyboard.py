"""Storyboard panels: one composed 9:16 still per shot, drawn with Pillow.

A panel is what a studio shows a client: the scene's place painted for its hour
(:mod:`tools.picture.places`), the cast in their pinned looks (:mod:`tools.picture.cast`),
framed wide, medium or close, and lettered with the place and the action
(:mod:`tools.picture.lettering`). The set is painted once per scene; a tighter framing is a
closer, softer crop of the same set, so the shots of a scene cut together. The bottom fifth
is kept clear for burned-in subtitles and phone controls. Panels are drawn slightly larger
than the frame so the camera can drift.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image

from film.presence import drawn_as_person
from film.screenplay import CharacterProfile, Genre
from tools.backends.base import RenderRequest, Shot
from tools.picture.animals import Animal, animal_of, paste_animal
from tools.picture.cast import Placement, paste_figure
from tools.picture.figures import Appearance, appearance, stable_index
from tools.picture.lettering import Lettering
from tools.picture.looks import look_for
from tools.picture.places import paint_place, place_spec

MARGIN = 1.08
#: Where an animal may sit, in frame widths, best first: between or beside the people.
_ANIMAL_SPOTS = (0.5, 0.72, 0.28, 0.86, 0.14)
FRAMINGS = ("WIDE", "MEDIUM", "CLOSE")
# framing: (zoom into the set, background softening at 1080 wide, figure height, foot y)
_FRAMES = {
    "WIDE": (1.0, 0.0, 0.3, 0.71),
    "MEDIUM": (1.3, 2.0, 0.74, 1.1),
    "CLOSE": (1.75, 5.0, 1.22, 1.52),
}


def canvas_size(width: int, height: int, margin: float = MARGIN) -> tuple[int, int]:
    """Size of the oversized panel for a ``width`` x ``height`` frame (even numbers)."""
    return (int(width * margin) // 2 * 2, int(height * margin) // 2 * 2)


def framing_for(shot: Shot) -> str:
    """Wide to establish, then alternate medium and close: the classic coverage rhythm.

    A close-up shows one face, so a shot in which two people speak is a medium instead:
    framed close, the second speaker's lines were heard over the first one's face.
    """
    framing = FRAMINGS[shot.index % 3] if shot.index else "WIDE"
    if framing == "CLOSE" and len({line.speaker for line in shot.dialogue}) > 1:
        return "MEDIUM"
    return framing


class ScenePainter:
    """Panels for the shots of one scene, sharing one painted set."""

    def __init__(self, request: RenderRequest, margin: float = MARGIN) -> None:
        self.request = request
        self.look = look_for(request.screenplay.genre)
        self.frame = (request.width, request.height)
        self.size = canvas_size(request.width, request.height, margin)
        self.origin = ((self.size[0] - request.width) // 2, (self.size[1] - request.height) // 2)
        self.spec = place_spec(request.scene, request.screenplay.genre)
        self._set: Image.Image | None = None

    @property
    def set(self) -> Image.Image:
        """The scene's painted set at panel size (painted on first use)."""
        if self._set is None:
            self._set = paint_place(self.spec, self.look, self.size, self.origin, self.frame)
        return self._set

    def panel(
        self, shot: Shot, *, dialogue_on_frame: bool = True, lettered: bool = True
    ) -> Image.Image:
        """The panel for ``shot``, sized :func:`canvas_size`.

        ``lettered=False`` leaves out every letter (name tags, place, action): a start frame
        for a video model, which would keep the letters in the clip.
        """
        framing = framing_for(shot)
        zoom, blur, figure_h, foot = _FRAMES[framing]
        if self.request.screenplay.genre == Genre.AESTHETIC_SCENERY:
            # The land is the subject: people stay small in it, even in a close shot.
            zoom, figure_h, foot = (
                1.0 + (zoom - 1.0) * 0.4,
                figure_h * 0.5,
                0.71 + (foot - 0.71) * 0.3,
            )
        image = self._background(zoom, blur * self.frame[0] / 1080)
        names = self._cast(shot, framing)
        spots = self._placements(names, framing, figure_h, foot)
        for name, spot in zip(names, spots, strict=True):
            paste_figure(image, self._looks(name), spot)
        beside = self._animals(shot, framing, [self._frame_x(s.x) for s in spots], figure_h, foot)
        for animal, spot in beside:
            paste_animal(image, animal, spot)
        image = vignette(image)
        if not lettered:
            return image
        letters = Lettering(
            image, self.origin, self.frame, self.look, self.request.screenplay.language
        )
        if framing == "WIDE" and names:
            tags = [(n, self._frame_x(s.x)) for n, s in zip(names, spots, strict=True)]
            tags += [(a.name, self._frame_x(s.x)) for a, s in beside]
            letters.name_tags(tags, foot + 0.012)
        if not shot.continued:  # the same moment as the shot before: its caption once
            letters.heading(self.request.scene, shot.description, first=shot.index == 0)
        if dialogue_on_frame and shot.dialogue:
            letters.dialogue([(line.speaker, line.text) for line in shot.dialogue])
        return image

    def _background(self, zoom: float, blur: float) -> Image.Image:
        """The set, or a closer crop of it (centred a little above the middle), softened."""
        if zoom <= 1.0:
            return self.set.copy()
        w, h = self.size
        cx, cy = w / 2, self.origin[1] + self.frame[1] * 0.5
        box_w, box_h = w / zoom, h / zoom
        top = min(max(0.0, cy - box_h / 2), h - box_h)
        box = (cx - box_w / 2, top, cx + box_w / 2, top + box_h)
        if blur <= 0:
            return self.set.resize(self.size, Image.Resampling.BILINEAR, box=box)
        # Out of focus: sample the crop small and scale it back up (a Gaussian blur of the
        # whole panel costs ten times as much and looks no different under the figures).
        small = (max(2, int(w / blur)), max(2, int(h / blur)))
        soft = self.set.resize(small, Image.Resampling.BILINEAR, box=box)
        return soft.resize(self.size, Image.Resampling.BICUBIC)

    def _cast(self, shot: Shot, framing: str) -> list[str]:
        """Who is seen: everyone in a wide, up to three in a medium, one in a close.

        Narrators, things that speak ("The sea") and animals are heard over the picture, not
        drawn as people (:func:`film.presence.drawn_as_person`).
        """
        bible = self.request.bible
        names = [
            name
            for name in dict.fromkeys(shot.characters or self.request.scene.characters)
            if drawn_as_person(name, (_profile(bible, name) or _NOBODY).role)
        ]
        return names[: {"WIDE": 4, "MEDIUM": 3, "CLOSE": 1}[framing]]

    def _animals(
        self, shot: Shot, framing: str, taken: list[float], height: float, foot: float
    ) -> list[tuple[Animal, Placement]]:
        """The shot's animals (:mod:`tools.picture.animals`), each on a free spot of ground.

        In a wide shot it sits at the people's feet. Closer in, the people's feet are out of
        the frame and so would the animal be: a closer shot with people in it shows only
        them, and one with nobody in it shows the animal, large and in the middle.
        """
        if framing != "WIDE":
            if taken:
                return []
            foot, height = 0.78, 1.25
        fw, fh = self.frame
        ox, oy = self.origin
        found: list[tuple[Animal, Placement]] = []
        for name in dict.fromkeys(shot.characters or self.request.scene.characters):
            profile = _profile(self.request.bible, name)
            animal = animal_of(profile) if profile is not None else None
            free = [x for x in _ANIMAL_SPOTS if all(abs(x - t) >= 0.16 for t in taken)]
            if animal is None or not free:
                continue
            taken = [*taken, free[0]]
            found.append((animal, Placement(ox + fw * free[0], oy + fh * foot, fh * height)))
        return found[:2]

    def _placements(
        self, names: list[str], framing: str, height: float, foot: float
    ) -> list[Placement]:
        """Feet and height for each figure, in panel pixels."""
        fw, fh = self.frame
        ox, oy = self.origin
        count = len(names)
        if not count:
            return []
        if framing == "CLOSE":  # one face: the speaker, or the first person named
            return [Placement(ox + fw * 0.5, oy + fh * foot, fh * height)]
        if count == 1:
            side = (0.4, 0.6)[stable_index(self.spec.seed, 2)]
            xs = [side]
        else:
            spread = 0.6 if framing == "WIDE" else 0.62
            xs = [0.5 - spread / 2 + spread * i / (count - 1) for i in range(count)]
        return [Placement(ox + fw * x, oy + fh * foot, fh * height) for x in xs]

    def _frame_x(self, panel_x: float) -> float:
        return (panel_x - self.origin[0]) / self.frame[0]

    def _looks(self, name: str) -> Appearance:
        return appearance(name, _profile(self.request.bible, name))


def draw_shot(
    request: RenderRequest, shot: Shot, *, dialogue_on_frame: bool = True, margin: float = MARGIN
) -> Image.Image:
    """The panel for ``shot`` of ``request.scene`` (paints the set; prefer a ScenePainter)."""
    return ScenePainter(request, margin).panel(shot, dialogue_on_frame=dialogue_on_frame)


def vignette(image: Image.Image) -> Image.Image:
    """Darken the corners a little, as a lens does: it holds the eye on the middle."""
    return Image.composite(image, Image.new("RGB", image.size), _vignette_mask(image.size))


@lru_cache(maxsize=4)
def _vignette_mask(size: tuple[int, int]) -> Image.Image:
    small = Image.radial_gradient("L").resize((64, 64))  # 0 in the middle, 255 at the rim
    ramp = small.point(lambda v: 255 - int(max(0, v - 150) * 0.55))
    return ramp.resize(size, Image.Resampling.BILINEAR)


_NOBODY = CharacterProfile(name="-", role="")


def _profile(bible: tuple[CharacterProfile, ...], name: str) -> CharacterProfile | None:
    wanted = name.strip().lower()
    return next((c for c in bible if c.name.lower() == wanted), None)
