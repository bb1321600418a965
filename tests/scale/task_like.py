"""A keyframe drawer that runs the Ray task's body in threads, for tests without a cluster."""

from __future__ import annotations

import threading

from tools.distributed.pictures import draw_picture, picture_bytes, where_here


class TaskLikeDrawer:
    """Draws keyframes as :class:`RemoteKeyframes` does (the task body), from threads.

    ``parties`` keyframes must be in flight at once (a barrier), or the drawing times out:
    that is how a test shows a scene's keyframes were drawn in parallel.
    """

    def __init__(self, parties: int = 1) -> None:
        self.together = threading.Barrier(parties, timeout=60)
        self.threads: set[str] = set()
        self.records: list[dict] = []

    def __call__(self, kind: str, payload: dict, identity: str | None) -> bytes:
        self.together.wait()
        self.threads.add(threading.current_thread().name)
        picture = draw_picture(kind, payload, where_here("n", "t"))
        self.records.append({k: v for k, v in picture.items() if k != "png"})
        return picture_bytes(picture, identity, "keyframe")
