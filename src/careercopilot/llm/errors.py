"""LLM failures as CareerCopilotError subclasses, so the CLI and TUI show one sentence and exit right."""

from __future__ import annotations

from careercopilot.errors import AuthError, ConfigError, OperationFailed


class LLMError(OperationFailed):
    """Any failure talking to the LLM endpoint; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class LLMUnreachable(LLMError):
    pass


class LLMTimeout(LLMUnreachable):
    pass


class LLMRateLimited(LLMError):
    pass


class LLMRequestRejected(LLMError):
    """400/422: the server did not accept the request's shape (often an unsupported response_format)."""


class LLMServerError(LLMError):
    pass


class LLMFeatureMissing(LLMError):
    """The endpoint lacks an optional route, such as /audio/transcriptions."""


class LLMBudgetSpent(LLMError):
    pass


class LLMAuthFailed(AuthError):
    pass


class LLMModelNotFound(ConfigError):
    pass
