"""The course's licences, as `_config.yml` states them (``licence:``), for every place that
carries them: each page's footer (the Sphinx extension), the SCORM manifests' rights metadata
(_scorm.py), the About page and the release. LICENSE at the repository root says which paths
each licence covers; this module only reads the settings and puts them into words.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..activities.schema import Record, Text, parse
from ..errors import ContentError

CONFIG = "_config.yml"
URL = re.compile(r"^https://\S+$")
LICENCE_SETTINGS = Record(
    required={
        "content": Text(max_length=80),
        "content_url": Text(max_length=200, pattern=URL, hint="must be an https:// address"),
        "code": Text(max_length=80),
        "holder": Text(max_length=200),
        "attribution": Text(max_length=300),
    }
)


def licence_settings(root: Path) -> dict:
    """The ``licence:`` section of _config.yml, checked (ContentError names the file and line),
    with the year from its ``copyright:``."""
    path = root / CONFIG
    sections = {key.value: value for key, value in parse(path).value}
    if "licence" in sections:
        settings = LICENCE_SETTINGS.check(sections["licence"], path, "licence")
        year = (
            Text(max_length=20).check(sections["copyright"], path, "copyright")
            if "copyright" in sections
            else ""
        )
        return {**settings, "year": year}
    raise ContentError(
        path,
        None,
        "licence",
        "is missing: every page's footer and the SCORM manifests carry the course's licence",
    )


def rights_text(settings: dict) -> str:
    """One plain sentence: who holds the copyright and under which licences the course is open."""
    return (
        f"Course content \N{COPYRIGHT SIGN} {_year(settings)}{settings['holder']}, licensed "
        f"under {settings['content']} ({settings['content_url']}); code under the "
        f'{settings["code"]} licence. Attribution: "{settings["attribution"]}". '
        "Third-party material keeps its own terms (see LICENSE)."
    )


def footer_html(settings: dict) -> str:
    """The licence line for every page's footer (HTML: the theme inserts it as markup)."""
    e = html.escape
    return (
        f'<p class="course-licence">Course content &copy; {e(_year(settings))}'
        f'{e(settings["holder"])}, licensed under <a href="{e(settings["content_url"])}" '
        f'rel="license">{e(settings["content"])}</a>; code under the {e(settings["code"])} '
        "licence. You may reuse and adapt it with attribution.</p>"
    )


def _year(settings: dict) -> str:
    return f"{settings['year']} " if settings.get("year") else ""
