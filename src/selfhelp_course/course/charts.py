"""Charts on the course's pages: SVG, and the same file from one build to the next."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib_inline.backend_inline import set_matplotlib_formats

HASH_SALT = "selfhelp-course"  # SVG ids come from a hash: a fixed salt keeps them stable


def use_svg_charts() -> None:
    """Show this notebook's matplotlib charts as SVG rather than PNG.

    SVG stays sharp at any zoom and, for the course's bar charts, weighs a fraction of a PNG
    on a phone's connection. Without a date and with fixed ids, each chart's SVG is the same
    every time the page is executed, so outputs can be compared between runs.
    """
    plt.rcParams["svg.hashsalt"] = HASH_SALT
    set_matplotlib_formats("svg", metadata={"Date": None})
