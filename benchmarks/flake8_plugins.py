"""Run flake8 with only some of the installed plugins.

flake8 runs every installed plugin whatever ``--select`` says, so a
fair timing of "flake8 with plugins X and Y" must not load the others
(stdcheck's own plugin included, when timing the peers)::

    python benchmarks/flake8_plugins.py pep8-naming,pycodestyle -- ARGS

Reporters (flake8's output formats) are always kept.
"""

from __future__ import annotations

import configparser
import sys

from flake8.main.cli import main  # type: ignore[import-untyped]
from flake8.plugins import finder  # type: ignore[import-untyped]


def keep_only(packages: set[str]) -> None:
    """Make flake8 find only the plugins of these distributions."""
    find = finder.find_plugins

    def find_plugins(
        cfg: configparser.RawConfigParser, opts: finder.PluginOptions
    ) -> list[finder.Plugin]:
        return [
            plugin
            for plugin in find(cfg, opts)
            if plugin.entry_point.group == "flake8.report"
            or _normal(plugin.package) in packages
        ]

    finder.find_plugins = find_plugins


def _normal(name: str) -> str:
    """Normalise a distribution name (``flake8_import_order``)."""
    return name.lower().replace("_", "-")


if __name__ == "__main__":
    separator = sys.argv.index("--")
    keep_only({_normal(name) for name in sys.argv[1].split(",")})
    sys.exit(main(sys.argv[separator + 1:]))
