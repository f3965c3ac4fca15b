"""Accounts, sessions, throttling and administration, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from sqlalchemy import select

from careercopilot.db.models import AuthSession, User
from careercopilot.domain.accounts import Role
from careercopilot.errors import AuthError, BadInput, NotFound, PermissionDenied
from careercopilot.services.auth import INVALID_CREDENTIALS, hash_token


def test_first_account_is_admin_and_later_ones_are_users(services):
    first = services.auth.register("Alice", "Alice@Example.org", "tulip-harbour-42")
    second = services.auth.register("bob", "bob@example.org", "granite-lantern-77")
    assert (first.username, first.email, first.role) == ("alice", "alice@example.org", Role.ADMIN)
    assert second.role is Role.USER


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short1", "too short"), ("password123", "common"), ("x" * 1025, "too long"), ("carol-smith", None)],
)
def test_refused_passwords_explain_why(services, password, reason):
    if reason is None:  # a password equal to the username is refused too
        with pytest.raises(BadInput, match="username or email"):
            services.auth.register("carol-smith", "carol@example.org", password)
        return
    with pytest.raises(BadInput, match=reason):
        services.auth.register("carol", "carol@example.org", password)


def test_a_64_character_password_is_accepted(services):
    services.auth.register("carol", "carol@example.org", "p" * 40 + "q" * 24)
    assert services.auth.login("carol", "p" * 40 + "q" * 24).user.username == "carol"


def test_duplicate_username_or_email_is_refused(services, alice):
    with pytest.raises(BadInput, match="already registered"):
        services.auth.register("alice", "other@example.org", "another-secret-9")
    with pytest.raises(BadInput, match="already registered"):
        services.auth.register("alice2", "ALICE@example.org", "another-secret-9")


def test_login_by_username_or_email_and_same_message_for_unknown_user(services, alice):
    assert services.auth.login("ALICE@example.org", "tulip-harbour-42").user.user_id == alice.user_id
    with pytest.raises(AuthError) as wrong:
        services.auth.login("alice", "not-the-password")
    with pytest.raises(AuthError) as unknown:
        services.auth.login("nobody", "not-the-password")
    assert wrong.value.message == unknown.value.message == INVALID_CREDENTIALS
    assert wrong.value.exit_code == unknown.value.exit_code == 3


def test_only_the_token_hash_is_stored_and_the_token_authenticates(services, alice):
    signed_in = services.auth.login("alice", "tulip-harbour-42")
    assert len(signed_in.token) >= 43  # 32 random bytes, url-safe base64
    with services.db.read() as s:
        stored = list(s.scalars(select(AuthSession.token_hash)))
    assert hash_token(signed_in.token) in stored
    assert signed_in.token not in stored
    assert services.auth.authenticate(signed_in.token).username == "alice"


def test_logout_and_expiry_end_the_session(make_services, services, alice):
    signed_in = services.auth.login("alice", "tulip-harbour-42")
    services.auth.logout(signed_in.token)
    with pytest.raises(AuthError, match="careercopilot login"):
        services.auth.authenticate(signed_in.token)
    fresh = services.auth.login("alice", "tulip-harbour-42")
    services.auth.clock = lambda: datetime.now(UTC) + timedelta(hours=25)
    with pytest.raises(AuthError, match="expired"):
        services.auth.authenticate(fresh.token)


def test_throttling_after_five_failures_survives_a_new_process_and_resets_on_success(make_services, services,
                                                                                       alice):
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    services.auth.clock = lambda: now
    for _ in range(5):
        with pytest.raises(AuthError, match="Invalid"):
            services.auth.login("alice", "wrong-password")
    restarted = make_services()  # a new process: state must come from the database
    restarted.auth.clock = lambda: now
    with pytest.raises(AuthError, match="try again in"):
        restarted.auth.login("alice", "tulip-harbour-42")
    with pytest.raises(AuthError, match="Invalid"):  # the sixth failure after the lock doubles the delay
        restarted.auth.clock = lambda: now + timedelta(seconds=2)
        restarted.auth.login("alice", "wrong-password")
    with services.db.read() as s:
        user = s.scalar(select(User).where(User.username == "alice"))
    assert user.failed_logins == 6
    assert user.locked_until == now + timedelta(seconds=2) + timedelta(seconds=2)
    restarted.auth.clock = lambda: now + timedelta(seconds=10)
    restarted.auth.login("alice", "tulip-harbour-42")
    with services.db.read() as s:
        user = s.scalar(select(User).where(User.username == "alice"))
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_hash_is_upgraded_on_login_when_parameters_change(make_services, services, alice):
    stronger = make_services(hasher=PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1))
    with services.db.read() as s:
        before = s.scalar(select(User.password_hash).where(User.username == "alice"))
    stronger.auth.login("alice", "tulip-harbour-42")
    with services.db.read() as s:
        after = s.scalar(select(User.password_hash).where(User.username == "alice"))
    assert before != after and "m=1024,t=2,p=1" in after
    assert PasswordHasher.from_parameters(CHEAPEST).verify(after, "tulip-harbour-42")


def test_default_hasher_meets_owasp():
    from careercopilot.services.auth import DEFAULT_HASHER

    assert DEFAULT_HASHER.memory_cost >= 19 * 1024 and DEFAULT_HASHER.time_cost >= 2
    assert DEFAULT_HASHER.type.name == "ID"


def test_admin_can_disable_enable_and_reset_but_a_user_cannot(services, alice, bob):
    bob_session = services.auth.login("bob", "granite-lantern-77")
    with pytest.raises(PermissionDenied):
        services.auth.list_users(bob)
    with pytest.raises(PermissionDenied):
        services.auth.set_active(bob, "alice", False)
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        services.auth.require_admin(bob)
    services.auth.require_admin(alice)
    assert [u.username for u in services.auth.list_users(alice)] == ["alice", "bob"]
    services.auth.set_active(alice, "bob", False)
    with pytest.raises(AuthError, match=r"disabled|expired"):
        services.auth.authenticate(bob_session.token)
    with pytest.raises(AuthError, match="disabled"):
        services.auth.login("bob", "granite-lantern-77")
    services.auth.set_active(alice, "bob", True)
    services.auth.reset_password(alice, "bob", "new-granite-99")
    assert services.auth.login("bob", "new-granite-99").user.username == "bob"
    with pytest.raises(NotFound):
        services.auth.set_active(alice, "nobody", True)
    with pytest.raises(BadInput, match="own account"):
        services.auth.set_active(alice, "alice", False)


def test_stored_session_is_resumed_and_forgotten(services, alice, memory_keyring):
    with pytest.raises(AuthError, match="not signed in"):
        services.auth.resume()
    services.auth.remember(services.auth.login("alice", "tulip-harbour-42"))
    assert any(service == "careercopilot" for service, _ in memory_keyring.store)
    assert services.auth.resume().username == "alice"
    services.auth.forget()
    with pytest.raises(AuthError, match="not signed in"):
        services.auth.resume()
