"""Run the command line as ``python -m stdcheck``."""

from stdcheck.frontends.cli import main

if __name__ == "__main__":
    main()
