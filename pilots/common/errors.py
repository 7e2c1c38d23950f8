class PilotError(Exception):
    """A rule of the pilots app refused the action; the message is shown to the user. `field`
    names the form field the message belongs to, when there is one."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
