"""Fonts that can draw both Chinese and Latin text, found inside installed packages.

Nothing is downloaded: the CJK face ships in the ``pylopdf-fonts-zh-cn`` wheel (Noto Sans
SC / Noto Serif SC, SIL OFL). A missing font is a broken install, so it raises loudly
instead of silently falling back to a face that draws empty boxes.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


class FontMissingError(RuntimeError):
    """The packaged CJK font is not installed."""


@cache
def _package_dir() -> Path:
    spec = importlib.util.find_spec("pylopdf_fonts_zh_cn")
    if spec is None or not spec.submodule_search_locations:
        raise FontMissingError(
            "The CJK font package 'pylopdf-fonts-zh-cn' is missing; run the README set-up "
            "command again to install the locked environment."
        )
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def cjk_sans_path() -> Path:
    """Noto Sans SC: captions, subtitles, cards and the cover's body text."""
    return _find("NotoSansSC-Regular.otf")


@cache
def cjk_serif_path() -> Path:
    """Noto Serif SC: titles of the more classical genres and the screenplay PDF."""
    return _find("NotoSerifSC-Regular.otf")


def _find(name: str) -> Path:
    path = _package_dir() / name
    if not path.is_file():
        raise FontMissingError(f"Font file {name} is missing from {path.parent}.")
    return path
