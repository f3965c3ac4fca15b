"""Recording a spoken answer from the microphone into a WAV file, through sounddevice (the `voice` extra).

sounddevice needs the PortAudio library and an input device; without either the user gets one sentence saying
what is missing, and an audio file (--audio) still works.
"""

from __future__ import annotations

import wave
from pathlib import Path

from careercopilot.errors import BadInput

SAMPLE_RATE = 16_000  # what speech-to-text models expect; more only makes the upload bigger
MAX_SECONDS = 600
UNTIMED_SECONDS = 120  # how long a spoken practice answer is recorded when the session has no time limit
BLOCK_FRAMES = 1_600  # a tenth of a second per read
NOT_AVAILABLE = ("Recording from the microphone needs the voice extra and PortAudio "
                 "(pip install 'careercopilot[voice]'; Debian: apt install libportaudio2): {reason}. "
                 "Record elsewhere and pass the file with --audio instead.")


def record_wav(path: Path, seconds: float) -> Path:
    """Record `seconds` of mono 16-bit audio from the default input device into `path`."""
    if not 1 <= seconds <= MAX_SECONDS:
        raise BadInput(f"A recording lasts 1 to {MAX_SECONDS} seconds, not {seconds:g}.")
    try:
        import sounddevice
    except (ImportError, OSError) as exc:  # OSError: the module is there but PortAudio is not
        raise BadInput(NOT_AVAILABLE.format(reason=exc)) from None
    frames = round(seconds * SAMPLE_RATE)
    try:
        with sounddevice.RawInputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16",
                                        blocksize=BLOCK_FRAMES) as stream, wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            recorded = 0
            while recorded < frames:
                data, _overflowed = stream.read(min(BLOCK_FRAMES, frames - recorded))
                out.writeframes(bytes(data))
                recorded += min(BLOCK_FRAMES, frames - recorded)
    except sounddevice.PortAudioError as exc:
        path.unlink(missing_ok=True)
        raise BadInput(f"No microphone could be opened ({exc}); pass a recording with --audio instead.") from None
    return path
