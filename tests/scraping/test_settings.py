"""`[boards.NAME]` tables: defaults, what enables a board, and one clear sentence for every mistake."""

from __future__ import annotations

import pytest

from careercopilot.scraping.base import rebase
from careercopilot.scraping.registry import build_boards
from careercopilot.scraping.settings import KEYLESS, default_board_settings, parse_board_settings


def test_only_keyless_boards_are_enabled_without_any_setting():
    defaults = default_board_settings(env={})
    assert {name for name, board in defaults.items() if board.enabled} == set(KEYLESS)
    assert defaults["remotive"].requests_per_minute == 2
    assert [board.name for board in build_boards(defaults)] == list(KEYLESS)


def test_ats_boards_are_enabled_by_company_tokens_and_key_boards_by_a_key():
    assert parse_board_settings("greenhouse", {"companies": ["acme"]}, env={}).enabled
    assert parse_board_settings("reed", {}, env={"REED_API_KEY": "k"}).enabled
    assert not parse_board_settings("adzuna", {}, env={"ADZUNA_APP_KEY": "k"}).enabled  # the app id is missing too
    custom = parse_board_settings("reed", {"api_key_env": "MY_REED"}, env={"MY_REED": "k"})
    assert custom.enabled and custom.api_key == "k"


def test_explicit_enabled_wins_and_the_key_never_shows_in_repr():
    settings = parse_board_settings("reed", {"enabled": False}, env={"REED_API_KEY": "secret"})
    assert not settings.enabled and "secret" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "table", "message"),
    [
        ("remotive", {"compnies": ["x"]}, "unknown key 'compnies'"),
        ("remotive", {"companies": ["x"]}, "unknown key 'companies'"),
        ("remotive", {"enabled": "yes"}, "enabled must be true or false"),
        ("arbeitnow", {"requests_per_minute": 0}, "requests_per_minute must be a number"),
        ("arbeitnow", {"max_pages": 1.5}, "max_pages must be a whole number from 1 to 100"),
        ("greenhouse", {"companies": "acme"}, "companies must be a list"),
        ("arbeitnow", {"base_url": "http://127.0.0.1:8080/api"}, "base_url must be a scheme and host"),
        ("reed", {"api_key_env": "not a name"}, "api_key_env must name an environment variable"),
        ("myboard", {}, "is not a built-in board; add type"),
        ("myboard", {"type": "xml"}, "type must be one of"),
        ("lever", {"type": "greenhouse"}, "cannot change the built-in board"),
        ("myjson", {"type": "json", "url": "https://x.example/jobs"}, "fields must map at least id, title and url"),
        ("myjson", {"type": "json", "url": "https://x.example/{nope}", "fields": {}}, "unknown placeholders"),
        ("myrss", {"type": "rss"}, "needs url"),
        ("Bad Name", {}, "board names use lower-case"),
    ],
)
def test_mistakes_are_named_in_one_sentence(name, table, message):
    with pytest.raises(ValueError, match=message) as error:
        parse_board_settings(name, table, env={})
    text = str(error.value)
    assert text.endswith(".") and "\n" not in text


def test_a_declarative_ats_board_reuses_the_adapter_under_its_own_name():
    settings = parse_board_settings("portfolio", {"type": "greenhouse", "companies": ["acme", "globex"]}, env={})
    (board,) = build_boards({"portfolio": settings})
    assert board.name == "portfolio" and type(board).__name__ == "GreenhouseBoard"


def test_base_url_replaces_only_scheme_and_host():
    real = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    assert rebase(real, "http://127.0.0.1:9000") == "http://127.0.0.1:9000/v1/boards/acme/jobs?content=true"
    assert rebase(real, None) == real
    assert parse_board_settings("remotive", {"base_url": "http://127.0.0.1:9000/"}, env={}).base_url == (
        "http://127.0.0.1:9000"
    )


def test_build_boards_by_name_reports_unknown_names():
    with pytest.raises(KeyError, match="unknown board 'nope'"):
        build_boards(default_board_settings(env={}), only=["nope"])
