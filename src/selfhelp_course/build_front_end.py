"""``python -m selfhelp_course.build_front_end``: bundle the front end (see _bundle.py).

A module of its own so that running it does not import _bundle twice (the package imports
_bundle for the widgets)."""

import sys

from ._bundle import main

if __name__ == "__main__":
    sys.exit(main())
