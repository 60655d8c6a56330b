"""The trainer edition in Chromium: its banner is visible and readable (axe-core), its notes show,
in light and dark mode. Built by `make trainer-book`; opened straight from disk."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from paths import BUILD

TRAINER_SITE = BUILD / "trainer" / "_build" / "html"
BANNER = "Trainer edition: contains instructor notes and answer keys; do not publish to learners"
PAGES = ["book/welcome.html", "case_studies/cancer-group.html", "trainer/session-plans.html", "search.html"]


@pytest.fixture(scope="module")
def trainer_site():
    if not (TRAINER_SITE / "searchindex.js").is_file():
        pytest.fail(f"the trainer edition is not built: run `make trainer-book` first ({TRAINER_SITE})")
    return TRAINER_SITE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_the_banner_is_visible_and_the_page_accessible(browser, axe, trainer_site, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((trainer_site / path).as_uri(), wait_until="load")
        banner = page.get_by_role("complementary", name="Announcement")
        expect(banner).to_be_visible()
        expect(banner).to_have_text(BANNER)
        if path.startswith("case_studies/"):
            expect(page.locator(".trainer-note").first).to_be_visible()
        serious = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
        assert serious == [], json.dumps(serious, indent=1)
        assert errors == []
    finally:
        context.close()
