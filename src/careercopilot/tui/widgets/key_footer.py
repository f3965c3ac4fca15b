"""The key hints at the bottom of every screen, drawn as one line by one widget.

Textual's Footer mounts a widget per key and rebuilds them all whenever the bindings change (every focus move);
each new key then restyles itself twice. With twenty-odd keys that was the largest single cost of opening a
screen, so this footer renders the same hints as text and maps clicks back to keys.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyFooter(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key", "key-footer--description", "key-footer--disabled"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom; height: 1; width: 1fr;
        color: $footer-foreground; background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    KeyFooter > .key-footer--disabled { text-style: dim; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each hint, for clicks
        self._drawn: tuple[object, ...] | None = None  # what the last render showed, at what width
        self._line = Text()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        # Fired on every focus move; most leave the hints as they were, and then nothing needs drawing.
        if screen is self.screen and self._signature() != self._drawn:
            self.refresh()

    def _signature(self) -> tuple[object, ...]:
        shown, palette = self._shown()
        return self.size.width, tuple((b.key, b.description, on) for b, on in shown), palette

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The bindings to show, one per action in binding order, and the command palette's apart."""
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        seen: set[str] = set()
        shown: list[tuple[Binding, bool]] = []
        palette: tuple[Binding, bool] | None = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                palette = (binding, enabled)
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled))
        return shown, palette

    def notify_style_update(self) -> None:
        self._drawn = None  # a new theme: same keys, new colours
        super().notify_style_update()

    def render(self) -> Text:
        signature = self._signature()
        if signature != self._drawn:
            self._line, self._drawn = self._draw(), signature
        return self._line

    def _draw(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        text_style = self.get_component_rich_style("key-footer--description")
        dim = self.get_component_rich_style("key-footer--disabled")
        shown, palette = self._shown()
        line, spans = Text(no_wrap=True, overflow="crop"), []
        for binding, enabled in shown:
            start = line.cell_len
            extra = Style.null() if enabled else dim
            line.append(f" {self.app.get_key_display(binding)} ", key_style + extra)
            line.append(f"{binding.description} ", text_style + extra)
            spans.append((start, line.cell_len, binding.key))
        if palette is not None:
            binding, enabled = palette
            hint = Text.assemble(("│", text_style), (f" {self.app.get_key_display(binding)} ", key_style),
                                 (f"{binding.description} ", text_style))
            gap = self.size.width - line.cell_len - hint.cell_len
            if gap > 0:
                line.append(" " * gap)
                spans.append((line.cell_len, line.cell_len + hint.cell_len, binding.key))
                line.append_text(hint)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key.split(",")[0])
                return
