"""Telling Python's cycle collector which objects stay for the whole run."""

from __future__ import annotations

import gc

_PYTHON_GC_THRESHOLDS = gc.get_threshold()  # as the interpreter started, before any of the settings below
# A command makes most of its objects while importing libraries, and nearly all of them live until it exits:
# with the default young generation (700 objects) it ran about 200 collections, 40-80 ms of rescanning them,
# and a 20,000-posting scrape spent 1.24 s collecting instead of 0.45 s.
COMMAND_GC_THRESHOLDS = (50_000, 20, 10)
# Small young collections between frames, as Python's defaults; but after the freeze the old generation is small,
# so Python's rule (a full collection once it grew by a quarter) ran one every few seconds, 13-22 ms inside a
# card move: ten times fewer keep a move at about 16 ms instead of 31-37 ms.
SCREEN_GC_THRESHOLDS = (700, 10, 100)


def for_commands() -> None:
    gc.set_threshold(*COMMAND_GC_THRESHOLDS)


def for_screens() -> None:
    """The TUI, also when a command (`demo`, `tui`) opens it; long-lived objects are frozen as well (settle)."""
    gc.set_threshold(*SCREEN_GC_THRESHOLDS)


def settle() -> None:
    """Move every object alive now out of the collector's reach, after sweeping the young garbage.

    Modules, services and the first screens live as long as the process. Left in the oldest generation, every
    full collection scans them all again: on a large store that took 80-90 ms each time, twice while the tracker
    opened. Frozen objects are still freed when nothing refers to them; only cycles among them are kept.
    """
    gc.collect(1)
    gc.freeze()


def release() -> None:
    """Hand the frozen objects back to the collector, with its usual pace: the run they were frozen for is over."""
    gc.unfreeze()
    gc.set_threshold(*_PYTHON_GC_THRESHOLDS)
