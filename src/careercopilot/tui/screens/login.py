"""Sign in or create an account; shown at once while the services are still being built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from careercopilot.errors import CareerCopilotError, OperationFailed
from careercopilot.tui.formatting import describe
from careercopilot.tui.safe import safe, toast
from careercopilot.tui.widgets.key_footer import KeyFooter

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
            with Vertical(id="signin-form", classes="login-form"):
                yield Input(placeholder="Username or email", id="signin-identifier")
                yield Input(placeholder="Password", password=True, id="signin-password")
                yield Button("Sign in", variant="primary", id="signin-submit")
            yield Label("", id="login-message")  # one line for status and errors, so nothing jumps
            yield Button("New here? Create an account", id="toggle-form", compact=True)
        yield KeyFooter()

    def _register_form(self) -> Vertical:
        """Built on first use: start-up only pays for the sign-in form."""
        return Vertical(
            Input(placeholder="Username (2-32 characters: a-z, 0-9, . _ -)", id="register-username"),
            Input(placeholder="Email", id="register-email"),
            Input(placeholder="Password (at least 8 characters)", password=True, id="register-password"),
            Input(placeholder="Confirm password", password=True, id="register-confirm"),
            Button("Create account", variant="primary", id="register-submit"),
            id="register-form", classes="login-form",
        )

    @on(Button.Pressed, "#toggle-form")
    async def toggle_form(self) -> None:
        """Switch between signing in and creating an account."""
        registering = not self.query("#register-form") or not self.query_one("#register-form").display
        if registering and not self.query("#register-form"):
            await self.query_one("#login-card").mount(self._register_form(), after="#signin-form")
        self.query_one("#signin-form").display = not registering
        self.query_one("#register-form").display = registering
        self.query_one("#toggle-form", Button).label = (
            "I have an account: sign in" if registering else "New here? Create an account")
        self.show_message("")
        self.query_one("#register-username" if registering else "#signin-identifier", Input).focus()

    def on_mount(self) -> None:
        self._wait_for_services()

    @work(group="login-status", exit_on_error=False)
    async def _wait_for_services(self) -> None:
        """Report a database that cannot be opened as soon as it is known, without asking for it early."""
        try:
            await self.app.wait_for_services(demand=False)
        except CareerCopilotError as exc:
            self.show_message(exc.message, error=True)

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
        try:
            await self.app.start_session(signed_in.user, signed_in.token)
        except Exception as exc:  # a broken area screen must not leave the user looking at "Signing in…"
            self.app.log.error(exc)
            raise OperationFailed(describe(exc)) from exc

    # --- what the user sees -----------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#login-message", Label)
        label.update(safe(text))
        label.set_class(error, "-error")

    async def signed_out(self, message: str, *, error: bool) -> None:
        """Back from a session: an empty sign-in form and why we are here."""
        self._clear_form()
        if not self.query_one("#signin-form").display:
            await self.toggle_form()
        self.show_message(message, error=error)
        self.query_one("#signin-identifier", Input).focus()

    def _clear_form(self) -> None:
        for field in self.query(Input):
            field.clear()
        self.show_message("")
