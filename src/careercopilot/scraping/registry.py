"""Board type name -> adapter class, and the enabled boards built from their settings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import import_module

from careercopilot.scraping.base import Board
from careercopilot.scraping.settings import BoardSettings

# Imported on demand so asking for one board does not load the others.
BOARD_CLASSES: dict[str, str] = {
    "arbeitnow": "arbeitnow:ArbeitnowBoard",
    "remotive": "remotive:RemotiveBoard",
    "remoteok": "remoteok:RemoteOkBoard",
    "himalayas": "himalayas:HimalayasBoard",
    "jobicy": "jobicy:JobicyBoard",
    "weworkremotely": "weworkremotely:WeWorkRemotelyBoard",
    "hackernews": "hackernews:HackerNewsBoard",
    "themuse": "themuse:TheMuseBoard",
    "greenhouse": "greenhouse:GreenhouseBoard",
    "lever": "lever:LeverBoard",
    "ashby": "ashby:AshbyBoard",
    "workable": "workable:WorkableBoard",
    "smartrecruiters": "smartrecruiters:SmartRecruitersBoard",
    "reed": "reed:ReedBoard",
    "adzuna": "adzuna:AdzunaBoard",
    "usajobs": "usajobs:UsaJobsBoard",
    "json": "declarative:JsonBoard",
    "rss": "declarative:RssBoard",
}


def board_class(board_type: str) -> type[Board]:
    """The adapter class for a board type; KeyError names the unknown type."""
    module_name, _, class_name = BOARD_CLASSES[board_type].partition(":")
    module = import_module(f"careercopilot.scraping.boards.{module_name}")
    return getattr(module, class_name)


def build_board(settings: BoardSettings) -> Board:
    return board_class(settings.type)(settings)  # type: ignore[call-arg]


def build_boards(settings: Mapping[str, BoardSettings], only: Iterable[str] | None = None) -> list[Board]:
    """Enabled boards in config order; `only` picks boards by name (and then ignores `enabled`)."""
    if only is not None:
        wanted = list(dict.fromkeys(only))
        unknown = [name for name in wanted if name not in settings]
        if unknown:
            raise KeyError(f"unknown board {unknown[0]!r}; known boards: {', '.join(sorted(settings))}")
        return [build_board(settings[name]) for name in wanted]
    return [build_board(board) for board in settings.values() if board.enabled]
