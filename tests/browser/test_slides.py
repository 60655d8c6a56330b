"""The slide decks opened from disk in Chromium: reveal.js runs and nothing leaves the folder."""
from __future__ import annotations

import pytest

from paths import BUILD
from test_slides_and_workbook import DECKS

SLIDES = BUILD / "slides"


@pytest.mark.parametrize("slug", [slug for slug, _ in DECKS])
def test_deck_renders_offline_from_disk(watched, slug):
    deck = SLIDES / f"{slug}.html"
    folder = SLIDES.resolve().as_uri() + "/"
    page = watched.open(deck.resolve().as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    sections = page.locator(".reveal .slides section").count()
    assert sections > 5
    assert page.locator(".reveal .slides section.present").count() >= 1
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    outside = [url for url in watched.requests
               if not url.startswith(folder) and not url.startswith("data:")]
    assert outside == []
    assert any(url.endswith("reveal.js/dist/reveal.js") for url in watched.requests)
    assert watched.errors == []
