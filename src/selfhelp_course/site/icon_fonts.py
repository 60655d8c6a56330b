"""Shrink the theme's icon fonts to the icons the site actually uses.

pydata-sphinx-theme ships Font Awesome's whole solid font (156 KB, which compression cannot
shrink) for about a dozen icons. After the build, the fonts in the output are cut down to the
glyphs named by the icon classes that appear in the site's HTML and the theme's scripts.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"\\([0-9a-f]{4,5})"\}')
ICON_NAME = re.compile(r"fa-[a-z0-9-]+")
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
ESCAPED = re.compile(r'content:\s*"\\([0-9a-f]{4,5})"')
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def icon_codepoints(stylesheet: str) -> dict[str, int]:
    """``fa-bars`` -> 0xF0C9, read from the theme's compiled stylesheet."""
    codes: dict[str, int] = {}
    for selectors, code in ICON_RULE.findall(stylesheet):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):", selectors):
            codes[name] = int(code, 16)
    return codes


def stylesheet_codepoints(stylesheet: str) -> set[int]:
    """Glyphs the stylesheets draw themselves (admonition icons, chevrons): every icon
    character written into CSS, except in the per-icon ``.fa-*`` rules."""
    used = {ord(char) for char in PRIVATE_USE.findall(stylesheet)} | {0x20}
    for selector, body in CSS_RULE.findall(stylesheet):
        if not selector.strip().startswith(".fa-"):
            used |= {int(code, 16) for code in ESCAPED.findall(body)}
    return used


def used_codepoints(site: Path, codes: dict[str, int]) -> set[int]:
    used = set()
    for path in site.rglob("_static/**/*.css"):
        used |= stylesheet_codepoints(path.read_text(encoding="utf-8", errors="ignore"))
    for path in [*site.rglob("*.html"), *site.glob("_static/scripts/*.js")]:
        for name in ICON_NAME.findall(path.read_text(encoding="utf-8", errors="ignore")):
            if name in codes:
                used.add(codes[name])
    return used


def subset_icon_fonts(site: Path) -> dict[str, tuple[int, int]]:
    """Subset every Font Awesome font in the built site in place; returns sizes before/after."""
    stylesheet = site / "_static" / "styles" / "pydata-sphinx-theme.css"
    fonts = sorted((site / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    if not stylesheet.is_file() or not fonts:
        return {}
    keep = used_codepoints(site, icon_codepoints(stylesheet.read_text(encoding="utf-8")))
    sizes = {}
    for path in fonts:
        before = path.stat().st_size
        font = TTFont(path)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep & set(font.getBestCmap()))
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(path)
        sizes[path.name] = (before, path.stat().st_size)
    return sizes
