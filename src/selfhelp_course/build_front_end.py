"""``python -m selfhelp_course.build_front_end``: bundle the front end (see site/front_end.py).

A module of its own so that running it does not import site/front_end.py twice (the package
imports it for the widgets)."""

import sys

from .site.front_end import main

if __name__ == "__main__":
    sys.exit(main())
