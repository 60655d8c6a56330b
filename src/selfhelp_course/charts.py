"""The old name of :mod:`selfhelp_course.course.charts`, for pages and trainers' copies that import it."""

from .course.charts import *  # noqa: F403
