"""One small stylesheet for the whole site, instead of eleven large ones.

Every page used to load eleven render-blocking stylesheets (the theme's alone is 400 KB, 66 KB
compressed, and about 90 % of it styles things the course never shows). After the build, the
stylesheets the pages link are joined in their order (``@import`` inlined, ``url()`` paths
made relative to the bundle) and PurgeCSS (npm, pinned in package.json) removes every rule
whose classes, ids, tags and attributes appear in none of the site's pages or scripts. The
pages link only the result, ``_static/styles/course-bundle.css``.

What runs in the browser adds classes the HTML does not contain. PurgeCSS reads the theme's
scripts and each page's embedded widget modules as well, and SAFELIST keeps what is built
from pieces at run time (Bootstrap's ``bs-tooltip-auto``, the widgets' prefixed classes).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
import subprocess
import zlib
from functools import cache
from pathlib import Path

from ..course.facts import ACTIVITY_KINDS

BUNDLE = "styles/course-bundle.css"  # under _static/
# pydata-sphinx-theme links these itself (static/webpack-macros.html), before Sphinx's list.
THEME_STYLESHEETS = ("styles/theme.css", "styles/pydata-sphinx-theme.css")
PURGE_SCRIPT = Path(__file__).parent / "purge_css.mjs"
# Scripts PurgeCSS need not read: the icon script pages never load (it names every icon), and
# source maps.
SKIPPED_SCRIPTS = re.compile(r"(fontawesome\.js|\.map)$")
CACHE = "course-bundle.sha256"  # beside the doctrees: what the current bundle was made from

# Patterns (JavaScript regular expressions, matched against one selector part: a class, id,
# tag or attribute) kept whatever the pages contain.
# The class prefixes of what is not an activity kind (each kind names its own, ActivityKind.css_prefix):
# the progress and portfolio widgets, the page's progress box, the classes every widget shares.
SITE_CLASS_PREFIXES = ("pf", "prog", "cpp", "course")
SAFELIST = {
    # Classes the course's widgets and site scripts build at run time ("kc-note-" + kind).
    "greedy": [rf"^({'|'.join([*(kind.css_prefix for kind in ACTIVITY_KINDS), *SITE_CLASS_PREFIXES])})(-|$)"],
    # Bootstrap and the theme: tooltips, dropdowns and dialogs get their classes from scripts
    # that build names from pieces (`bs-${name}-auto`), so keep those families whole.
    "deep": [r"^(bs-|tooltip|popover|dropdown|modal)", r"^(show|showing|hiding|collapsing|fade)$"],
}

IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']([^"']+)["']\s*\)?\s*;""")
URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
BUNDLE_VERSION = re.compile(rb"(?<=" + re.escape(BUNDLE.encode()) + rb")\?v=[0-9a-f]+")


# The widgets' styles: the course palette (its colours, light and dark), then the widgets' own
# rules. A widget carries them in `_css` for JupyterLab; the site has them in its one stylesheet.
WIDGET_STYLESHEETS = ("course-palette.css", "course-widgets.css")  # in static/site/
SITE_STATIC = Path(__file__).parents[1] / "static" / "site"


@cache
def widget_stylesheet() -> str:
    return "\n".join((SITE_STATIC / name).read_text(encoding="utf-8") for name in WIDGET_STYLESHEETS)


class StylesheetError(RuntimeError):
    """The bundle could not be made (PurgeCSS missing or failing)."""


def joined_stylesheets(static: Path, sources: list[str]) -> str:
    """The stylesheets in their order, as one text that works from ``_static/styles/``."""
    bundle_dir = posixpath.dirname(BUNDLE)
    # The header names the sources (tests rebuild the unpurged text from it); PurgeCSS keeps /*! */.
    parts = ['@charset "UTF-8";', f"/*! course-bundle from: {' '.join(sources)} */"]
    for source in sources:
        parts.append(_inlined(static, source.split("?")[0], bundle_dir, seen=set()))
    return "\n".join(parts) + "\n"


def _inlined(static: Path, source: str, bundle_dir: str, seen: set[str]) -> str:
    if source in seen:
        return ""
    seen.add(source)
    text = (static / source).read_text(encoding="utf-8")
    text = SOURCE_MAP.sub("", CHARSET.sub("", text))
    here = posixpath.dirname(source)

    def rebase(match: re.Match) -> str:
        quote, target = match.groups()
        if re.match(r"^([a-z]+:|/|#)", target):  # data:, http:, absolute, fragment
            return match.group(0)
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(here, target)), bundle_dir)
        return f"url({quote}{moved}{quote})"

    def inline(match: re.Match) -> str:
        return _inlined(static, posixpath.normpath(posixpath.join(here, match.group(1))), bundle_dir, seen)

    return f"/* {source} */\n" + URL.sub(rebase, IMPORT.sub(inline, text))


def content_files(outdir: Path) -> list[Path]:
    """What PurgeCSS reads for names in use: every page and every script the pages can load."""
    outdir = outdir.resolve()
    pages = sorted(p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts)
    scripts = sorted(p for p in (outdir / "_static").rglob("*.js") if not SKIPPED_SCRIPTS.search(p.name))
    return pages + scripts


def purge(css: str, content: list[Path]) -> str:
    """The rules of ``css`` that ``content`` uses (PurgeCSS, run by node)."""
    node = shutil.which("node")
    if node is None:
        raise StylesheetError(
            "node is missing: the site's stylesheet is made with PurgeCSS "
            "(install Node.js 20+, then run `make book`)"
        )
    request = {"css": css, "content": [str(p) for p in content], "safelist": SAFELIST}
    done = subprocess.run(
        [node, str(PURGE_SCRIPT)],
        input=json.dumps(request),
        text=True,
        capture_output=True,
        cwd=PURGE_SCRIPT.parent,
    )
    if done.returncode != 0:
        raise StylesheetError(f"PurgeCSS failed ({PURGE_SCRIPT.name}): {done.stderr.strip()[-2000:]}")
    return done.stdout


def write_bundle(outdir: Path, sources: list[str], state_dir: Path) -> tuple[int, int] | None:
    """Make ``_static/styles/course-bundle.css`` and point every page at its new version.

    Skips PurgeCSS when neither the stylesheets nor the pages changed since the last build
    (a no-change rebuild stays quick). Returns the sizes before and after, or None if skipped.
    """
    static = outdir / "_static"
    joined = joined_stylesheets(static, sources)
    content = content_files(outdir)
    digest = _inputs_digest(joined, content)
    stamp, bundle = state_dir / CACHE, static / BUNDLE
    sizes = None
    if not (bundle.is_file() and stamp.is_file() and stamp.read_text() == digest):
        purged = purge(joined, content)
        bundle.write_text(purged, encoding="utf-8")
        sizes = (len(joined.encode()), len(purged.encode()))
        stamp.write_text(digest)
    link_bundle(outdir, bundle)
    return sizes


def _inputs_digest(joined: str, content: list[Path]) -> str:
    """What the bundle is made from; pages count without the bundle's own ``?v=``."""
    digest = hashlib.sha256(joined.encode())
    for path in content:
        digest.update(BUNDLE_VERSION.sub(b"", path.read_bytes()))
    return digest.hexdigest()


def link_bundle(outdir: Path, bundle: Path) -> None:
    """Give every page's link the bundle's checksum (``?v=``, as Sphinx does for its files),
    which it could not know when the page was written, so browsers never keep a stale copy."""
    checksum = f"{zlib.crc32(bundle.read_bytes()):08x}"
    link = re.compile(re.escape(BUNDLE) + r"(\?v=[0-9a-f]+)?\"")
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        linked = link.sub(f'{BUNDLE}?v={checksum}"', text)
        if linked != text:
            page.write_text(linked, encoding="utf-8")
