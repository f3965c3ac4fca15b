"""`careercopilot --help` against a minimal one-command Typer app's `--help` (target: median ratio <= 1.3).

Runs the two alternately, so machine noise hits both alike, and prints medians and the median ratio.

    python bench/cli_help.py --runs 20
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bytecode import compile_package


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    ours = [shutil.which("careercopilot") or sys.exit("careercopilot is not installed"), "--help"]
    floor = [sys.executable, str(Path(__file__).with_name("floor_typer_app.py")), "--help"]
    wall(ours), wall(floor)  # warm the file cache once
    pairs = [(wall(ours), wall(floor)) for _ in range(runs)]
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    ratio = statistics.median(x / y for x, y in pairs)
    print(f"careercopilot --help   median {statistics.median(a) * 1000:6.1f} ms")
    print(f"minimal Typer --help   median {statistics.median(b) * 1000:6.1f} ms")
    print(f"median ratio (pairwise): {ratio:.2f}x  (target <= 1.3x)")


if __name__ == "__main__":
    main()
