"""The one place that talks to ffmpeg: running it, encoding raw frames, decoding, joining.

Everything the studio does with ffmpeg goes through this package, and the bundled
``imageio-ffmpeg`` binary is used so nothing depends on a system ffmpeg:

- :mod:`tools.ffmpeg.process` starts ffmpeg (to completion, or as a process whose pipes the
  caller streams through) and turns its failures into :class:`FFmpegError`;
- :mod:`tools.ffmpeg.video` holds the segment format, the frame encoder and decoder and the
  stream-copy join;
- :mod:`tools.ffmpeg.audio` holds the audio format and WAV/PCM conversion.
"""

from tools.ffmpeg.audio import (
    AAC_ARGS,
    CHANNELS,
    SAMPLE_RATE,
    decode_audio,
    has_audio,
    write_wav,
)
from tools.ffmpeg.process import (
    FFmpegError,
    FFmpegProcess,
    FFmpegTimeout,
    ffmpeg_exe,
    run_ffmpeg,
)
from tools.ffmpeg.video import (
    VIDEO_TIMESCALE,
    EncodeFormat,
    FrameEncoder,
    concat_segments,
    decode_frames,
    write_concat_list,
)

__all__ = [
    "AAC_ARGS",
    "CHANNELS",
    "SAMPLE_RATE",
    "VIDEO_TIMESCALE",
    "EncodeFormat",
    "FFmpegError",
    "FFmpegProcess",
    "FFmpegTimeout",
    "FrameEncoder",
    "concat_segments",
    "decode_audio",
    "decode_frames",
    "ffmpeg_exe",
    "has_audio",
    "run_ffmpeg",
    "write_concat_list",
    "write_wav",
]
