"""Per-board settings: built-in defaults (published rate limits) and the checks for `[boards.NAME]` tables."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

KEYLESS = (
    "arbeitnow",
    "remotive",
    "remoteok",
    "himalayas",
    "jobicy",
    "weworkremotely",
    "hackernews",
    "themuse",
)
ATS = ("greenhouse", "lever", "ashby", "workable", "smartrecruiters")
KEYED = ("reed", "adzuna", "usajobs")
DECLARATIVE = ("json", "rss")
# Other names users give a declarative type: an Atom feed is read by the same feed board as RSS.
TYPE_SYNONYMS = {"atom": "rss"}
PAGING = ("none", "page", "offset", "cursor", "next")
TEMPLATE_FIELDS = ("query", "location", "page", "offset", "cursor", "size")
JSON_FIELDS = (
    "id", "title", "company", "url", "apply_url", "location", "remote", "posted_at", "expires_at",
    "description", "salary", "salary_min", "salary_max", "salary_currency", "salary_interval", "tags",
    "employment_type", "seniority", "department", "category", "company_url",
)  # fmt: skip
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMMON_KEYS = ("type", "enabled", "base_url", "requests_per_minute", "max_pages", "params")
_KEYS_BY_KIND = {
    "keyless": _COMMON_KEYS,
    "ats": (*_COMMON_KEYS, "companies"),
    "keyed": (*_COMMON_KEYS, "api_key_env", "account_env"),
    "json": (*_COMMON_KEYS, "url", "items", "paging", "page_param", "page_start", "page_size", "next",
             "fields"),
    "rss": (*_COMMON_KEYS, "url"),
}  # fmt: skip


@dataclass(frozen=True)
class BoardSettings:
    """Everything one board needs to run; `api_key`/`account` are filled from the environment, never config."""

    name: str
    type: str
    enabled: bool = False
    base_url: str | None = None
    companies: tuple[str, ...] = ()
    api_key_env: str | None = None
    account_env: str | None = None
    api_key: str | None = field(default=None, repr=False)
    account: str | None = field(default=None, repr=False)
    requests_per_minute: float = 30.0
    max_pages: int = 5
    params: tuple[tuple[str, str], ...] = ()
    url: str | None = None
    items: str = ""
    paging: str = "none"
    page_param: str = "page"
    page_start: int = 1
    page_size: int = 0
    next: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    def param(self, name: str, default: str = "") -> str:
        return dict(self.params).get(name, default)

    @property
    def field_paths(self) -> dict[str, str]:
        return dict(self.fields)


# Published or observed limits (shared/reference/job_sources.md); pages are the board's own page size.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "arbeitnow": {"requests_per_minute": 30, "max_pages": 3},
    "remotive": {"requests_per_minute": 2, "max_pages": 1},
    "remoteok": {"requests_per_minute": 10, "max_pages": 1},
    "himalayas": {"requests_per_minute": 20, "max_pages": 5},
    "jobicy": {"requests_per_minute": 1, "max_pages": 1},
    "weworkremotely": {"requests_per_minute": 10, "max_pages": 1},
    "hackernews": {"requests_per_minute": 60, "max_pages": 1},
    "themuse": {"requests_per_minute": 8, "max_pages": 5},
    "greenhouse": {"requests_per_minute": 30, "max_pages": 1},
    "lever": {"requests_per_minute": 30, "max_pages": 5},
    "ashby": {"requests_per_minute": 30, "max_pages": 1},
    "workable": {"requests_per_minute": 20, "max_pages": 1},
    "smartrecruiters": {"requests_per_minute": 60, "max_pages": 2},
    "reed": {"requests_per_minute": 10, "max_pages": 3, "api_key_env": "REED_API_KEY"},
    "adzuna": {
        "requests_per_minute": 25,
        "max_pages": 3,
        "api_key_env": "ADZUNA_APP_KEY",
        "account_env": "ADZUNA_APP_ID",
    },
    "usajobs": {
        "requests_per_minute": 30,
        "max_pages": 2,
        "api_key_env": "USAJOBS_API_KEY",
        "account_env": "USAJOBS_EMAIL",
    },
    "json": {"requests_per_minute": 30, "max_pages": 3},
    "rss": {"requests_per_minute": 10, "max_pages": 1},
}


def kind_of(board_type: str) -> str:
    if board_type in KEYLESS:
        return "keyless"
    if board_type in ATS:
        return "ats"
    if board_type in KEYED:
        return "keyed"
    return board_type


def parse_board_settings(name: str, table: Mapping[str, Any], env: Mapping[str, str] | None = None) -> BoardSettings:
    """Check one `[boards.NAME]` table against the board's defaults; ValueError names the key at fault."""
    env = os.environ if env is None else env
    if not _NAME.match(name):
        raise ValueError("board names use lower-case letters, digits, '-' and '_' only.")
    board_type = _board_type(name, table)
    kind = kind_of(board_type)
    allowed = _KEYS_BY_KIND[kind]
    for key in table:
        if key not in allowed:
            raise ValueError(f"has an unknown key '{key}'; expected one of: {', '.join(allowed)}.")
    values: dict[str, Any] = {"name": name, "type": board_type, **_DEFAULTS[board_type]}
    for key, value in table.items():
        if key != "type":
            values[key] = _CHECKS[key](key, value)
    if kind == "json":
        _check_json_board(values)
    if kind == "rss" and not values.get("url"):
        raise ValueError('needs url = "https://…/feed.rss" for a type = "rss" board.')
    settings = BoardSettings(**values)
    settings = replace(
        settings,
        api_key=_env_value(env, settings.api_key_env),
        account=_env_value(env, settings.account_env),
    )
    if "enabled" not in table:
        settings = replace(settings, enabled=_enabled_by_default(settings, kind))
    return settings


def default_board_settings(env: Mapping[str, str] | None = None) -> dict[str, BoardSettings]:
    """Settings of every built-in board as if config.toml said nothing about it."""
    return {name: parse_board_settings(name, {}, env) for name in (*KEYLESS, *ATS, *KEYED)}


def _board_type(name: str, table: Mapping[str, Any]) -> str:
    declared = table.get("type")
    declared = TYPE_SYNONYMS.get(declared, declared) if isinstance(declared, str) else declared
    definable = (*DECLARATIVE, *ATS)
    if name in _DEFAULTS and name not in DECLARATIVE:
        if declared not in (None, name):
            raise ValueError(f"type cannot change the built-in board '{name}'; pick another name for your board.")
        return name
    if declared is None:
        raise ValueError(f"is not a built-in board; add type = one of {', '.join(definable)} to define it.")
    if not isinstance(declared, str) or declared not in definable:
        raise ValueError(f"type must be one of {', '.join(definable)}, not {declared!r}.")
    return declared


def _enabled_by_default(settings: BoardSettings, kind: str) -> bool:
    if kind == "keyless":
        return True
    if kind == "ats":
        return bool(settings.companies)
    if kind == "keyed":
        return bool(settings.api_key) and (settings.account_env is None or bool(settings.account))
    return True


def _env_value(env: Mapping[str, str], name: str | None) -> str | None:
    value = env.get(name, "").strip() if name else ""
    return value or None


def _check_json_board(values: dict[str, Any]) -> None:
    if not values.get("url"):
        raise ValueError('needs url = "https://…" (a template that may use {page}, {offset}, {query}…).')
    paths = dict(values.get("fields", ()))
    missing = [name for name in ("id", "title", "url") if name not in paths]
    if missing:
        raise ValueError(f"fields must map at least id, title and url to JSON paths; missing {', '.join(missing)}.")
    if values.get("paging") in ("cursor", "next") and not values.get("next"):
        raise ValueError(f'paging = "{values["paging"]}" needs next = the JSON path of the next cursor or URL.')


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}.")
    return value


def _positive_number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 600:
        raise ValueError(f"{key} must be a number of requests per minute between 0 and 600, not {value!r}.")
    return float(value)


def _count(low: int, high: int) -> Any:
    def check(key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{key} must be a whole number from {low} to {high}, not {value!r}.")
        return value

    return check


def _base_url(key: str, value: Any) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise ValueError(f'{key} must be a scheme and host such as "http://127.0.0.1:8080", not {value!r}.')
    return f"{parts.scheme}://{parts.netloc}"


def _url_template(key: str, value: Any) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f'{key} must be an http(s) URL such as "https://example.com/api/jobs?page={{page}}".')
    unknown = [name for name in re.findall(r"{(\w*)}", value) if name not in TEMPLATE_FIELDS]
    if unknown:
        raise ValueError(f"{key} uses unknown placeholders {unknown}; allowed are {', '.join(TEMPLATE_FIELDS)}.")
    return value


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a string, not {value!r}.")
    return value


def _env_name(key: str, value: Any) -> str:
    if not isinstance(value, str) or not _ENV_NAME.match(value):
        raise ValueError(f'{key} must name an environment variable such as "REED_API_KEY", not {value!r}.')
    return value


def _companies(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ValueError(f'{key} must be a list of company tokens such as ["acme", "eu:acme"], not {value!r}.')
    return tuple(dict.fromkeys(item.strip() for item in value))


def _string_table(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(item, str | int | float | bool) for item in value.values()):
        raise ValueError(f"{key} must be a table of names to strings or numbers, not {value!r}.")
    return tuple((str(name), _param_text(item)) for name, item in value.items())


def _fields(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    table = _string_table(key, value)
    unknown = [name for name, _ in table if name not in JSON_FIELDS]
    if unknown:
        raise ValueError(f"{key} has unknown names {unknown}; allowed are {', '.join(JSON_FIELDS)}.")
    return table


def _paging(key: str, value: Any) -> str:
    if value not in PAGING:
        raise ValueError(f"{key} must be one of {', '.join(PAGING)}, not {value!r}.")
    return value


def _param_text(value: str | float | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


_CHECKS = {
    "enabled": _bool,
    "base_url": _base_url,
    "requests_per_minute": _positive_number,
    "max_pages": _count(1, 100),
    "params": _string_table,
    "companies": _companies,
    "api_key_env": _env_name,
    "account_env": _env_name,
    "url": _url_template,
    "items": _text,
    "paging": _paging,
    "page_param": _text,
    "page_start": _count(0, 1_000_000),
    "page_size": _count(0, 10_000),
    "next": _text,
    "fields": _fields,
}
