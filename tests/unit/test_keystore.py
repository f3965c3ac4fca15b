"""Where secrets go (the keyring when a secure one exists, else a private file) and where they are read from."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import keyring
from keyring.backends import fail

from careercopilot.keystore import SERVICE, KeyStore


def test_without_a_secure_keyring_secrets_go_to_a_private_file(tmp_path: Path, capsys) -> None:
    keyring.set_keyring(fail.Keyring())
    store = KeyStore(tmp_path / "secrets.json")
    store.set("session", "token-a")
    assert not store.uses_keyring
    assert json.loads(store.fallback_file.read_text()) == {"session": "token-a"}
    assert stat.S_IMODE(store.fallback_file.stat().st_mode) == 0o600
    assert "no secure system keyring found" in capsys.readouterr().err
    assert KeyStore(store.fallback_file).get("session") == "token-a"


def test_a_secret_kept_in_the_file_is_still_found_once_a_keyring_appears(tmp_path: Path, memory_keyring) -> None:
    keyring.set_keyring(fail.Keyring())
    KeyStore(tmp_path / "secrets.json").set("session", "token-a")
    keyring.set_keyring(memory_keyring)

    store = KeyStore(tmp_path / "secrets.json")
    assert store.uses_keyring
    assert store.get("session") == "token-a"  # signed in before the keyring was installed: still signed in

    store.set("session", "token-b")  # the next sign-in moves the secret into the keyring and out of the file
    assert memory_keyring.store[(SERVICE, "session")] == "token-b"
    assert "session" not in json.loads(store.fallback_file.read_text())
    assert KeyStore(store.fallback_file).get("session") == "token-b"

    store.delete("session")
    assert KeyStore(store.fallback_file).get("session") is None
    assert (SERVICE, "session") not in memory_keyring.store


def test_deleting_removes_the_secret_from_both_places(tmp_path: Path, memory_keyring) -> None:
    keyring.set_keyring(fail.Keyring())
    KeyStore(tmp_path / "secrets.json").set("api", "old")
    keyring.set_keyring(memory_keyring)
    memory_keyring.set_password(SERVICE, "api", "new")
    KeyStore(tmp_path / "secrets.json").delete("api")
    assert KeyStore(tmp_path / "secrets.json").get("api") is None


def test_reading_a_secret_from_the_file_does_not_load_the_keyring(tmp_path: Path) -> None:
    """Finding the keyring's backend costs 100-150 ms; a cron job reading its token from the file skips it."""
    secrets = tmp_path / "secrets.json"
    secrets.write_text(json.dumps({"session": "token-a"}))
    code = ("import sys\nfrom pathlib import Path\nfrom careercopilot.keystore import KeyStore\n"
            f"print(KeyStore(Path({str(secrets)!r})).get('session'), 'keyring' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["token-a", "False"], result.stderr
