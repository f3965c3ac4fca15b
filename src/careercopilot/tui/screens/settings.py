"""Settings: the theme, where config and data live, and whether secrets sit in a secure keyring."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, Select, Static

from careercopilot import paths
from careercopilot.errors import CareerCopilotError
from careercopilot.tui.areas import AREAS
from careercopilot.tui.safe import safe_cell, safe_line, toast
from careercopilot.tui.screens.base import AreaScreen


class SettingsScreen(AreaScreen):
    TITLE = "Settings"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="settings"):
            with Grid(id="settings-grid"):
                yield Label("Theme", classes="field-label")
                yield Select([(name, name) for name in sorted(self.app.available_themes)], allow_blank=False,
                             value=self.app.theme, id="theme", compact=True)
            yield Static(id="settings-places")
            yield Static(Content.styled("Keys (rebind any of these under [tui.keymap] in config.toml)",
                                        "bold"), classes="section-title")
            yield DataTable(id="keymap", cursor_type="row")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#keymap", DataTable)
        table.add_columns("Binding id", "Keys", "Does")
        for binding_id, keys, description in self._bound_keys():
            table.add_row(safe_cell(binding_id), safe_cell(keys), safe_cell(description))

    def reload(self) -> None:
        self.query_one("#settings-places", Static).update(self._places())

    def _places(self) -> Content:
        settings, services = self.app.settings, self.app.services
        config = self._config_file()
        config_state = "in use" if settings.source else "not created yet; 'careercopilot config init' writes one"
        if services is None:
            secrets = "unknown until the database is open"
        elif services.keystore.uses_keyring:
            secrets = "the system keyring (secure)"
        else:
            secrets = f"{services.keystore.fallback_file}, readable only by you (no secure keyring found)"
        rows = [
            ("Config file", f"{config} ({config_state})"),
            ("Data folder", str(paths.data_dir())),
            ("Database", services.db.identity if services else settings.database_url),
            ("Secrets", secrets),
            ("Theme", "saved in the config file when you pick one"),
        ]
        return Content("\n").join(Content.assemble((f"{label:<13}", "$text-muted"), safe_line(value))
                                  for label, value in rows)

    def _bound_keys(self) -> list[tuple[str, str, str]]:
        """Every binding that has an id, with the keys in force after the user's keymap."""
        keymap = self.app.settings.tui.keymap
        owners = {klass for owner in (type(self.app), *(a.screen_class() for a in AREAS)) for klass in owner.__mro__}
        bindings = [b for klass in owners for b in vars(klass).get("BINDINGS", ()) if isinstance(b, Binding)]
        return sorted({(b.id, keymap.get(b.id, b.key), b.description or "") for b in bindings if b.id})

    def _config_file(self) -> Path:
        return self.app.settings.source or paths.config_file()

    @on(Select.Changed, "#theme")
    def _theme_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.settings.tui.theme:
            self.app.theme = event.value
            self._save_theme(event.value)

    @work(exclusive=True, group="settings-theme", exit_on_error=False)
    async def _save_theme(self, theme: str) -> None:
        """Into config.toml, its comments kept, so the next start opens in it too."""
        from careercopilot.config_edit import set_value

        target = self._config_file()
        try:
            await self.app.call(set_value, target, "tui.theme", theme)
        except CareerCopilotError as exc:
            toast(self, exc.message, severity="error")
            return
        settings = self.app.settings
        self.app.settings = dataclasses.replace(settings, source=target,
                                                tui=dataclasses.replace(settings.tui, theme=theme))
        self.reload()
        toast(self, f"Theme {theme} saved in {target}.")
