"""The CPD log and the time it records, on the built site (issue 21, defects 4, 5, 6, 10, 11):
minutes as the course states them, hours typed in two tabs, a refused value kept across a
reload, the browser's own print of the portfolio, and the log on a phone.

Each test is named after its defect and was seen to fail on the code before the fix.
"""

from __future__ import annotations

import json
import re
from io import BytesIO

from playwright.sync_api import expect
from pypdf import PdfReader

from paths import ROOT
from selfhelp_course.course.cpd_time import cpd_time
from selfhelp_course.course.facts import STORAGE_PREFIX as P
from selfhelp_course.course.manifest import course_manifest
from selfhelp_course.course.structure import course_times
from settle import settled

# The portfolio tests' helpers: the same page, the same stored shapes.
from test_portfolio import complete_page_items as completed
from test_portfolio import download, seed, url, widget

PORTFOLIO = "book/portfolio"
PROGRESS = "book/progress"
MANIFEST = course_manifest(ROOT)
TOTAL_MINUTES = sum(t.total_minutes for t in course_times(ROOT))


def minutes(page: dict) -> int:
    return page["teaching_minutes"] + page["activity_minutes"]


# A page with activities whose stated time is not a whole quarter hour (35 minutes: 0.5 h when
# rounded down to the quarter hour, the defect).
ODD = next(
    p for p in MANIFEST["pages"] if p["activities"] and minutes(p) % 15 and p["docname"].startswith("book/")
)
ROW_PAGE = next(
    p
    for p in MANIFEST["pages"]
    if p["activities"]
    and p["docname"] != ODD["docname"]
    and p["docname"].startswith("book/")
    and all(a["kind"] != "assessment" for a in p["activities"])
)


def log_row(page, docname: str):
    return widget(page).locator(f'tr[data-page="{docname}"]')


def hours_field(page, doc: dict):
    return log_row(page, doc["docname"]).get_by_label(f"Hours for \u201c{doc['title']}\u201d")


def seeded(site_url, watched, items: dict, docname: str = PORTFOLIO):
    page = watched.open(url(site_url, "book/welcome"))
    seed(page, items)
    return watched.open(url(site_url, docname))


def stored_portfolio(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{P}portfolio')")
    return json.loads(raw) if raw else {}


# ------------------------------------------------------------------------------ defect 4


def test_defect_4_course_minutes_are_not_rounded_to_quarter_hours(watched, site_url):
    """A page of 35 minutes counts 0 h 35 min (not 0.5 h) on the progress page, in the CPD log,
    its total, the statement of completion and the Markdown export; the welcome page's summary
    states the course's time the same way (Python's cpd_time, the same table as the JS)."""
    done = minutes(ODD)
    assert done % 15, "the page chosen must not be a whole quarter hour"
    shown = cpd_time(done)
    page = seeded(site_url, watched, completed(ODD), PROGRESS)
    expect(page.locator(".prog .prog-totals")).to_have_text(
        f"CPD minutes done: {done} of {TOTAL_MINUTES} ({shown})"
    )
    expect(page.locator(".prog")).not_to_contain_text("quarter")

    page = watched.open(url(site_url, PORTFOLIO))
    field = hours_field(page, ODD)
    expect(field).to_have_value(f"{done // 60}:{done % 60:02d}")  # as typed back, exactly
    expect(widget(page).locator(".pf-total-hours")).to_have_text(shown)
    statement = widget(page).locator(".pf-statement")
    expect(statement).to_contain_text(
        f"{ODD['title']}: {len(ODD['activities'])} of {len(ODD['activities'])} activities completed"
    )
    expect(statement).to_contain_text(f"; {shown}")
    expect(statement).to_contain_text(
        f"Total: {shown} ({cpd_time(done, decimal=True)} as a decimal, to two places)"
    )
    md = download(page, "Download Markdown")
    quarter = (done // 15) / 4  # what the defect recorded
    assert f"| {shown} |" in md and f"| {quarter:g} |" not in md, md[-1500:]
    # The typed value reads back to the same minutes: the field is left alone, nothing is stored.
    field.focus()
    field.blur()
    page.wait_for_timeout(500)
    assert "hours" not in (stored_portfolio(page).get("log", {}).get(ODD["docname"]) or {})

    welcome = watched.open(url(site_url, "book/welcome"))
    note = welcome.locator("p", has_text=re.compile(r"^In all, \d+ minutes:"))
    expect(note).to_contain_text(f"In all, {TOTAL_MINUTES} minutes: {cpd_time(TOTAL_MINUTES)} of CPD")
    expect(note).not_to_contain_text("quarter")
    assert watched.errors == []


# ------------------------------------------------------------------------------ defect 5

SLEEP = "window.addEventListener('storage', (event) => event.stopImmediatePropagation(), true);"


def test_defect_5_hours_typed_in_two_tabs_keep_both_until_the_learner_chooses(browser, site_url):
    """Tab A saves 2 hours; tab C, which missed A's write (asleep: its storage events are
    stopped), saves 3 for the same row. Both values are kept and both tabs show the conflict,
    as text fields do; the learner chooses, by keyboard, and the chosen value is recorded."""
    context = browser.new_context()
    errors: list[str] = []
    try:
        a, c = context.new_page(), context.new_page()
        for tab in (a, c):
            tab.on("pageerror", lambda error: errors.append(str(error)))
        a.goto(url(site_url, "book/welcome"))
        seed(a, completed(ROW_PAGE))
        c.add_init_script(SLEEP)
        for tab in (a, c):
            tab.goto(url(site_url, PORTFOLIO))
            settled(tab)
        hours_field(a, ROW_PAGE).fill("2")
        hours_field(a, ROW_PAGE).blur()
        a.wait_for_function(f"(localStorage.getItem('{P}portfolio') || '').includes('\"hours\"')")
        hours_field(c, ROW_PAGE).fill("3")
        hours_field(c, ROW_PAGE).blur()
        c.wait_for_function(
            f"(localStorage.getItem('{P}portfolio') || '').includes('conflicts')", timeout=5000
        )
        value = stored_portfolio(c)
        kept = [
            v
            for entry in value["conflicts"].values()
            if entry["path"][:2] == ["log", ROW_PAGE["docname"]]
            for v in entry["versions"]
        ]
        assert {str(value["log"][ROW_PAGE["docname"]]["hours"]), *kept} >= {"2", "3"}, value
        for tab in (a, c):
            panel = log_row(tab, ROW_PAGE["docname"]).locator(".course-conflict")
            expect(panel).to_be_visible()
            expect(panel).to_contain_text("Two versions of the hours")
            expect(panel.locator(".course-conflict-text")).to_have_count(2)
            assert sorted(panel.locator(".course-conflict-text").all_inner_texts()) == ["2", "3"]
        expect(log_row(c, ROW_PAGE["docname"]).locator(".course-conflict-text").first).to_have_text(
            "3"
        )  # mine stays in place
        # The learner keeps tab A's 2, by keyboard, in tab C.
        keep = log_row(c, ROW_PAGE["docname"]).get_by_role("button", name="Keep: other version")
        keep.focus()
        c.keyboard.press("Enter")
        expect(hours_field(c, ROW_PAGE)).to_have_value("2")
        expect(hours_field(c, ROW_PAGE)).to_be_focused()  # focus goes to the field now holding the choice
        expect(widget(c).locator(".pf-message")).to_have_text(
            f"The hours for \u201c{ROW_PAGE['title']}\u201d are now \u201c2\u201d."
        )
        expect(log_row(c, ROW_PAGE["docname"]).locator(".course-conflict")).to_have_count(0)
        c.wait_for_function(f"!(localStorage.getItem('{P}portfolio') || '').includes('conflicts')")
        assert str(stored_portfolio(c)["log"][ROW_PAGE["docname"]]["hours"]) == "2"
        expect(widget(c).locator(".pf-total-hours")).to_have_text(cpd_time(120))
        expect(log_row(a, ROW_PAGE["docname"]).locator(".course-conflict")).to_have_count(0)
        expect(hours_field(a, ROW_PAGE)).to_have_value("2")
        assert errors == []
    finally:
        context.close()


# ------------------------------------------------------------------------------ defect 6


def test_defect_6_a_refused_hours_value_is_kept_with_its_message_after_a_reload(watched, site_url, axe):
    page = seeded(site_url, watched, completed(ROW_PAGE))
    field = hours_field(page, ROW_PAGE)
    error = log_row(page, ROW_PAGE["docname"]).locator(".pf-hours-error")
    field.fill("1")
    field.blur()
    page.wait_for_function(f"(localStorage.getItem('{P}portfolio') || '').includes('\"hours\"')")
    field.fill("1 to 2")
    expect(error).to_contain_text("Enter one amount of time, not a range")
    expect(error).not_to_contain_text("1 hours")
    field.blur()
    page.wait_for_timeout(600)
    page.reload()
    settled(page)
    field = hours_field(page, ROW_PAGE)
    expect(field).to_have_value("1 to 2")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", error.get_attribute("id"))
    expect(error).to_have_text(
        "Not yet valid: Enter one amount of time, not a range: for example 1.5 for an hour and a half. "
        f"Until you change it, the record counts your last valid time, {cpd_time(60)}."
    )
    expect(widget(page).locator(".pf-total-hours")).to_have_text(cpd_time(60))
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    # Changed to a valid value, the refused text and its message go.
    field.fill("1:30")
    expect(error).to_be_hidden()
    field.blur()
    page.wait_for_timeout(600)
    page.reload()
    settled(page)
    expect(hours_field(page, ROW_PAGE)).to_have_value("1:30")
    expect(error).to_be_hidden()
    expect(widget(page).locator(".pf-total-hours")).to_have_text(cpd_time(90))
    assert watched.errors == []


# ------------------------------------------------------------------------------ defect 10

LONG_SUMMARY = "\n".join(
    f"Line {n}: I support peer groups in the community and keep out of their way." for n in range(1, 41)
)

CLIPPED = """(root) => [...root.querySelectorAll('textarea, input[type="text"]')].filter((field) => {
  const style = getComputedStyle(field);
  if (style.display === 'none' || style.visibility === 'hidden') return false;
  return field.scrollHeight > field.clientHeight + 2 || field.scrollWidth > field.clientWidth + 2;
}).map((field) => field.id || field.name)"""


def test_defect_10_the_browsers_own_print_shows_every_portfolio_field_in_full(watched, site_url):
    """Printed with the browser's print (not the page's button): the long summary of practice is
    shown in full, every line of it visible, and no field is cut."""
    page = seeded(site_url, watched, completed(ROW_PAGE))
    summary = widget(page).get_by_label("Summary of practice (the HCPC CPD profile asks for one)")
    summary.fill(LONG_SUMMARY)
    page.emulate_media(media="print")
    clipped = page.evaluate(CLIPPED, widget(page).element_handle())
    assert clipped == [], f"fields cut in print: {clipped}"
    # The whole text is laid out in print: its last line is inside a visible box tall enough to hold it.
    shown = page.evaluate(
        """(text) => [...document.querySelectorAll('.pf textarea, .pf .pf-print-text')].some((el) => {
      const visible = getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
      const holds = (el.value ?? el.textContent) === text;
      return visible && holds && el.scrollHeight <= el.clientHeight + 2 && el.getBoundingClientRect().height > 40 * 12;
    })""",
        LONG_SUMMARY,
    )
    assert shown, "the summary is not shown in full in print"
    # And in the PDF the browser prints: every line of the summary is there.
    printed = " ".join(sheet.extract_text() for sheet in PdfReader(BytesIO(page.pdf())).pages)
    missing = [n for n in range(1, 41) if f"Line {n}: I support peer groups" not in " ".join(printed.split())]
    assert missing == [], f"lines of the summary missing from the printed PDF: {missing}"
    page.emulate_media(media="screen")
    assert watched.errors == []


# ------------------------------------------------------------------------------ defect 11


def test_defect_11_the_cpd_log_is_usable_on_a_375px_phone(browser, site_url, axe):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url(site_url, "book/welcome"))
        seed(page, completed(ROW_PAGE))
        page.goto(url(site_url, PORTFOLIO))
        settled(page)
        log = widget(page).locator(".pf-log")
        log.scroll_into_view_if_needed()
        width = page.evaluate("() => document.documentElement.clientWidth")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, (
            "the page scrolls sideways"
        )
        headers = log.locator("thead th").all_inner_texts()
        assert headers == ["Date", "Activity", "Hours", "Participatory", "Link to practice"]
        # Every cell of a row is within the phone's width and not cut by the table's box, and says
        # which column it is (its header in view, or its own label).
        report = page.evaluate(
            """([row, width]) => {
          const wrap = row.closest('.pf-table-wrap').getBoundingClientRect();
          const heads = [...row.closest('table').querySelectorAll('thead th')];
          const headVisible = heads.every((th) => { const r = th.getBoundingClientRect();
            return r.width > 1 && r.left >= wrap.left - 1 && r.right <= Math.min(wrap.right, width) + 1; });
          return [...row.children].map((cell, i) => {
            const r = cell.getBoundingClientRect();
            const label = getComputedStyle(cell, '::before').content;
            const fields = [...cell.querySelectorAll('input, textarea')].map((f) => {
              const b = f.getBoundingClientRect();
              return b.width > 5 && b.left >= Math.max(0, wrap.left) - 1 && b.right <= Math.min(width, wrap.right) + 1;
            });
            return {i, inside: r.left >= -1 && r.right <= Math.min(width, wrap.right) + 1, named: headVisible || i === 1 || (label && label !== 'none' && label.includes(heads[i].textContent)),
                    fields};
          });
        }""",
            [log.locator("tbody tr").first.element_handle(), width],
        )
        for cell in report:
            assert cell["inside"] and cell["named"] and all(cell["fields"]), report
        field = hours_field(page, ROW_PAGE)
        field.fill("1:30")
        expect(widget(page).locator(".pf-total-hours")).to_have_text(cpd_time(90))
        box = field.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
        assert errors == []
    finally:
        context.close()
