# fixed: STD502
# kept: STD203, STD204, STD205, STD209
"""Names read as text are not renamed (STD203-STD209 refusals)."""
import inspect

try:
    import readline  # noqa: F401
    HAVE_READLINE = True
except ImportError:
    HAVE_READLINE = False
if not hasattr(inspect, "currentframe"):
    HAVE_READLINE = False


class Py_buffer:
    """Mirrors the C structure of the same name."""


class LoggingMixin(Exception):
    """A mixin, not an error."""


def printed():
    """Print a local with an f-string ``=``."""
    myValue = 3
    print(f"{myValue=}")


def from_frame() -> int:
    """Read a local through the frame."""
    someThing = 4
    frame = inspect.currentframe()
    assert frame is not None
    return frame.f_locals["someThing"]


printed()
assert from_frame() == 4
print(Py_buffer.__name__, LoggingMixin.__name__, type(HAVE_READLINE))
