"""Reveal.js slide decks for teaching the course in a room, made offline from the course pages.

`make slides` runs this: it writes one Jupyter notebook per deck (cells carry
``metadata.slideshow.slide_type``) and converts each with nbconvert's SlidesExporter into
``_build/slides/<deck>.html``. reveal.js comes from npm (package.json pins it) and is copied
into ``_build/slides/reveal.js/``, so a deck opened from disk loads nothing from outside its
folder: the template in scripts/slides_template drops jQuery, require.js, mermaid and MathJax.

The slides come from the pages, so there is one source: for each page a title slide with its
learning objectives, its key points, its discussion questions (where it has them) and a
"Your turn" slide for every activity, telling learners which activity to do on the site.

There is one deck per live session (90 minutes, half day, full day), following the session
plans of selfhelp_course._session_plans (the routes of data/routes.yml): intro, pages, breaks and close in the plan's order, and
the pages left for self-study on a last slide. Without that module there is one deck per page.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from selfhelp_course._manifest import course_manifest  # noqa: E402
from selfhelp_course._facts import KIND_BY_NAME  # noqa: E402
from selfhelp_course._pages import parse_text  # noqa: E402

COURSE_TITLE = "Supporting Self-Help Groups"
TEMPLATE_DIR = Path(__file__).resolve().parent / "slides_template"
REVEAL_SOURCE = ROOT / "node_modules" / "reveal.js"
# What a deck needs from the reveal.js package, copied next to the decks.
REVEAL_FILES = ["LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js"]
# One deck per live session. The sessions are read from the {session-plan} blocks of the
# trainer's session-plans page, so the decks follow the plans; these are used without it.
SESSION_PAGE = "trainer/session-plans.md"
SESSIONS = [
    {"title": "A 90-minute session", "minutes": 90, "skip": ()},
    {"title": "A half day (3.5 hours)", "minutes": 210, "skip": ()},
    {"title": "A full day (6 hours)", "minutes": 360, "skip": ()},
]
# Key points and questions per slide: a slide should be readable from the back of a room.
PER_SLIDE = 3
SLIDES_CSS = """\
/* Course slides: larger, calmer text than nbconvert's defaults; contrast AA on white. */
.reveal { color: #1a1a1a; }
.reveal .slides section { text-align: left; }
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3 { color: #1a1a1a; text-transform: none; }
.reveal .slides h1 { font-size: 1.8em; }
.reveal .slides h2 { font-size: 1.3em; }
.reveal .slides h3 { font-size: 1.0em; color: #3b3b3b; }
.reveal .slides .jp-RenderedHTMLCommon {
  font-family: "Source Sans Pro", Helvetica, sans-serif; font-size: 30px; line-height: 1.3;
}
.reveal .slides .jp-RenderedHTMLCommon ul, .reveal .slides .jp-RenderedHTMLCommon ol {
  display: block; margin: 0 0 0 1em; padding-left: 1em;
}
.reveal .slides .jp-RenderedHTMLCommon li { margin-bottom: 0.5em; font-size: 30px; }
.reveal .slides .jp-RenderedHTMLCommon p { font-size: 30px; }
.reveal .jp-Cell { padding: 0; }
.reveal .slide-number { color: #1a1a1a; background: #ffffff; }
"""


# --- Reading a page -------------------------------------------------------------------------

def page_points(text: str) -> dict:
    """What a page gives its slides: objectives, key points and discussion questions, read by
    the course's one parse of a page (selfhelp_course._pages)."""
    page = parse_text(text)
    return {
        "objectives": list(page.objectives),
        "key_points": list(page.key_points),
        "discussion": list(page.discussion_questions),
    }


# --- Turning MyST roles into plain slide text -----------------------------------------------

def citation_labels(bib_path: Path) -> dict[str, tuple[str, str]]:
    """{key: (authors, year)} in the site's author-year style."""
    from pybtex.database import parse_file

    labels = {}
    for key, entry in parse_file(str(bib_path)).entries.items():
        people = entry.persons.get("author", [])
        names = [" ".join(person.last_names).replace("{", "").replace("}", "")
                 for person in people]
        if len(names) > 2 or names[-1:] == ["others"]:  # "and others" in BibTeX means et al.
            authors = f"{names[0]} et al."
        else:
            authors = " and ".join(names) or key
        labels[key] = (authors, entry.fields.get("year", "n.d."))
    return labels


def plain_text(markdown: str, citations: dict[str, tuple[str, str]],
               titles: dict[str, str] | None = None) -> str:
    """MyST roles as readable text: citations in author-year form, cross-references by name."""
    titles = titles or {}

    def cite(match: re.Match) -> str:
        role, keys = match.group(1), [key.strip() for key in match.group(2).split(",")]
        labels = [citations.get(key, (key, "")) for key in keys]
        if role == "t":
            return "; ".join(f"{authors} ({year})" for authors, year in labels)
        return "(" + "; ".join(f"{authors}, {year}" for authors, year in labels) + ")"

    def role(match: re.Match) -> str:
        content = match.group(2)
        explicit = re.match(r"^(.*?)\s*<([^>]+)>$", content, flags=re.S)
        if explicit:
            return explicit.group(1)
        target = content.strip().lstrip("/").split("/")[-1]
        return titles.get(target, content)

    markdown = re.sub(r"\{cite:(p|t)\}`([^`]+)`", cite, markdown)
    return re.sub(r"\{(\w+)\}`([^`]+)`", role, markdown)


# --- Building a deck -------------------------------------------------------------------------

def _chunks(items: list[str], size: int = PER_SLIDE) -> list[list[str]]:
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def _bullets(items: list[str], numbered_from: int | None = None) -> str:
    if numbered_from is None:
        return "\n".join(f"- {item}" for item in items)
    return "\n".join(f"{numbered_from + offset}. {item}" for offset, item in enumerate(items))


def page_slides(page: dict, points: dict, render) -> list[tuple[str, str]]:
    """(slide_type, markdown) cells for one page of the course, in teaching order.

    ``page`` is a manifest entry (title, minutes, activities); ``points`` comes from
    ``page_points``; ``render`` turns MyST text into plain slide text.
    """
    title = page["title"]
    minutes = page["teaching_minutes"] + page["activity_minutes"]
    cells: list[tuple[str, str]] = []
    opening = f"## {title}"
    if points["objectives"]:
        opening += "\n\n### By the end you will be able to\n\n" + _bullets(
            [render(item) for item in points["objectives"]])
    cells.append(("slide", opening))
    if minutes:
        cells.append(("notes", f"About {minutes} minutes on the site "
                               f"({page['teaching_minutes']} reading, "
                               f"{page['activity_minutes']} activities)."))
    chunks = _chunks(points["key_points"]) if points["key_points"] else []
    for number, chunk in enumerate(chunks, start=1):
        suffix = f" ({number} of {len(chunks)})" if len(chunks) > 1 else ""
        cells.append(("subslide", f"### Key points{suffix}\n\n" + _bullets(
            [render(item) for item in chunk])))
    questions = points["discussion"]
    chunks = _chunks(questions) if questions else []
    for index, chunk in enumerate(chunks):
        suffix = f" ({index + 1} of {len(chunks)})" if len(chunks) > 1 else ""
        cells.append(("subslide", f"### Discussion{suffix}\n\n" + _bullets(
            [render(item) for item in chunk], numbered_from=index * PER_SLIDE + 1)))
    for activity in page["activities"]:
        kind = KIND_BY_NAME[activity["kind"]].label.lower() if activity["kind"] in KIND_BY_NAME else activity["kind"]
        name = render(activity["title"]) if activity["title"] else kind.capitalize()
        cells.append(("subslide", f"### Your turn\n\nOn the course site, open **{title}** "
                                  f"and do the {kind}:\n\n**{name}**\n\n"
                                  "Your answers stay in your own browser."))
    return cells


def deck_notebook(deck: dict, pages: dict[str, dict], points: dict[str, dict], render):
    """A notebook for one deck (pure): a title slide, then each row of the deck in order.

    ``deck["rows"]`` holds {"kind": "page", "docname"} rows, whose slides come from the page,
    and {"kind": "intro" | "break" | "close", "title", "minutes"} rows from a session plan,
    which get one slide each. ``pages`` maps docnames to manifest entries.
    """
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["title"] = f"{COURSE_TITLE}: {deck['title']}"
    notebook.metadata["language_info"] = {"name": "markdown"}
    intro = (f"# {COURSE_TITLE}\n\n## {deck['title']}\n\n"
             "An open CPD course on supporting self-help groups without taking them over.\n\n"
             "People in the course's stories are fictional composites.")
    cells = [("slide", intro)]
    if deck.get("minutes"):
        cells.append(("notes", f"A session of {deck['minutes']} minutes."))
    for row in deck["rows"]:
        if row["kind"] == "page":
            page = pages[row["docname"]]
            cells += page_slides(page, points[page["docname"]], render)
        else:
            cells.append(("slide", f"## {row['title']}\n\n{row['minutes']} minutes"))
    self_study = deck.get("self_study", [])
    if self_study:
        cells.append(("slide", "## After the session\n\nOn the course site, in your own time:\n\n"
                      + _bullets([pages[name]["title"] for name in self_study])))
    for slide_type, source in cells:
        cell = nbformat.v4.new_markdown_cell(source)
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        notebook.cells.append(cell)
    return notebook


def teaching_pages(manifest: dict) -> list[dict]:
    """Pages worth a slide: those with learning time (not the reference pages)."""
    return [page for page in manifest["pages"]
            if page["teaching_minutes"] + page["activity_minutes"] > 0]


def session_specs(text: str) -> list[dict]:
    """The sessions planned on the session-plans page (pure): each top-level
    {session-plan} block, titled by the ## heading above it, with its minutes and skips."""
    sessions = []
    heading = ""
    for match in re.finditer(r"^## ([^\n]+)$|^```\{session-plan\}[^\n]*\n(.*?)^```", text,
                             flags=re.M | re.S):
        if match.group(1):
            heading = match.group(1).strip()
            continue
        options = dict(re.findall(r"^:(\w+):[ \t]*(.*)$", match.group(2), flags=re.M))
        if "route" in options:  # a route of data/routes.yml: its length and pages come from there
            sessions.append({"title": heading or options["route"], "route": options["route"].strip()})
        elif "minutes" in options:
            minutes = int(options["minutes"])
            sessions.append({"title": heading or f"A {minutes}-minute session",
                             "minutes": minutes,
                             "skip": tuple(options.get("skip", "").split())})
    return sessions


def session_slug(session: dict) -> str:
    return f"session-{session['minutes']}-minutes"


def deck_specs(manifest: dict, root: Path = ROOT) -> tuple[str, list[dict]]:
    """("sessions" or "pages", decks), each deck {"slug", "title", "minutes", "rows",
    "self_study"}: one deck per session plan (SESSIONS) when selfhelp_course._session_plans
    exists, else one deck per course page."""
    try:
        from selfhelp_course._session_plans import session_plan
    except ImportError:
        decks = [{"slug": Path(page["docname"]).name, "title": page["title"], "minutes": 0,
                  "rows": [{"kind": "page", "docname": page["docname"]}], "self_study": []}
                 for page in teaching_pages(manifest)]
        return "pages", decks
    plans_page = root / SESSION_PAGE
    sessions = (session_specs(plans_page.read_text(encoding="utf-8"))
                if plans_page.is_file() else []) or SESSIONS
    decks = []
    for session in sessions:
        if "route" in session:
            from selfhelp_course._routes import find_route, load_routes, route_plan

            route = find_route(load_routes(root, manifest), session["route"])
            session = {**session, "minutes": route["minutes"]}
            plan = route_plan(manifest, route, root=root)
        else:
            plan = session_plan(manifest, session["minutes"], root=root, skip=session["skip"])
        minutes = session["minutes"]
        slug, title = session_slug(session), session["title"]
        rows = [{"kind": "page", "docname": row.docname} if row.kind == "page"
                else {"kind": row.kind, "title": row.title, "minutes": row.minutes}
                for row in plan.rows]
        decks.append({"slug": slug, "title": title, "minutes": minutes, "rows": rows,
                      "self_study": [page["docname"] for page in plan.self_study]})
    return "sessions", decks


# --- Writing files ---------------------------------------------------------------------------

def copy_reveal(out_dir: Path, source: Path = REVEAL_SOURCE) -> Path:
    if not (source / "dist" / "reveal.js").is_file():
        raise SystemExit(f"reveal.js is missing from {source}: run `npm ci` (make does)")
    target = out_dir / "reveal.js"
    shutil.rmtree(target, ignore_errors=True)
    for name in REVEAL_FILES:
        origin = source / name
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination)
        else:
            shutil.copy2(origin, destination)
    (target / "course-slides.css").write_text(SLIDES_CSS, encoding="utf-8")
    return target


def convert(notebook, out_html: Path) -> None:
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(extra_template_basedirs=[str(TEMPLATE_DIR)],
                              template_name="reveal_offline")
    exporter.reveal_url_prefix = "reveal.js"
    exporter.reveal_theme = "white"
    exporter.reveal_width = "1280"
    exporter.reveal_height = "720"
    # Belt and braces: the template drops these, but nothing should point outside anyway.
    exporter.require_js_url = ""
    exporter.mermaid_js_url = ""
    exporter.jquery_url = ""
    exporter.mathjax_url = ""
    html, _resources = exporter.from_notebook_node(notebook)
    out_html.write_text(html, encoding="utf-8")


def build(out_dir: Path, root: Path = ROOT) -> dict:
    manifest = course_manifest(root)
    by_docname = {page["docname"]: page for page in manifest["pages"]}
    titles = {Path(page["docname"]).name: page["title"] for page in manifest["pages"]}
    citations = citation_labels(root / "references.bib")

    def render(text: str) -> str:
        return plain_text(text, citations, titles)

    from selfhelp_course._course_time import page_path

    mode, decks = deck_specs(manifest, root)
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    (out_dir / "notebooks").mkdir()
    copy_reveal(out_dir)
    made = []
    for deck in decks:
        docnames = [row["docname"] for row in deck["rows"] if row["kind"] == "page"]
        points = {name: page_points(page_path(root, name).read_text(encoding="utf-8"))
                  for name in docnames}
        notebook = deck_notebook(deck, by_docname, points, render)
        nbformat.write(notebook, out_dir / "notebooks" / f"{deck['slug']}.ipynb")
        convert(notebook, out_dir / f"{deck['slug']}.html")
        made.append({"slug": deck["slug"], "title": deck["title"],
                     "pages": [by_docname[name]["title"] for name in docnames]})
    return {"mode": mode, "decks": made}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "slides")
    args = parser.parse_args(argv)
    result = build(args.out)
    print(f"slides: {len(result['decks'])} decks (one per {result['mode'][:-1]}) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
