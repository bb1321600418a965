"""Starting ffmpeg: the only module of the studio that runs a process or finds the binary.

Two shapes cover every use: :func:`run_ffmpeg` runs a command to completion (optionally
within a time limit) and hands back what it wrote to stdout; :class:`FFmpegProcess` is a
running ffmpeg whose pipes the caller streams through. Either way a failure becomes an
:class:`FFmpegError` that says what was being done and ends with ffmpeg's own complaint.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from functools import cache
from types import TracebackType
from typing import IO

import imageio_ffmpeg

_LOG_TAIL = 800  # characters of ffmpeg's log quoted in an error message


class FFmpegError(RuntimeError):
    """ffmpeg exited with an error; the message carries the end of its log.

    ``log`` is ffmpeg's whole complaint, for callers that phrase their own message.
    """

    def __init__(self, message: str, log: str = "") -> None:
        super().__init__(message)
        self.log = log


class FFmpegTimeout(FFmpegError):
    """ffmpeg ran past its time limit and was killed."""


@cache
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg (libx264 + aac), never a system one."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def base_command() -> list[str]:
    """The start of every command: quiet but for errors, never asking, overwriting output."""
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]


def run_ffmpeg(args: Sequence[str], *, what: str, timeout_s: float | None = None) -> bytes:
    """Run ffmpeg with ``args`` to completion and return what it wrote to stdout.

    Raises:
        FFmpegTimeout: when it runs longer than ``timeout_s`` (it is killed first).
        FFmpegError: naming ``what`` was being done and ffmpeg's own complaint.
    """
    try:
        proc = subprocess.run(
            [*base_command(), *args], capture_output=True, check=False, timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        raise FFmpegTimeout(f"ffmpeg took longer than {timeout_s:g} s while {what}") from None
    if proc.returncode != 0:
        log = proc.stderr.decode("utf-8", "replace").strip()
        raise FFmpegError(f"ffmpeg failed while {what}: {log[-_LOG_TAIL:]}", log)
    return proc.stdout


class FFmpegProcess:
    """A running ffmpeg that the caller feeds (``stdin``) and/or reads from (``stdout``).

    Its log goes to a temporary file rather than a pipe, so a chatty ffmpeg can never stall
    on a full stderr buffer while the caller is busy with the other pipes. Use it as a
    context manager: leaving the block normally finishes it (and checks it succeeded); an
    exception kills it, so no half-written output looks finished and no process is left.
    """

    def __init__(
        self, args: Sequence[str], *, what: str, feed: bool = False, read: bool = False
    ) -> None:
        self.what = what
        self._abandoned = False
        self._log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [*base_command(), *args],
            stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
            stdout=subprocess.PIPE if read else subprocess.DEVNULL,
            stderr=self._log,
        )

    @property
    def stdin(self) -> IO[bytes]:
        """The pipe ffmpeg reads its input from (only when started with ``feed=True``)."""
        if self._proc.stdin is None:
            raise ValueError(f"ffmpeg {self.what} was not started to be fed")
        return self._proc.stdin

    @property
    def stdout(self) -> IO[bytes]:
        """The pipe ffmpeg writes its output to (only when started with ``read=True``)."""
        if self._proc.stdout is None:
            raise ValueError(f"ffmpeg {self.what} was not started to be read")
        return self._proc.stdout

    def finish(self) -> None:
        """Close the pipes, wait for ffmpeg to end and check it succeeded.

        After :meth:`kill` this only tidies up: the output was abandoned on purpose.

        Raises:
            FFmpegError: naming ``what`` and quoting ffmpeg's log.
        """
        self._close_pipes()
        if self._proc.wait() != 0 and not self._abandoned:
            raise self.failure()

    def kill(self) -> None:
        """Stop ffmpeg now, abandoning its output (its exit status is no longer checked)."""
        self._abandoned = True
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._close_pipes()

    def log(self) -> str:
        """What ffmpeg logged, once it has ended (waits for that)."""
        self._proc.wait()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip()

    def failure(self) -> FFmpegError:
        """The error to raise for this process, quoting the end of its log."""
        log = self.log()
        return FFmpegError(f"ffmpeg failed while {self.what}: {log[-_LOG_TAIL:]}", log)

    def _close_pipes(self) -> None:
        for stream in (self._proc.stdin, self._proc.stdout):
            if stream is not None and not stream.closed:
                try:
                    stream.close()
                except BrokenPipeError:  # ffmpeg already gone; its exit code says why
                    pass

    def __enter__(self) -> FFmpegProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.finish()
            else:
                self.kill()
        finally:
            self._log.close()
