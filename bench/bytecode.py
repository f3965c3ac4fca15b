"""Compile the package to bytecode before timing new processes.

`pip install .` compiles every module at install time; an editable install does not, and where
PYTHONDONTWRITEBYTECODE is set (as on our CI machines) each new process would compile our sources again,
a cost no installed user pays. Writing the .pyc files once makes the timed processes start like an install.
"""

from __future__ import annotations

import compileall
import sys
from pathlib import Path


def compile_package() -> None:
    import careercopilot

    root = Path(careercopilot.__file__).parent
    flag = sys.flags.dont_write_bytecode
    compileall.compile_dir(root, quiet=1, force=False)  # compileall writes even when the flag is set
    if flag:
        print(f"(compiled {root} to bytecode first, as pip install does)")
