"""The old name of :mod:`selfhelp_course.course.ons4`, for pages and trainers' copies that import it."""

from .course.ons4 import *  # noqa: F403
