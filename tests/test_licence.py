"""The course's licences reach every place a reuser looks: the repository's LICENSE files, the
footer of every built page, the settings they come from (bad settings fail with file and line).
The SCORM manifests' rights metadata is tested in test_scorm.py."""

from __future__ import annotations

import re
import tomllib

import pytest

from paths import ROOT, SITE
from selfhelp_course.course.licence import footer_html, licence_settings, rights_text
from selfhelp_course.errors import ContentError


def test_licence_files_name_each_licence_and_the_paths_it_covers():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution-ShareAlike 4.0 International" in text and "MIT License" in text
    for path in ("book/", "case_studies/", "data/", "src/", "scripts/", "tests/"):
        assert path in text
    assert "Open Government" in text and "WEMWBS" in text
    assert (
        (ROOT / "LICENSES/CC-BY-SA-4.0.txt")
        .read_text(encoding="utf-8")
        .startswith("Creative Commons Attribution-ShareAlike 4.0 International")
    )
    assert "Permission is hereby granted, free of charge" in (ROOT / "LICENSES/MIT.txt").read_text(
        encoding="utf-8"
    )
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert pyproject["project"]["license-files"] == ["LICENSE", "LICENSES/MIT.txt"]
    assert '"license": "MIT"' in (ROOT / "package.json").read_text(encoding="utf-8")


def test_settings_come_from_config_with_the_year_of_its_copyright():
    settings = licence_settings(ROOT)
    assert settings["content"] == "CC BY-SA 4.0" and settings["code"] == "MIT"
    assert settings["year"] == "2026"
    assert settings["attribution"] in rights_text(settings) and settings["holder"] in rights_text(settings)


def test_every_built_page_carries_the_licence_line():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.fail(f"{SITE} has no pages: run `make book` first")
    line = footer_html(licence_settings(ROOT))
    missing = [
        str(page.relative_to(SITE))
        for page in pages
        if "_static" not in page.parts
        and page.name != "genindex.html"
        and re.search(r"<meta http-equiv=\"refresh\"", page.read_text(encoding="utf-8"), re.I) is None
        and line not in page.read_text(encoding="utf-8")
    ]
    assert not missing, f"pages without the licence line: {missing}"


def test_footer_escapes_the_settings():
    line = footer_html(
        {
            "year": "2026",
            "holder": "<b>Team</b>",
            "content": "CC BY-SA 4.0",
            "content_url": "https://example.org/?a=1&b=2",
            "code": "MIT",
        }
    )
    assert "&lt;b&gt;Team&lt;/b&gt;" in line and "a=1&amp;b=2" in line


@pytest.mark.parametrize(
    "licence, message",
    [
        ("", "licence: is missing"),
        ("licence:\n  content: CC BY-SA 4.0\n", "licence.content_url: is missing"),
        (
            "licence:\n  content: CC BY-SA 4.0\n  content_url: http://x\n  code: MIT\n  holder: T\n"
            "  attribution: A\n",
            "licence.content_url: 'http://x' must be an https:// address",
        ),
    ],
)
def test_a_bad_licence_setting_names_the_file_line_and_field(tmp_path, licence, message):
    (tmp_path / "_config.yml").write_text(f"title: T\ncopyright: '2026'\n{licence}", encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(message)) as caught:
        licence_settings(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "_config.yml"))
