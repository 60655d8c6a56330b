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
    outside = [url for url in watched.requests if not url.startswith(folder) and not url.startswith("data:")]
    assert outside == []
    assert any(url.endswith("reveal.js/dist/reveal.js") for url in watched.requests)
    assert watched.errors == []


@pytest.mark.parametrize("slug", [slug for slug, _ in DECKS])
def test_reveal_finds_speaker_notes_on_every_slide_but_the_title(watched, slug):
    """reveal.js itself (the copy next to the decks, from file://) reads the notes the speaker
    view shows: Reveal.getSlideNotes() is not empty for any slide after the title slide."""
    deck = SLIDES / f"{slug}.html"
    page = watched.open(deck.resolve().as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    notes = page.evaluate("Reveal.getSlides().map(slide => Reveal.getSlideNotes(slide) || '')")
    assert len(notes) > 5
    empty = [index for index, text in enumerate(notes) if index and not text.strip()]
    assert not empty, f"{slug}: slides {empty} of {len(notes)} have no speaker notes"
    assert all("Ask:" in text and "Listen for:" in text for text in notes[1:])
    assert watched.errors == []


def test_speaker_view_shows_the_notes_offline(watched):
    """Pressing S opens reveal.js's speaker view (plugin/notes, next to the deck) from file://:
    it shows the current slide's notes, Timing, Ask and Listen for, and fetches nothing from
    outside the deck's folder."""
    slug = DECKS[0][0]
    deck = SLIDES / f"{slug}.html"
    folder = SLIDES.resolve().as_uri() + "/"
    page = watched.open(deck.resolve().as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    page.keyboard.press("ArrowRight")
    with page.expect_popup() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    requests: list[str] = []
    speaker.on("request", lambda request: requests.append(request.url))
    notes = speaker.locator(".speaker-controls-notes .value")
    notes.wait_for()
    speaker.wait_for_function(
        "() => document.querySelector('.speaker-controls-notes .value').textContent.includes('Timing:')"
    )
    text = notes.inner_text()
    assert "Ask:" in text and "Listen for:" in text
    outside = [
        url
        for url in watched.requests + requests
        if not url.startswith(folder) and not url.startswith(("data:", "about:"))
    ]
    assert outside == []
    assert watched.errors == []
