"""Secrets (session tokens, API keys, OAuth tokens) in the OS keyring, or a 0600 file when none is usable."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sys
from pathlib import Path

from careercopilot import paths

SERVICE = "careercopilot"
_log = logging.getLogger(__name__)


def secure_keyring_available() -> bool:
    """A backend below priority 1 (fail, null, keyrings.alt's plaintext) does not count as secure."""
    import keyring
    from keyring.backends import fail, null

    try:
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring | null.Keyring) and backend.priority >= 1
    except Exception:  # a broken backend is as good as none
        return False


class KeyStore:
    """get/set/delete by name; the fallback file lives in the data dir and is created 0600.

    Which store is used is decided on first need: finding the keyring's backend imports every backend keyring
    knows and probes them (one even runs a compiler to look for a macOS library), 100-150 ms that a command
    reading a secret from the fallback file does not need.
    """

    def __init__(self, fallback_file: Path | None = None) -> None:
        self.fallback_file = fallback_file or paths.data_dir() / "secrets.json"

    @functools.cached_property
    def uses_keyring(self) -> bool:
        return secure_keyring_available()

    def get(self, name: str) -> str | None:
        # A secret is in the file only when no secure keyring was there to take it: read it from where it was put.
        in_file = self._read_file().get(name)
        if in_file is not None or not self.uses_keyring:
            return in_file
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, name)
        except KeyringError:
            return None

    def set(self, name: str, secret: str) -> None:
        if self.uses_keyring:
            import keyring

            keyring.set_password(SERVICE, name, secret)
            self._drop_from_file(name)  # an older copy in the file would otherwise be read first
            return
        secrets = self._read_file()
        if not self.fallback_file.exists():
            # The one-time warning gh gives: the file is private but not encrypted.
            print(
                f"warning: no secure system keyring found; storing credentials in {self.fallback_file} "
                "(readable only by you).",
                file=sys.stderr,
            )
        secrets[name] = secret
        self._write_file(secrets)

    def delete(self, name: str) -> None:
        self._drop_from_file(name)
        if self.uses_keyring:
            import keyring
            from keyring.errors import KeyringError, PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError, KeyringError):
                keyring.delete_password(SERVICE, name)

    def _drop_from_file(self, name: str) -> None:
        secrets = self._read_file()
        if secrets.pop(name, None) is not None:
            self._write_file(secrets)

    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self.fallback_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

    def _write_file(self, secrets: dict[str, str]) -> None:
        paths.ensure_private_dir(self.fallback_file.parent)
        paths.write_atomically(self.fallback_file, json.dumps(secrets), mode=0o600)
