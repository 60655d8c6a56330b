"""A printable workbook for a CPD session: `make workbook` -> _build/workbook/workbook.pdf.

The case studies come from the BUILT site (each page's <article>, without widgets, navigation,
model answers or links), so their text has one source: the pages. The reflection prompts come
from data/activities/reflections/*.yml, with the parts of each prompt's framework from
data/activities/reflection-frameworks.yml, each with ruled lines to write on. The HTML is
printed to PDF by the same headless Debian Chromium the browser tests use (Playwright's
page.pdf); nothing is fetched from outside the build folder.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from selfhelp_course.activities.banks import FRAMEWORKS, FRAMEWORKS_FILE, REFLECTIONS, load_config
from selfhelp_course.chromium import CHROMIUM, LAUNCH_ARGS
from selfhelp_course.course.facts import course_title
from selfhelp_course.course.manifest import course_manifest

ROOT = Path(__file__).resolve().parents[3]

#: The course's title, from _config.yml (the one place it is written).
COURSE_TITLE = course_title(ROOT)
# Everything on a page that only works on screen, or only for a trainer.
DROP = [
    ".cell",
    "script",
    "style",
    ".headerlink",
    ".solution",
    "button",
    ".toggle-details",
    ".caption-number",
    "nav",
    "form",
    "iframe",
    ".course-widget",
]
BOX_BELOW = re.compile(r"use the box\s+below", re.I)
WORKBOOK_NOTE = "In this workbook, the space for this reflection is in “Reflections” at the back."
EXERCISE_LINES = 4
PART_LINES = 5

PRINT_CSS = """
@page { size: A4; margin: 18mm 18mm 20mm 18mm; }
html { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; color: #000;
  font-variant-ligatures: none; }
body { margin: 0; line-height: 1.45; }
h1, h2, h3, h4, .admonition-title { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif;
  break-after: avoid; page-break-after: avoid; }
h1 { font-size: 19pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 7mm 0 3mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
h4 { font-size: 10.5pt; margin: 4mm 0 1mm; }
p, li { orphans: 3; widows: 3; }
a { color: inherit; text-decoration: none; }
.chapter { break-before: page; page-break-before: always; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.cover h1 { font-size: 28pt; }
.cover .subtitle { font-size: 15pt; margin-bottom: 12mm; }
.cover .note { border: 1pt solid #000; padding: 4mm 5mm; }
.admonition { border-left: 2.5pt solid #444; padding: 1mm 0 1mm 4mm; margin: 4mm 0;
  break-inside: avoid; page-break-inside: avoid; }
.admonition-title { font-weight: bold; margin: 0 0 1mm; }
.exercise { border: 0.75pt solid #444; padding: 2mm 4mm; }
.lines { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.line { height: 9mm; border-bottom: 0.6pt solid #666; }
.prompt-part { break-inside: avoid; page-break-inside: avoid; }
.framework-source { font-style: italic; }
ul.contents { list-style: none; padding: 0; }
.references p { margin: 0 0 2mm; }
"""


def lines(count: int) -> str:
    return '<div class="lines" aria-hidden="true">' + '<div class="line"></div>' * count + "</div>"


def article_html(page_html: str) -> str:
    """A built page's article, cleaned for print (pure): widgets, model answers, navigation,
    heading anchors and scripts go; links become plain text; each exercise gets lines."""
    soup = BeautifulSoup(page_html, "html.parser")
    article = soup.select_one("article")
    if article is None:
        raise ValueError("the page has no <article>: is this a page of the built site?")
    for selector in DROP:
        for element in article.select(selector):
            element.decompose()
    for link in article.find_all("a"):
        link.unwrap()
    for element in article.find_all(id=True):
        del element["id"]
    for paragraph in article.find_all("p"):
        if BOX_BELOW.search(paragraph.get_text(" ")):
            paragraph.clear()
            paragraph.append(WORKBOOK_NOTE)
    for exercise in article.select(".exercise"):
        exercise.append(BeautifulSoup(lines(EXERCISE_LINES), "html.parser"))
    # Title is a caption like "(Pause and reflect)": drop the brackets.
    for title in article.select(".exercise > .admonition-title"):
        title.string = title.get_text(" ", strip=True).strip("() ")
    return "".join(str(child) for child in article.children).strip()


def reflection_section(reflections: list[dict], frameworks: dict[str, dict]) -> str:
    """Each reflection prompt, then its framework's parts with lines to write on (pure)."""
    out = [
        '<section class="chapter"><h1>Reflections</h1>',
        "<p>Write by hand; leave out names and anything else that could identify a person, "
        "a group or a place. Each prompt suggests a reflective framework: use another if "
        "you prefer.</p>",
    ]
    for item in reflections:
        framework = frameworks[item["framework"]]
        out.append(f'<section class="reflection"><h2>{html.escape(item["title"])}</h2>')
        if item.get("page_title"):
            out.append(f"<p><strong>From:</strong> {html.escape(item['page_title'])}</p>")
        out.append(f"<p>{html.escape(item['prompt'])}</p>")
        out.append(
            f"<p><strong>Framework:</strong> {html.escape(framework['name'])} "
            f'<span class="framework-source">({html.escape(framework["source"])})'
            "</span></p>"
        )
        for part in framework["parts"]:
            out.append(
                f'<div class="prompt-part"><h3>{html.escape(part["heading"])}</h3>'
                f"<p>{html.escape(part['prompt'])}</p>{lines(PART_LINES)}</div>"
            )
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)


def workbook_html(
    case_studies: list[tuple[str, str]],
    reflections: list[dict],
    frameworks: dict[str, dict],
    references: str = "",
) -> str:
    """The whole workbook as one HTML document (pure). ``case_studies`` is [(title, article
    HTML)] as article_html gives it."""
    contents = "".join(f"<li>{html.escape(title)}</li>" for title, _ in case_studies)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{COURSE_TITLE}: workbook</title>",
        f"<style>{PRINT_CSS}</style></head><body>",
        '<section class="cover">',
        f"<h1>{COURSE_TITLE}</h1>",
        '<p class="subtitle">Workbook for use in a CPD session</p>',
        "<p>The four case studies from the course, to read and discuss, with room to write "
        "your answers to the pauses, and the course's reflection prompts with ruled space "
        "for a written reflection for your CPD record.</p>",
        '<p class="note">The people and groups in these case studies are fictional '
        "composites, drawn from themes in the research the course cites. No real person's "
        "words or experiences are reproduced.</p>",
        '<h2>Contents</h2><ul class="contents">'
        + contents
        + "<li>Reflections</li>"
        + ("<li>References</li>" if references else "")
        + "</ul>",
        "</section>",
    ]
    for _title, body in case_studies:
        parts.append(f'<section class="chapter">{body}</section>')
    parts.append(reflection_section(reflections, frameworks))
    if references:
        parts.append(f'<section class="chapter references"><h1>References</h1>{references}</section>')
    parts.append("</body></html>")
    return "\n".join(parts)


def references_html(page_html: str) -> str:
    """The reference list from the built references page, entries only (pure)."""
    soup = BeautifulSoup(page_html, "html.parser")
    return "\n".join(str(entry) for entry in soup.select(".citation-list .citation > p"))


def gather(site: Path, root: Path = ROOT) -> str:
    """Read the built site and the activity banks; return the workbook HTML."""
    manifest = course_manifest(root)
    case_studies = []
    for page in manifest["pages"]:
        if page["docname"].startswith("case_studies/"):
            built = site / f"{page['docname']}.html"
            if not built.is_file():
                raise SystemExit(f"{built} is missing: build the site first (make book)")
            case_studies.append((page["title"], article_html(built.read_text(encoding="utf-8"))))
    bank = REFLECTIONS.load(REFLECTIONS.paths(root))
    reflections, seen = [], set()
    for page in manifest["pages"]:
        for activity in page["activities"]:
            if activity["kind"] == "reflection" and activity["id"] in bank:
                seen.add(activity["id"])
                reflections.append({**bank[activity["id"]], "page_title": page["title"]})
    reflections += [item for key, item in bank.items() if key not in seen]
    frameworks = {item["id"]: item for item in load_config(FRAMEWORKS_FILE, FRAMEWORKS, root)["frameworks"]}
    references_page = site / "book" / "references.html"
    references = (
        references_html(references_page.read_text(encoding="utf-8")) if references_page.is_file() else ""
    )
    return workbook_html(case_studies, reflections, frameworks, references)


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder = html_path.parent.resolve().as_uri() + "/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            # Nothing outside the workbook's folder may load.
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith((folder, "data:")) else route.abort()
                ),
            )
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            page.pdf(
                path=str(pdf_path),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="width:100%;font-size:8pt;text-align:center;'
                'font-family:sans-serif;color:#333">'
                f"{COURSE_TITLE}: workbook · page "
                '<span class="pageNumber"></span> of '
                '<span class="totalPages"></span></div>',
                margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"},
            )
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "workbook")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    html_path = args.out / "workbook.html"
    html_path.write_text(gather(args.site), encoding="utf-8")
    print_pdf(html_path, args.out / "workbook.pdf")
    print(f"workbook: {args.out / 'workbook.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
