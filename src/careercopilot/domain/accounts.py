"""Accounts: who is signed in, what they may do, and which passwords we refuse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from importlib.resources import files

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # well above the 64 ASVS asks for, low enough to stop hash-cost abuse
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,31}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Role(StrEnum):
    ADMIN = "admin"
    USER = "user"


@dataclass(frozen=True, slots=True)
class UserContext:
    """The authenticated caller every service method that touches user data takes."""

    user_id: int
    username: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


@dataclass(frozen=True, slots=True)
class UserView:
    id: int
    username: str
    email: str
    role: Role
    is_active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A fresh session: the token is shown to the client once and only its hash is stored."""

    user: UserContext
    token: str
    expires_at: datetime


@cache
def _common_passwords() -> frozenset[str]:
    text = files("careercopilot.data").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def password_problem(password: str, username: str = "", email: str = "") -> str | None:
    """Why a new password is refused, as one sentence, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Password is too short: use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Password is too long: use at most {MAX_PASSWORD_LENGTH} characters."
    lowered = password.lower()
    if lowered in _common_passwords():
        return "Password is one of the most common passwords; choose something less guessable."
    if lowered in {username.lower(), email.lower(), email.lower().split("@")[0]} - {""}:
        return "Password must not be your username or email address."
    return None


def username_problem(username: str) -> str | None:
    if not USERNAME_PATTERN.match(username):
        return ("Username must be 2-32 characters: lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit.")
    return None


def email_problem(email: str) -> str | None:
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        return f"'{email}' is not an email address."
    return None
