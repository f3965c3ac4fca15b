"""Run the real CLI in-process with Typer's runner, on the test's isolated home."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Invoke `careercopilot ARGS` with optional stdin; each call is a fresh command like a new process."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    import careercopilot.services.auth as auth
    from careercopilot.cli import app
    from careercopilot.cli.common import state

    monkeypatch.setattr(auth, "DEFAULT_HASHER", PasswordHasher.from_parameters(CHEAPEST))
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        if state.services is not None:
            state.services.close()
        state.services = None
        return runner.invoke(app, list(args), input=input)

    yield invoke
    if state.services is not None:
        state.services.close()
        state.services = None


@pytest.fixture
def signed_in(cli):
    """alice, registered and signed in through the CLI."""
    assert cli("user", "register", "-u", "alice", "-e", "alice@example.org", "--password-stdin",
               input="tulip-harbour-42\n").exit_code == 0
    assert cli("login", "-u", "alice", "--password-stdin", input="tulip-harbour-42\n").exit_code == 0
    return cli
