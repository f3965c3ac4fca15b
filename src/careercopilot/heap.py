"""Telling Python's cycle collector which objects stay for the whole run."""

from __future__ import annotations

import gc


def settle() -> None:
    """Move every object alive now out of the collector's reach, after sweeping the young garbage.

    Modules, services and the first screens live as long as the process. Left in the oldest generation, every
    full collection scans them all again: on a large store that took 80-90 ms each time, twice while the tracker
    opened. Frozen objects are still freed when nothing refers to them; only cycles among them are kept.
    """
    gc.collect(1)
    gc.freeze()
