"""The old name of :mod:`selfhelp_course.site.sphinx_ext`, for trainers' copies whose
``_config.yml`` names it."""

from .site.sphinx_ext import setup  # noqa: F401
