"""The whole built site in Chromium: nothing from outside, no errors, accessible, light, portable."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from playwright.sync_api import expect

from selfhelp_course._course_time import page_path, toc_docnames
from paths import ROOT, SITE

PAGES = [f"{name}.html" for name in toc_docnames(ROOT)] + ["search.html", "genindex.html", "index.html"]
WIDGET_PAGES = [f"{name}.html" for name in toc_docnames(ROOT)
                if "knowledge_check(" in page_path(ROOT, name).read_text(encoding="utf-8")]
WEIGHT_LIMIT = 400 * 1024  # bytes, compressed, for everything one page loads


def outside(requests: list[str], site_url: str) -> list[str]:
    return [url for url in requests if not url.startswith((site_url, "blob:", "data:"))]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_outside_and_logs_no_error(watched, site_url, path):
    page = watched.open(urljoin(site_url, path))
    assert page.title()
    assert outside(watched.requests, site_url) == []
    assert watched.errors == []


@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_every_activity_on_a_page_renders(watched, site_url, path):
    page = watched.open(urljoin(site_url, path))
    expected = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    views = page.locator(".course-widget-host")
    assert views.count() >= 1 and expected == 0  # the host replaced every view marker
    expect(page.locator(".course-widget-error")).to_have_count(0)
    for index in range(views.count()):
        expect(views.nth(index).locator(".course-widget")).to_be_visible()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(watched, site_url, axe, path):
    page = watched.open(urljoin(site_url, path))
    page.locator(".course-widget").first.wait_for(timeout=5000) if path in WIDGET_PAGES else None
    serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, indent=1)


def test_every_image_has_alt_text_and_figures_are_labelled(watched, site_url):
    missing = []
    for path in PAGES:
        page = watched.open(urljoin(site_url, path))
        for img in page.locator("main img").all():
            if not (img.get_attribute("alt") or "").strip():
                missing.append(f"{path}: {img.get_attribute('src')}")
    assert missing == []


def compressed_weight(site_url: str, requests: list[str]) -> int:
    total = 0
    for url in set(requests):
        if not url.startswith(site_url):
            continue
        file = SITE / unquote(urlparse(url).path.lstrip("/"))
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), compresslevel=6))
    return total


def test_pages_stay_light_for_ward_pcs_and_phones(watched, site_url, tmp_path_factory):
    weights = {}
    for path in PAGES:
        watched.requests.clear()
        watched.open(urljoin(site_url, path))
        weights[path] = compressed_weight(site_url, watched.requests)
    heaviest = max(weights, key=weights.get)
    report = SITE.parent / "page-weights.json"
    report.write_text(json.dumps({"heaviest": heaviest, "bytes_gzip": weights}, indent=1))
    assert weights[heaviest] < WEIGHT_LIMIT, f"{heaviest} loads {weights[heaviest]} bytes compressed"


def test_the_site_works_opened_from_disk(watched):
    page = watched.open((SITE / WIDGET_PAGES[0]).as_uri())
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
            found += [s.strip() for s in re.split(r"(?<=[.?!])\s+", " ".join(body.split()))
                      if len(s.split()) >= 8]
    return found


def test_trainer_notes_stay_out_of_the_learner_site():
    sentences = trainer_sentences()
    assert sentences, "the course has trainer notes to keep out"
    site_text = "\n".join(" ".join(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")).split())
                          for p in [*SITE.rglob("*.html"), SITE / "searchindex.js"])
    leaked = [s for s in sentences if s in site_text]
    assert leaked == []
