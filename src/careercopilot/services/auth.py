"""Accounts, sign-in with throttling, server-side sessions, and the client's stored session token."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, or_, select, update

from careercopilot import session_hint
from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database, runner
from careercopilot.db.identity import session_secret_name
from careercopilot.db.models import AuthSession, Profile, User
from careercopilot.domain.accounts import (
    Role,
    SignedIn,
    UserContext,
    UserView,
    email_problem,
    password_problem,
    username_problem,
)
from careercopilot.domain.text import plural
from careercopilot.errors import AuthError, BadInput, NotFound, PermissionDenied
from careercopilot.keystore import KeyStore
from careercopilot.services.session_lookup import (
    NOT_SIGNED_IN,
    SESSION_EXPIRED,
    hash_token,
    session_user,
)

# OWASP: argon2id with m >= 19 MiB, t >= 2, p = 1; we go a little above the memory floor.
DEFAULT_HASHER = PasswordHasher(time_cost=2, memory_cost=24 * 1024, parallelism=1)
FREE_ATTEMPTS = 5
MAX_LOCK_SECONDS = 15 * 60
INVALID_CREDENTIALS = "Invalid username or password."


def _view(user: User) -> UserView:
    return UserView(user.id, user.username, user.email, Role(user.role), user.is_active, user.created_at)


def _context(user: User) -> UserContext:
    return UserContext(user.id, user.username, Role(user.role))


class AuthService:
    def __init__(
        self,
        db: Database,
        keystore: KeyStore,
        session_hours: float = 24.0,
        hasher: PasswordHasher = DEFAULT_HASHER,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.keystore = keystore
        self.session_lifetime = timedelta(hours=session_hours)
        self.hasher = hasher
        self.clock = clock
        self._dummy_hash: str | None = None

    # --- accounts -------------------------------------------------------------------------------

    def register(self, username: str, email: str, password: str) -> UserView:
        """Create an account; the first account becomes admin."""
        username, email = username.strip().lower(), email.strip().lower()
        problem = username_problem(username) or email_problem(email) or password_problem(password, username, email)
        if problem:
            raise BadInput(problem)
        password_hash = self.hasher.hash(password)  # hash outside the write lock: it is the slow part
        with self.db.begin() as s:
            taken = s.scalar(select(User.id).where(or_(User.username == username, User.email == email)))
            if taken is not None:
                raise BadInput("That username or email is already registered; sign in instead.")
            first = s.scalar(select(func.count()).select_from(User)) == 0
            user = User(username=username, email=email, password_hash=password_hash,
                        role=Role.ADMIN if first else Role.USER)
            s.add(user)
            s.flush()
            s.add(Profile(user_id=user.id))
            return _view(user)

    def login(self, identifier: str, password: str) -> SignedIn:
        """Verify credentials (username or email) and open a session; throttled per account."""
        identifier = identifier.strip().lower()
        now = self.clock()
        with self.db.read() as s:
            user = s.scalar(select(User).where(or_(User.username == identifier, User.email == identifier)))
        if user is None:
            self._verify_dummy(password)  # same cost as a real check, so timing does not reveal accounts
            raise AuthError(INVALID_CREDENTIALS)
        if user.locked_until is not None and user.locked_until > now:
            wait = int((user.locked_until - now).total_seconds()) + 1
            raise AuthError(f"Too many failed sign-ins for this account; try again in {plural(wait, 'second')}.")
        if not self._verify(user.password_hash, password):
            self._record_failure(user.id, now)
            raise AuthError(INVALID_CREDENTIALS)
        if not user.is_active:
            raise AuthError("This account is disabled; ask an administrator to enable it.")
        token = secrets.token_urlsafe(32)  # 256 random bits
        expires = now + self.session_lifetime
        new_hash = self.hasher.hash(password) if self.hasher.check_needs_rehash(user.password_hash) else None
        with self.db.begin() as s:
            values = {"failed_logins": 0, "locked_until": None}
            if new_hash:
                values["password_hash"] = new_hash
            s.execute(update(User).where(User.id == user.id).values(**values))
            s.add(AuthSession(user_id=user.id, token_hash=hash_token(token), created_at=now, expires_at=expires))
        return SignedIn(_context(user), token, expires)

    def authenticate(self, token: str) -> UserContext:
        with self.db.read() as s:
            return session_user(runner(s), token, self.clock())

    def logout(self, token: str) -> None:
        with self.db.begin() as s:
            s.execute(
                update(AuthSession)
                .where(AuthSession.token_hash == hash_token(token), AuthSession.revoked_at.is_(None))
                .values(revoked_at=self.clock())
            )

    def whoami(self, user: UserContext) -> UserView:
        with self.db.read() as s:
            row = s.get(User, user.user_id)
            if row is None:
                raise AuthError(SESSION_EXPIRED)
            return _view(row)

    def change_password(self, user: UserContext, current: str, new: str) -> None:
        with self.db.read() as s:
            row = s.get(User, user.user_id)
        if row is None or not self._verify(row.password_hash, current):
            raise AuthError("The current password is wrong.")
        self._set_password(row, new, revoke_sessions=False)

    # --- administration -------------------------------------------------------------------------

    def require_admin(self, user: UserContext) -> None:
        """Refuse a non-administrator up front, so a front door asks for nothing an admin command would need."""
        self._require_admin(user)

    def list_users(self, admin: UserContext) -> list[UserView]:
        self._require_admin(admin)
        with self.db.read() as s:
            return [_view(u) for u in s.scalars(select(User).order_by(User.id))]

    def set_active(self, admin: UserContext, username: str, active: bool) -> UserView:
        self._require_admin(admin)
        user = self._find(username)
        if user.id == admin.user_id and not active:
            raise BadInput("You cannot disable your own account.")
        with self.db.begin() as s:
            s.execute(update(User).where(User.id == user.id).values(is_active=active))
            if not active:  # a disabled account loses its open sessions at once
                s.execute(update(AuthSession).where(AuthSession.user_id == user.id,
                                                    AuthSession.revoked_at.is_(None)).values(revoked_at=self.clock()))
        return self._view_of(user.id)

    def reset_password(self, admin: UserContext, username: str, new_password: str) -> None:
        self._require_admin(admin)
        self._set_password(self._find(username), new_password, revoke_sessions=True)

    def active_user_ids(self) -> list[int]:
        """For jobs that act on behalf of every user (cron scrape, broadcasts)."""
        with self.db.read() as s:
            return list(s.scalars(select(User.id).where(User.is_active.is_(True)).order_by(User.id)))

    # --- the client's stored token --------------------------------------------------------------

    @property
    def _token_name(self) -> str:
        return session_secret_name(self.db.url)

    def remember(self, signed_in: SignedIn) -> None:
        self.keystore.set(self._token_name, signed_in.token)
        session_hint.mark(self.db.url)

    def stored_token(self) -> str | None:
        return self.keystore.get(self._token_name)

    def resume(self) -> UserContext:
        """The user of the stored session, or AuthError telling them to sign in."""
        token = self.stored_token()
        if not token:
            raise AuthError(NOT_SIGNED_IN)
        return self.authenticate(token)

    def forget(self) -> None:
        token = self.stored_token()
        if token:
            self.logout(token)
        self.keystore.delete(self._token_name)
        session_hint.unmark(self.db.url)

    # --- helpers --------------------------------------------------------------------------------

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _verify_dummy(self, password: str) -> None:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash(secrets.token_hex(16))
        self._verify(self._dummy_hash, password)

    def _record_failure(self, user_id: int, now: datetime) -> None:
        with self.db.begin() as s:
            failures = s.scalar(select(User.failed_logins).where(User.id == user_id)) + 1
            locked_until = None
            if failures >= FREE_ATTEMPTS:
                # 1 s after the fifth failure, then doubling, capped at 15 minutes.
                locked_until = now + timedelta(seconds=min(2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_SECONDS))
            s.execute(update(User).where(User.id == user_id).values(failed_logins=failures,
                                                                    locked_until=locked_until))

    def _set_password(self, user: User, password: str, revoke_sessions: bool) -> None:
        problem = password_problem(password, user.username, user.email)
        if problem:
            raise BadInput(problem)
        new_hash = self.hasher.hash(password)
        with self.db.begin() as s:
            s.execute(update(User).where(User.id == user.id).values(password_hash=new_hash, failed_logins=0,
                                                                    locked_until=None))
            if revoke_sessions:
                s.execute(update(AuthSession).where(AuthSession.user_id == user.id,
                                                    AuthSession.revoked_at.is_(None)).values(revoked_at=self.clock()))

    def _find(self, username: str) -> User:
        with self.db.read() as s:
            user = s.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise NotFound(f"There is no user named '{username}'.")
        return user

    def _view_of(self, user_id: int) -> UserView:
        with self.db.read() as s:
            return _view(s.get(User, user_id))

    @staticmethod
    def _require_admin(user: UserContext) -> None:
        if not user.is_admin:
            raise PermissionDenied("Only an administrator can do that.")
