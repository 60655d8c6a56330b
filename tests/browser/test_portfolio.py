"""The CPD portfolio page on the built site, used as a learner would: offline, no account.

Activities are done on their own pages first (knowledge checks answered, reflections written),
then the portfolio is opened. Exports are checked from the downloaded files; the backup is
imported into a second, fresh browser profile. Two pages in one browser context are two tabs.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from paths import ROOT
from selfhelp_course.activities.banks import CHECKS, FRAMEWORKS, FRAMEWORKS_FILE, REFLECTIONS, load_config
from selfhelp_course.course.cpd_time import cpd_time
from selfhelp_course.course.facts import META_KEY
from selfhelp_course.course.facts import STORAGE_PREFIX as P
from selfhelp_course.course.manifest import course_manifest, manifest_script
from settle import settled

PORTFOLIO = "book/portfolio"
MANIFEST = course_manifest(ROOT)
PAGES = {page["docname"]: page for page in MANIFEST["pages"]}
CHECK_BANK = CHECKS.load(CHECKS.paths(ROOT))
REFLECTION_BANK = REFLECTIONS.load(REFLECTIONS.paths(ROOT))
FRAMEWORK_BY_ID = {f["id"]: f for f in load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]}
NMC_QUESTIONS = [
    "The nature of the CPD activity, feedback or event",
    "What did you learn?",
    "How did you change or improve your practice?",
    "How is this relevant to the Code?",
]
THEMES = ["Prioritise people", "Practise effectively", "Preserve safety", "Promote professionalism and trust"]
SELF_DECLARED = "Self-declared by the learner; not verified by the course."
PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def reflection_page(framework: str) -> tuple[dict, dict, dict]:
    """The first page whose reflection uses this framework: (page, reflection, a single-choice check)."""
    for page in MANIFEST["pages"]:
        ids = {a["kind"]: [] for a in page["activities"]}
        for a in page["activities"]:
            ids[a["kind"]].append(a["id"])
        for rid in ids.get("reflection", []):
            singles = [CHECK_BANK[c] for c in ids.get("check", []) if CHECK_BANK[c]["kind"] == "single"]
            if REFLECTION_BANK[rid]["framework"] == framework and singles:
                return page, REFLECTION_BANK[rid], singles[0]
    raise AssertionError(f"no page has a {framework} reflection and a single-choice check")


GIBBS_PAGE, GIBBS_REFLECTION, GIBBS_CHECK = reflection_page("gibbs")
ROLFE_PAGE, ROLFE_REFLECTION, ROLFE_CHECK = reflection_page("rolfe")
GIBBS_TEXT = {
    "description": "A carer asked me where to find a local group.",
    "feelings": "I felt unsure whether to refer or signpost.",
    "evaluation": "The conversation went well.",
    "analysis": "Groups are run by their members, not by services.",
    "conclusion": "Signposting respects the group's autonomy.",
    "action-plan": "I will keep an up-to-date list of local groups.",
    "code": "It relates to the Code: I share what I know and leave the decisions to the group.",
    "benefits": "Carers reach a group run by people in the same position, at their own pace.",
}
ROLFE_TEXT = {
    "what": "I sat in on a peer support group meeting.",
    "so-what": "Members valued hearing from each other more than from me.",
    "now-what": "I will ask groups what help they want before offering any.",
    "code": "Prioritise people: the group's own priorities come first.",
    "benefits": "Members get the help they ask for, not what I assume they need.",
}


def url(base: str, docname: str) -> str:
    return urljoin(base, f"{docname}.html")


def widget(page):
    return page.locator('div.pf[data-portfolio-id="portfolio"]')


def account(page, reflection_id: str):
    return widget(page).locator(f'fieldset.pf-account[data-reflection-id="{reflection_id}"]')


def nmc(page, reflection_id: str, question: str):
    return account(page, reflection_id).locator("fieldset.pf-nmc").get_by_label(question, exact=True)


def course_storage(page) -> dict:
    """Every course key, without the store's own bookkeeping (the clear-all generation)."""
    return page.evaluate(
        """([prefix, meta]) => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith(prefix) && k !== meta)
                         .sort().map((k) => [k, localStorage.getItem(k)]))""",
        [P, P + META_KEY],
    )


def all_storage(page) -> dict:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))"
    )


def seed(page, items: dict):
    page.evaluate(
        "(items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items
    )


def reflection_value(page_doc: str, framework: str, texts: dict, updated="2025-03-01T12:00:00.000Z") -> str:
    parts = FRAMEWORK_BY_ID[framework]["parts"]
    return json.dumps(
        {
            "v": 2,
            "page": page_doc,
            "updated": updated,
            "complete": all(texts.get(p["id"], "").strip() for p in parts),
            "attempted": True,
            "framework": framework,
            "texts": {framework: texts},
        },
        ensure_ascii=False,
    )


def check_value(page_doc: str, updated="2025-03-02T12:00:00.000Z", right=True) -> str:
    """A check as the knowledge-check widget stores it: answered right (completed) or wrong (attempted)."""
    return json.dumps(
        {
            "v": 2,
            "page": page_doc,
            "updated": updated,
            "selected": [0],
            "checked": True,
            "tries": 1,
            "complete": right,
            "attempted": True,
        }
    )


def seeded(site_url, watched, items: dict):
    """Open the site, put these saved items in storage as the widgets would, open the portfolio."""
    page = watched.open(url(site_url, "book/welcome"))
    seed(page, items)
    watched.open(url(site_url, PORTFOLIO))
    expect(widget(page)).to_be_visible()
    return page


def basic_items() -> dict:
    return {
        f"{P}reflection:{GIBBS_REFLECTION['id']}": reflection_value(
            GIBBS_PAGE["docname"], "gibbs", GIBBS_TEXT
        ),
        f"{P}check:{GIBBS_CHECK['id']}": check_value(GIBBS_PAGE["docname"]),
    }


def answer_check(page, check):
    box = page.locator(f'fieldset.kc[data-check-id="{check["id"]}"]')
    right = next(o for o in check["options"] if o["correct"])
    box.get_by_label(right["text"], exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    expect(box.locator(".course-status")).to_contain_text("Correct")


def write_reflection(page, reflection, texts):
    box = page.locator(f'fieldset.rf[data-reflection-id="{reflection["id"]}"]')
    for part in FRAMEWORK_BY_ID[reflection["framework"]]["parts"]:
        box.get_by_label(part["heading"], exact=True).fill(texts[part["id"]])
    box.get_by_label(FRAMEWORK_BY_ID[reflection["framework"]]["parts"][0]["heading"], exact=True).blur()
    key = f"{P}reflection:{reflection['id']}"
    page.wait_for_function(f"JSON.parse(localStorage.getItem({json.dumps(key)}) || '{{}}').complete === true")


def download(page, button: str) -> str:
    with page.expect_download() as info:
        widget(page).get_by_role("button", name=button).click()
    return Path(info.value.path()).read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ gathering


def test_activities_done_on_several_pages_appear_in_the_portfolio(watched, site_url, axe):
    page = watched.open(url(site_url, GIBBS_PAGE["docname"]))
    answer_check(page, GIBBS_CHECK)
    write_reflection(page, GIBBS_REFLECTION, GIBBS_TEXT)
    page = watched.open(url(site_url, ROLFE_PAGE["docname"]))
    answer_check(page, ROLFE_CHECK)
    write_reflection(page, ROLFE_REFLECTION, ROLFE_TEXT)
    before = course_storage(page)

    page = watched.open(url(site_url, PORTFOLIO))
    pf = widget(page)
    expect(pf.locator("fieldset.pf-account")).to_have_count(2)
    gibbs = account(page, GIBBS_REFLECTION["id"])
    expect(gibbs.locator("legend").first).to_have_text(f"Reflection: {GIBBS_REFLECTION['title']}")
    expect(gibbs.locator(".pf-meta")).to_contain_text(GIBBS_PAGE["title"])
    # Gibbs: description -> nature; analysis + conclusion -> learned; action plan -> changed.
    expect(nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value(GIBBS_TEXT["description"])
    expect(nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[1])).to_have_value(
        f"{GIBBS_TEXT['analysis']}\n\n{GIBBS_TEXT['conclusion']}"
    )
    expect(nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[2])).to_have_value(GIBBS_TEXT["action-plan"])
    expect(nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[3])).to_have_value(GIBBS_TEXT["code"])
    for theme in THEMES:  # none is named in the text, so none is ticked
        expect(gibbs.get_by_label(theme, exact=True)).not_to_be_checked()
    # Rolfe: what -> nature; so what -> learned; now what -> changed; and the HCPC entry too.
    expect(nmc(page, ROLFE_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value(ROLFE_TEXT["what"])
    expect(nmc(page, ROLFE_REFLECTION["id"], NMC_QUESTIONS[2])).to_have_value(ROLFE_TEXT["now-what"])
    hcpc = account(page, ROLFE_REFLECTION["id"]).locator("fieldset.pf-hcpc")
    expect(hcpc.get_by_label("What I learned", exact=True)).to_have_value(ROLFE_TEXT["so-what"])
    expect(hcpc.get_by_label("How it benefits service users", exact=True)).to_have_value(
        ROLFE_TEXT["benefits"]
    )
    expect(nmc(page, ROLFE_REFLECTION["id"], NMC_QUESTIONS[3])).to_have_value(ROLFE_TEXT["code"])
    # The reflection as written is there to read.
    gibbs.locator("summary", has_text="Your reflection as written").click()
    expect(gibbs.locator(".pf-original")).to_contain_text(GIBBS_TEXT["feelings"])

    # The CPD log: one row per page with activities completed, dated today.
    rows = pf.locator("table.pf-log tbody tr")
    expect(rows).to_have_count(2)
    today = page.evaluate(
        "new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})"
    )
    for doc in (GIBBS_PAGE, ROLFE_PAGE):
        row = pf.locator(f'table.pf-log tbody tr[data-page="{doc["docname"]}"]')
        expect(row.locator("td").first).to_have_text(today)
        expect(row.locator("th")).to_contain_text(doc["title"])
        expect(row.locator("th")).to_contain_text(f"2 of {len(doc['activities'])} activities completed")
        expect(row.get_by_label(f"Hours for \u201c{doc['title']}\u201d")).to_have_value("0")
        expect(row.get_by_label(re.compile(r"^Done with others \(e\.g\. in a session\)"))).not_to_be_checked()
    # The statement of completion lists what was done.
    statement = pf.locator(".pf-statement")
    expect(statement).to_contain_text(SELF_DECLARED)
    expect(statement).to_contain_text(f"Knowledge check: {GIBBS_CHECK['question']} ({today})")
    expect(statement).to_contain_text(f"Reflection: {ROLFE_REFLECTION['title']} ({today})")
    # Opening the portfolio writes nothing.
    assert course_storage(page) == before
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert watched.errors == []
    assert all(request.startswith((site_url, "blob:", "data:")) for request in watched.requests), (
        "nothing is fetched from outside the site"
    )


def test_nothing_saved_yet_says_so(watched, site_url):
    page = watched.open(url(site_url, PORTFOLIO))
    expect(widget(page).locator(".pf-accounts")).to_contain_text(
        "No reflections are saved on this device yet"
    )
    expect(widget(page).locator(".pf-log-box")).to_contain_text("No activities are recorded as completed")
    assert course_storage(page) == {}
    assert watched.errors == []


# ------------------------------------------------------------------------------ editing


def test_edits_persist_across_a_reload_and_never_change_the_reflection(watched, site_url):
    page = seeded(site_url, watched, basic_items())
    rid = GIBBS_REFLECTION["id"]
    original = course_storage(page)[f"{P}reflection:{rid}"]
    nmc(page, rid, NMC_QUESTIONS[1]).fill("Edited: what I learned, in my own words.")
    account(page, rid).get_by_label("Preserve safety", exact=True).check()
    nmc(page, rid, NMC_QUESTIONS[3]).fill("It touches two themes.")
    widget(page).get_by_label("Your name for the record").fill("Alex Example")
    widget(page).get_by_label("Nursing and Midwifery Council (NMC)").check()
    row = widget(page).locator(f'tr[data-page="{GIBBS_PAGE["docname"]}"]')
    row.get_by_label(re.compile(r"^Done with others")).check()
    row.get_by_label(f"Hours for \u201c{GIBBS_PAGE['title']}\u201d").fill("1.5")
    row.get_by_label(f"Link to practice for \u201c{GIBBS_PAGE['title']}\u201d").fill(
        "Shared at a team meeting."
    )
    expect(widget(page).locator(".pf-status")).to_have_text(
        re.compile(r"^Your portfolio changes are saved on this device \(at \d\d:\d\d\)\.$")
    )
    expect(widget(page).locator(".pf-total-participatory")).to_have_text("1 h 30 min participatory")

    page.reload()
    expect(nmc(page, rid, NMC_QUESTIONS[1])).to_have_value("Edited: what I learned, in my own words.")
    expect(nmc(page, rid, NMC_QUESTIONS[3])).to_have_value("It touches two themes.")
    expect(nmc(page, rid, NMC_QUESTIONS[0])).to_have_value(GIBBS_TEXT["description"])
    expect(account(page, rid).get_by_label("Preserve safety", exact=True)).to_be_checked()
    expect(account(page, rid).get_by_label("Prioritise people", exact=True)).not_to_be_checked()
    expect(widget(page).get_by_label("Your name for the record")).to_have_value("Alex Example")
    expect(widget(page).get_by_label("Nursing and Midwifery Council (NMC)")).to_be_checked()
    row = widget(page).locator(f'tr[data-page="{GIBBS_PAGE["docname"]}"]')
    expect(row.get_by_label(re.compile(r"^Done with others"))).to_be_checked()
    expect(row.get_by_label(f"Hours for \u201c{GIBBS_PAGE['title']}\u201d")).to_have_value("1.5")
    expect(row.get_by_label(f"Link to practice for \u201c{GIBBS_PAGE['title']}\u201d")).to_have_value(
        "Shared at a team meeting."
    )
    expect(widget(page).locator(".pf-statement")).to_contain_text("Alex Example declares")
    stored = course_storage(page)
    assert stored[f"{P}reflection:{rid}"] == original, "the reflection itself is never changed"
    edits = json.loads(stored[f"{P}portfolio"])
    assert edits["v"] == 2 and edits["page"] == PORTFOLIO
    assert edits["log"][GIBBS_PAGE["docname"]] == {
        "participatory": True,
        "hours": "1.5",
        "link": "Shared at a team meeting.",
    }
    assert edits["accounts"][rid]["nmc"]["learned"] == "Edited: what I learned, in my own words."
    assert edits["accounts"][rid]["nmc"]["themes"] == ["preserve-safety"]

    # "Fill in again" drops the edits for that account and goes back to the reflection's text.
    account(page, rid).get_by_role("button", name="Fill in again from my reflection").click()
    account(page, rid).get_by_role("button", name="Yes, fill in again").click()
    expect(nmc(page, rid, NMC_QUESTIONS[1])).to_have_value(
        f"{GIBBS_TEXT['analysis']}\n\n{GIBBS_TEXT['conclusion']}"
    )
    assert rid not in json.loads(course_storage(page)[f"{P}portfolio"])["accounts"]
    assert watched.errors == []


def test_defect_3_fill_in_again_asks_first_and_says_what_it_replaces(watched, site_url):
    page = seeded(site_url, watched, basic_items())
    rid = GIBBS_REFLECTION["id"]
    edited = "My own words for what I learned, typed over the draft."
    nmc(page, rid, NMC_QUESTIONS[1]).fill(edited)
    account(page, rid).get_by_label("Preserve safety", exact=True).check()
    # At once, before the view is redrawn: it must still know what the learner changed.
    reset = account(page, rid).get_by_role("button", name="Fill in again from my reflection")
    reset.focus()
    page.keyboard.press("Enter")
    confirm = account(page, rid).locator(".pf-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_be_focused()
    # It says what will be replaced: the changed question and the themes, nothing else.
    expect(confirm).to_contain_text(f"\u201c{NMC_QUESTIONS[1]}\u201d")
    expect(confirm).to_contain_text("themes")
    expect(confirm).not_to_contain_text(NMC_QUESTIONS[0])
    expect(nmc(page, rid, NMC_QUESTIONS[1])).to_have_value(edited)  # nothing changed yet
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    expect(reset).to_be_focused()
    expect(widget(page).locator(".pf-message")).to_contain_text("Nothing was changed")
    expect(nmc(page, rid, NMC_QUESTIONS[1])).to_have_value(edited)
    page.wait_for_function(
        f"(JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').accounts || {{}})[{json.dumps(rid)}]"
        f"?.nmc?.learned === {json.dumps(edited)}"
    )
    # Asked again and confirmed: the reflection's text is back and the edits are gone.
    reset.click()
    confirm.get_by_role("button", name="Yes, fill in again").click()
    expect(nmc(page, rid, NMC_QUESTIONS[1])).to_have_value(
        f"{GIBBS_TEXT['analysis']}\n\n{GIBBS_TEXT['conclusion']}"
    )
    expect(reset).to_be_focused()
    expect(widget(page).locator(".pf-message")).to_contain_text("filled in again from your reflection")
    page.wait_for_function(
        f"!(JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').accounts || {{}})[{json.dumps(rid)}]"
    )
    assert watched.errors == []


def test_keyboard_only_editing(watched, site_url):
    page = seeded(site_url, watched, basic_items())
    rid = GIBBS_REFLECTION["id"]
    field = nmc(page, rid, NMC_QUESTIONS[3])
    field.focus()
    page.keyboard.press("Control+A")  # the reflection's own answer is there to replace
    page.keyboard.type("Typed with the keyboard.")
    page.keyboard.press("Tab")
    expect(account(page, rid).get_by_label(THEMES[0], exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(account(page, rid).get_by_label(THEMES[0], exact=True)).to_be_checked()
    page.wait_for_function(
        f"(JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').accounts || {{}})[{json.dumps(rid)}]"
        "?.nmc?.code === 'Typed with the keyboard.'"
    )


# ------------------------------------------------------------------------------ exports


def test_markdown_export_holds_the_record(watched, site_url):
    page = seeded(site_url, watched, basic_items())
    rid = GIBBS_REFLECTION["id"]
    nmc(page, rid, NMC_QUESTIONS[2]).fill("I now ask the group what it wants.")
    account(page, rid).get_by_label("Practise effectively", exact=True).check()
    widget(page).get_by_label("Summary of practice (the HCPC CPD profile asks for one)").fill(
        "Community nurse working with adults with long-term conditions."
    )
    md = download(page, "Download Markdown")
    assert md.startswith("# CPD portfolio: Supporting Self-Help Groups\n")
    for question in NMC_QUESTIONS:
        assert f"**{question}**" in md
    assert (
        "- [ ] Prioritise people\n- [x] Practise effectively\n- [ ] Preserve safety\n"
        "- [ ] Promote professionalism and trust" in md
    )
    assert "I now ask the group what it wants." in md
    assert GIBBS_TEXT["description"] in md
    assert "Community nurse working with adults with long-term conditions." in md
    assert f"*{SELF_DECLARED}*" in md
    assert "| Date | Activity | Method | Hours | Participatory hours | Link to practice |" in md
    assert f"| {GIBBS_PAGE['title']} (2 of {len(GIBBS_PAGE['activities'])} activities completed) |" in md
    assert "## HCPC CPD profile" in md
    # The privacy check ran and found nothing to list.
    expect(widget(page).locator(".pf-privacy")).to_be_hidden()
    expect(widget(page).locator(".pf-message")).to_contain_text("cpd-portfolio-")
    expect(widget(page).locator(".pf-message")).to_contain_text("found nothing that looks identifying")
    assert watched.errors == []


def assert_only_parts_shown(panel) -> None:
    """The panel holds its parts and nothing else: a part left out must not show as the text "null"
    (replaceChildren writes a null as that text; every finding "likely", or every one "possible",
    leaves a part out)."""
    texts = panel.evaluate(
        "el => [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data)"
    )
    assert texts == [], f"stray text in the privacy panel: {texts}"
    assert "null" not in panel.inner_text()


def test_privacy_findings_are_listed_before_any_export_and_never_block_it(watched, site_url, axe):
    texts = {**GIBBS_TEXT, "description": "I met a carer who lives near NG7 2UH."}
    page = seeded(
        site_url,
        watched,
        {f"{P}reflection:{GIBBS_REFLECTION['id']}": reflection_value(GIBBS_PAGE["docname"], "gibbs", texts)},
    )
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    widget(page).get_by_role("button", name="Download Markdown").click()
    panel = widget(page).locator(".pf-privacy")
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    expect(panel.locator(".pf-privacy-title")).to_have_text(
        "Before you export: 2 postcodes may identify someone."
    )
    findings = panel.locator(".pf-finding")
    expect(findings).to_have_count(2)  # in the NMC account and in the HCPC entry made from it
    expect(findings.first).to_contain_text("Reflective account 1")
    expect(findings.first).to_contain_text("The nature of the CPD activity, feedback or event")
    expect(findings.first).to_contain_text("\u201cNG7 2UH\u201d (postcode)")
    expect(findings.first).to_contain_text("can point to a home or a small area")
    expect(findings.nth(1)).to_contain_text("HCPC entry 1")
    expect(panel).to_contain_text("it never stops you exporting")
    assert_only_parts_shown(panel)
    page.wait_for_timeout(300)
    assert downloads == [], "nothing is exported before the learner has seen the findings"
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious

    # Cancel exports nothing; "anyway" exports.
    panel.get_by_role("button", name="Cancel and edit first").click()
    expect(panel).to_be_hidden()
    expect(widget(page).get_by_role("button", name="Download Markdown")).to_be_focused()
    assert downloads == []
    widget(page).get_by_role("button", name="Download Markdown").click()
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download Markdown anyway").click()
    assert "NG7 2UH" in Path(info.value.path()).read_text(encoding="utf-8")
    expect(widget(page).locator(".pf-message")).to_contain_text("2 postcodes")

    # The backup is checked too, over the reflection as saved.
    widget(page).get_by_role("button", name="Download backup (JSON)").click()
    expect(panel.locator(".pf-finding")).to_have_count(1)
    expect(panel.locator(".pf-finding")).to_contain_text(
        f'Reflection "{GIBBS_REFLECTION["title"]}": Description'
    )
    with page.expect_download():
        panel.get_by_role("button", name="Download backup anyway").click()
    assert watched.errors == []


def test_print_view_prints_only_the_record(watched, site_url, axe):
    watched.context.add_init_script(PRINT_STUB)
    page = seeded(site_url, watched, basic_items())
    widget(page).get_by_label("Your name for the record").fill("Alex Example")
    widget(page).get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("window.__printed === 1")
    view = widget(page).locator(".pf-print-view")
    expect(view).to_be_visible()
    expect(view).to_contain_text("CPD portfolio: Supporting Self-Help Groups")
    expect(view).to_contain_text(SELF_DECLARED)
    expect(view).to_contain_text(GIBBS_TEXT["description"])
    record = page.locator("body > .pf-print-root")
    expect(record).to_be_hidden()  # on screen, only the view inside the widget shows

    page.emulate_media(media="print")
    expect(record).to_be_visible()
    expect(record.locator("h1")).to_have_text("CPD portfolio: Supporting Self-Help Groups")
    expect(record.locator("h2")).to_have_text(
        ["About me", "Statement of completion", "CPD log", "NMC reflective accounts", "HCPC CPD profile"]
    )
    expect(record.locator("h4", has_text=NMC_QUESTIONS[0])).to_have_count(1)
    expect(record).to_contain_text("Alex Example")
    expect(record).to_contain_text(GIBBS_TEXT["description"])
    expect(record.locator("table")).to_contain_text("Online course: reading and interactive exercises")
    for chrome in (".bd-header", ".bd-sidebar-primary", "main h1", "div.pf", "footer"):
        if page.locator(chrome).count():
            expect(page.locator(chrome).first).to_be_hidden()
    colours = record.evaluate("(el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]

    page.emulate_media(media="screen")
    # Back on screen the page has scrolled, so the pointer may rest on a link the theme colours
    # orange while hovered; check the page at rest.
    page.mouse.move(0, 0)
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    widget(page).get_by_role("button", name="Close print view").click()
    expect(page.locator(".pf-print-root")).to_have_count(0)
    expect(widget(page).get_by_role("button", name="Print or save as PDF")).to_be_focused()
    assert watched.errors == []


MIXED = (
    "Croeso! Diolch yn fawr \u2014 \u0175 \u0177 \u1e81. \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645. "
    "\u4f60\u597d\uff0c\u4e16\u754c\u3002 e\u0301 a\u0308 n\u0303 \u0915\u093f "
    "\U0001f600\U0001f469\U0001f3fd\u200d\u2695\ufe0f\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f "
    '"quoted" back\\slash\n\ttab '
)


def test_backup_restores_exactly_in_a_fresh_profile(watched, site_url, new_profile):
    long_text = (MIXED * (50_000 // len(MIXED) + 1))[:50_000]
    assert len(long_text) == 50_000
    page = watched.open(url(site_url, ROLFE_PAGE["docname"]))
    answer_check(page, ROLFE_CHECK)
    write_reflection(page, ROLFE_REFLECTION, {**ROLFE_TEXT, "so-what": long_text})
    page = watched.open(url(site_url, PORTFOLIO))
    nmc(page, ROLFE_REFLECTION["id"], NMC_QUESTIONS[3]).fill("Prioritise people: \U0001f49a")
    page.wait_for_function(f"(localStorage.getItem('{P}portfolio') || '').includes('Prioritise people')")
    page.evaluate("localStorage.setItem('another-app:setting', 'kept apart')")
    before = course_storage(page)
    assert (
        json.loads(before[f"{P}reflection:{ROLFE_REFLECTION['id']}"])["texts"]["rolfe"]["so-what"]
        == long_text
    )

    backup = download(page, "Download backup (JSON)")
    expect(widget(page).locator(".pf-privacy")).to_be_hidden()
    expect(widget(page).locator(".pf-message")).to_contain_text(f"Your backup ({len(before)} saved items)")
    data = json.loads(backup)
    assert data["format"] == "selfhelp-course-backup" and data["version"] == 1
    assert data["items"] == before, "every course key, and nothing else"

    other = new_profile()
    fresh = other.open(url(site_url, PORTFOLIO))
    assert course_storage(fresh) == {}
    widget(fresh).get_by_label("Import backup (a JSON file from this course)").set_input_files(
        files=[{"name": "backup.json", "mimeType": "application/json", "buffer": backup.encode("utf-8")}]
    )
    expect(widget(fresh).locator(".pf-message")).to_contain_text(
        f"Backup imported: {len(before)} saved items"
    )
    after = course_storage(fresh)
    assert after == before
    for key, value in before.items():
        assert after[key].encode("utf-8") == value.encode("utf-8"), key
    # The portfolio shows what was restored, and so does the reflection's own page.
    expect(nmc(fresh, ROLFE_REFLECTION["id"], NMC_QUESTIONS[3])).to_have_value(
        "Prioritise people: \U0001f49a"
    )
    expect(nmc(fresh, ROLFE_REFLECTION["id"], NMC_QUESTIONS[1])).to_have_value(long_text)
    fresh.goto(url(site_url, ROLFE_PAGE["docname"]))
    part = next(p for p in FRAMEWORK_BY_ID["rolfe"]["parts"] if p["id"] == "so-what")
    reflection_box = fresh.locator(f'fieldset.rf[data-reflection-id="{ROLFE_REFLECTION["id"]}"]')
    expect(reflection_box.get_by_label(part["heading"], exact=True)).to_have_value(long_text)
    assert watched.errors == [] and other.errors == []


def test_import_over_existing_data_asks_first(watched, site_url):
    backup_items = {f"{P}check:{GIBBS_CHECK['id']}": check_value(GIBBS_PAGE["docname"])}
    backup = json.dumps(
        {
            "format": "selfhelp-course-backup",
            "version": 1,
            "exported": "2025-04-01T12:00:00.000Z",
            "count": 1,
            "items": backup_items,
        }
    )
    page = seeded(site_url, watched, {**basic_items(), "another-app:setting": "kept apart"})
    before = all_storage(page)
    chooser = widget(page).get_by_label("Import backup (a JSON file from this course)")
    files = [{"name": "backup.json", "mimeType": "application/json", "buffer": backup.encode()}]
    chooser.set_input_files(files=files)
    confirm = widget(page).locator(".pf-confirm", has_text="Replace the course data")
    expect(confirm).to_be_visible()
    # The two seeded items and the learner entry (the shuffle seed the welcome page's checks wrote).
    expect(confirm).to_contain_text(
        "This browser holds 3 saved items; the backup made on 1 April 2025 holds 1 saved item."
    )
    confirm.get_by_role("button", name="Cancel").click()
    expect(widget(page).locator(".pf-message")).to_contain_text("The backup was not imported")
    assert all_storage(page) == before

    chooser.set_input_files(files=files)
    widget(page).get_by_role("button", name="Yes, replace it").click()
    expect(widget(page).locator(".pf-message")).to_contain_text("Backup imported: 1 saved item restored")
    assert course_storage(page) == backup_items, "the device now holds exactly the backup"
    assert all_storage(page)["another-app:setting"] == "kept apart"
    expect(widget(page).locator("fieldset.pf-account")).to_have_count(0)


BAD_IMPORTS = [
    ("not-json.json", b"this is not JSON {", "not readable as JSON"),
    (
        "other-app.json",
        json.dumps({"settings": {"theme": "dark"}, "version": 1}).encode(),
        "not a backup from this course",
    ),
    (
        "newer.json",
        json.dumps({"format": "selfhelp-course-backup", "version": 2, "items": {}}).encode(),
        "newer version of the course",
    ),
    (
        "damaged.json",
        json.dumps(
            {
                "format": "selfhelp-course-backup",
                "version": 1,
                "items": {f"{P}check:a": '{"v":1}', "elsewhere:b": "x"},
            }
        ).encode(),
        "does not belong to the course",
    ),
]


@pytest.mark.parametrize(("name", "content", "words"), BAD_IMPORTS, ids=[b[0] for b in BAD_IMPORTS])
def test_a_bad_import_is_refused_and_changes_nothing(watched, site_url, name, content, words):
    page = seeded(site_url, watched, {**basic_items(), "another-app:setting": "kept apart"})
    before = all_storage(page)
    widget(page).get_by_label("Import backup (a JSON file from this course)").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    message = widget(page).locator(".pf-message")
    expect(message).to_contain_text(words)
    expect(message).to_contain_text("Nothing on this device has been changed.")
    expect(message).to_have_class(re.compile(r"\bpf-message-error\b"))
    # The import's and the clear's confirmations, and "Fill in again"'s for the one account: all closed.
    expect(widget(page).locator(".pf-confirm")).to_have_count(3)
    expect(widget(page).locator(".pf-confirm:visible")).to_have_count(0)
    assert all_storage(page) == before
    expect(widget(page).locator("fieldset.pf-account")).to_have_count(1)
    assert watched.errors == []


# ------------------------------------------------------------------------------ clearing


def test_clear_all_asks_first_cancel_keeps_and_yes_deletes(watched, site_url, axe):
    page = seeded(site_url, watched, {**basic_items(), "another-app:setting": "kept apart"})
    widget(page).get_by_label("Your name for the record").fill("Alex Example")
    page.wait_for_function(f"localStorage.getItem('{P}portfolio') !== null")
    before = all_storage(page)
    clear = widget(page).get_by_role("button", name="Clear all my course data from this device")

    # Keyboard only: Enter opens the confirmation, focus moves into it, Cancel keeps everything.
    clear.focus()
    page.keyboard.press("Enter")
    confirm = widget(page).locator(".pf-confirm", has_text="Delete all your course data")
    expect(confirm).to_be_visible()
    expect(confirm).to_be_focused()
    expect(confirm).to_contain_text("This deletes 4 saved items")  # with the learner entry (shuffle seed)
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    confirm.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(confirm.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Enter")
    expect(confirm).to_be_hidden()
    expect(clear).to_be_focused()
    expect(widget(page).locator(".pf-message")).to_contain_text("Nothing was deleted.")
    assert all_storage(page) == before

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(confirm.get_by_role("button", name="Yes, delete everything")).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget(page).locator(".pf-message")).to_contain_text("All your course data has been deleted")
    assert course_storage(page) == {}
    assert all_storage(page)["another-app:setting"] == "kept apart", "other sites' and the theme's keys stay"
    expect(widget(page).locator("fieldset.pf-account")).to_have_count(0)
    expect(widget(page).get_by_label("Your name for the record")).to_have_value("")
    page.reload()
    expect(widget(page).locator(".pf-accounts")).to_contain_text("No reflections are saved")
    assert course_storage(page) == {}
    assert watched.errors == []


# ------------------------------------------------------------------------------ hostile input, storage


def test_markup_in_learner_text_is_shown_as_text(watched, site_url):
    watched.context.add_init_script(PRINT_STUB)
    hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>'
    texts = {**GIBBS_TEXT, "description": hostile, "feelings": "<script>window.__pwned=2</script>"}
    page = seeded(
        site_url,
        watched,
        {f"{P}reflection:{GIBBS_REFLECTION['id']}": reflection_value(GIBBS_PAGE["docname"], "gibbs", texts)},
    )
    expect(nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value(hostile)
    account(page, GIBBS_REFLECTION["id"]).locator(".pf-original summary").click()
    expect(account(page, GIBBS_REFLECTION["id"]).locator(".pf-original")).to_contain_text(
        "<script>window.__pwned=2</script>"
    )
    # The other regulators' forms are drafted from the same text, as text.
    account(page, GIBBS_REFLECTION["id"]).locator(".pf-other-forms summary").click()
    expect(
        account(page, GIBBS_REFLECTION["id"])
        .locator("fieldset.pf-swe")
        .get_by_label("A short description of the CPD activity and why it is relevant to you", exact=True)
    ).to_have_value(hostile)
    widget(page).get_by_role("button", name="Print or save as PDF").click()
    expect(widget(page).locator(".pf-print-view")).to_contain_text(hostile)
    assert (
        page.locator("div.pf img, div.pf b, div.pf script, .pf-print-root img, .pf-print-root b").count() == 0
    )
    assert page.evaluate("window.__pwned === undefined")
    md = download(page, "Download Markdown")
    assert '\\<img src=x onerror="window.\\_\\_pwned=1">\\<b>bold\\</b>' in md
    assert not re.search(r"(?<!\\)<(img|b|script)", md), "no tag survives unescaped"


def test_blocked_storage_is_explained_and_exports_still_work(watched, site_url):
    watched.block_storage()
    # The theme's own scripts complain about blocked storage on every page; count them first.
    watched.open(url(site_url, "book/glossary"))
    theme_errors = len(watched.errors)
    page = watched.open(url(site_url, PORTFOLIO))
    assert len(watched.errors) == 2 * theme_errors, "the portfolio adds no error of its own"
    expect(page.locator(".course-widget-error")).to_have_count(0)
    notice = widget(page).locator(".pf-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("not letting the course save on your device")
    expect(notice).to_contain_text("The exports still work")
    widget(page).get_by_label("Summary of practice (the HCPC CPD profile asks for one)").fill(
        "Practice nurse."
    )
    expect(widget(page).locator(".pf-status")).to_contain_text("Not saved")
    md = download(page, "Download Markdown")
    assert "Practice nurse." in md
    backup = json.loads(download(page, "Download backup (JSON)"))
    assert json.loads(backup["items"][f"{P}portfolio"])["details"]["summary"] == "Practice nurse."
    expect(widget(page).locator(".pf-message")).to_contain_text("only holds your portfolio")
    assert len(watched.errors) == 2 * theme_errors, watched.errors


FULL_STORAGE = (
    "const setItem = Storage.prototype.setItem;"
    "Storage.prototype.setItem = function (key, value) {"
    "  if (window.__full && String(key).startsWith(window.__full))"
    "    throw new DOMException('full', 'QuotaExceededError');"
    "  return setItem.call(this, key, value); };"
)


def test_full_storage_is_explained_and_exports_keep_the_changes(watched, site_url):
    watched.context.add_init_script(FULL_STORAGE)
    page = seeded(site_url, watched, basic_items())
    page.evaluate(f"window.__full = '{P}portfolio'")
    nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[3]).fill("Not lost when storage is full.")
    expect(widget(page).locator(".pf-status")).to_contain_text("Not saved: this browser's storage is full")
    expect(widget(page).locator(".pf-notice")).to_contain_text("storage for this site is full")
    assert f"{P}portfolio" not in course_storage(page)
    assert "Not lost when storage is full." in download(page, "Download Markdown")
    assert watched.errors == []


def test_an_import_that_does_not_fit_puts_everything_back(watched, site_url):
    watched.context.add_init_script(FULL_STORAGE)
    page = seeded(site_url, watched, {**basic_items(), "another-app:setting": "kept apart"})
    before = course_storage(page)
    backup = json.dumps(
        {
            "format": "selfhelp-course-backup",
            "version": 1,
            "items": {f"{P}check:a": '{"v":1,"complete":true}', f"{P}reflection:b": '{"v":1}'},
        }
    )
    page.evaluate(f"window.__full = '{P}reflection:b'")
    widget(page).get_by_label("Import backup (a JSON file from this course)").set_input_files(
        files=[{"name": "backup.json", "mimeType": "application/json", "buffer": backup.encode()}]
    )
    widget(page).get_by_role("button", name="Yes, replace it").click()
    expect(widget(page).locator(".pf-message")).to_contain_text("too full to hold it")
    expect(widget(page).locator(".pf-message")).to_contain_text("What was here before has been put back.")
    assert course_storage(page) == before
    expect(widget(page).locator("fieldset.pf-account")).to_have_count(1)
    assert watched.errors == []


def test_a_corrupt_portfolio_entry_is_set_aside(watched, site_url):
    page = seeded(site_url, watched, {**basic_items(), f"{P}portfolio": "{not json"})
    expect(widget(page).locator(".pf-notice")).to_contain_text("could not be read, so they were set aside")
    expect(nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value(GIBBS_TEXT["description"])
    kept = [k for k in course_storage(page) if k.startswith(f"{P}portfolio:unreadable:")]
    assert len(kept) == 1 and course_storage(page)[kept[0]] == "{not json"
    set_aside = widget(page).locator(".pf-set-aside")
    expect(set_aside).to_contain_text("1 saved entry could not be read and was set aside:")
    expect(set_aside.locator("li")).to_have_text(
        re.compile(r"^your portfolio changes, set aside on \d+ \w+ \d{4}$")
    )
    assert watched.errors == []


def test_a_saved_entry_that_cannot_be_read_is_listed_and_kept_in_the_backup(watched, site_url):
    key = f"{P}reflection:{ROLFE_REFLECTION['id']}"
    page = seeded(site_url, watched, {**basic_items(), key: "{half a reflection"})
    set_aside = widget(page).locator(".pf-set-aside")
    expect(set_aside).to_contain_text("1 saved entry could not be read and was set aside:")
    expect(set_aside).to_contain_text(
        f"Reflection \u201c{ROLFE_REFLECTION['title']}\u201d on the page \u201c{ROLFE_PAGE['title']}\u201d, set aside on "
    )
    expect(set_aside).to_contain_text("included in your backup (JSON)")
    aside = [k for k in course_storage(page) if k.startswith(f"{key}:unreadable:")]
    assert len(aside) == 1
    backup = json.loads(download(page, "Download backup (JSON)"))
    assert backup["items"][aside[0]] == "{half a reflection"
    assert watched.errors == []


# ------------------------------------------------------------------------------ done means done


def test_only_completed_activities_are_declared_and_attempts_are_listed_apart(watched, site_url):
    checks = [a["id"] for a in GIBBS_PAGE["activities"] if a["kind"] == "check"]
    wrong = CHECK_BANK[checks[1]]
    page = seeded(
        site_url,
        watched,
        {**basic_items(), f"{P}check:{wrong['id']}": check_value(GIBBS_PAGE["docname"], right=False)},
    )
    row = widget(page).locator(f'tr[data-page="{GIBBS_PAGE["docname"]}"]')
    total = len(GIBBS_PAGE["activities"])
    expect(row.locator(".pf-row-note")).to_have_text(
        f"2 of {total} activities completed; 1 more attempted, not yet completed"
    )
    statement = widget(page).locator(".pf-statement")
    declared = statement.locator("ul").first
    expect(declared).to_contain_text(f"{GIBBS_PAGE['title']}: 2 of {total} activities completed")
    expect(declared).not_to_contain_text(wrong["question"])
    expect(statement).to_contain_text("Started but not completed, so not counted above:")
    expect(statement.locator("ul").last).to_have_text(
        f'Knowledge check: {wrong["question"]}, on the page "{GIBBS_PAGE["title"]}"'
    )
    md = download(page, "Download Markdown")
    declared_md = md[md.index("## Statement of completion") : md.index("Started but not completed")]
    assert "not counted" not in declared_md and "1 more attempted" not in md
    assert watched.errors == []


# ------------------------------------------------------------------------------ hours

ACCEPTED = [  # typed (stored as typed), the hours it means, the note shown because it is not exactly a number of hours
    ("2,5", 2.5, "Recorded as 2.5 hours (2 hours 30 minutes)."),
    ("0.1", 0.1, "Recorded as 0.1 hours (6 minutes)."),
    ("1h30", 1.5, "Recorded as 1.5 hours (1 hour 30 minutes)."),
    ("90 min", 1.5, "Recorded as 1.5 hours (1 hour 30 minutes)."),
]
REFUSED = [("-1", "Hours cannot be negative."), ("1e3", "Write the hours as an ordinary number")]


def stored_row(page, docname: str) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{P}portfolio')")
    return (json.loads(raw) if raw else {}).get("log", {}).get(docname) or {}


def test_hours_are_read_as_meant_refused_with_a_message_and_never_changed_silently(watched, site_url, axe):
    page = seeded(site_url, watched, basic_items())
    doc = GIBBS_PAGE["docname"]
    row = widget(page).locator(f'tr[data-page="{doc}"]')
    hours = row.get_by_label(f"Hours for \u201c{GIBBS_PAGE['title']}\u201d")
    error, note = row.locator(".pf-hours-error"), row.locator(".pf-hours-note")
    stored = f"JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').log?.[{json.dumps(doc)}]"
    # A number field would empty "1h30" before any script saw it.
    assert hours.get_attribute("type") == "text" and hours.get_attribute("inputmode") == "decimal"
    for typed, value, says in ACCEPTED:
        hours.fill(typed)
        page.wait_for_function(f"{stored}?.hours === {json.dumps(typed)}")  # kept as typed
        expect(hours).to_have_value(typed)
        expect(note).to_have_text(says)
        expect(error).to_be_hidden()
        expect(hours).to_have_attribute("aria-invalid", "false")
        expect(hours).to_have_attribute("aria-describedby", note.get_attribute("id"))
        expect(widget(page).locator(".pf-total-hours")).to_have_text(cpd_time(round(value * 60)))
    for typed, says in REFUSED:
        hours.fill(typed)
        expect(error).to_contain_text(says)
        expect(error).to_contain_text(
            "Until you change it, the record counts your last valid time, 1 h 30 min."
        )
        expect(hours).to_have_value(typed)
        expect(hours).to_have_attribute("aria-invalid", "true")
        expect(hours).to_have_attribute("aria-describedby", error.get_attribute("id"))
        hours.blur()
        page.wait_for_function(
            f"{stored}?.refused === {json.dumps(typed)}"
        )  # kept apart, marked not yet valid
        assert stored_row(page, doc)["hours"] == "90 min", "the last valid value still counts"
        expect(hours).to_have_value(typed)
        expect(widget(page).locator(".pf-total-hours")).to_have_text("1 h 30 min")
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    hours.fill("0.1")
    expect(error).to_be_hidden()
    expect(hours).to_have_attribute("aria-invalid", "false")
    page.wait_for_function(f"{stored}.hours === '0.1' && {stored}.refused === undefined")
    # Emptied: the course's estimate counts again, and the field says so.
    hours.fill("")
    expect(note).to_have_text("Left empty, so the course's estimate is used: 0 h 0 min.")
    page.wait_for_function(f"{stored}.hours === ''")
    hours.fill("1h30")
    page.wait_for_function(f"{stored}.hours === '1h30'")
    page.reload()
    expect(hours).to_have_value("1h30")
    expect(note).to_have_text("Recorded as 1.5 hours (1 hour 30 minutes).")
    assert watched.errors == []


def test_participatory_hours_never_exceed_the_hours(watched, site_url):
    page = seeded(site_url, watched, basic_items())
    row = widget(page).locator(f'tr[data-page="{GIBBS_PAGE["docname"]}"]')
    hours = row.get_by_label(f"Hours for \u201c{GIBBS_PAGE['title']}\u201d")
    hours.fill("2")
    row.get_by_label(re.compile(r"^Done with others")).check()
    expect(row.locator(".pf-participatory-hours")).to_have_text("2 h 0 min")
    expect(widget(page).locator(".pf-total-participatory")).to_have_text("2 h 0 min participatory")
    hours.fill("0.1")  # participatory is the whole row's time, so it follows
    expect(row.locator(".pf-participatory-hours")).to_have_text("0 h 6 min")
    expect(widget(page).locator(".pf-total-hours")).to_have_text("0 h 6 min")
    expect(widget(page).locator(".pf-total-participatory")).to_have_text("0 h 6 min participatory")
    hours.fill("-1")  # refused: the record keeps 0.1 for both
    expect(widget(page).locator(".pf-total-participatory")).to_have_text("0 h 6 min participatory")
    md = download(page, "Download Markdown")
    assert (
        f"| {GIBBS_PAGE['title']} (2 of {len(GIBBS_PAGE['activities'])} activities completed) | Online course: "
        "reading and interactive exercises | 0 h 6 min | 0 h 6 min |" in md
    )
    assert "Total: 0 h 6 min (0.10 h as a decimal, to two places), of which 0 h 6 min participatory." in md
    assert watched.errors == []


def complete_page_items(doc: dict) -> dict:
    """Every activity on a page completed, as the widgets store it."""
    items = {}
    for activity in doc["activities"]:
        items[f"{P}{activity['kind']}:{activity['id']}"] = json.dumps(
            {
                "v": 2,
                "page": doc["docname"],
                "updated": "2025-03-02T12:00:00.000Z",
                "complete": True,
                "attempted": True,
            }
        )
    return items


def test_the_hours_follow_the_sites_fresh_manifest_over_the_embedded_copy(watched, site_url):
    """The build writes _static/course-manifest.js afresh every time, while the page's embedded
    widget state may be a cached copy: the portfolio's CPD hours follow the file."""
    doc = GIBBS_PAGE
    minutes = doc["teaching_minutes"] + doc["activity_minutes"]
    fresh = {
        **MANIFEST,
        "pages": [
            {**p, "teaching_minutes": p["teaching_minutes"] + 60} if p["docname"] == doc["docname"] else p
            for p in MANIFEST["pages"]
        ],
    }
    before, after = minutes, minutes + 60

    def serve_fresh(route):
        assert route.fetch().text() == manifest_script(MANIFEST), (
            "the site's file is the manifest of this build"
        )
        route.fulfill(body=manifest_script(fresh), headers={"content-type": "text/javascript; charset=utf-8"})

    page = seeded(site_url, watched, complete_page_items(doc))
    hours = widget(page).get_by_label(f"Hours for \u201c{doc['title']}\u201d")

    def shown(m):
        return f"{m // 60}:{m % 60:02d}" if m % 6 and m % 15 else f"{m / 60:g}"  # as formatHours writes it

    expect(hours).to_have_value(shown(before))
    watched.page.route("**/_static/course-manifest.js*", serve_fresh)
    page.reload()
    expect(hours).to_have_value(shown(after))
    expect(widget(page).locator(".pf-total-hours")).to_have_text(cpd_time(after))
    assert watched.errors == []


# ------------------------------------------------------------------------------ exports: text stays text


def test_markdown_export_keeps_fences_and_links_as_text(watched, site_url):
    texts = {
        **GIBBS_TEXT,
        "description": "My reflection\n```\nstill mine",
        "analysis": "See [x](javascript:alert(1))",
    }
    page = seeded(
        site_url,
        watched,
        {f"{P}reflection:{GIBBS_REFLECTION['id']}": reflection_value(GIBBS_PAGE["docname"], "gibbs", texts)},
    )
    widget(page).get_by_label("Summary of practice (the HCPC CPD profile asks for one)").fill(
        "# Not a heading\n| a | b |"
    )
    md = download(page, "Download Markdown")
    assert not re.search(r"^\s*(```|~~~)", md, re.M), "no line opens a code block"
    assert "\\[x\\](javascript:alert(1))" in md and not re.search(r"(?<!\\)\]\(javascript:", md)
    assert "\\# Not a heading" in md and "\\| a \\| b \\|" in md
    assert md.count("\n## ") == 5, "the record's five sections, and no others"
    assert watched.errors == []


def test_a_possible_finding_is_shown_gently(watched, site_url, axe):
    texts = {**GIBBS_TEXT, "description": "I talked it over with nurse Amy after the meeting."}
    page = seeded(
        site_url,
        watched,
        {f"{P}reflection:{GIBBS_REFLECTION['id']}": reflection_value(GIBBS_PAGE["docname"], "gibbs", texts)},
    )
    widget(page).get_by_role("button", name="Download Markdown").click()
    panel = widget(page).locator(".pf-privacy")
    expect(panel).to_be_visible()
    expect(panel).to_have_class(re.compile(r"\bpf-privacy-gentle\b"))
    expect(panel.locator(".pf-privacy-title")).to_have_text(
        "Before you export: 2 possible names with a title may be worth a second look."
    )
    expect(panel.locator(".pf-finding-possible")).to_have_count(2)
    expect(panel.locator(".pf-finding-possible").first).to_contain_text(
        "\u201cnurse Amy\u201d (possible name with a title)"
    )
    assert_only_parts_shown(panel)
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    with page.expect_download():
        panel.get_by_role("button", name="Download Markdown anyway").click()
    assert watched.errors == []


# ------------------------------------------------------------------------------ two tabs


@pytest.fixture
def tabs(browser, site_url):
    """Open pages as tabs of one browser (one storage), with errors collected."""
    context = browser.new_context()
    errors: list[str] = []

    def open_tab(docname: str, items: dict | None = None):
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url(site_url, docname))
        if items:
            seed(page, items)
            page.reload()
        return settled(page)

    yield open_tab
    assert errors == []
    context.close()


def name_box(page):
    return widget(page).get_by_label("Your name for the record")


def summary_box(page):
    return widget(page).get_by_label("Summary of practice (the HCPC CPD profile asks for one)")


def stored_details(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{P}portfolio')")
    return json.loads(raw)["details"] if raw else {}


def test_portfolio_fields_edited_in_two_tabs_are_both_kept(tabs):
    a, b = tabs(PORTFOLIO), tabs(PORTFOLIO)
    # Both typed before either tab has saved (the portfolio saves 400 ms after the last key).
    name_box(a).fill("Alex Example")
    summary_box(b).fill("Community nurse for adults.")
    page_with = "(text) => (localStorage.getItem('" + P + "portfolio') || '').includes(text)"
    for page in (a, b):
        page.wait_for_function(page_with, arg="Alex Example")
        page.wait_for_function(page_with, arg="Community nurse for adults.")
    expect(name_box(b)).to_have_value("Alex Example")  # each tab follows the other
    expect(summary_box(a)).to_have_value("Community nurse for adults.")
    a.reload()
    b.reload()
    for page in (a, b):
        expect(name_box(page)).to_have_value("Alex Example")
        expect(summary_box(page)).to_have_value("Community nurse for adults.")
    assert stored_details(a) == {"name": "Alex Example", "summary": "Community nurse for adults."}


def test_the_same_field_changed_in_two_tabs_keeps_both_until_the_learner_chooses(tabs, axe):
    a, b = tabs(PORTFOLIO), tabs(PORTFOLIO)
    # Both tabs change the field before either has saved. The tabs' clock stands still meanwhile:
    # otherwise, on a busy machine, tab B's save (400 ms after its last key) could come before
    # tab A is typed in, and A would then change B's version, knowingly, with no conflict.
    clock = a.context.clock
    clock.install()
    clock.pause_at(time.time() * 1000 + 1000)
    summary_box(b).fill("Version from tab B.")
    summary_box(a).fill("Version from tab A.")
    summary_box(a).press("Tab")  # leaving the field saves at once
    clock.run_for(1000)  # tab B's save, from its copy of before A's
    clock.resume()
    for page in (a, b):
        panel = widget(page).locator(".pf-about .course-conflict")
        expect(panel).to_be_visible()
        expect(panel).to_contain_text("Two versions of your summary of practice were saved")
        expect(panel).to_contain_text("Version from tab A.")
        expect(panel).to_contain_text("Version from tab B.")
    stored = json.loads(a.evaluate(f"localStorage.getItem('{P}portfolio')"))
    kept = [text for entry in stored["conflicts"].values() for text in entry["versions"]] + [
        stored["details"]["summary"]
    ]
    assert sorted(kept) == ["Version from tab A.", "Version from tab B."]
    serious = [v for v in axe(a) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    # What each tab's learner typed stays in that tab's box (issue 21, defect 8).
    expect(summary_box(a)).to_have_value("Version from tab A.")
    expect(summary_box(b)).to_have_value("Version from tab B.")
    # The learner keeps tab B's version, choosing in tab A by keyboard: focus goes to the field
    # that now holds it, and the choice is said (defect 7).
    choice = widget(a).locator(".course-conflict-version").filter(has_text="Version from tab B.")
    choice.get_by_role("button").focus()
    a.keyboard.press("Enter")
    expect(summary_box(a)).to_be_focused()
    expect(widget(a).locator(".pf-message")).to_contain_text(
        "Kept the other version of your summary of practice"
    )
    for page in (a, b):
        expect(summary_box(page)).to_have_value("Version from tab B.")
        expect(widget(page).locator(".course-conflict")).to_have_count(0)
    assert "conflicts" not in json.loads(a.evaluate(f"localStorage.getItem('{P}portfolio')"))


def test_clear_all_cannot_be_undone_by_a_stale_tab(tabs):
    """The issue's second reproduction: a reflection open in tab B, "clear all" in tab A's
    portfolio, then one character typed in B: the old reflection must not come back."""
    first = FRAMEWORK_BY_ID["gibbs"]["parts"][0]
    b = tabs(GIBBS_PAGE["docname"])
    reflection = b.locator(f'fieldset.rf[data-reflection-id="{GIBBS_REFLECTION["id"]}"]')
    part = reflection.get_by_label(first["heading"], exact=True)
    part.fill("The old reflection, written before the clear.")
    key = f"{P}reflection:{GIBBS_REFLECTION['id']}"
    b.wait_for_function(f"(localStorage.getItem({json.dumps(key)}) || '').includes('old reflection')")
    a = tabs(PORTFOLIO)
    expect(account(a, GIBBS_REFLECTION["id"])).to_be_visible()
    widget(a).get_by_role("button", name="Clear all my course data from this device").click()
    widget(a).get_by_role("button", name="Yes, delete everything").click()
    expect(widget(a).locator(".pf-message")).to_contain_text("All your course data has been deleted")
    expect(reflection.locator(".course-notice")).to_contain_text(
        "Your course data was deleted in another tab or window"
    )
    expect(part).to_have_value("")
    part.press_sequentially("N")
    b.wait_for_function(f"(localStorage.getItem({json.dumps(key)}) || '').includes('\"N\"')")
    b.wait_for_timeout(600)
    saved = json.loads(b.evaluate(f"localStorage.getItem({json.dumps(key)})"))
    assert saved["texts"] == {"gibbs": {first["id"]: "N"}}, "nothing of the old reflection came back"
    assert "old reflection" not in json.dumps(course_storage(a))
    # The portfolio follows: the new reflection appears, the old one is gone.
    expect(nmc(a, GIBBS_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value("N")


def test_the_portfolio_follows_what_other_tabs_save(tabs):
    a = tabs(PORTFOLIO)
    expect(widget(a).locator(".pf-accounts")).to_contain_text("No reflections are saved")
    b = tabs(ROLFE_PAGE["docname"])
    answer_check(b, ROLFE_CHECK)
    write_reflection(b, ROLFE_REFLECTION, ROLFE_TEXT)
    expect(nmc(a, ROLFE_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value(ROLFE_TEXT["what"])
    row = widget(a).locator(f'tr[data-page="{ROLFE_PAGE["docname"]}"]')
    expect(row.locator(".pf-row-note")).to_have_text(
        f"2 of {len(ROLFE_PAGE['activities'])} activities completed"
    )
    expect(widget(a).locator(".pf-statement")).to_contain_text(f"Reflection: {ROLFE_REFLECTION['title']}")
    # Edited in the reflection's tab, followed in the portfolio's while it is open.
    part = FRAMEWORK_BY_ID["rolfe"]["parts"][0]
    b.locator(f'fieldset.rf[data-reflection-id="{ROLFE_REFLECTION["id"]}"]').get_by_label(
        part["heading"], exact=True
    ).fill("Changed in B.")
    expect(nmc(a, ROLFE_REFLECTION["id"], NMC_QUESTIONS[0])).to_have_value("Changed in B.")


def test_an_import_in_one_tab_resets_the_portfolio_in_another_and_says_so(tabs):
    a = tabs(PORTFOLIO, basic_items())
    b = tabs(PORTFOLIO)
    expect(account(b, GIBBS_REFLECTION["id"])).to_be_visible()
    name_box(b).fill("Typed in B before the import")
    b.wait_for_function(f"(localStorage.getItem('{P}portfolio') || '').includes('Typed in B')")
    backup = json.dumps(
        {
            "format": "selfhelp-course-backup",
            "version": 1,
            "items": {f"{P}check:{ROLFE_CHECK['id']}": check_value(ROLFE_PAGE["docname"])},
        }
    )
    widget(a).get_by_label("Import backup (a JSON file from this course)").set_input_files(
        files=[{"name": "backup.json", "mimeType": "application/json", "buffer": backup.encode()}]
    )
    widget(a).get_by_role("button", name="Yes, replace it").click()
    expect(widget(a).locator(".pf-message")).to_contain_text("Backup imported: 1 saved item restored")
    expect(widget(b).locator(".pf-notice")).to_contain_text("replaced from a backup in another tab or window")
    expect(widget(b).locator("fieldset.pf-account")).to_have_count(0)
    expect(name_box(b)).to_have_value("")
    expect(widget(b).locator(f'tr[data-page="{ROLFE_PAGE["docname"]}"]')).to_be_visible()
    name_box(b).fill("After")
    b.wait_for_function(f"(localStorage.getItem('{P}portfolio') || '').includes('After')")
    assert "Typed in B" not in json.dumps(course_storage(b))


def test_defect_13_full_storage_gives_notices_and_no_page_errors(watched, site_url):
    """Issue 21, defect 13: with storage that throws on every write, the course's notices showed,
    but the theme's own writes added uncaught QuotaExceededError page errors on every page."""
    watched.context.add_init_script(
        "const setItem = Storage.prototype.setItem;"
        "Storage.prototype.setItem = function (key, value) {"
        "  if (window.__allFull) throw new DOMException('full', 'QuotaExceededError');"
        "  return setItem.call(this, key, value); };"
    )
    page = seeded(site_url, watched, basic_items())
    watched.context.add_init_script("window.__allFull = true;")  # from the next page on, every write fails
    page.reload()
    expect(widget(page)).to_be_visible()
    nmc(page, GIBBS_REFLECTION["id"], NMC_QUESTIONS[3]).fill("Kept on the page while storage is full.")
    expect(widget(page).locator(".pf-status")).to_contain_text("Not saved")
    watched.open(url(site_url, "book/glossary"))
    assert watched.errors == []


# ---------------------------------------------------------------- the course evaluation (issue 23)
# (the manifest's evaluation, as the course builds it)
def test_confidence_before_and_after_is_shown_and_goes_in_the_statement_only_when_ticked(
    watched, site_url, axe
):
    evaluation = MANIFEST["evaluation"]
    words = {str(point["value"]): point["words"] for point in evaluation["scale"]}
    first, second = evaluation["outcomes"][0], evaluation["outcomes"][1]
    page = seeded(site_url, watched, basic_items())
    box = widget(page).locator("fieldset.pf-confidence")
    expect(box).to_be_hidden()  # no evaluation entry: nothing

    key = f"{P}evaluation:course"
    entry = {
        "v": 1,
        "page": "book/evaluation",
        "responseId": "q7w2e9r4t1y8u3i5",
        "before": {first["id"]: 1},
        "after": {first["id"]: 4, second["id"]: 5},
        "feedback": {"recommend": "yes"},
        "role": "nurse",
        "change": "My private plan for Ward 7",
        "shareChange": False,
        "inStatement": False,
        "updated": "2026-12-07T10:00:00.000Z",
    }
    seed(page, {key: json.dumps(entry)})
    page.reload()
    expect(box).to_be_visible()
    rows = box.locator("tbody tr")
    expect(rows.first).to_contain_text(words["1"])
    expect(rows.first).to_contain_text(words["4"])
    expect(rows.nth(1)).to_contain_text("Not rated")
    expect(rows.nth(1)).to_contain_text(words["5"])
    statement = widget(page).locator("fieldset.pf-statement")
    expect(statement).not_to_contain_text(words["4"])

    tick = box.get_by_label("Include these ratings in my statement of completion")
    tick.check()
    expect(statement).to_contain_text(words["4"])
    stored = json.loads(page.evaluate(f"() => localStorage.getItem({json.dumps(key)})"))
    assert stored["inStatement"] is True
    assert (stored["before"], stored["after"], stored["change"]) == (
        entry["before"],
        entry["after"],
        entry["change"],
    )
    assert axe(page) == []
    page.reload()
    expect(tick).to_be_checked()
    expect(statement).to_contain_text(words["4"])
    expect(widget(page)).not_to_contain_text("My private plan")
    tick.uncheck()
    expect(statement).not_to_contain_text(words["4"])
