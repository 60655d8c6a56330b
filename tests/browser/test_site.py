"""The whole built site in Chromium: nothing from outside, no errors, accessible, light, quick to
paint, portable.

Each page is opened once (the ``visits`` fixture) and everything the per-page checks need is
gathered on that one visit: requests, console errors, axe-core's findings, images without alt
text, the widgets' state, what the head makes the browser wait for, and the page's weight.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from paths import ROOT, SITE
from selfhelp_course.course.structure import page_path, toc_docnames
from selfhelp_course.site.stylesheet import BUNDLE, joined_stylesheets

PAGES = [f"{name}.html" for name in toc_docnames(ROOT)] + ["search.html", "genindex.html", "index.html"]
VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
VIEW_MARKER = "application/vnd.jupyter.widget-view+json"
WIDGET_PAGES = [
    path
    for path in PAGES
    if (SITE / path).is_file() and VIEW_MARKER in (SITE / path).read_text(encoding="utf-8")
]
CHECK_PAGES = [
    f"{name}.html"
    for name in toc_docnames(ROOT)
    if "knowledge_check(" in page_path(ROOT, name).read_text(encoding="utf-8")
]
WEIGHT_LIMIT = 250 * 1024  # bytes, compressed, for everything one page loads
STYLESHEET_LIMIT = (
    40 * 1024
)  # bytes, compressed: the site's one stylesheet, the widgets' styles included (35 KB on 2026-12-01)
SEARCH_FILES = ("searchindex.js", "_static/searchtools.js", "_static/language_data.js")

# Read in the page once it has loaded: the widgets' state, images without alt text, and any
# script or stylesheet in the head that the browser must fetch before it can paint.
GATHER = """(view) => {
  const hosts = [...document.querySelectorAll(".course-widget-host")];
  return {
    title: document.title,
    viewsLeft: document.querySelectorAll(view).length,
    hosts: hosts.length,
    hostsWithoutWidget: hosts.filter((host) => {
      const widget = host.querySelector(".course-widget");
      return !widget || !widget.checkVisibility();
    }).length,
    widgetErrors: document.querySelectorAll(".course-widget-error").length,
    // The widgets are styled by the site's stylesheet, and nothing adds styles at run time.
    unstyledWidgets: [...document.querySelectorAll(".course-widget")]
      .filter((widget) => getComputedStyle(widget).borderTopLeftRadius !== "6px").length,
    styleElements: document.head.querySelectorAll("style").length,
    missingAlt: [...document.querySelectorAll("main img")]
      .filter((img) => !(img.getAttribute("alt") || "").trim()).map((img) => img.getAttribute("src")),
    blockingScripts: [...document.head.querySelectorAll("script[src]")]
      .filter((s) => !s.defer && !s.async && s.type !== "module").map((s) => s.getAttribute("src")),
    stylesheets: [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.getAttribute("href")),
  };
}"""
WIDGETS_SETTLED = """(view) => !document.querySelector(view) &&
  [...document.querySelectorAll(".course-widget-host")].every((host) => host.children.length > 0)"""


@dataclass
class Visit:
    path: str
    requests: list[str]
    errors: list[str]
    violations: list[dict]
    gathered: dict
    weight: int = 0
    notes: list[str] = field(default_factory=list)


def outside(requests: list[str], site_url: str) -> list[str]:
    return [url for url in requests if not url.startswith((site_url, "blob:", "data:"))]


def site_file(site_url: str, url: str):
    file = SITE / unquote(urlparse(url).path.lstrip("/"))
    return file / "index.html" if file.is_dir() else file


def compressed_weight(site_url: str, requests: list[str]) -> int:
    files = {site_file(site_url, url) for url in requests if url.startswith(site_url)}
    return sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files if f.is_file())


def visit(new_profile, axe, site_url: str, path: str) -> Visit:
    watched = new_profile()
    try:
        page = watched.open(urljoin(site_url, path))
        notes = []
        if path in WIDGET_PAGES:
            try:
                page.wait_for_function(WIDGETS_SETTLED, arg=VIEW, timeout=10_000)
            except PlaywrightTimeout:
                notes.append("the widgets did not all render within 10 s")
        gathered = page.evaluate(GATHER, VIEW)
        violations = axe(page)
        return Visit(
            path,
            list(watched.requests),
            list(watched.errors),
            violations,
            gathered,
            compressed_weight(site_url, watched.requests),
            notes,
        )
    finally:
        watched.context.close()  # one page at a time: keeps Chromium's memory low


@pytest.fixture(scope="module")
def visits(module_profiles, axe, site_url) -> dict[str, Visit]:
    return {path: visit(module_profiles, axe, site_url, path) for path in PAGES}


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_outside_and_logs_no_error(visits, site_url, path):
    seen = visits[path]
    assert seen.gathered["title"]
    assert outside(seen.requests, site_url) == []
    assert seen.errors == []


@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_every_activity_on_a_page_renders(visits, path):
    seen = visits[path].gathered
    assert visits[path].notes == []
    assert seen["hosts"] >= 1 and seen["viewsLeft"] == 0  # the host replaced every view marker
    assert seen["widgetErrors"] == 0
    assert seen["hostsWithoutWidget"] == 0
    assert seen["unstyledWidgets"] == 0 and seen["styleElements"] == 0


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(visits, path):
    serious = [v for v in visits[path].violations if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)


def test_every_image_has_alt_text_and_figures_are_labelled(visits):
    missing = [f"{path}: {src}" for path, seen in visits.items() for src in seen.gathered["missingAlt"]]
    assert missing == []


def test_pages_stay_light_for_ward_pcs_and_phones(visits):
    weights = {path: seen.weight for path, seen in visits.items()}
    heaviest = max(weights, key=weights.get)
    report = SITE.parent / "page-weights.json"
    report.write_text(json.dumps({"heaviest": heaviest, "bytes_gzip": weights}, indent=1))
    assert weights[heaviest] < WEIGHT_LIMIT, f"{heaviest} loads {weights[heaviest]} bytes compressed"


# ---- What keeps pages quick to paint on a phone (issue 13): checked by what pages do ----


@pytest.mark.parametrize("path", PAGES)
def test_nothing_in_the_head_holds_up_the_first_paint(visits, path):
    """Every script waits (defer) and the page links the site's one stylesheet, no other."""
    seen = visits[path].gathered
    assert seen["blockingScripts"] == []
    assert [href.split("?")[0].split("_static/")[-1] for href in seen["stylesheets"]] == [BUNDLE]


def test_the_search_index_is_loaded_only_by_the_search_page(visits, site_url):
    def search_files(seen: Visit) -> set[str]:
        paths = {urlparse(url).path.lstrip("/") for url in seen.requests}
        return {name for name in SEARCH_FILES if name in paths}

    assert {
        path: sorted(search_files(seen))
        for path, seen in visits.items()
        if path != "search.html" and search_files(seen)
    } == {}
    assert search_files(visits["search.html"]) == set(SEARCH_FILES)


def test_the_redirect_at_the_root_names_the_sites_icon():
    """Otherwise a browser asks for /favicon.ico, which is not there (a 404 in the console)."""
    index = (SITE / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Refresh"' in index and '<link rel="icon" href="_static/favicon.svg" />' in index
    assert (SITE / "_static" / "favicon.svg").is_file()


def test_the_one_stylesheet_stays_small():
    sheet = SITE / "_static" / BUNDLE
    assert len(gzip.compress(sheet.read_bytes(), compresslevel=6)) < STYLESHEET_LIMIT


def test_search_finds_pages_from_any_page(watched, site_url):
    page = watched.open(urljoin(site_url, "book/glossary.html"))
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    expect(field).to_be_visible()
    field.fill("self-help")
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=self-help"))
    results = page.locator("#search-results ul.search li a")
    expect(results.first).to_be_visible(timeout=10_000)
    assert results.count() >= 3
    assert watched.errors == []


def test_defect_12_search_from_a_file_lists_results_without_errors(watched):
    """Opened from file:// (the downloaded site), the search lists matching pages and says why
    they have no extracts, instead of fetching each page (refused from file://: 42 console
    errors before)."""
    page = watched.open((SITE / "search.html").as_uri() + "?q=self-help")
    expect(page.locator("#search-results").get_by_text("found", exact=False)).to_be_visible(timeout=20_000)
    results = page.locator("#search-results ul.search li a")
    assert results.count() >= 3
    expect(page.locator(".course-search-from-file")).to_contain_text("open from a file")
    assert page.locator("#search-results ul.search li p.context").count() == 0
    assert watched.errors == []


def test_search_over_http_still_shows_extracts(watched, site_url):
    page = watched.open(urljoin(site_url, "search.html?q=self-help"))
    expect(page.locator("#search-results").get_by_text("found", exact=False)).to_be_visible(timeout=20_000)
    expect(page.locator("#search-results ul.search li p.context").first).to_be_visible(timeout=10_000)
    assert page.locator(".course-search-from-file").count() == 0
    assert watched.errors == []


def test_dark_mode_toggle_switches_and_is_remembered(watched, site_url):
    page = watched.open(urljoin(site_url, "book/welcome.html"))
    html = page.locator("html")
    background = "() => getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    button = page.locator("button.theme-switch-button").first
    for _ in range(3):  # the button cycles light -> dark -> auto
        if html.get_attribute("data-theme") == "dark":
            break
        button.click()
    expect(html).to_have_attribute("data-theme", "dark")
    assert page.evaluate(background) != light
    page.reload()
    expect(html).to_have_attribute("data-theme", "dark")
    assert watched.errors == []


def test_sidebars_dropdowns_and_code_toggles_work(watched, site_url):
    page = watched.open(urljoin(site_url, "notebooks/wellbeing-data.html"))
    # The download menu opens.
    page.locator(".bd-header-article .dropdown-toggle").first.click()
    expect(page.locator(".bd-header-article .dropdown-menu").first).to_be_visible()
    page.keyboard.press("Escape")
    # A hidden code cell opens on its "Show code cell source" summary.
    cell = page.locator("details.hide.above-input").first
    code = cell.locator(".cell_input, pre").first
    expect(code).to_be_hidden()
    cell.locator("summary").click()
    expect(code).to_be_visible()
    # Wide screen: the article header's button hides the course's contents and shows them again.
    sidebar, toggle = page.locator("#pst-primary-sidebar"), page.locator(".bd-header-article .primary-toggle")
    toggle.click()
    expect(sidebar).to_have_class(re.compile(r"pst-sidebar-hidden"))
    expect(sidebar).to_be_hidden()
    toggle.click()
    expect(sidebar).to_be_visible()
    # A phone: the same buttons open the course's contents and the page's as dialogs.
    page.set_viewport_size({"width": 390, "height": 844})
    for kind, dialog in (
        ("primary", "#pst-primary-sidebar-modal"),
        ("secondary", "#pst-secondary-sidebar-modal"),
    ):
        page.locator(f".bd-header-article .{kind}-toggle").click()
        expect(page.locator(dialog)).to_be_visible()
        expect(page.locator(f"{dialog} a").first).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator(dialog)).to_be_hidden()
    assert watched.errors == []


# ---- The purged stylesheet styles every element exactly as the theme's full ones did ----

# What makes a box look as it does: these computed properties of every element (and of its
# ::before and ::after), kept in the page to compare after the swap.
PROPERTIES = """display visibility position top right bottom left z-index float clear box-sizing width height
min-width max-width min-height max-height margin-top margin-right margin-bottom margin-left
padding-top padding-right padding-bottom padding-left border-top-width border-right-width
border-bottom-width border-left-width border-top-style border-bottom-style border-left-style
border-top-color border-left-color border-top-left-radius border-bottom-right-radius color
background-color background-image font-family font-size font-weight font-style line-height
text-align text-decoration-line text-transform white-space opacity overflow-x overflow-y box-shadow
outline-style outline-width outline-color content flex-direction flex-wrap justify-content
align-items align-self flex-grow flex-shrink flex-basis order gap grid-template-columns list-style-type cursor
transform fill stroke vertical-align""".split()
CAPTURE = """(properties) => {
  const styles = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const cs = getComputedStyle(el, pseudo);
      if (pseudo && cs.content === "none") continue;
      styles.push([el, pseudo, properties.map((p) => cs.getPropertyValue(p))]);
    }
  }
  return styles;
}"""
COMPARE = f"""(properties) => {{
  const before = window.__styles, after = ({CAPTURE.strip()})(properties);
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].map((c) => "." + c).join("");
  const differences = [];
  if (before.length !== after.length) differences.push(`${{before.length}} styled boxes, then ${{after.length}}`);
  for (let i = 0; i < Math.min(before.length, after.length) && differences.length < 10; i++) {{
    const [el, pseudo, a] = before[i], b = after[i][2];
    const changed = properties.filter((p, k) => a[k] !== b[k]).slice(0, 4);
    if (changed.length) differences.push(describe(el) + (pseudo || "") + " " + changed.map(
      (p) => `${{p}}: ${{a[properties.indexOf(p)]}} (purged) vs ${{b[properties.indexOf(p)]}} (full)`).join("; "));
  }}
  return differences;
}}"""
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
SWAP = """async (href) => {
  const link = document.querySelector('link[href*="course-bundle.css"]');
  await new Promise((loaded, failed) => { link.onload = loaded; link.onerror = failed; link.href = href; });
  await document.fonts.ready;
  document.getAnimations().forEach((animation) => animation.finish());
}"""


def full_stylesheet() -> str:
    """The theme's and extensions' stylesheets before purging, as the bundle's header lists them."""
    header = re.search(
        r"/\*! course-bundle from: ([^*]+) \*/", (SITE / "_static" / BUNDLE).read_text(encoding="utf-8")
    )
    return joined_stylesheets(SITE / "_static", header.group(1).split())


STATES = {
    "light": lambda page: None,
    "dark": lambda page: page.evaluate("document.documentElement.dataset.theme = 'dark'"),
    "search dialog": lambda page: page.keyboard.press("Control+k"),
    "download menu": lambda page: page.locator(".bd-header-article .dropdown-toggle").first.click(),
    "code shown": lambda page: page.locator("details.hide.above-input summary").first.click(),
    "phone": lambda page: page.set_viewport_size({"width": 390, "height": 844}),
}
STYLE_PAGES = {
    "notebooks/wellbeing-data.html": list(STATES),
    "book/what-is-a-self-help-group.html": ["light", "dark"],
    "book/glossary.html": ["light", "dark"],
    "book/evaluation.html": ["light"],
    "search.html?q=group": ["light"],
}


@pytest.mark.parametrize("path", STYLE_PAGES)
def test_the_purged_stylesheet_styles_every_element_as_the_full_one(watched, site_url, path):
    full = full_stylesheet()
    watched.page.route(
        re.compile(r".*course-bundle\.css\?full$"),
        lambda route: route.fulfill(body=full, content_type="text/css"),
    )
    found = {}
    for state in STYLE_PAGES[path]:
        page = watched.open(urljoin(site_url, path))  # each state from a fresh load
        if path.startswith("search.html"):
            expect(page.locator("#search-results ul.search li").first).to_be_visible(timeout=10_000)
            # Results arrive one by one: measure only once the search says it has finished.
            expect(page.locator("#search-results .search-summary")).to_contain_text("found", timeout=30_000)
        if path in WIDGET_PAGES:
            page.wait_for_function(WIDGETS_SETTLED, arg=VIEW, timeout=10_000)
        # Transitions would catch a box halfway between two looks: both stylesheets go without.
        page.add_style_tag(content=STILL)
        STATES[state](page)
        page.wait_for_timeout(300)  # let the theme's scripts finish opening what was clicked
        differences = style_differences(page)
        if differences:
            found[state] = differences
    assert found == {}, json.dumps(found, indent=1)
    assert watched.errors == []


def style_differences(page) -> list[str]:
    """Swap the purged stylesheet for the full one; list the boxes that then look different."""
    purged = page.locator('link[href*="course-bundle.css"]').get_attribute("href")
    # Loaded again first, so that both looks are read just after a swap, in the same conditions.
    page.evaluate(SWAP, purged.split("?")[0] + "?again")
    page.evaluate(f"(properties) => {{ window.__styles = ({CAPTURE.strip()})(properties); }}", PROPERTIES)
    page.evaluate(SWAP, purged.split("?")[0] + "?full")
    return page.evaluate(COMPARE, PROPERTIES)


def test_the_site_works_opened_from_disk(watched):
    page = watched.open((SITE / CHECK_PAGES[0]).as_uri())
    check = page.locator("fieldset.kc").first
    expect(check).to_be_visible()
    check.locator("input").first.check()
    check.get_by_role("button", name="Check answer").click()
    expect(check.locator(".course-status")).not_to_be_empty()
    page.reload()
    expect(page.locator("fieldset.kc").first.locator("input").first).to_be_checked()
    assert all(url.startswith(("file:", "blob:", "data:")) for url in watched.requests)
    assert watched.errors == []


def trainer_sentences() -> list[str]:
    """Sentences of every trainer-only block in the sources."""
    found = []
    for name in toc_docnames(ROOT):
        text = page_path(ROOT, name).read_text(encoding="utf-8")
        for block in re.findall(r"````\{only\} trainer\n(.*?)\n````", text, flags=re.S):
            body = re.sub(r"^(```.*|:\w+:.*)$", "", block, flags=re.M)
            found += [
                s.strip() for s in re.split(r"(?<=[.?!])\s+", " ".join(body.split())) if len(s.split()) >= 8
            ]
    return found


def test_trainer_notes_stay_out_of_the_learner_site():
    sentences = trainer_sentences()
    assert sentences, "the course has trainer notes to keep out"
    site_text = "\n".join(
        " ".join(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")).split())
        for p in [*SITE.rglob("*.html"), SITE / "searchindex.js"]
    )
    leaked = [s for s in sentences if s in site_text]
    assert leaked == []
