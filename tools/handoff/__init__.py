"""Hand-off to editors: the finished film as editable timelines next to ``film.mp4``.

People who make micro films for real finish the cut in the editor they already use. This
package writes the assembled film's pieces, music and subtitles as OpenTimelineIO,
FCPXML, a CMX 3600 EDL and a CapCut / 剪映 draft, all in one ``<title>-edit/`` folder with
its media (:mod:`tools.handoff.export`). It reads only what production left in the
project folder, and refuses a ``film.mp4`` that is not the cut of the current scenes.
"""

from tools.handoff.cut import HandoffError
from tools.handoff.export import EDIT_SUFFIX, Handoff, export_handoff, handoff_folder

__all__ = ["EDIT_SUFFIX", "Handoff", "HandoffError", "export_handoff", "handoff_folder"]
