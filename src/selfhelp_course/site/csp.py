"""The Content-Security-Policy the site works under, and the headers to serve it with.

After an HTML build the Sphinx extension writes, next to the site (trainer/publishing.md):
- ``csp.txt``: the policy on one line, for any web server's configuration;
- ``_headers``: every header the site should be served with, in the format Netlify and
  Cloudflare Pages read from a site's root.

Scripts: only the site's own files, and the few inline scripts the pages carry (the storage guard,
the theme's colour mode, sphinx-togglebutton's settings...), each allowed by the SHA-256 of its
exact text, read from the built pages; no 'unsafe-inline', no 'unsafe-eval'. The widget host
imports each widget's module (the page's own embedded state) from a ``blob:`` URL, so script-src
allows ``blob:``. Styles: the theme and docutils write ``style=""`` attributes (table column
widths) and a ``<style>`` inside ``<noscript>``, which CSP can allow only with 'unsafe-inline' in
style-src; styles cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Types a browser runs as script (others, such as the widgets' JSON, are data blocks).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "blob:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# The other headers a publisher should set (trainer/publishing.md says why each).
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script a browser would run in an HTML page (pure)."""
    found = []
    for match in SCRIPT.finditer(page):
        attributes = match.group("attributes")
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
            found.append(match.group("body"))
    return found


def script_hash(body: str) -> str:
    """The CSP source that allows exactly this inline script: 'sha256-<base64>'."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes) -> str:
    """The policy on one line, with these script hashes (pure; sorted, so stable)."""
    directives = {**POLICY, "script-src": [*POLICY["script-src"], *sorted(set(hashes))]}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def site_policy(site: Path) -> str:
    """The policy for a built site: every inline script of every page allowed by its hash."""
    hashes = {
        script_hash(body)
        for path in sorted(site.rglob("*.html"))
        for body in inline_scripts(path.read_text(encoding="utf-8"))
    }
    return policy(hashes)


def headers_file(csp: str) -> str:
    """``_headers`` for Netlify and Cloudflare Pages (pure): every path gets every header."""
    lines = [
        "# Written by the course's build (src/selfhelp_course/site/csp.py); see trainer/publishing.md.",
        "/*",
        f"  Content-Security-Policy: {csp}",
    ]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def write_headers(site: Path) -> str:
    """Write csp.txt and _headers into a built site; return the policy."""
    csp = site_policy(site)
    (site / "csp.txt").write_text(csp + "\n", encoding="utf-8")
    (site / "_headers").write_text(headers_file(csp), encoding="utf-8")
    return csp


def _after_build(app, exception) -> None:
    """After the HTML build (and after every other handler has changed a page): csp.txt, _headers."""
    if exception is None and app.builder.format == "html" and getattr(app.builder, "name", "") != "epub":
        csp = write_headers(Path(app.outdir))
        hashes = csp.count("'sha256-")
        from sphinx.util import logging

        logging.getLogger(__name__).info(
            f"course: csp.txt and _headers written ({hashes} inline scripts allowed by hash)"
        )


def setup_csp(app) -> None:
    app.connect("build-finished", _after_build, priority=990)
