"""Sign in or create an account; shown at once while the services are still being built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static, TabbedContent, TabPane

from careercopilot.errors import CareerCopilotError
from careercopilot.tui.safe import safe, toast

if TYPE_CHECKING:
    from careercopilot.tui.app import CareerCopilotApp

# Enter in one field moves on to the next; Enter in the last one submits the form.
NEXT_FIELD = {
    "signin-identifier": "signin-password",
    "register-username": "register-email",
    "register-email": "register-password",
    "register-password": "register-confirm",
}


class LoginScreen(Screen[None]):
    app: CareerCopilotApp  # type: ignore[assignment]
    AUTO_FOCUS = "#signin-identifier"
    TITLE = "Sign in"

    def compose(self) -> ComposeResult:
        with Vertical(id="login-card"):
            yield Static(Content.assemble(("◆ ", "bold $accent"), ("Career Copilot", "bold")), id="login-brand")
            yield Static("Find, rank and track jobs — from your terminal.", id="login-tagline")
            with TabbedContent(id="login-tabs"):
                with TabPane("Sign in", id="signin"):
                    yield Input(placeholder="Username or email", id="signin-identifier")
                    yield Input(placeholder="Password", password=True, id="signin-password")
                    yield Button("Sign in", variant="primary", id="signin-submit")
                with TabPane("Create account", id="register"):
                    yield Input(placeholder="Username (2-32 characters: a-z, 0-9, . _ -)", id="register-username")
                    yield Input(placeholder="Email", id="register-email")
                    yield Input(placeholder="Password (at least 8 characters)", password=True,
                                id="register-password")
                    yield Input(placeholder="Confirm password", password=True, id="register-confirm")
                    yield Button("Create account", variant="primary", id="register-submit")
            yield Label("", id="login-message")
            yield Static("Opening your database…", id="login-status")
        yield Footer()

    def on_mount(self) -> None:
        self._wait_for_services()

    @work(group="login-status", exit_on_error=False)
    async def _wait_for_services(self) -> None:
        status = self.query_one("#login-status", Static)
        try:
            await self.app.wait_for_services()
        except CareerCopilotError as exc:
            status.update(safe(exc.message))
            status.add_class("-error")
        else:
            status.update("")

    # --- form handling ----------------------------------------------------------------------------

    @on(Input.Submitted)
    def _next_or_submit(self, event: Input.Submitted) -> None:
        following = NEXT_FIELD.get(event.input.id or "")
        if following:
            self.query_one(f"#{following}", Input).focus()
        elif event.input.id == "signin-password":
            self._sign_in()
        else:
            self._register()

    @on(Button.Pressed, "#signin-submit")
    def _sign_in(self) -> None:
        self.submit_sign_in(self._value("signin-identifier"), self._value("signin-password"))

    @on(Button.Pressed, "#register-submit")
    def _register(self) -> None:
        password, confirm = self._value("register-password"), self._value("register-confirm")
        if password != confirm:
            self.show_message("The two passwords differ; type the same password twice.", error=True)
            self.query_one("#register-confirm", Input).focus()
            return
        self.submit_register(self._value("register-username"), self._value("register-email"), password)

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    # --- talking to the auth service --------------------------------------------------------------

    @work(exclusive=True, group="auth", exit_on_error=False)
    async def submit_sign_in(self, identifier: str, password: str) -> None:
        if not identifier.strip() or not password:
            self.show_message("Enter your username or email and your password.", error=True)
            return
        self.show_message("Signing in…")
        try:
            await self._open_session(identifier, password)
        except CareerCopilotError as exc:
            self.show_message(exc.message, error=True)
            self.query_one("#signin-password", Input).clear()

    @work(exclusive=True, group="auth", exit_on_error=False)
    async def submit_register(self, username: str, email: str, password: str) -> None:
        self.show_message("Creating your account…")
        try:
            services = await self.app.wait_for_services()
            account = await self.app.call(services.auth.register, username, email, password)
            toast(self, f"Welcome, {account.username}! Your account is ready.")
            await self._open_session(account.username, password)
        except CareerCopilotError as exc:
            self.show_message(exc.message, error=True)

    async def _open_session(self, identifier: str, password: str) -> None:
        services = await self.app.wait_for_services()
        signed_in = await self.app.call(services.auth.login, identifier, password)
        try:
            await self.app.call(services.auth.remember, signed_in)
        except CareerCopilotError as exc:
            toast(self, f"Your session could not be stored, so you will sign in again next time. {exc.message}",
                  severity="warning")
        self._clear_form()
        await self.app.start_session(signed_in.user, signed_in.token)

    # --- what the user sees -----------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#login-message", Label)
        label.update(safe(text))
        label.set_class(error, "-error")

    def signed_out(self, message: str, *, error: bool) -> None:
        """Back from a session: an empty form on the sign-in tab and why we are here."""
        self._clear_form()
        self.query_one("#login-tabs", TabbedContent).active = "signin"
        self.show_message(message, error=error)
        self.query_one("#signin-identifier", Input).focus()

    def _clear_form(self) -> None:
        for field in self.query(Input):
            field.clear()
        self.show_message("")
