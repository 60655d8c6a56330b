"""The portfolio in each regulator's shape, on the built site: a learner chooses their regulator
under "About you", sees its form first for each reflection (the others one click away), writes in
it, and exports. The regulator's record is what the Markdown export and the print copy hold;
hostile text stays text and hours are printed as the CPD log shows them."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from selfhelp_course.course.facts import STORAGE_PREFIX as P
from test_portfolio import (
    GIBBS_PAGE,
    GIBBS_REFLECTION,
    GIBBS_TEXT,
    PRINT_STUB,
    account,
    basic_items,
    download,
    seeded,
    url,
    widget,
)

# What the learner sees for each choice: the label of the radio, the form's legend, its section
# heading in the export, one field to write in (its label), and whether entries give hours.
REGULATORS = {
    "swe": (
        "Social Work England",
        "Social Work England CPD record",
        "Social Work England CPD",
        "What you learnt from discussing this CPD activity with a peer",
        False,
    ),
    "scw": (
        "Social Care Wales",
        "Social Care Wales CPD record",
        "Social Care Wales CPD record",
        "How the training or learning contributed to your professional development",
        True,
    ),
    "sssc": (
        "Scottish Social Services Council (SSSC)",
        "SSSC continuous professional learning (CPL) record",
        "SSSC continuous professional learning",
        "How it relates to the SSSC Codes of Practice",
        False,
    ),
    "niscc": (
        "Northern Ireland Social Care Council (NISCC)",
        "NISCC post-registration training and learning (PRTL) record",
        "NISCC post-registration training and learning",
        "How it advanced your professional development",
        True,
    ),
    "gmc": (
        "General Medical Council (GMC), for appraisal",
        "GMC appraisal: reflection on CPD",
        "Reflection on CPD for appraisal (GMC)",
        "Learning needs to take into your personal development plan",
        False,
    ),
}
FIELD_IDS = {"swe": "peer", "scw": "contribution", "sssc": "codes", "niscc": "development", "gmc": "pdp"}
HOSTILE = "<img src=x onerror=alert(1)> **not bold** [link](javascript:alert(1))\n```\nfence | pipe"


def stored_portfolio(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{P}portfolio')") or "{}")


@pytest.mark.parametrize("body", list(REGULATORS))
def test_choosing_a_regulator_shows_and_exports_its_record(watched, site_url, body):
    label, legend, section, field, hours = REGULATORS[body]
    page = seeded(site_url, watched, basic_items())
    rid = GIBBS_REFLECTION["id"]
    # Before a choice: the NMC account and HCPC entry, and a clear pointer to the choice.
    expect(account(page, rid).locator("fieldset.pf-nmc")).to_be_visible()
    expect(widget(page).locator(".pf-form-rule")).to_contain_text("Choose your regulator")

    widget(page).get_by_label(label, exact=True).check()
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').details?.body === '{body}'"
    )
    form = account(page, rid).locator(f"fieldset.pf-{body}")
    expect(form.locator("legend").first).to_have_text(legend)
    expect(account(page, rid).locator("fieldset.pf-nmc")).to_have_count(0)
    expect(widget(page).locator(".pf-form-rule")).not_to_contain_text("Choose your regulator")
    # The others are one click away.
    account(page, rid).locator("summary", has_text="Other regulators' forms").click()
    expect(account(page, rid).locator("fieldset.pf-nmc")).to_be_visible()
    expect(account(page, rid).locator("fieldset.pf-form")).to_have_count(7)

    # Filled in from the reflection where a part answers the form; the learner's text is kept.
    box = form.get_by_label(field, exact=True)
    learned = f"{GIBBS_TEXT['analysis']}\n\n{GIBBS_TEXT['conclusion']}"
    # The field a reflection answers is drafted from it; the others start empty.
    expect(box).to_have_value(learned if body in ("scw", "niscc") else "")
    box.fill(HOSTILE)
    box.blur()
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').accounts?.[{json.dumps(rid)}]?.{body}"
    )
    assert stored_portfolio(page)["accounts"][rid][body][FIELD_IDS[body]] == HOSTILE, "kept exactly as typed"
    own_hours = "1h30"
    if hours:
        row = widget(page).locator(f'tr[data-page="{GIBBS_PAGE["docname"]}"]')
        row.get_by_label(f"Hours for \u201c{GIBBS_PAGE['title']}\u201d").fill(own_hours)
        page.wait_for_function(
            f"JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').log?.[{json.dumps(GIBBS_PAGE['docname'])}]?.hours === {json.dumps(own_hours)}"
        )

    md = download(page, "Download Markdown")
    assert f"\n## {section}\n" in md
    assert "## NMC reflective accounts" not in md and "## HCPC CPD profile" not in md
    assert f"**Registration body:** {label}" in md
    assert f"**{field}**" in md
    assert "\\<img src=x onerror=alert(1)> \\*\\*not bold\\*\\* \\[link\\](javascript:alert(1))" in md, (
        "as text"
    )
    assert not re.search(r"(?<!\\)<img", md) and not re.search(r"(?<!\\)\]\(javascript:", md)
    assert not re.search(r"^\s*(```|~~~)", md, re.M), "no line opens a code block"
    if body != "scw":  # its only field now holds the learner's own text
        drafted = GIBBS_TEXT["analysis"] if body == "sssc" else GIBBS_TEXT["description"]
        assert drafted in md, "drafted from the reflection through the framework's feeds"
    if hours:
        assert f'**How long:** The CPD log\'s time for the page "{GIBBS_PAGE["title"]}": 1 h 30 min' in md
        assert "| 1 h 30 min | 0 h 0 min |" in md, "the log says the same"
    else:
        assert "**How long:**" not in md
    if body == "swe":
        assert "A peer reflection is written for 1 of 1 piece of CPD here." in md
    assert watched.errors == []


def test_the_print_copy_follows_the_regulator_and_a_reload_keeps_the_choice(watched, site_url, axe):
    watched.context.add_init_script(PRINT_STUB)
    page = seeded(site_url, watched, basic_items())
    widget(page).get_by_label("Social Work England", exact=True).check()
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem('{P}portfolio') || '{{}}').details?.body === 'swe'"
    )
    page.reload()
    expect(widget(page).get_by_label("Social Work England", exact=True)).to_be_checked()
    rid = GIBBS_REFLECTION["id"]
    expect(account(page, rid).locator("fieldset.pf-swe")).to_be_visible()
    # Keyboard: the other forms open from their summary, and the page stays accessible.
    account(page, rid).locator(".pf-other-forms summary").focus()
    page.keyboard.press("Enter")
    expect(account(page, rid).locator("fieldset.pf-gmc")).to_be_visible()
    serious = [v for v in axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    widget(page).get_by_role("button", name="Print or save as PDF").click()
    page.wait_for_function("window.__printed === 1")
    page.emulate_media(media="print")
    record = page.locator("body > .pf-print-root")
    expect(record.locator("h2")).to_have_text(
        ["About me", "Statement of completion", "CPD log", "Social Work England CPD"]
    )
    expect(
        record.locator("h4", has_text="What you learnt from discussing this CPD activity with a peer")
    ).to_have_count(1)
    page.emulate_media(media="screen")
    # Back to no choice: the NMC account and HCPC entry, as before.
    widget(page).get_by_role("button", name="Close print view").click()
    widget(page).get_by_label("Not given", exact=True).check()
    expect(account(page, rid).locator("fieldset.pf-nmc")).to_be_visible()
    expect(account(page, rid).locator("fieldset.pf-swe")).to_have_count(0)
    assert watched.errors == []


def test_a_regulators_record_comes_back_from_a_backup_in_a_fresh_profile(watched, site_url, new_profile):
    page = seeded(site_url, watched, basic_items())
    rid = GIBBS_REFLECTION["id"]
    widget(page).get_by_label("General Medical Council (GMC), for appraisal", exact=True).check()
    pdp = account(page, rid).locator("fieldset.pf-gmc").get_by_label(REGULATORS["gmc"][3], exact=True)
    pdp.fill(f"Learn more about local groups \U0001f49a {HOSTILE}")
    pdp.blur()
    page.wait_for_function(f"(localStorage.getItem('{P}portfolio') || '').includes('local groups')")
    before = stored_portfolio(page)
    backup = download(page, "Download backup (JSON)")

    other = new_profile()
    fresh = other.open(url(site_url, "book/portfolio"))
    widget(fresh).get_by_label("Import backup (a JSON file from this course)").set_input_files(
        files=[{"name": "backup.json", "mimeType": "application/json", "buffer": backup.encode("utf-8")}]
    )
    expect(widget(fresh).locator(".pf-message")).to_contain_text("Backup imported")
    assert stored_portfolio(fresh) == before
    expect(
        widget(fresh).get_by_label("General Medical Council (GMC), for appraisal", exact=True)
    ).to_be_checked()
    expect(
        account(fresh, rid).locator("fieldset.pf-gmc").get_by_label(REGULATORS["gmc"][3], exact=True)
    ).to_have_value(f"Learn more about local groups \U0001f49a {HOSTILE}")
    md = download(fresh, "Download Markdown")
    assert (
        "\n## Reflection on CPD for appraisal (GMC)\n" in md
        and "Learn more about local groups \U0001f49a" in md
    )
    assert watched.errors == [] and other.errors == []
