"""The reflection box on the built site, used as a learner would: offline, no kernel."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from paths import ROOT
from selfhelp_course.activities.banks import FRAMEWORKS, FRAMEWORKS_FILE, REFLECTIONS, load_config
from selfhelp_course.course.structure import page_path, toc_docnames

REFLECTION_ITEMS = REFLECTIONS.load(REFLECTIONS.paths(ROOT))
FRAMEWORK_LIST = load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]
FRAMEWORK_BY_ID = {f["id"]: f for f in FRAMEWORK_LIST}


def first_reflection_page():
    for name in toc_docnames(ROOT):
        found = re.findall(r'^reflection\("([^"]+)"\)', page_path(ROOT, name).read_text(), flags=re.M)
        if found:
            return name, REFLECTION_ITEMS[found[0]]
    raise AssertionError("no page shows a reflection box")


PAGE, ITEM = first_reflection_page()
FRAMEWORK = FRAMEWORK_BY_ID[ITEM["framework"]]
OTHER = next(f for f in FRAMEWORK_LIST if f["id"] != FRAMEWORK["id"])
KEY = f"selfhelp-course:reflection:{ITEM['id']}"


@pytest.fixture
def url(site_url):
    return urljoin(site_url, f"{PAGE}.html")


def widget(page):
    return page.locator(f'fieldset.rf[data-reflection-id="{ITEM["id"]}"]')


def box(page, part):
    return widget(page).get_by_label(part["heading"], exact=True)


def saved(page):
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return json.loads(raw) if raw else None


def test_every_listed_page_shows_its_reflection():
    shown = {}
    for name in toc_docnames(ROOT):
        for found in re.findall(r'^reflection\("([^"]+)"\)', page_path(ROOT, name).read_text(), flags=re.M):
            assert found in REFLECTION_ITEMS, f"{name} shows an unknown reflection {found}"
            assert found.startswith(Path(name).name + "-"), f"{found} should start with its page's slug"
            shown[found] = name
    assert set(shown) == set(REFLECTION_ITEMS), "every reflection in the bank is shown on its page"


def test_renders_the_title_prompt_and_the_frameworks_parts(watched, url, axe):
    page = watched.open(url)
    rf = widget(page)
    expect(rf.locator("legend")).to_have_text(ITEM["title"])
    expect(rf.locator(".rf-prompt")).to_have_text(ITEM["prompt"])
    select = rf.get_by_label("Reflective framework")
    expect(select).to_have_value(FRAMEWORK["id"])
    expect(rf.locator("textarea")).to_have_count(len(FRAMEWORK["parts"]))
    for part in FRAMEWORK["parts"]:
        textarea = box(page, part)
        expect(textarea).to_be_visible()
        described = textarea.get_attribute("aria-describedby").split()
        expect(page.locator(f"#{described[0]}")).to_have_text(part["prompt"])
        expect(page.locator(f"#{described[1]}")).to_have_text("0 words")
    expect(rf.get_by_role("button", name="Copy all text")).to_be_visible()
    expect(rf.get_by_role("button", name="Download as a text file")).to_be_visible()
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert watched.errors == []


def test_typing_saves_within_a_second_and_survives_a_reload(watched, url):
    page = watched.open(url)
    first, second = FRAMEWORK["parts"][:2]
    box(page, first).fill("I listened before suggesting anything.")
    typed_at = time.monotonic()
    page.wait_for_function(
        f"(localStorage.getItem({json.dumps(KEY)}) || '').includes('I listened before suggesting')",
        timeout=1000,
    )
    assert time.monotonic() - typed_at < 1.0
    expect(widget(page).locator(".rf-status")).to_have_text(
        re.compile(r"^Saved on this device at \d\d:\d\d\.$")
    )
    entry = saved(page)
    assert entry["v"] == 2 and entry["page"] == PAGE and entry["framework"] == FRAMEWORK["id"]
    assert entry["texts"][FRAMEWORK["id"]][first["id"]] == "I listened before suggesting anything."
    assert entry["complete"] is False
    expect(box(page, first).locator("xpath=following-sibling::p[1]")).to_have_text("5 words")
    expect(widget(page).locator(".rf-total")).to_have_text("Total: 5 words.")

    box(page, second).fill("Second thoughts.")
    page.reload()
    expect(box(page, first)).to_have_value("I listened before suggesting anything.")
    expect(box(page, second)).to_have_value("Second thoughts.")
    expect(widget(page).locator(".rf-status")).to_contain_text("Saved on this device")
    assert watched.errors == []


def test_every_part_written_marks_the_reflection_complete(watched, url):
    page = watched.open(url)
    for part in FRAMEWORK["parts"]:
        box(page, part).fill(f"Some thoughts on {part['heading']}")
    box(page, FRAMEWORK["parts"][0]).blur()
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem({json.dumps(KEY)}) || '{{}}').complete === true", timeout=2000
    )


def test_switching_framework_and_back_keeps_the_text(watched, url):
    page = watched.open(url)
    rf = widget(page)
    mine = FRAMEWORK["parts"][0]
    theirs = OTHER["parts"][0]
    box(page, mine).fill("Written under the first framework.")
    rf.get_by_label("Reflective framework").select_option(OTHER["id"])
    expect(rf.locator("textarea")).to_have_count(len(OTHER["parts"]))
    expect(box(page, theirs)).to_have_value("")
    box(page, theirs).fill("Written under the second.")
    rf.get_by_label("Reflective framework").select_option(FRAMEWORK["id"])
    expect(box(page, mine)).to_have_value("Written under the first framework.")
    rf.get_by_label("Reflective framework").select_option(OTHER["id"])
    expect(box(page, theirs)).to_have_value("Written under the second.")
    page.reload()
    expect(widget(page).get_by_label("Reflective framework")).to_have_value(OTHER["id"])
    expect(box(page, theirs)).to_have_value("Written under the second.")
    texts = saved(page)["texts"]
    assert texts[FRAMEWORK["id"]][mine["id"]] == "Written under the first framework."
    assert texts[OTHER["id"]][theirs["id"]] == "Written under the second."


@pytest.mark.parametrize(
    ("typed", "found", "label", "reason"),
    [
        ("Her NHS number is 943 476 5919.", "943 476 5919", "NHS number", "check digit matches"),
        ("She lives near NG72UH.", "NG72UH", "postcode", "postcode"),
        ("I spoke to Mrs Patel afterwards.", "Mrs Patel", "name with a title", "person's name"),
        (
            "Her daughter wrote from jo.bloggs@example.com.",
            "jo.bloggs@example.com",
            "email address",
            "identifies a person",
        ),
    ],
)
def test_identifying_details_are_flagged_with_their_reason(watched, url, typed, found, label, reason):
    page = watched.open(url)
    part = FRAMEWORK["parts"][0]
    box(page, part).fill(typed)
    findings = widget(page).locator(".rf-finding")
    expect(findings).to_have_count(1)
    expect(findings).to_contain_text(f"\u201c{found}\u201d ({label})")
    expect(findings).to_contain_text(reason)
    note = widget(page).locator(".rf-privacy").first.locator(".rf-privacy-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Regulators expect reflections to be anonymised")
    expect(note).to_contain_text("never stops your text being saved")
    expect(widget(page).locator(".rf-privacy-summary")).to_contain_text(label)
    # Flagging never blocks saving.
    expect(widget(page).locator(".rf-status")).to_contain_text("Saved on this device")
    assert saved(page)["texts"][FRAMEWORK["id"]][part["id"]] == typed
    widget(page).get_by_role("button", name="Show highlighted").click()
    expect(widget(page).locator(".rf-preview mark")).to_have_text(found)
    # Once the detail is removed, the list goes.
    box(page, part).fill("A patient told me about a group.")
    expect(findings).to_have_count(0)
    expect(widget(page).locator(".rf-privacy").first).to_be_hidden()


def test_an_invalid_ten_digit_number_is_only_a_long_number(watched, url):
    page = watched.open(url)
    box(page, FRAMEWORK["parts"][0]).fill("The letter had 943 476 5918 on it.")
    findings = widget(page).locator(".rf-finding")
    expect(findings).to_have_count(1)
    expect(findings).to_contain_text("\u201c943 476 5918\u201d (long number)")
    expect(findings).to_contain_text("could be a reference or record number")
    expect(widget(page).locator(".rf-privacy").first).not_to_contain_text("NHS number")


def test_markup_typed_is_kept_and_shown_as_text_never_run(watched, url):
    hostile = "<script>window.__x=1</script><b>bold</b> 943 476 5919"
    page = watched.open(url)
    part = FRAMEWORK["parts"][0]
    box(page, part).fill(hostile)
    widget(page).get_by_role("button", name="Show highlighted").click()
    preview = widget(page).locator(".rf-preview").first
    expect(preview).to_contain_text("<script>window.__x=1</script><b>bold</b>")
    assert widget(page).locator("b, script").count() == 0
    page.reload()
    expect(box(page, part)).to_have_value(hostile)
    widget(page).get_by_role("button", name="Show highlighted").click()
    expect(widget(page).locator(".rf-preview").first).to_contain_text("<b>bold</b>")
    assert widget(page).locator("b, script").count() == 0
    assert page.evaluate("window.__x") is None
    assert watched.errors == []


def test_keyboard_alone_reaches_every_control_in_order(watched, url):
    page = watched.open(url)
    rf = widget(page)
    select = rf.get_by_label("Reflective framework")
    select.focus()
    expect(select).to_be_focused()
    for part in FRAMEWORK["parts"]:
        page.keyboard.press("Tab")
        expect(box(page, part)).to_be_focused()
    page.keyboard.press("Tab")
    expect(rf.get_by_role("button", name="Copy all text")).to_be_focused()
    page.keyboard.press("Tab")
    expect(rf.get_by_role("button", name="Download as a text file")).to_be_focused()
    # Typing and changing framework need nothing but the keyboard.
    box(page, FRAMEWORK["parts"][0]).focus()
    page.keyboard.type("Typed with the keyboard.")
    page.keyboard.press("Shift+Tab")
    expect(select).to_be_focused()
    page.keyboard.press(
        "ArrowDown" if FRAMEWORK_LIST.index(FRAMEWORK) + 1 < len(FRAMEWORK_LIST) else "ArrowUp"
    )
    expect(select).not_to_have_value(FRAMEWORK["id"])
    expect(select).to_be_focused()
    assert saved(page)["texts"][FRAMEWORK["id"]][FRAMEWORK["parts"][0]["id"]] == "Typed with the keyboard."


def test_with_storage_blocked_it_says_so_and_download_keeps_the_text(watched, url, tmp_path):
    watched.block_storage()
    page = watched.open(url)
    rf = widget(page)
    expect(rf.locator(".course-notice")).to_contain_text("not letting the course save")
    expect(rf.locator(".course-notice")).to_contain_text("Download as a text file")
    part = FRAMEWORK["parts"][0]
    box(page, part).fill("Kept on the page even without storage.")
    expect(rf.locator(".rf-status")).to_contain_text("Not saved")
    expect(box(page, part)).to_have_value("Kept on the page even without storage.")
    with page.expect_download() as caught:
        rf.get_by_role("button", name="Download as a text file").click()
    download = caught.value
    assert download.suggested_filename == f"reflection-{ITEM['id']}.txt"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert ITEM["title"] in text and part["heading"] in text
    assert "Kept on the page even without storage." in text
    expect(rf.locator(".rf-action-message")).to_contain_text("downloaded")


def test_with_storage_full_it_says_so_and_keeps_the_text(watched, url):
    watched.context.add_init_script(
        "const setItem = Storage.prototype.setItem;"
        "Storage.prototype.setItem = function (key, value) {"
        "  if (String(key).startsWith('selfhelp-course:reflection:'))"
        "    throw new DOMException('full', 'QuotaExceededError');"
        "  return setItem.call(this, key, value); };"
    )
    page = watched.open(url)
    rf = widget(page)
    part = FRAMEWORK["parts"][0]
    box(page, part).fill("Not lost when storage is full.")
    expect(rf.locator(".course-notice")).to_contain_text("storage for this site is full")
    expect(rf.locator(".rf-status")).to_contain_text("Not saved")
    expect(box(page, part)).to_have_value("Not lost when storage is full.")


def test_copy_all_text_puts_every_part_on_the_clipboard(watched, url):
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = watched.open(url)
    first, second = FRAMEWORK["parts"][:2]
    box(page, first).fill("First part.")
    box(page, second).fill("Second part.")
    widget(page).get_by_role("button", name="Copy all text").click()
    expect(widget(page).locator(".rf-action-message")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "First part." in copied and "Second part." in copied and first["heading"] in copied


def test_a_corrupt_saved_entry_is_set_aside_and_the_box_still_works(watched, url):
    page = watched.open(url)
    page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, '{{not json')")
    page.reload()
    rf = widget(page)
    expect(rf.locator(".course-notice")).to_contain_text("could not be read")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':unreadable:'))")
    assert len(kept) == 1 and page.evaluate(f"localStorage.getItem('{kept[0]}')") == "{not json"
    part = FRAMEWORK["parts"][0]
    box(page, part).fill("Starting again.")
    expect(rf.locator(".rf-status")).to_contain_text("Saved on this device")
    assert saved(page)["texts"][FRAMEWORK["id"]][part["id"]] == "Starting again."


@pytest.mark.parametrize("stored", ["[1, 2, 3]", '{"texts": 5}'])
def test_a_saved_entry_of_the_wrong_shape_is_set_aside_too(watched, url, stored):
    page = watched.open(url)
    page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(stored)})")
    page.reload()
    expect(widget(page).locator(".course-notice")).to_contain_text("could not be read")
    expect(box(page, FRAMEWORK["parts"][0])).to_have_value("")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':unreadable:'))")
    assert [page.evaluate(f"localStorage.getItem({json.dumps(k)})") for k in kept] == [stored]
    assert watched.errors == []


def mixed_unicode(length: int) -> str:
    pieces = [
        "Bore da, sut wyt ti? Mae\u2019r grŵp yn cwrdd bob dydd Iau. ",
        "Dŵr, tŷ, ŵyr. ",
        "\U0001f44b\U0001f3fd\U0001f469\u200d\U0001f467 ",
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645. ",
        "\u4f60\u597d\uff0c\u4e16\u754c\u3002\u81ea\u52a9\u5c0f\u7ec4\u3002",
        "\n",
        "caf\u00e9 na\u00efve \u00bd \u2014 ",
        "\U0001f600\U0001f30d\u2764\ufe0f ",
    ]
    text, index = "", 0
    while len(text) < length:
        text += pieces[index % len(pieces)]
        index += 1
    return text[:length]


def test_fifty_thousand_characters_of_mixed_unicode_survive_a_reload(watched, url):
    text = mixed_unicode(50_000)
    assert len(text) == 50_000
    page = watched.open(url)
    part = FRAMEWORK["parts"][0]
    box(page, part).fill(text)
    page.wait_for_function(
        f"(JSON.parse(localStorage.getItem({json.dumps(KEY)}) || '{{}}').texts || {{}})"
        f"[{json.dumps(FRAMEWORK['id'])}]?.[{json.dumps(part['id'])}]?.length === {len(text.encode('utf-16-le')) // 2}",
        timeout=5000,
    )
    page.reload()
    restored = box(page, part).input_value()
    assert restored == text
    assert saved(page)["texts"][FRAMEWORK["id"]][part["id"]] == text
    assert watched.errors == []


# What JupyterLab does when an output is cleared: the view is disposed, and it must stop
# listening. The module comes from the page's own widget state, as the widget host loads it.
RENDER_AND_MAYBE_DISPOSE = """async ([id, dispose]) => {
  const states = JSON.parse(document.querySelector(
    'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state;
  const state = Object.values(states).map((m) => m.state)
    .find((s) => s && s.reflection && s.reflection.id === id);
  const url = URL.createObjectURL(new Blob([state._esm], { type: "text/javascript" }));
  const module = (await import(url)).default;
  const model = { get: (name) => state[name], set() {}, save_changes() {}, on() {}, off() {} };
  const el = document.createElement("div");
  const cleanup = module.render({ model, el });
  if (dispose) cleanup();
  window.postMessage({ type: "course-lms-left", keys: ["reflection:" + id] }, "*");
  await new Promise((resolve) => setTimeout(resolve, 200));
  return el.querySelector(".rf-lms-left").hidden;
}"""


def test_a_disposed_reflection_stops_listening_for_the_lms(watched, url):
    page = watched.open(url)
    expect(widget(page)).to_be_visible()
    # Not disposed, the view hears the launch page say its text stayed behind: the test can fail.
    assert page.evaluate(RENDER_AND_MAYBE_DISPOSE, [ITEM["id"], False]) is False
    assert page.evaluate(RENDER_AND_MAYBE_DISPOSE, [ITEM["id"], True]) is True
    assert watched.errors == []
