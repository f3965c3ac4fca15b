"""`careercopilot --help` must stay light: none of the heavy libraries may load."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("textual", "sqlalchemy", "httpx", "openai", "bs4", "plotext", "alembic", "argon2", "lxml")


def test_help_imports_nothing_heavy():
    code = ("import sys\nsys.argv = ['careercopilot', '--help']\nfrom careercopilot.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "Usage" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "LOADED="


def test_domain_and_services_never_import_textual():
    code = ("import sys, careercopilot.services, careercopilot.domain.text, careercopilot.db.models\n"
            "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
