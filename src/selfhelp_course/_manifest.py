"""The course manifest: every page, its minutes and the activities on it.

Progress, the CPD portfolio and session plans all need the same picture of the course; this is
the one place it is worked out, from _toc.yml, page front matter and the activity calls in each
page. The site gets it as ``_static/course-manifest.js``; widgets get it as a trait.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ._content import BANKS, CHECKS, course_root
from ._course_time import page_path, page_time, toc_docnames

# Widget call in a page -> (activity kind, storage key prefix). Storage keys are
# "selfhelp-course:<kind>:<id>", as each widget's module writes them.
CALLS = {
    "knowledge_check": "check",
    "sorting_exercise": "sorting",
    "scenario": "scenario",
    "reflection": "reflection",
    "wellbeing_explorer": "explorer",
}
CALL = re.compile(r"^\s*(?:\w+\s*=\s*)?(" + "|".join(CALLS) + r")\(([^)]*)\)", re.M)
TITLE = re.compile(r"^# (.+)$", re.M)
EXPLORER_ID = "wellbeing"  # the explorer's storage key is explorer:wellbeing


def page_activities(text: str) -> list[dict]:
    """Activities a page shows, in order: [{"kind", "id"}]."""
    found = []
    for call, arguments in CALL.findall(_code_cells(text)):
        kind = CALLS[call]
        ids = re.findall(r"""["']([a-z0-9-]+)["']""", arguments)
        if kind == "explorer":
            ids = [EXPLORER_ID]
        found += [{"kind": kind, "id": item_id} for item_id in ids]
    return found


def _code_cells(text: str) -> str:
    return "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S))


def page_title(text: str) -> str:
    match = TITLE.search(re.sub(r"```.*?```", "", text, flags=re.S))
    return match.group(1).strip() if match else ""


def toc_parts(root: Path) -> dict[str, str]:
    """Each page's part caption in _toc.yml ("" for the root page and pages outside a part)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    parts: dict[str, str] = {}

    def walk(entries, caption: str) -> None:
        for entry in entries or []:
            if "file" in entry:
                parts[str(Path(entry["file"]).with_suffix(""))] = caption
            walk(entry.get("sections"), caption)
            walk(entry.get("chapters"), caption)

    for part in toc.get("parts") or []:
        walk(part.get("chapters"), str(part.get("caption") or ""))
    return parts


def course_manifest(root: Path | None = None) -> dict:
    root = root or course_root()
    titles = _activity_titles(root)
    parts = toc_parts(root)
    pages = []
    for docname in toc_docnames(root):
        text = page_path(root, docname).read_text(encoding="utf-8")
        time = page_time(root, docname)
        activities = [{**activity, "title": titles.get((activity["kind"], activity["id"]), "")}
                      for activity in page_activities(text)]
        pages.append({
            "docname": docname,
            "title": page_title(text),
            "part": parts.get(docname, ""),
            "teaching_minutes": time.teaching_minutes if time else 0,
            "activity_minutes": time.activity_minutes if time else 0,
            "activities": activities,
        })
    return {"version": 1, "storage_prefix": "selfhelp-course:", "pages": pages}


def _activity_titles(root: Path) -> dict[tuple[str, str], str]:
    """A short name for every activity, for progress lists and CPD records."""
    titles: dict[tuple[str, str], str] = {("explorer", EXPLORER_ID): "Well-being explorer"}
    kinds = {"checks": "check", "sorting": "sorting", "scenarios": "scenario",
             "reflections": "reflection"}
    for bank in BANKS:
        for item_id, item in bank.load(bank.paths(root)).items():
            name = item.get("title") or item.get("question", "")
            titles[(kinds[bank.kind], item_id)] = name
    return titles


def manifest_script(manifest: dict) -> str:
    """The manifest as a classic script, so pages opened from file:// can read it."""
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.COURSE_MANIFEST = {data};\n"
