"""Domain errors. Their message is German and shown to the user as it is."""


class DomainError(Exception):
    """A business rule refused the request; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StepNotAllowed(DomainError):
    """The requested procedural step is not allowed in the case's current state."""


class ConcurrentEdit(DomainError):
    """Somebody else saved the same version first (optimistic locking)."""


class AccessDenied(Exception):
    """Raised by access_* functions; views turn it into 404 so ids cannot be probed."""
