"""Reveal.js slide decks for teaching the course in a room, made offline from the course pages.

`make slides` runs this: it writes one Jupyter notebook per deck (cells carry
``metadata.slideshow.slide_type``) and converts each with nbconvert's SlidesExporter into
``_build/slides/<deck>.html``. reveal.js comes from npm (package.json pins it) and is copied
into ``_build/slides/reveal.js/``, so a deck opened from disk loads nothing from outside its
folder: the template in slides_template/ beside this module drops jQuery, require.js, mermaid and MathJax.

The slides come from the pages, so there is one source: for each page a title slide with its
learning objectives, its key points, its discussion questions (where it has them) and a
"Your turn" slide for every activity, telling learners which activity to do on the site.

There is one deck per live session (90 minutes, half day, full day), following the session
plans of selfhelp_course.course.session_plans (the routes of data/routes.yml): intro, pages, breaks and close in the plan's order, and
the pages left for self-study on a last slide. Without that module there is one deck per page.

Every slide after the deck's title slide has speaker notes (reveal.js's ``<aside class="notes">``,
from the notebook's "notes" cells): its minutes, a question to ask the room and what to listen
for. They are generated, never typed per slide: the minutes share out the plan's (a page's reading
minutes over its objectives, key points and discussion slides, its activity minutes over its
"Your turn" slides), so a deck's notes add up to its session; the questions are the page's own
discussion questions, or a generic prompt about what is on the slide; what to listen for is the
page's key point nearest in wording. Nothing in them is not on the page or in the plan.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from selfhelp_course.course.facts import KIND_BY_NAME, course_title
from selfhelp_course.course.manifest import course_manifest
from selfhelp_course.course.pages import parse_text
from selfhelp_course.course.structure import page_minutes

if TYPE_CHECKING:  # generated from data/schemas/manifest.schema.json (make schemas)
    from selfhelp_course.course.shapes import Manifest, ManifestPage

ROOT = Path(__file__).resolve().parents[3]

#: The course's title, from _config.yml (the one place it is written).
COURSE_TITLE = course_title(ROOT)
TEMPLATE_DIR = Path(__file__).resolve().parent / "slides_template"
REVEAL_SOURCE = ROOT / "node_modules" / "reveal.js"
# What a deck needs from the reveal.js package, copied next to the decks.
REVEAL_FILES = [
    "LICENSE",
    "dist/reveal.js",
    "dist/reveal.css",
    "dist/theme/white.css",
    "dist/theme/fonts/source-sans-pro",
    "plugin/notes/notes.js",
]
# One deck per live session. The sessions are read from the {session-plan} blocks of the
# trainer's session-plans page, so the decks follow the plans; these are used without it.
SESSION_PAGE = "trainer/session-plans.md"
SESSIONS: list[dict] = [
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
    the course's one parse of a page (selfhelp_course.course.pages)."""
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
        names = [" ".join(person.last_names).replace("{", "").replace("}", "") for person in people]
        if len(names) > 2 or names[-1:] == ["others"]:  # "and others" in BibTeX means et al.
            authors = f"{names[0]} et al."
        else:
            authors = " and ".join(names) or key
        labels[key] = (authors, entry.fields.get("year", "n.d."))
    return labels


def plain_text(
    markdown: str, citations: dict[str, tuple[str, str]], titles: dict[str, str] | None = None
) -> str:
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
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


def _bullets(items: list[str], numbered_from: int | None = None) -> str:
    if numbered_from is None:
        return "\n".join(f"- {item}" for item in items)
    return "\n".join(f"{numbered_from + offset}. {item}" for offset, item in enumerate(items))


# The generic prompts the notes use where a page has no question of its own for a slide: they
# ask about what is on the slide and state nothing.
ASK_OBJECTIVES = "Which of these objectives matters most in your own work, and why?"
ASK_NO_OBJECTIVES = "What do you already know about {title}?"
ASK_KEY_POINTS = "Which of these points fits what you see in your own work, and which does not?"
ASK_CHECK = "Which answer did each person choose, and why?"
ASK_ACTIVITY = 'When people have done "{name}": what did you choose, and why?'
ASK_REFLECTION = (
    "Would anyone like to share a thought from it? No one has to: what each "
    "person writes stays in their own browser."
)


def split_minutes(total: int, parts: int) -> list[int]:
    """``total`` minutes shared over ``parts`` slides as evenly as whole minutes allow, the
    odd minutes going to the first slides (pure); the shares add up to ``total``."""
    if parts <= 0:
        return []
    share, extra = divmod(total, parts)
    return [share + (1 if index < extra else 0) for index in range(parts)]


_STOP = frozenset(
    """a about after all also an and any are as at be been being but by can could
did do does for from had has have how i if in into is it its me more most my no not of on one or
our out so some such than that the their them then there these they this those to up us was we
were what when where which who why will with would you your""".split()
)


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]+", text.lower()) if word not in _STOP and len(word) > 2}


def nearest(text: str, candidates: list[str]) -> str:
    """The candidate sharing most words with ``text`` (the first on a tie), or "" (pure)."""
    if not candidates:
        return ""
    words = _words(text)
    return max(candidates, key=lambda item: (len(words & _words(item)), -candidates.index(item)))


def notes_markdown(minutes: int, context: str, ask: list[str], listen: list[str]) -> str:
    """Speaker notes for one slide: "Timing: N minutes", then what to ask, then what to listen
    for (pure). ``context`` says where the minutes come from."""

    def block(label: str, items: list[str]) -> str:
        items = [" ".join(item.split()) for item in items if item.strip()]
        if len(items) == 1:
            return f"{label} {items[0]}"
        return f"{label}\n\n" + _bullets(items)

    unit = "minute" if minutes == 1 else "minutes"
    return "\n\n".join(
        [f"Timing: {minutes} {unit} ({context}).", block("Ask:", ask), block("Listen for:", listen)]
    )


def page_slides(page: ManifestPage, points: dict, render) -> list[tuple[str, str]]:
    """(slide_type, markdown) cells for one page of the course, in teaching order, each slide
    followed by a "notes" cell (see notes_markdown).

    ``page`` is a manifest entry (title, minutes, activities); ``points`` comes from
    ``page_points``; ``render`` turns MyST text into plain slide text. The page's reading
    minutes are shared over its opening, key points and discussion slides and its activity
    minutes over its "Your turn" slides (all of them over the others when it has no
    activities), so the notes add up to the page's minutes in the plan.
    """
    title = page["title"]
    reading, doing_minutes = page["teaching_minutes"], page["activity_minutes"]
    key_points = [render(item) for item in points["key_points"]]
    objectives = [render(item) for item in points["objectives"]]
    questions = [render(item) for item in points["discussion"]]
    # What to listen for comes from the key points; a page without them offers its objectives.
    anchors = key_points or objectives or [f"what people take from {title}"]
    slides: list[dict] = []  # {"type", "source", "ask", "listen", "activity"}

    opening = f"## {title}"
    if objectives:
        opening += "\n\n### By the end you will be able to\n\n" + _bullets(objectives)
    slides.append(
        {
            "type": "slide",
            "source": opening,
            "activity": False,
            "ask": [ASK_OBJECTIVES if objectives else ASK_NO_OBJECTIVES.format(title=title)],
            "listen": [anchors[0]],
        }
    )
    chunks = _chunks(key_points) if key_points else []
    asked: set[str] = set()
    for number, chunk in enumerate(chunks, start=1):
        suffix = f" ({number} of {len(chunks)})" if len(chunks) > 1 else ""
        # The page's discussion question nearest the points, one not yet asked where possible.
        unasked = [item for item in questions if item not in asked] or questions
        ask = [nearest(" ".join(chunk), unasked)] if questions else [ASK_KEY_POINTS]
        asked.update(ask)
        slides.append(
            {
                "type": "subslide",
                "source": f"### Key points{suffix}\n\n" + _bullets(chunk),
                "activity": False,
                "ask": ask,
                "listen": chunk,
            }
        )
    chunks = _chunks(questions) if questions else []
    for index, chunk in enumerate(chunks):
        suffix = f" ({index + 1} of {len(chunks)})" if len(chunks) > 1 else ""
        slides.append(
            {
                "type": "subslide",
                "activity": False,
                "source": f"### Discussion{suffix}\n\n"
                + _bullets(chunk, numbered_from=index * PER_SLIDE + 1),
                "ask": chunk,
                "listen": list(dict.fromkeys(nearest(item, anchors) for item in chunk)),
            }
        )
    for activity in page["activities"]:
        kind = (
            KIND_BY_NAME[activity["kind"]].label.lower()
            if activity["kind"] in KIND_BY_NAME
            else activity["kind"]
        )
        name = render(activity["title"]) if activity["title"] else kind.capitalize()
        if activity["kind"] == "reflection":
            ask = [ASK_REFLECTION]
        elif activity["kind"] == "check" and activity["title"]:  # its title is its question
            ask = [name, ASK_CHECK]
        else:
            ask = [ASK_ACTIVITY.format(name=name)]
        slides.append(
            {
                "type": "subslide",
                "activity": True,
                "source": f"### Your turn\n\nOn the course site, open **{title}** "
                f"and do the {kind}:\n\n**{name}**\n\n"
                "Your answers stay in your own browser.",
                "ask": ask,
                "listen": [nearest(name, anchors)],
            }
        )

    doing = [slide for slide in slides if slide["activity"]]
    talking = [slide for slide in slides if not slide["activity"]]
    if doing:
        shares = split_minutes(reading, len(talking)) + split_minutes(doing_minutes, len(doing))
        order = talking + doing
    else:
        shares, order = split_minutes(reading + doing_minutes, len(talking)), talking
    minutes = {id(slide): share for slide, share in zip(order, shares, strict=True)}
    context = (
        f"of the plan's {reading + doing_minutes} for this page: {reading} reading, "
        f"{doing_minutes} activities"
    )
    cells: list[tuple[str, str]] = []
    for slide in slides:
        cells.append((slide["type"], slide["source"]))
        cells.append(("notes", notes_markdown(minutes[id(slide)], context, slide["ask"], slide["listen"])))
    return cells


def row_slides(row: dict, deck: dict, pages: dict[str, ManifestPage], render) -> list[tuple[str, str]]:
    """A slide and its notes for a row of the plan that is not a page: the introduction, a
    break, time for questions, or the close (with the pages left for self-study after it)."""
    taught = [row_["docname"] for row_ in deck["rows"] if row_["kind"] == "page"]
    titles = [pages[name]["title"] for name in taught]
    self_study = [pages[name]["title"] for name in deck.get("self_study", [])]
    context = f"the plan's {row['minutes']} for this part"
    kind = row["kind"]
    if kind == "intro":
        ask = ["What does each person hope to take from today?"]
        listen = [
            f"hopes that today's pages meet: {'; '.join(titles)}",
            "hopes they do not: note them for the close",
        ]
    elif kind == "break":
        later = [r for r in deck["rows"][deck["rows"].index(row) + 1 :] if r["kind"] == "page"]
        ask = ["Before the break: is there a question so far to pick up afterwards?"]
        listen = [
            f"questions to take up after the break, with {pages[later[0]['docname']]['title']}"
            if later
            else "questions to take up at the close"
        ]
    elif kind == "close":
        ask = [
            "What will each person do differently in their work after today, and how will "
            "they record it for their CPD?"
        ]
        listen = ["plans that match the learning objectives on each page's first slide today"]
    else:  # time kept for questions and open discussion
        ask = ["What questions do you have about today's pages?"]
        listen = [
            "questions today's pages did not answer: the pages left for self-study are listed at the close"
            if self_study
            else "questions to check against the key points of today's pages"
        ]
    cells = [("slide", f"## {row['title']}\n\n{row['minutes']} minutes")]
    if kind == "close" and self_study:
        close, after = split_minutes(row["minutes"], 2)
        cells.append(("notes", notes_markdown(close, f"of {context}, with the next slide", ask, listen)))
        cells.append(
            (
                "subslide",
                "## After the session\n\nOn the course site, in your own time:\n\n" + _bullets(self_study),
            )
        )
        cells.append(
            (
                "notes",
                notes_markdown(
                    after,
                    f"of {context}, with the slide before",
                    ["Which of these pages will each person read next, and when?"],
                    ["a page from the list on this slide, and a time, from each person"],
                ),
            )
        )
        return cells
    cells.append(("notes", notes_markdown(row["minutes"], context, ask, listen)))
    return cells


def deck_notebook(deck: dict, pages: dict[str, ManifestPage], points: dict[str, dict], render):
    """A notebook for one deck (pure): a title slide, then each row of the deck in order.

    ``deck["rows"]`` holds {"kind": "page", "docname"} rows, whose slides come from the page,
    and {"kind": "intro" | "break" | "close", "title", "minutes"} rows from a session plan,
    which get one slide each. ``pages`` maps docnames to manifest entries.
    """
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["title"] = f"{COURSE_TITLE}: {deck['title']}"
    notebook.metadata["language_info"] = {"name": "markdown"}
    intro = (
        f"# {COURSE_TITLE}\n\n## {deck['title']}\n\n"
        "An open CPD course on supporting self-help groups without taking them over.\n\n"
        "People in the course's stories are fictional composites."
    )
    cells = [("slide", intro)]
    if deck.get("minutes"):
        cells.append(("notes", f"A session of {deck['minutes']} minutes."))
    for row in deck["rows"]:
        if row["kind"] == "page":
            page = pages[row["docname"]]
            cells += page_slides(page, points[page["docname"]], render)
        else:
            cells += row_slides(row, deck, pages, render)
    self_study = deck.get("self_study", [])
    if self_study and not any(row["kind"] == "close" for row in deck["rows"]):
        cells.append(
            (
                "slide",
                "## After the session\n\nOn the course site, in your own time:\n\n"
                + _bullets([pages[name]["title"] for name in self_study]),
            )
        )
    cells = with_clock(cells)
    for slide_type, source in cells:
        cell = nbformat.v4.new_markdown_cell(source)
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        notebook.cells.append(cell)
    return notebook


def with_clock(cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each note's timing with the time from the start of the session its slide begins at, as
    the session plan's timetable writes it ("Timing: 9 minutes, from 0:10 (...)") (pure)."""
    elapsed, timed = 0, []
    for slide_type, source in cells:
        match = re.match(r"Timing: (\d+) minutes?", source) if slide_type == "notes" else None
        if match:
            source = (
                source[: match.end()] + f", from {elapsed // 60}:{elapsed % 60:02d}" + source[match.end() :]
            )
            elapsed += int(match.group(1))
        timed.append((slide_type, source))
    return timed


def teaching_pages(manifest: Manifest) -> list[ManifestPage]:
    """Pages worth a slide: those with learning time (not the reference pages)."""
    return [page for page in manifest["pages"] if page_minutes(page) > 0]


def session_specs(text: str) -> list[dict]:
    """The sessions planned on the session-plans page (pure): each top-level
    {session-plan} block, titled by the ## heading above it, with its minutes and skips."""
    sessions = []
    heading = ""
    for match in re.finditer(r"^## ([^\n]+)$|^```\{session-plan\}[^\n]*\n(.*?)^```", text, flags=re.M | re.S):
        if match.group(1):
            heading = match.group(1).strip()
            continue
        options = dict(re.findall(r"^:(\w+):[ \t]*(.*)$", match.group(2), flags=re.M))
        if "route" in options:  # a route of data/routes.yml: its length and pages come from there
            sessions.append({"title": heading or options["route"], "route": options["route"].strip()})
        elif "minutes" in options:
            minutes = int(options["minutes"])
            sessions.append(
                {
                    "title": heading or f"A {minutes}-minute session",
                    "minutes": minutes,
                    "skip": tuple(options.get("skip", "").split()),
                }
            )
    return sessions


def session_slug(session: dict) -> str:
    return f"session-{session['minutes']}-minutes"


def deck_specs(manifest: Manifest, root: Path = ROOT) -> tuple[str, list[dict]]:
    """("sessions" or "pages", decks), each deck {"slug", "title", "minutes", "rows",
    "self_study"}: one deck per session plan (SESSIONS) when selfhelp_course.course.session_plans
    exists, else one deck per course page."""
    try:
        from selfhelp_course.course.session_plans import session_plan
    except ImportError:
        decks = [
            {
                "slug": Path(page["docname"]).name,
                "title": page["title"],
                "minutes": 0,
                "rows": [{"kind": "page", "docname": page["docname"]}],
                "self_study": [],
            }
            for page in teaching_pages(manifest)
        ]
        return "pages", decks
    plans_page = root / SESSION_PAGE
    sessions = (
        session_specs(plans_page.read_text(encoding="utf-8")) if plans_page.is_file() else []
    ) or SESSIONS
    decks = []
    for session in sessions:
        if "route" in session:
            from selfhelp_course.course.routes import find_route, load_routes, route_plan

            route = find_route(load_routes(root, manifest), session["route"])
            session = {**session, "minutes": route["minutes"]}
            plan = route_plan(manifest, route, root=root)
        else:
            plan = session_plan(manifest, session["minutes"], root=root, skip=session["skip"])
        minutes = session["minutes"]
        slug, title = session_slug(session), session["title"]
        rows = [
            {"kind": "page", "docname": row.docname}
            if row.kind == "page"
            else {"kind": row.kind, "title": row.title, "minutes": row.minutes}
            for row in plan.rows
        ]
        decks.append(
            {
                "slug": slug,
                "title": title,
                "minutes": minutes,
                "rows": rows,
                "self_study": [page["docname"] for page in plan.self_study],
            }
        )
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

    exporter = SlidesExporter(extra_template_basedirs=[str(TEMPLATE_DIR)], template_name="reveal_offline")
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

    from selfhelp_course.course.structure import page_path

    mode, decks = deck_specs(manifest, root)
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    (out_dir / "notebooks").mkdir()
    copy_reveal(out_dir)
    made = []
    for deck in decks:
        docnames = [row["docname"] for row in deck["rows"] if row["kind"] == "page"]
        points = {name: page_points(page_path(root, name).read_text(encoding="utf-8")) for name in docnames}
        notebook = deck_notebook(deck, by_docname, points, render)
        nbformat.write(notebook, out_dir / "notebooks" / f"{deck['slug']}.ipynb")
        convert(notebook, out_dir / f"{deck['slug']}.html")
        made.append(
            {
                "slug": deck["slug"],
                "title": deck["title"],
                "pages": [by_docname[name]["title"] for name in docnames],
            }
        )
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
