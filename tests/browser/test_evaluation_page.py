"""The course evaluation on the built site: rate before (kept across a reload, or skipped with
nothing recorded), rate after with feedback, two tabs rating different outcomes both kept, and
the anonymous download, checked against its schema (the learner's words only when ticked)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from playwright.sync_api import expect

from paths import ROOT
from selfhelp_course.activities.evaluation import evaluation_manifest
from selfhelp_course.course.facts import LEARNER_KEY, STORAGE_PREFIX, storage_key

SCHEMA = json.loads(
    (ROOT / "data" / "schemas" / "evaluation-response.schema.json").read_text(encoding="utf-8")
)
WORDS = evaluation_manifest(ROOT)
FIRST, SECOND = WORDS["outcomes"][0], WORDS["outcomes"][1]
SCALE = {p["value"]: p["words"] for p in WORDS["scale"]}
KEY = storage_key("evaluation", "course")
CHANGE = "Ask the group what help it wants before offering any."


def url(site_url: str, docname: str) -> str:
    return urljoin(site_url, f"{docname}.html")


def widget(page, stage: str):
    return page.locator(f'.ev[data-evaluation-stage="{stage}"]')


def outcome(page, stage: str, item: dict):
    return widget(page, stage).locator(f'fieldset[data-outcome="{item["id"]}"]')


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return json.loads(raw) if raw else {}


def wait_stored(page, test: str):
    """Wait until the stored entry passes a JavaScript test of `e` (the parsed entry)."""
    page.wait_for_function(
        f"(() => {{ const e = JSON.parse(localStorage.getItem({json.dumps(KEY)}) || '{{}}'); return {test}; }})()"
    )


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def test_rating_before_is_kept_across_a_reload_and_works_from_the_keyboard(watched, site_url, axe):
    page = watched.open(url(site_url, "book/welcome"))
    first = outcome(page, "before", FIRST)
    expect(first.locator("legend")).to_have_text(FIRST["text"])
    first.get_by_label(SCALE[3], exact=True).check()
    # The keyboard: focus a rating and move along the scale with the arrow keys.
    second = outcome(page, "before", SECOND)
    second.get_by_label(SCALE[1], exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(second.get_by_label(SCALE[2], exact=True)).to_be_checked()
    wait_stored(page, f"e.before && e.before[{json.dumps(SECOND['id'])}] === 2")
    entry = stored(page)
    assert entry["before"] == {FIRST["id"]: 3, SECOND["id"]: 2}
    assert len(entry["responseId"]) == 16 and entry["after"] == {}
    page.reload()
    expect(outcome(page, "before", FIRST).get_by_label(SCALE[3], exact=True)).to_be_checked()
    expect(outcome(page, "before", SECOND).get_by_label(SCALE[2], exact=True)).to_be_checked()
    assert serious(axe(page)) == []
    assert watched.errors == []


def test_skip_records_nothing(watched, site_url):
    page = watched.open(url(site_url, "book/welcome"))
    box = widget(page, "before")
    box.get_by_role("button", name="Skip").click()
    expect(box.locator(".ev-skipped")).to_be_focused()
    expect(box.locator(".ev-skipped")).to_contain_text("nothing was recorded")
    expect(outcome(page, "before", FIRST)).to_be_hidden()
    assert stored(page) == {}
    box.get_by_role("button", name="Rate my confidence after all").click()
    expect(outcome(page, "before", FIRST)).to_be_visible()
    assert stored(page) == {}
    assert watched.errors == []


def answer_after(page):
    box = widget(page, "after")
    outcome(page, "after", FIRST).get_by_label(SCALE[4], exact=True).check()
    box.locator('fieldset[data-question="relevance"]').get_by_label(
        WORDS["relevance"][4]["words"], exact=True
    ).check()
    box.locator('fieldset[data-question="time"]').get_by_label(WORDS["time"][2]["words"], exact=True).check()
    box.locator('fieldset[data-question="recommend"]').get_by_label(
        WORDS["recommend"][0]["words"], exact=True
    ).check()
    box.locator("select.ev-role").select_option("link-worker")
    box.locator("textarea").fill(CHANGE)
    wait_stored(page, f'e.change === {json.dumps(CHANGE)} && e.role === "link-worker"')
    return box


def test_after_with_feedback_then_the_download_matches_the_schema_and_the_words_go_only_when_ticked(
    watched, site_url, axe
):
    page = watched.open(url(site_url, "book/welcome"))
    outcome(page, "before", FIRST).get_by_label(SCALE[2], exact=True).check()
    wait_stored(page, "e.before")
    # The learner chose a nation (the learner entry): it goes in the file, as the schema allows.
    page.evaluate(
        f"localStorage.setItem({json.dumps(STORAGE_PREFIX + LEARNER_KEY)}, JSON.stringify({{v: 1, nation: 'wales', seed: 'abcdefghijklmnop'}}))"
    )
    page = watched.open(url(site_url, "book/evaluation"))
    box = answer_after(page)
    expect(outcome(page, "after", FIRST)).to_contain_text(f"Before the course you chose: {SCALE[2]}.")
    preview = box.locator("pre.ev-preview")
    shown = json.loads(preview.text_content())
    jsonschema.validate(shown, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert "change" not in shown and CHANGE not in preview.text_content()
    assert shown["confidence"][FIRST["id"]] == {"before": 2, "after": 4}
    assert shown["feedback"] == {"relevance": 5, "clarity": None, "time": "more", "recommend": "yes"}
    assert (shown["role"], shown["nation"]) == ("link-worker", "wales")
    assert "abcdefghijklmnop" not in preview.text_content()  # the learner's seed never goes
    box.get_by_label("Include what I wrote", exact=False).check()
    expect(preview).to_contain_text(CHANGE)
    with page.expect_download() as caught:
        box.get_by_role("button", name="Download an anonymous evaluation").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8")
    file = json.loads(text)
    jsonschema.validate(file, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert text == preview.text_content()  # exactly what the learner was shown
    assert file["change"] == CHANGE and file["response_id"] == stored(page)["responseId"]
    # New words untick the box: the learner shares only what they have seen.
    box.locator("textarea").fill(CHANGE + " And listen.")
    expect(box.get_by_label("Include what I wrote", exact=False)).not_to_be_checked()
    expect(preview).not_to_contain_text("And listen.")
    assert serious(axe(page)) == []
    assert watched.errors == []


def test_the_privacy_guard_runs_on_the_free_text(watched, site_url):
    page = watched.open(url(site_url, "book/evaluation"))
    box = widget(page, "after")
    box.locator("textarea").fill("I will meet Mrs Jones at SW1A 1AA on 12/03/2026.")
    box.locator("textarea").blur()
    expect(box.locator(".rf-privacy")).to_be_visible()
    expect(box.locator(".rf-privacy")).to_contain_text("postcode")


def test_markup_typed_in_the_free_text_shows_as_text_in_the_preview(watched, site_url):
    page = watched.open(url(site_url, "book/evaluation"))
    box = widget(page, "after")
    box.locator("textarea").fill("<img src=x onerror=alert(1)> listen first")
    box.get_by_label("Include what I wrote", exact=False).check()
    expect(box.locator("pre.ev-preview")).to_contain_text("<img src=x onerror=alert(1)>")
    assert box.locator("pre.ev-preview img").count() == 0
    assert watched.errors == []


@pytest.mark.parametrize("docname", ["book/evaluation"])
def test_two_tabs_rating_different_outcomes_keep_both(two_tabs, site_url, docname):
    a, b = two_tabs(url(site_url, docname), '.ev[data-evaluation-stage="after"] fieldset')
    outcome(a, "after", FIRST).get_by_label(SCALE[5], exact=True).check()
    wait_stored(a, f"e.after && e.after[{json.dumps(FIRST['id'])}] === 5")
    outcome(b, "after", SECOND).get_by_label(SCALE[1], exact=True).check()
    wait_stored(b, f"e.after && e.after[{json.dumps(SECOND['id'])}] === 1")
    # Tab A follows B without a reload, and a reload shows both.
    expect(outcome(a, "after", SECOND).get_by_label(SCALE[1], exact=True)).to_be_checked()
    a.reload()
    expect(outcome(a, "after", FIRST).get_by_label(SCALE[5], exact=True)).to_be_checked()
    expect(outcome(a, "after", SECOND).get_by_label(SCALE[1], exact=True)).to_be_checked()
    assert stored(a)["after"] == {FIRST["id"]: 5, SECOND["id"]: 1}


@pytest.mark.parametrize("width", [360, 1280])
def test_the_scales_words_sit_beside_their_radios_under_the_question(browser, site_url, width):
    """Each point's words beside its radio, wide enough to read, and every point under the
    question (a flex row once squeezed each label to a letter a line, beside the legend)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url(site_url, "book/welcome"))
    group = outcome(page, "before", FIRST)
    group.locator(".ev-point").first.wait_for()
    legend = group.locator("legend").bounding_box()
    rows = group.locator(".ev-point")
    for index in range(rows.count()):
        radio = rows.nth(index).locator("input").bounding_box()
        label = rows.nth(index).locator("label").bounding_box()
        assert label["width"] > 60 and label["x"] > radio["x"], (width, index, label)
        assert abs(label["y"] - radio["y"]) < radio["height"], (width, index)
        assert radio["y"] >= legend["y"] + legend["height"] - 1, (width, index)
    context.close()
