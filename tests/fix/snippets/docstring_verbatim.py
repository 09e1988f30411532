# fixed: STD502
# kept: STD102
"""Verbatim docstring paragraphs stay as written (click's marker)."""


def command():
    """Run the command.

    \b
    Usage: command --input FILE --output FILE --verbose --dry-run --force
    Each option on its own line
    """
    print("running")


def lines():
    """Print the docstring's lines, as click would."""
    print(command.__doc__)


lines()
