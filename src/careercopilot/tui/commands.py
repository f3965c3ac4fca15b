"""The command palette (ctrl+p): every area and app action, as the app lists them for the current user."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from careercopilot.tui.app import CareerCopilotApp, Command


class CareerCopilotCommands(Provider):
    def _commands(self) -> list[Command]:
        return cast("CareerCopilotApp", self.app).palette_commands()

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
