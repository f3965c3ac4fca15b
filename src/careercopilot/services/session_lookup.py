"""Whose session a token is: one query and one rule, for the auth service and for commands run without SQLAlchemy."""

from __future__ import annotations

import hashlib
from datetime import datetime

from careercopilot.db.plain_sql import Run, stored_moment
from careercopilot.domain.accounts import Role, UserContext
from careercopilot.errors import AuthError

SESSION_EXPIRED = "Your session has expired or was revoked; run 'careercopilot login'."
NOT_SIGNED_IN = "You are not signed in; run 'careercopilot login'."
ACCOUNT_DISABLED = "This account is disabled; ask an administrator to enable it."

_SESSION = ("SELECT u.id, u.username, u.role, u.is_active, s.revoked_at, s.expires_at "
            "FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :token_hash")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_user(run: Run, token: str, now: datetime) -> UserContext:
    """The user `token` signs in, or AuthError saying why it does not."""
    found = next(iter(run(_SESSION, {"token_hash": hash_token(token)})), None)
    if found is None:
        raise AuthError(SESSION_EXPIRED)
    user_id, username, role, is_active, revoked_at, expires_at = found
    if revoked_at is not None or stored_moment(expires_at) <= now:  # type: ignore[operator]
        raise AuthError(SESSION_EXPIRED)
    if not is_active:
        raise AuthError(ACCOUNT_DISABLED)
    return UserContext(int(user_id), username, Role(role))
