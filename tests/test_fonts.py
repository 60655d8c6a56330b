"""Icon fonts are cut to the glyphs the site uses; nothing the pages draw is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from paths import SITE
from selfhelp_course.site.icon_fonts import icon_codepoints, stylesheet_codepoints, subset_icon_fonts

CSS = (
    '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-key:before{content:"\\f084"}'
    '.admonition>.admonition-title:after{content:"\\f06a";font-family:x}'
    'html{--pst-icon-bell:"\uf0f3"}'
)


def test_icon_classes_map_to_their_codepoints():
    assert icon_codepoints(CSS) == {"fa-bars": 0xF0C9, "fa-navicon": 0xF0C9, "fa-key": 0xF084}


def test_glyphs_drawn_by_stylesheets_are_kept_but_not_every_icon_rule():
    kept = stylesheet_codepoints(CSS)
    assert {0xF06A, 0xF0F3} <= kept
    assert 0xF084 not in kept and 0xF0C9 not in kept


@pytest.mark.skipif(not (SITE / "_static").is_dir(), reason="needs the built site")
def test_the_built_site_keeps_every_icon_its_pages_name():
    font = TTFont(SITE / "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2")
    cmap = set(font.getBestCmap())
    for code in (0xF0C9, 0xF002, 0xF019):  # bars (menu), magnifying glass (search), download
        assert code in cmap
    assert len(cmap) < 200, "the solid font should be cut down to the icons in use"


def test_subsetting_is_a_no_op_on_a_folder_without_the_theme(tmp_path: Path):
    assert subset_icon_fonts(tmp_path) == {}
