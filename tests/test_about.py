"""The About page states the course's version, makers, licence, citation and where to report a
problem, each from the file that holds it; a bad setting fails with file and line."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from paths import ROOT, SITE
from selfhelp_course.course.about import NO_ADDRESS, about_markdown, citation, citation_text, report_address
from selfhelp_course.errors import ContentError


def config_with(tmp_path, about: str):
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    text = re.sub(r"^about:\n(  .*\n)*", about, text, flags=re.M)
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(
        (ROOT / "CITATION.cff").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


def test_citation_version_is_the_packages_version():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert citation(ROOT)["version"] == pyproject["project"]["version"]


def test_a_citation_with_another_version_is_refused(tmp_path):
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    data["version"] = "9.9.9"
    (tmp_path / "CITATION.cff").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError, match=r"CITATION.cff: version: is '9.9.9'; pyproject.toml says"):
        citation(tmp_path)


def test_citation_text_names_team_title_version_and_licence():
    text = citation_text(citation(ROOT))
    assert text.startswith("The Supporting Self-Help Groups course team (2026). *Supporting Self-Help Groups")
    assert "(version 0.1.0)" in text and "CC-BY-SA-4.0" in text


def test_without_an_address_the_page_says_whom_to_ask(tmp_path):
    root = config_with(tmp_path, 'about:\n  report_address: ""\n')
    assert report_address(root) == ""
    assert NO_ADDRESS in about_markdown(root)


@pytest.mark.parametrize(
    "address, shown",
    [
        ("course-team@example.org", "Write to <course-team@example.org>."),
        ("mailto:course-team@example.org", "Write to <course-team@example.org>."),
        ("https://example.org/report", "Report it at <https://example.org/report>."),
    ],
)
def test_a_set_address_is_shown(tmp_path, address, shown):
    root = config_with(tmp_path, f"about:\n  report_address: {address}\n")
    assert shown in about_markdown(root)


@pytest.mark.parametrize(
    "about, message",
    [
        ("about:\n  report_address: ring us\n", "about.report_address: 'ring us' must be an email address"),
        ("about:\n  report_adress: a@b.org\n", "about.report_adress: is not a known field"),
        ("about: a@b.org\n", "about: must be a mapping"),
    ],
)
def test_a_bad_about_setting_names_the_file_line_and_field(tmp_path, about, message):
    root = config_with(tmp_path, about)
    with pytest.raises(ContentError, match=re.escape(message)) as caught:
        report_address(root)
    assert re.match(rf"{re.escape(str(root / '_config.yml'))}:\d+: ", str(caught.value))


def test_the_built_about_page_shows_the_facts():
    page = SITE / "book" / "about.html"
    if not page.is_file():
        pytest.fail(f"{page} not built: run `make book` first")
    text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
    for words in (
        "Version: 0.1.0",
        "CC BY-SA 4.0",
        "How to cite it",
        "Privacy notice",
        "Accessibility statement",
        "WCAG",
        "Known limitations",
        NO_ADDRESS.split(":")[0],
    ):
        assert words in text, words
