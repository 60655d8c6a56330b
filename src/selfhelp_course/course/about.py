"""What the About page states about the course itself, from the files that hold each fact:
the version (pyproject.toml, through the installed package), the citation (CITATION.cff), the
licences (``licence:`` in _config.yml) and where to report an error or a safety concern
(``about: report_address:`` in _config.yml, empty until whoever publishes the course sets it).
Pure functions give Markdown; the Sphinx extension's ``{course-about}`` directive shows it.
"""

from __future__ import annotations

import re
from importlib.metadata import version as installed_version
from pathlib import Path

import yaml

from ..activities.schema import _line, parse
from ..errors import ContentError
from .licence import licence_settings

CONFIG = "_config.yml"
CITATION = "CITATION.cff"
ADDRESS = re.compile(r"^(mailto:)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$|^https://[^\s<>]+$")
NO_ADDRESS = (
    "This copy of the course has no address for reports yet: whoever publishes it sets "
    "one (`about: report_address:` in `_config.yml`). Until then, tell the person or "
    "team who gave you the link to the course."
)


def report_address(root: Path) -> str:
    """``about: report_address:`` from _config.yml: an email address or an https:// page, or ""."""
    path = root / CONFIG
    sections = {key.value: value for key, value in parse(path).value}
    about = sections.get("about")
    if about is None:
        return ""
    if not isinstance(about, yaml.MappingNode):
        raise ContentError(path, _line(about), "about", "must be a mapping with report_address")
    for key, value in about.value:
        if key.value != "report_address":
            raise ContentError(
                path, _line(key), f"about.{key.value}", "is not a known field (known: report_address)"
            )
        if not isinstance(value, yaml.ScalarNode):
            raise ContentError(path, _line(value), "about.report_address", "must be text")
        address = value.value.strip()
        if address and not ADDRESS.match(address):
            raise ContentError(
                path,
                _line(value),
                "about.report_address",
                f"{address!r} must be an email address or an https:// address",
            )
        return address
    return ""


def citation(root: Path) -> dict:
    """CITATION.cff, with its version checked against the package's (one version, pyproject)."""
    path = root / CITATION
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    version = installed_version("selfhelp-course")
    if str(data.get("version")) != version:
        raise ContentError(
            path,
            None,
            "version",
            f"is {data.get('version')!r}; pyproject.toml says {version!r}: change both together",
        )
    return data


def citation_text(data: dict) -> str:
    authors = "; ".join(
        author.get("name") or " ".join(filter(None, (author.get("given-names"), author.get("family-names"))))
        for author in data["authors"]
    )
    year = str(data.get("date-released", ""))[:4]
    return (
        f"{authors} ({year}). *{data['title']}* (version {data['version']}). "
        f"Open online course, licensed {data['license']}."
    )


def about_markdown(root: Path) -> str:
    """The facts block of the About page."""
    data = citation(root)
    licence = licence_settings(root)
    address = report_address(root)
    if address.startswith("https://"):
        report = f"Report it at <{address}>."
    elif address:
        email = address.removeprefix("mailto:")
        report = f"Write to <{email}>."
    else:
        report = NO_ADDRESS
    return "\n".join(
        [
            f"- **Version**: {data['version']} (released {data.get('date-released', 'not yet')}; "
            "every change is listed in the repository's `CHANGELOG.md`).",
            f"- **Made by**: {licence['holder']}.",
            f"- **Licence**: the course content is open under [{licence['content']}]"
            f"({licence['content_url']}); the code that builds it under the {licence['code']} "
            "licence. Third-party material keeps its own terms (the repository's `LICENSE` says "
            "which).",
            f'- **Attribution line** for a copy or an adaptation: "{licence["attribution"]}", and '
            "say what you changed.",
            f"- **How to cite it**: {citation_text(data)}",
            f"- **Report an error or a safety concern about the content**: {report}",
            "",
        ]
    )
