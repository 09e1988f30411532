"""Renames the check does not offer and the fix does not make.

Each refusal is shown twice: the check reports the finding without a
fix (so ``check`` never promises a rename that ``fix`` would not make),
and ``fix --unsafe-fixes`` leaves the code as it is. A near miss beside
each one shows that the refusal is no broader than its reason.
"""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from stdcheck.core.config import Config
from stdcheck.core.registry import FixSafety
from stdcheck.fix import apply
from stdcheck.rules.naming.fixes import Rename
from tests.helpers.fixing import assert_fix, fix_text


def _long_return(attribute: str) -> str:
    """Return a function whose last line names ``totalCount`` thrice."""
    return (
        "def report(items):\n    totalCount = 0\n    return ["
        + "totalCount, " * 3
        + f"items, items, items.{attribute}]\n"
    )


def _two_renames_on_a_line(length: int) -> str:
    """Return a function with a line that renames would lengthen twice.

    Renaming ``itemCount`` or ``resultTotal`` adds one character to it.
    """
    line = "    resultTotal = itemCount * 3 + "
    return (
        "def compute(items):\n    itemCount = len(items)\n" + line
        + "1" * (length - len(line)) + "\n    return resultTotal\n"
    )


REFUSED = {
    "lines below align with a bracket after the name": """
        def check(first, second):
            standardMsg = '%s == %s' % (repr(first),
                                        repr(second))
            return standardMsg
        """,
    "two renames crowd one line (each alone fits)": (
        _two_renames_on_a_line(78)
    ),
    "f-string prints the name": """
        def report():
            myValue = 1
            return f"{myValue=}"
        """,
    "f-string prints an expression using it": """
        def report(values):
            myValue = 1
            return f"{len(values) + myValue = !r:>10}"
        """,
    "f-string in an inner scope prints it": """
        def report():
            myValue = 1
            return lambda: f"{myValue=}"
        """,
    "frame f_locals": """
        import inspect


        def report():
            someThing = 1
            return inspect.currentframe().f_locals["someThing"]
        """,
    "frame f_globals": """
        import sys


        def report():
            someThing = 1
            return sys._getframe().f_globals, someThing
        """,
    "format_map(locals())": """
        def report():
            someThing = 1
            return "{someThing}".format_map(locals())
        """,
    "format(**vars())": """
        def report():
            someThing = 1
            return "{someThing}".format(**vars())
        """,
    "eval": """
        def report():
            someThing = 1
            return eval("someThing")
        """,
    "exec": """
        def report():
            someThing = 1
            exec("print(someThing)")
        """,
    "C API prefix class": """
        class Py_buffer:
            pass
        """,
    "C API prefix constant": """
        PyBUF_SIMPLE = 0
        """,
    "C API prefix function": """
        def SDL_Init():
            pass
        """,
    "mixin deriving from Exception": """
        class LoggingMixin(Exception):
            pass
        """,
    "flag default overridden in except": """
        HAVE_SSL = True
        try:
            import ssl
        except ImportError:
            HAVE_SSL = False
        """,
    "flag set on each path of if": """
        import sys

        IS_WINDOWS = False
        if sys.platform == "win32":
            IS_WINDOWS = True
        """,
    # 79 columns: 82 with ``total_count``.
    "rename lengthens a line past the limit": _long_return("value_sum"),
    "lowercase classes sharing a base": """
        from sqlalchemy.sql.functions import OrderedSetAgg


        class percentile_cont(OrderedSetAgg):
            pass


        class percentile_disc(OrderedSetAgg):
            pass
        """,
    "alias of an attribute of its name": """
        def describe(delta, unit):
            SECONDS = unit.SECONDS
            return delta * SECONDS
        """,
    "lowercase base of a scheme": """
        class rrulebase:
            pass


        class rrule(rrulebase):
            pass


        class rruleset(rrulebase):
            pass
        """,
    "new name read as a digit": """
        def solve(parse):
            L = parse()
            return L
        """,
    "new name read as digits": """
        def norms(parse):
            L1 = parse()
            return L1
        """,
    "call named after the name": """
        from pyparsing import Forward


        def grammar():
            E = Forward("E")
            return E
        """,
    "chain started by a call named after the name": """
        from pyparsing import Literal


        def grammar(action):
            A = Literal("A").set_parse_action(action)
            return A
        """,
    "module marker read by name from frames": """
        __unittest = True
        """,
    "parameter named in the docstring's Args": '''
        def set_menu(valueList):
            """Set the menu.

            Args:
                valueList: The entries.
            """
            return valueList
        ''',
    "new name is a builtin, in a function": """
        def limit(values):
            MAX = 10
            return values[:MAX]
        """,
    "new name is a soft keyword": """
        def pick(values):
            MATCH = values[0]
            return MATCH
        """,
    "function named by one word in capitals": """
        def XML(text):
            return text
        """,
    "function named by a code": """
        def E006(name):
            return name
        """,
    "file generated by setuptools-scm": """
        # file generated by setuptools-scm
        # don't change, don't track in version control
        version = "1.0.0"
        version_tuple = (1, 0, 0)
        """,
    "lowercase class of a lowercase base": """
        class classonlymethod(classmethod):
            pass
        """,
    "codec generated by gencodec": '''
        """Codec cp1140 generated from "CP1140.TXT" with gencodec.py."""
        decoding_table = "abc"
        ''',
    "parameter named in a :param: field": '''
        def set_menu(valueList):
            """Set the menu.

            :param valueList: The entries.
            """
            return valueList
        ''',
}

NEAR_MISSES = {
    "a hanging indent, and the name inside the bracket": (
        """
        def near(first, second):
            otherMsg = print(
                first, second)
            return print(otherMsg, first,
                         second)
        """,
        """
        def near(first, second):
            other_msg = print(
                first, second)
            return print(other_msg, first,
                         second)
        """,
    ),
    "two renames on one line that fit together": (
        _two_renames_on_a_line(77),
        _two_renames_on_a_line(77).replace("itemCount", "item_count")
        .replace("resultTotal", "result_total"),
    ),
    "one leading underscore at module level": (
        """
        _unittest = True
        """,
        """
        _UNITTEST = True
        """,
    ),
    "f-string without =": (
        """
        def report():
            myValue = 1
            return f"{myValue}" + f"{other=}"
        """,
        """
        def report():
            my_value = 1
            return f"{my_value}" + f"{other=}"
        """,
    ),
    "f_locals read in another function": (
        """
        import inspect


        def peek():
            return inspect.currentframe().f_locals


        def report():
            someThing = 1
            return someThing
        """,
        """
        import inspect


        def peek():
            return inspect.currentframe().f_locals


        def report():
            some_thing = 1
            return some_thing
        """,
    ),
    "format_map of an object's vars": (
        """
        def report(item):
            someThing = 1
            return "{name}".format_map(item.__dict__), someThing
        """,
        """
        def report(item):
            some_thing = 1
            return "{name}".format_map(item.__dict__), some_thing
        """,
    ),
    "underscore without a C prefix": (
        """
        class order_item:
            pass
        """,
        """
        class OrderItem:
            pass
        """,
    ),
    "Mixin that is not an exception": (
        """
        class logging_Mixin:
            pass
        """,
        """
        class LoggingMixin:
            pass
        """,
    ),
    "rebound constant that is not a flag": (
        """
        TIMEOUT = 5


        def configure(value):
            global TIMEOUT
            TIMEOUT = value
        """,
        """
        timeout = 5


        def configure(value):
            global timeout
            timeout = value
        """,
    ),
    "alias of an attribute of another name": (
        """
        def describe(delta, unit):
            SECS = unit.SECONDS
            return delta * SECS
        """,
        """
        def describe(delta, unit):
            secs = unit.SECONDS
            return delta * secs
        """,
    ),
    "lowercase base of one lowercase class": (
        """
        class rrulebase:
            pass


        class rrule(rrulebase):
            pass
        """,
        """
        class Rrulebase:
            pass


        class Rrule(Rrulebase):
            pass
        """,
    ),
    "lowercase classes with other bases": (
        """
        from sqlalchemy.sql.functions import GenericFunction, OrderedSetAgg


        class percentile_cont(OrderedSetAgg):
            pass


        class now(GenericFunction):
            pass


        class order_item(object):
            pass


        class line_item(object):
            pass
        """,
        """
        from sqlalchemy.sql.functions import GenericFunction, OrderedSetAgg


        class PercentileCont(OrderedSetAgg):
            pass


        class Now(GenericFunction):
            pass


        class OrderItem(object):
            pass


        class LineItem(object):
            pass
        """,
    ),
    "new name not read as a digit": (
        """
        def solve(parse):
            O, I, L2a = parse()
            return O, I, L2a
        """,
        """
        def solve(parse):
            o, i, l2_a = parse()
            return o, i, l2_a
        """,
    ),
    "call named otherwise": (
        """
        from pyparsing import Forward


        def grammar():
            E = Forward("expression")
            return E
        """,
        """
        from pyparsing import Forward


        def grammar():
            e = Forward("expression")
            return e
        """,
    ),
    "chain whose later call is named after the name": (
        """
        from pyparsing import Literal


        def grammar(action):
            A = Literal("a").set_name("B").set_parse_action(action, "A")
            return A
        """,
        """
        from pyparsing import Literal


        def grammar(action):
            a = Literal("a").set_name("B").set_parse_action(action, "A")
            return a
        """,
    ),
    "new name is no builtin": (
        """
        def limit(values):
            MAXIMUM = 10
            return values[:MAXIMUM]
        """,
        """
        def limit(values):
            maximum = 10
            return values[:maximum]
        """,
    ),
    "function named by words in capitals": (
        """
        def PARSE_XML(text):
            return text
        """,
        """
        def parse_xml(text):
            return text
        """,
    ),
    "generated named past the first lines": (
        "# A version module.\n" + "#\n" * 9
        + "# Not generated by any tool.\nversion = '1.0.0'\n",
        "# A version module.\n" + "#\n" * 9
        + "# Not generated by any tool.\nVERSION = '1.0.0'\n",
    ),
    "lowercase class of a CapWords base": (
        """
        class only_method(Method):
            pass
        """,
        """
        class OnlyMethod(Method):
            pass
        """,
    ),
    "docstring naming a longer word": (
        '''
        def set_menu(valueList):
            """Set the menu from a valueListing."""
            return valueList
        ''',
        '''
        def set_menu(value_list):
            """Set the menu from a valueListing."""
            return value_list
        ''',
    ),
    # 76 columns: 79 with ``total_count``.
    "rename lengthens a line to the limit": (
        _long_return("totals_"),
        _long_return("totals_").replace("totalCount", "total_count"),
    ),
}


@pytest.mark.parametrize("source", REFUSED.values(), ids=REFUSED.keys())
def test_refused_rename_is_reported_without_a_fix(source: str) -> None:
    """The finding stays, marked as needing a human; nothing moves."""
    result = assert_fix(source, source, select="STD2", unsafe=True)
    assert result.findings
    assert {finding.fix for finding in result.findings} == {FixSafety.NONE}


@pytest.mark.parametrize(
    ("before", "after"), NEAR_MISSES.values(), ids=NEAR_MISSES.keys()
)
def test_near_miss_is_renamed(before: str, after: str) -> None:
    """A scope or name close to a refused one is still renamed."""
    assert_fix(before, after, select="STD2", unsafe=True)


FIX_REFUSES = [
    "lines below align with a bracket after the name",
    "f-string prints the name",
    "f-string in an inner scope prints it",
    "frame f_locals",
    "frame f_globals",
    "format_map(locals())",
    "eval",
    "C API prefix class",
    "mixin deriving from Exception",
    "rename lengthens a line past the limit",
    "new name read as a digit",
    "call named after the name",
    "chain started by a call named after the name",
    "alias of an attribute of its name",
    "parameter named in the docstring's Args",
    "parameter named in a :param: field",
    "new name is a builtin, in a function",
    "new name is a soft keyword",
    "function named by one word in capitals",
    "file generated by setuptools-scm",
]


@pytest.mark.parametrize("case", FIX_REFUSES)
def test_fix_refuses_too(case: str) -> None:
    """The fix refuses on its own, even given the finding as fixable.

    The check and the fix share one predicate: driving the fix with
    the check's finding re-marked as safe shows the fix's half of it.
    """
    source = textwrap.dedent(REFUSED[case])
    offered = [
        dataclasses.replace(finding, fix=FixSafety.SAFE)
        for finding in fix_text(source, "STD2").found
    ]
    assert offered
    config = Config(target_version="py310").override(select="STD2")
    fixed = apply.run(
        Rename, apply.parse(source), offered, "example.py", config
    )
    assert fixed == source


@pytest.mark.parametrize(
    ("path", "renamed"), [("sdist.py", False), ("commands.py", True)]
)
def test_a_class_named_as_its_module_is_not_renamed(
    path: str, renamed: bool
) -> None:
    """A loader finds it by the module's name (distutils commands)."""
    source = "class sdist(Command):\n    pass\n"
    after = source.replace("sdist", "Sdist") if renamed else source
    result = assert_fix(source, after, "STD2", unsafe=True, path=path)
    assert bool(result.findings) is not renamed
