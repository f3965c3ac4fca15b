"""The LLM layer on the database: response cache, token ledger and JSON-mode memory, and one coach per user.

Nothing here imports `openai`: the client loads on the first real LLM call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from careercopilot.db.base import utcnow
from careercopilot.db.engine import Database
from careercopilot.db.models import LlmCache, LlmCapability, LlmUsage, User
from careercopilot.db.upsert import upsert_insert
from careercopilot.domain.accounts import UserContext
from careercopilot.errors import BadInput, ConfigError
from careercopilot.keystore import KeyStore
from careercopilot.llm.coach import Coach
from careercopilot.llm.settings import LLMSettings, api_key_name, endpoint_warning, resolve_api_key
from careercopilot.llm.structured import JsonMode

if TYPE_CHECKING:
    from careercopilot.llm.client import EndpointStatus, LLMClient

OFFLINE = LLMSettings()
NO_ENDPOINT = "No LLM endpoint is configured; set llm.base_url in config.toml (the offline coach works without one)."


class DbResponseCache:
    """One user's validated LLM answers; the same evaluation twice costs nothing."""

    def __init__(self, db: Database, user_id: int) -> None:
        self.db, self.user_id = db, user_id

    def get(self, key: str) -> Any | None:
        with self.db.read() as s:
            return s.scalar(select(LlmCache.value).where(LlmCache.user_id == self.user_id, LlmCache.key == key))

    def put(self, key: str, value: Any) -> None:
        try:
            with self.db.begin() as s:
                s.merge(LlmCache(user_id=self.user_id, key=key, value=value, created_at=utcnow()))
        except IntegrityError:  # another process stored the same answer first: theirs is as good
            pass


class DbUsageRecorder:
    """Tokens per user, UTC day and model, added with one upsert so parallel calls never lose a count."""

    def __init__(self, db: Database, user_id: int, today: Callable[[], date] = lambda: utcnow().date()) -> None:
        self.db, self.user_id, self._today = db, user_id, today

    def record(self, model: str, prompt_tokens: int, completion_tokens: int) -> None:
        row = {"user_id": self.user_id, "day": self._today(), "model": model[:200],
               "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "calls": 1}
        statement = upsert_insert(self.db.engine.dialect.name, LlmUsage).values(**row)
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "day", "model"],
            set_={
                "prompt_tokens": LlmUsage.prompt_tokens + statement.excluded.prompt_tokens,
                "completion_tokens": LlmUsage.completion_tokens + statement.excluded.completion_tokens,
                "calls": LlmUsage.calls + 1,
            },
        )
        with self.db.begin() as s:
            s.execute(statement)

    def tokens_today(self) -> int:
        with self.db.read() as s:
            total = s.scalar(select(func.sum(LlmUsage.prompt_tokens + LlmUsage.completion_tokens))
                             .where(LlmUsage.user_id == self.user_id, LlmUsage.day == self._today()))
        return int(total or 0)


class DbCapabilityStore:
    """Which JSON mode each endpoint accepts, remembered across runs; read once per process."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._known: dict[str, JsonMode] = {}

    def get(self, endpoint: str) -> JsonMode | None:
        if endpoint not in self._known:
            with self.db.read() as s:
                mode = s.scalar(select(LlmCapability.json_mode).where(LlmCapability.endpoint == endpoint))
            if mode in set(JsonMode):
                self._known[endpoint] = JsonMode(mode)
        return self._known.get(endpoint)

    def put(self, endpoint: str, mode: JsonMode) -> None:
        self._known[endpoint] = mode
        try:
            with self.db.begin() as s:
                s.merge(LlmCapability(endpoint=endpoint[:1000], json_mode=mode.value, updated_at=utcnow()))
        except IntegrityError:  # another process learned the same thing at the same moment
            pass


@dataclass(frozen=True, slots=True)
class UsageView:
    """Tokens one user spent today (UTC) against the daily budget (0: no limit)."""

    day: date
    prompt_tokens: int
    completion_tokens: int
    calls: int
    budget: int
    model: str | None  # None when offline

    @property
    def total(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class LlmService:
    """Who talks to the LLM: one coach per user (their cache and ledger), the endpoint check and the key."""

    def __init__(self, db: Database, settings: LLMSettings | None, keystore: KeyStore,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.settings = settings or OFFLINE
        self.keystore = keystore
        self._clock = clock
        self._capabilities = DbCapabilityStore(db)
        self._coaches: dict[int, Coach] = {}
        self._lock = threading.Lock()

    @property
    def offline(self) -> bool:
        return self.settings.offline

    def coach_for(self, user: UserContext) -> Coach:
        """The user's coach, kept for the process so the HTTP client and its connections are reused."""
        with self._lock:
            coach = self._coaches.get(user.user_id)
            if coach is None:
                coach = Coach(self.settings, cache=DbResponseCache(self.db, user.user_id),
                              usage=self._ledger(user), capabilities=self._capabilities,
                              client=None if self.offline else self._client(user))
                self._coaches[user.user_id] = coach
            return coach

    def _ledger(self, user: UserContext) -> DbUsageRecorder:
        return DbUsageRecorder(self.db, user.user_id, lambda: self._clock().date())

    def _client(self, user: UserContext | None) -> LLMClient:
        from careercopilot.llm.client import LLMClient

        return LLMClient(self.settings, api_key=resolve_api_key(self.settings, self.keystore),
                         usage=self._ledger(user) if user is not None else None)

    def status(self, user: UserContext | None = None) -> EndpointStatus:
        """`llm test`: reachable, key accepted, model served, budget left; one sentence either way."""
        from careercopilot.llm.client import EndpointStatus

        if self.offline:
            return EndpointStatus(False, NO_ENDPOINT)
        return self._client(user).check_endpoint()

    def warning(self) -> str | None:
        return endpoint_warning(self.settings)

    def set_key(self, key: str) -> str:
        """Store the endpoint's API key in the keystore (never the config); returns the entry's name."""
        if self.offline or self.settings.base_url is None:
            raise ConfigError(NO_ENDPOINT)
        key = key.strip()
        if not key or any(ch.isspace() for ch in key):
            raise BadInput("The API key is empty or contains spaces; paste it again.")
        name = api_key_name(self.settings.base_url)
        self.keystore.set(name, key)
        with self._lock:
            self._coaches.clear()  # coaches hold clients built with the old key
        return name

    def contact_email(self, user: UserContext) -> str | None:
        """The user's email, which redaction keeps from leaving the machine."""
        with self.db.read() as s:
            return s.scalar(select(User.email).where(User.id == user.user_id))

    def usage_today(self, user: UserContext) -> UsageView:
        today = self._clock().date()
        with self.db.read() as s:
            prompt, completion, calls = s.execute(
                select(func.coalesce(func.sum(LlmUsage.prompt_tokens), 0),
                       func.coalesce(func.sum(LlmUsage.completion_tokens), 0),
                       func.coalesce(func.sum(LlmUsage.calls), 0))
                .where(LlmUsage.user_id == user.user_id, LlmUsage.day == today)).one()
        return UsageView(today, int(prompt), int(completion), int(calls), self.settings.daily_token_budget,
                         None if self.offline else self.settings.model)
