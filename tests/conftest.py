"""Shared fixtures: an in-memory keyring, isolated data dirs, and services on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

PG_ADMIN_URL = os.environ.get("CAREERCOPILOT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


class MemoryKeyring(KeyringBackend):
    """A secure-looking backend that keeps secrets in memory, so tests never touch $HOME."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and config dir; the user's real files are never touched."""
    home = tmp_path / "home"
    monkeypatch.setenv("CAREERCOPILOT_HOME", str(home))
    monkeypatch.delenv("CAREERCOPILOT_CONFIG", raising=False)
    monkeypatch.delenv("CAREERCOPILOT_DATABASE_URL", raising=False)
    return home


def postgres_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            pass
        import psycopg  # noqa: F401
    except (OSError, ImportError):
        return False
    return True


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A SQLAlchemy URL on a fresh schema of the local PostgreSQL server, dropped afterwards."""
    if not postgres_available():
        pytest.skip("PostgreSQL is not answering on 127.0.0.1:5432 (CI starts one)")
    import psycopg

    schema = f"cc_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    base = PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}?options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, isolated_home: Path) -> str:
    """Service tests run once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{isolated_home / 'careercopilot.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def make_services(database_url: str, isolated_home: Path) -> Iterator:
    """Build Services on the test database with a cheap password hasher; closes them afterwards."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from careercopilot.config import load_settings
    from careercopilot.keystore import KeyStore
    from careercopilot.services import build_services

    built = []

    def factory(**overrides: object):
        settings = load_settings(database_url=database_url)
        options = {"hasher": PasswordHasher.from_parameters(CHEAPEST),
                   "keystore": KeyStore(isolated_home / "secrets.json"), **overrides}
        services = build_services(settings, **options)
        built.append(services)
        return services

    yield factory
    for services in built:
        services.close()


@pytest.fixture
def services(make_services):
    return make_services()


@pytest.fixture
def alice(services):
    """A signed-in user (the first account, so an admin)."""
    services.auth.register("alice", "alice@example.org", "tulip-harbour-42")
    return services.auth.login("alice", "tulip-harbour-42").user


@pytest.fixture
def bob(services, alice):
    """A second, ordinary user, for isolation tests."""
    services.auth.register("bob", "bob@example.org", "granite-lantern-77")
    return services.auth.login("bob", "granite-lantern-77").user
