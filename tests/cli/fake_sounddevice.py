"""A stand-in for sounddevice: this machine has no audio device, so recordings read a scripted stream."""

from __future__ import annotations

import types

from careercopilot.voice import SAMPLE_RATE


class PortAudioError(Exception):
    pass


def fake_sounddevice(*, fail: str = "") -> types.ModuleType:
    """A stand-in for sounddevice: an input stream of silence, or one that cannot open a device."""

    class RawInputStream:
        def __init__(self, **options: object) -> None:
            if fail:
                raise PortAudioError(fail)
            assert options["samplerate"] == SAMPLE_RATE and options["channels"] == 1
            self.read_frames = 0

        def __enter__(self) -> RawInputStream:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self, frames: int) -> tuple[bytes, bool]:
            self.read_frames += frames
            return b"\x00\x01" * frames, False

    module = types.ModuleType("sounddevice")
    module.RawInputStream = RawInputStream  # type: ignore[attr-defined]
    module.PortAudioError = PortAudioError  # type: ignore[attr-defined]
    return module
