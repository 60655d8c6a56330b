"""The course evaluation's part of the manifest (contracts.md: `manifest.evaluation`), for the
browser tests of what other code does with it (the LMS bridge, the portfolio). While the course
has none (the evaluation widget is built in another branch), a stand-in is made from the course's
own outcomes with the contract's values, and the page is given it before its scripts run."""

from __future__ import annotations

import json

from selfhelp_course._content import OUTCOMES, OUTCOMES_FILE, load_config
from paths import ROOT

SCALE = [
    "Not at all confident",
    "A little confident",
    "Fairly confident",
    "Very confident",
    "Completely confident",
]


def evaluation_manifest(manifest: dict) -> dict:
    if manifest.get("evaluation"):
        return manifest["evaluation"]
    outcomes = load_config(OUTCOMES_FILE, OUTCOMES, ROOT)["outcomes"]
    points = lambda values: [{"value": v, "words": f"Point {v}"} for v in values]  # noqa: E731
    return {
        "outcomes": [{"id": o["id"], "text": o["text"]} for o in outcomes],
        "scale": [{"value": i + 1, "words": w} for i, w in enumerate(SCALE)],
        "relevance": points(range(1, 6)),
        "clarity": points(range(1, 6)),
        "time": points(["less", "about", "more"]),
        "recommend": points(["yes", "maybe", "no"]),
        "roles": [{"id": "nurse", "words": "Nurse"}],
    }


def give_evaluation(context, manifest: dict) -> dict:
    """Every page of `context` gets a manifest with an evaluation (the stand-in only when the
    course's own has none). Returns the evaluation the pages see."""
    evaluation = evaluation_manifest(manifest)
    if not manifest.get("evaluation"):
        context.add_init_script(f"""(() => {{ let kept;
            Object.defineProperty(window, "COURSE_MANIFEST", {{ configurable: true, get: () => kept,
              set: (m) => {{ kept = m && !m.evaluation ? {{ ...m, evaluation: {json.dumps(evaluation)} }} : m; }} }}); }})();""")
    return evaluation
