"""More speakers from a one-speaker voice: move pitch and formants together by resampling.

Neither offline neural voice has a second speaker: ``en_US-joe-medium`` is one man, the
Mandarin voice one woman. Playing a line ``factor`` times faster raises its pitch *and* its
formants by ``factor``, which a listener hears as a smaller (above 1) or larger (below 1)
person rather than a sped-up recording, provided the line was first synthesised ``factor``
times slower. Measured with Whisper base (``bench/RESULTS.md``): English stays intelligible
from 0.88 to 1.4, Mandarin from 0.8 to 1.2; beyond that it sounds processed and Mandarin
intelligibility falls fast (0.72 doubles the character error rate).
"""

from __future__ import annotations

import numpy as np

from tools.sound.voices.levels import to_length


def resample_by(samples: np.ndarray, factor: float) -> np.ndarray:
    """``samples`` played ``factor`` times faster at the same rate (band-limited)."""
    if abs(factor - 1.0) < 1e-6:
        return samples.astype(np.float32, copy=False)
    return to_length(samples, round(samples.size / factor))
