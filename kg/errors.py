"""The one error type the CLI turns into a one-line message and exit code 2."""
import click


class KGError(click.ClickException):
    """A user-facing error: bad input, missing graph, unwritable output … (exit code 2)."""
    exit_code = 2

    def format_message(self) -> str:
        return self.message
