"""The site's one stylesheet: joined in order, paths still right, unused rules gone, made again
only when something changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfhelp_course.site.stylesheet import BUNDLE, joined_stylesheets, write_bundle

DATA_URI = "url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E\")"


@pytest.fixture
def static(write) -> Path:
    write("site/_static/basic.css", "div.body { background: url(file.png); }")
    write("site/_static/styles/theme.css", '@import "../basic.css";')
    write(
        "site/_static/styles/pydata.css",
        '@charset "UTF-8";\n@font-face { font-family: "Icons"; src: url(../vendor/fa.woff2); }\n'
        f".used {{ background: {DATA_URI}; font-family: Icons; }}\n.never-used {{ color: red; }}\n"
        "/*# sourceMappingURL=pydata.css.map */",
    )
    write("site/_static/course.css", ".course-made-at-run-time { color: blue; }\nh1 { margin: 0; }")
    return Path(write("site/index.html", '<h1 class="used">Hi</h1>').parent / "_static")


SOURCES = ["styles/theme.css", "styles/pydata.css", "course.css"]


def test_stylesheets_are_joined_in_order_with_imports_inlined_and_paths_rebased(static):
    joined = joined_stylesheets(static, SOURCES)
    assert joined.index("div.body") < joined.index(".used") < joined.index(".course-made")
    assert "url(../file.png)" in joined  # basic.css sits in _static/, the bundle in _static/styles/
    assert "url(../vendor/fa.woff2)" in joined
    assert DATA_URI in joined
    assert joined.count("@charset") == 1 and "sourceMappingURL" not in joined
    assert "@import" not in joined


def test_the_bundle_keeps_what_pages_use_and_what_scripts_build(static, tmp_path):
    sizes = write_bundle(static.parent, SOURCES, tmp_path)
    bundle = (static / BUNDLE).read_text(encoding="utf-8")
    assert sizes and sizes[1] < sizes[0]
    assert ".used" in bundle and "h1" in bundle and "@font-face" in bundle
    assert ".course-made-at-run-time" in bundle  # the widgets' prefixes are safelisted
    assert ".never-used" not in bundle and "div.body" not in bundle


def test_pages_link_the_current_bundle_and_an_unchanged_site_is_not_purged_again(static, tmp_path, write):
    page = write("site/page.html", f'<link href="_static/{BUNDLE}" /><p class="used">')
    assert write_bundle(static.parent, SOURCES, tmp_path) is not None
    linked = page.read_text(encoding="utf-8")
    assert f"{BUNDLE}?v=" in linked
    assert write_bundle(static.parent, SOURCES, tmp_path) is None  # nothing changed
    assert page.read_text(encoding="utf-8") == linked
    write("site/other.html", '<p class="never-used">')
    assert write_bundle(static.parent, SOURCES, tmp_path) is not None
    assert ".never-used" in (static / BUNDLE).read_text(encoding="utf-8")
