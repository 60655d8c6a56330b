"""The CPD portfolio's pure logic (static/portfolio_format.js), run in node.

The same files the widget is made of (core.js, privacy.js, progress_core.js, then
portfolio_format.js) are evaluated together, so these tests see exactly the functions the page
uses. Every case runs in one node process per test.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from selfhelp_course._content import FRAMEWORKS, FRAMEWORKS_FILE, load_config
from paths import ROOT

STATIC = ROOT / "src" / "selfhelp_course" / "static"
FILES = ("core.js", "privacy.js", "progress_core.js", "portfolio_format.js")
FRAMEWORK_LIST = load_config(FRAMEWORKS_FILE, FRAMEWORKS, ROOT)["frameworks"]

RUNNER = r"""
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const api = new Function(input.src + `;
  return {pfAssemble, pfCleanEdits, pfMarkdown, pfPrintModel, pfDocument, pfLearnerTexts, pfFindings,
          pfMakeBackup, pfParseBackup, pfBackupTexts, pfPrefill, pfEditsValue, pfMdText};`)();
// Portfolio inputs come with raw edits: clean them as the widget does.
const assemble = (p) => api.pfAssemble({...p, edits: api.pfCleanEdits(p.edits)});
const calls = {
  assemble,
  markdown: (p) => api.pfMarkdown(assemble(p)),
  print: (p) => api.pfPrintModel(assemble(p)),
  learnerTexts: (p) => api.pfLearnerTexts(api.pfDocument(assemble(p))),
  findings: (p) => api.pfFindings(api.pfLearnerTexts(api.pfDocument(assemble(p)))),
  prefill: (entry, frameworks) => api.pfPrefill(entry, frameworks),
  cleanEdits: (raw) => JSON.parse(JSON.stringify(api.pfEditsValue(api.pfCleanEdits(raw), "T"))),
  makeBackup: (items, when) => api.pfMakeBackup(items, when),
  parseBackup: (text) => api.pfParseBackup(text),
  roundTrip: (items) => api.pfParseBackup(api.pfMakeBackup(items, "2025-01-01T00:00:00.000Z")),
  backupTexts: (items, titles, frameworks) => api.pfBackupTexts(items, titles, frameworks),
  mdText: (text) => api.pfMdText(text),
};
const out = input.calls.map(([name, ...args]) => {
  try {
    return {value: calls[name](...args)};
  } catch (error) {
    return {error: String(error && error.stack || error)};
  }
});
process.stdout.write(JSON.stringify(out));
"""


def run(*calls):
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: `make test` needs it for the JavaScript unit tests")
    src = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in FILES)
    result = subprocess.run(
        [node, "-e", RUNNER], input=json.dumps({"src": src, "calls": list(calls)}),
        capture_output=True, text=True, check=True, env={**os.environ, "TZ": "UTC"})
    out = json.loads(result.stdout)
    for call, answer in zip(calls, out):
        assert "error" not in answer, f"{call[0]} threw: {answer['error']}"
    values = [answer["value"] for answer in out]
    return values[0] if len(values) == 1 else values


def texts(**frameworks):
    return {framework: dict(parts) for framework, parts in frameworks.items()}


GIBBS = {
    "description": "A carer asked me about a local group.",
    "feelings": "I felt unsure.",
    "evaluation": "It went fairly well.",
    "analysis": "Groups are run by members.",
    "conclusion": "I should signpost, not refer.",
    "action-plan": "I will keep an up-to-date list of groups.",
}
NMC = {
    "nature": "Reading about the ESTEEM study.",
    "learned": "Groups value their autonomy.",
    "changed": "I now ask the group what help it wants.",
    "code": "It helps me prioritise people and practise effectively.",
}


def page(docname, title, minutes, activities, read=False, read_updated=""):
    done = sum(1 for a in activities if a["state"] == "done")
    return {"docname": docname, "title": title, "minutes": minutes, "done": done, "total": len(activities),
            "read": read, "complete": (done == len(activities)) if activities else read,
            "activities": activities, "readUpdated": read_updated}


def activity(kind, item_id, title, state="done", updated="2025-03-10T12:00:00.000Z"):
    return {"kind": kind, "id": item_id, "title": title, "state": state, "updated": updated}


PORTFOLIO = {
    "generated": "2025-04-01T12:00:00.000Z",
    "frameworks": FRAMEWORK_LIST,
    "edits": {
        "details": {"name": "Alex Example", "body": "nmc", "summary": "Community nurse for adults."},
        "accounts": {"welcome-reflection": {"nmc": {"changed": "Edited: I changed how I signpost."}}},
        "log": {"book/wellbeing": {"participatory": True, "hours": 1.5, "link": "Used in | team meeting\nnext week"}},
    },
    "reflections": [
        {"id": "welcome-reflection", "title": "Why are you taking this course?", "page": "book/welcome",
         "pageTitle": "Welcome", "entry": {"v": 1, "framework": "gibbs", "complete": True,
                                           "updated": "2025-03-01T12:00:00.000Z", "texts": texts(gibbs=GIBBS)}},
        {"id": "wellbeing-reflection", "title": "How a group seemed to help", "page": "book/wellbeing",
         "pageTitle": "Mental well-being and groups",
         "entry": {"v": 1, "framework": "nmc", "complete": True, "updated": "2025-03-05T12:00:00.000Z",
                   "texts": texts(nmc=NMC)}},
    ],
    "pages": [
        page("book/welcome", "Welcome", 20, [
            activity("check", "welcome-a", "Which details?", updated="2025-03-01T12:00:00.000Z"),
            activity("reflection", "welcome-reflection", "Why are you taking this course?",
                     updated="2025-03-02T12:00:00.000Z"),
        ]),
        page("book/wellbeing", "Mental well-being and groups", 55, [
            activity("check", "wellbeing-a", "ONS4 adding", updated="2025-03-04T12:00:00.000Z"),
            activity("check", "wellbeing-b", "WEMWBS", state="started", updated="2025-03-09T12:00:00.000Z"),
            activity("reflection", "wellbeing-reflection", "How a group seemed to help",
                     updated="2025-03-05T12:00:00.000Z"),
            activity("check", "wellbeing-c", "Before and after", state="not started", updated=""),
        ]),
        page("book/commissioners", "Commissioners", 40, [
            activity("check", "commissioners-a", "What helps", state="started"),
        ]),
        page("case_studies/carers-group", "A carers' group", 30, [], read=True,
             read_updated="2025-03-20T09:00:00.000Z"),
    ],
}


# ------------------------------------------------------------------------------ Markdown

def test_markdown_has_the_nmc_questions_the_code_themes_the_log_and_the_statement():
    md = run(["markdown", PORTFOLIO])
    assert md.startswith("# CPD portfolio: Supporting Self-Help Groups\n")
    for heading in ("## About me", "## Statement of completion", "## CPD log", "## NMC reflective accounts",
                    "## HCPC CPD profile"):
        assert f"\n{heading}\n" in md, heading
    # The four NMC questions, once per account (two accounts).
    for question in ("The nature of the CPD activity, feedback or event", "What did you learn?",
                     "How did you change or improve your practice?", "How is this relevant to the Code?"):
        assert md.count(f"**{question}**") == 2, question
    # The Code's four themes as a checklist, ticked from what the reflection says.
    nmc_account = md[md.index("### Reflective account 2"):md.index("## HCPC CPD profile")]
    assert "- [x] Prioritise people" in nmc_account
    assert "- [x] Practise effectively" in nmc_account
    assert "- [ ] Preserve safety" in nmc_account
    assert "- [ ] Promote professionalism and trust" in nmc_account
    # The self-declared statement.
    statement = md[md.index("## Statement of completion"):md.index("## CPD log")]
    assert "*Self-declared by the learner; not verified by the course.*" in statement
    assert "Alex Example declares that they completed" in statement
    assert "- Welcome: 2 of 2 activities done, last on 2 March 2025; 0.25 hours" in statement
    assert "  - Knowledge check: Which details? (1 March 2025)" in statement
    assert "  - Reflection: Why are you taking this course? (2 March 2025)" in statement
    # The CPD log table.
    log = md[md.index("## CPD log"):md.index("## NMC reflective accounts")]
    lines = [line for line in log.splitlines() if line.startswith("|")]
    assert lines[0] == "| Date | Activity | Method | Hours | Participatory hours | Link to practice |"
    assert re.fullmatch(r"\|( --- \|){6}", lines[1])
    assert lines[2] == ("| 2 March 2025 | Welcome (2 of 2 activities) | Online course: reading and interactive "
                        "exercises | 0.25 | 0 |  |")
    # An unfinished page counts no hours by default (as on the progress page); here the learner
    # entered their own.
    assert lines[3] == ("| 5 March 2025 | Mental well-being and groups (2 of 4 activities) | Online course: reading "
                        "and interactive exercises | 1.5 | 1.5 | Used in \\| team meeting next week |")
    assert lines[4] == ("| 20 March 2025 | A carers' group | Online course: reading and interactive exercises "
                        "| 0.5 | 0 |  |")
    assert lines[5] == "| **Total** |  |  | 2.25 | 1.5 |  |"
    assert "Commissioners" not in md, "a page with nothing done is not in the record"
    assert "**Name:** Alex Example" in md
    assert "**Registration body:** Nursing and Midwifery Council (NMC)" in md


def test_accounts_are_prefilled_from_the_reflection_and_edits_win():
    p = run(["assemble", PORTFOLIO])
    gibbs, nmc = p["accounts"]
    assert gibbs["framework"] == "gibbs"
    assert gibbs["nmc"]["nature"] == GIBBS["description"]
    assert gibbs["nmc"]["learned"] == f"{GIBBS['analysis']}\n\n{GIBBS['conclusion']}"
    assert gibbs["nmc"]["changed"] == "Edited: I changed how I signpost."
    assert gibbs["prefill"]["nmc"]["changed"] == GIBBS["action-plan"], "the original stays available"
    assert gibbs["edited"]["nmc"]["changed"] is True and gibbs["edited"]["nmc"]["nature"] is False
    assert gibbs["nmc"]["code"] == ""
    assert gibbs["hcpc"] == {"activity": GIBBS["description"], "learned": gibbs["nmc"]["learned"],
                             "improved": GIBBS["action-plan"], "benefits": ""}
    assert [part["heading"] for part in gibbs["original"]] == [part["heading"] for part in FRAMEWORK_LIST[0]["parts"]]
    assert nmc["nmc"] == {**NMC, "themes": ["prioritise-people", "practise-effectively"]}
    assert p["totals"] == {"hours": 2.25, "participatory": 1.5, "activities": 4}
    unfinished = next(row for row in p["log"] if row["page"] == "book/wellbeing")
    assert unfinished["estimate"] == 0 and unfinished["hours"] == 1.5 and unfinished["complete"] is False


@pytest.mark.parametrize(("entry", "expected"), [
    ({"framework": "rolfe", "texts": {"rolfe": {"what": "W", "so-what": "S", "now-what": "N"}}},
     {"nature": "W", "learned": "S", "changed": "N", "code": "", "themes": []}),
    # The framework last chosen has nothing written: the one with text is used.
    ({"framework": "nmc", "texts": {"nmc": {"nature": "  "}, "rolfe": {"what": "W"}}},
     {"nature": "W", "learned": "", "changed": "", "code": "", "themes": []}),
    # A framework the course no longer offers: first part, middle parts, last part.
    ({"framework": "old", "texts": {"old": {"a": "A", "b": "B", "c": "C", "d": "D"}}},
     {"nature": "A", "learned": "B\n\nC", "changed": "D", "code": "", "themes": []}),
    ({"framework": "nmc", "texts": {"nmc": {"code": "To PRESERVE SAFETY and promote professionalism."}}},
     {"nature": "", "learned": "", "changed": "", "code": "To PRESERVE SAFETY and promote professionalism.",
      "themes": ["preserve-safety", "promote-professionalism"]}),
    ({"texts": "not an object"}, {"nature": "", "learned": "", "changed": "", "code": "", "themes": []}),
])
def test_framework_parts_map_to_the_nmc_questions(entry, expected):
    assert run(["prefill", entry, FRAMEWORK_LIST])["nmc"] == expected


def test_markdown_escapes_only_what_would_change_the_record():
    hostile = {**PORTFOLIO, "edits": {**PORTFOLIO["edits"], "details": {
        "summary": "# Not a heading\n<script>alert(1)</script> 2 < 3, *stars* and _underscores_ & Welsh: ŵ ŷ\n===",
    }}}
    md = run(["markdown", hostile])
    summary = md[md.index("**Summary of practice**"):md.index("## Statement of completion")]
    assert "\\# Not a heading" in summary
    assert "\\<script>alert(1)\\</script> 2 < 3, *stars* and _underscores_ & Welsh: ŵ ŷ" in summary
    assert "\n\\===" in summary
    assert "<script>" not in md.replace("\\<script>", "")
    assert run(["mdText", "a | b * c _d_ `e` [f](g)"]) == "a | b * c _d_ `e` [f](g)"


def test_print_model_is_the_record_as_plain_text_only():
    model = run(["print", PORTFOLIO])
    assert model["title"] == "CPD portfolio: Supporting Self-Help Groups"
    assert [s["heading"] for s in model["sections"]] == [
        "About me", "Statement of completion", "CPD log", "NMC reflective accounts", "HCPC CPD profile"]

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    allowed = {"p", "field", "answer", "checklist", "list", "table"}
    for section in model["sections"]:
        for block in section["blocks"] + [b for sub in section["subsections"] for b in sub["blocks"]]:
            assert block["type"] in allowed
    statement = model["sections"][1]["blocks"]
    assert statement[0] == {"type": "p", "text": "Self-declared by the learner; not verified by the course.", "note": True}
    assert not any("<" in s for s in strings(model)), "no markup in the print model"


def test_learner_texts_for_the_privacy_check_and_their_findings():
    with_postcode = {**PORTFOLIO, "edits": {**PORTFOLIO["edits"], "accounts": {
        "welcome-reflection": {"nmc": {"nature": "I met her near NG7 2UH."}}}}}
    found = run(["learnerTexts", with_postcode])
    wheres = [item["where"] for item in found]
    assert "About you: summary of practice" in wheres
    assert 'Reflective account 1 ("Why are you taking this course?"): The nature of the CPD activity, feedback or event' in wheres
    assert 'CPD log: link to practice for "Mental well-being and groups"' in wheres
    assert not any("Alex Example" in item["text"] for item in found), "the learner's own name is not checked"
    findings = run(["findings", with_postcode])
    postcodes = [f for f in findings if f["kind"] == "postcode"]
    # The same text is in the NMC account and the HCPC entry made from it.
    assert [f["text"] for f in postcodes] == ["NG7 2UH"]
    assert postcodes[0]["where"].startswith("Reflective account 1")
    assert "postcode" in postcodes[0]["why"]
    # The record's own dates (the log, "prepared on") are not the learner's text and are not flagged.
    assert not any(f["kind"] == "date" for f in findings)


def test_cleaned_edits_keep_only_known_fields():
    raw = {"details": {"name": 5, "summary": "S", "evil": "x"},
           "accounts": {"__proto__": {"nmc": {"nature": "N", "themes": ["preserve-safety", "nope"], "x": 1}},
                        "r": "not an object"},
           "log": {"book/x": {"hours": "1.3", "participatory": "yes", "link": "L"}, "book/y": {"hours": -2}}}
    assert run(["cleanEdits", raw]) == {
        "v": 1, "page": "book/portfolio", "updated": "T", "complete": False,
        "details": {"summary": "S"},
        "accounts": {"__proto__": {"nmc": {"nature": "N", "themes": ["preserve-safety"]}, "hcpc": {}}},
        "log": {"book/x": {"hours": 1.25, "link": "L"}, "book/y": {}},
    }


# ------------------------------------------------------------------------------ backups

MIXED = ("Croeso! Diolch yn fawr — ŵ ŷ ẁ. مرحبا بالعالم. 你好，世界。 e\u0301 a\u0308 n\u0303 "
         "😀👩🏽‍⚕️🏴󠁧󠁢󠁷󠁬󠁳󠁿 \u200d\"quotes\" \\ back\\slash\n\ttabs ")


def test_backup_round_trips_every_course_item_exactly():
    big = (MIXED * (50_000 // len(MIXED) + 1))[:50_000]
    reflection = json.dumps({"v": 1, "page": "book/welcome", "updated": "2025-03-01T12:00:00.000Z",
                             "complete": True, "framework": "gibbs", "texts": {"gibbs": {"description": big}}},
                            ensure_ascii=False)
    items = {
        "selfhelp-course:reflection:welcome-reflection": reflection,
        "selfhelp-course:check:welcome-a": '{"v":1,"complete":true,"selected":[0,2],"checked":true}',
        "selfhelp-course:check:x:unreadable:1700000000000": "{not json at all",
        "selfhelp-course:portfolio": '{"v":1,"details":{"name":"A"}}',
        "another-app:key": "not ours",
    }
    text = run(["makeBackup", items, "2025-04-01T12:00:00.000Z"])
    data = json.loads(text)
    assert data["format"] == "selfhelp-course-backup" and data["version"] == 1
    assert data["exported"] == "2025-04-01T12:00:00.000Z" and data["count"] == 4
    assert "another-app:key" not in data["items"]
    parsed = run(["roundTrip", items])
    assert parsed["ok"] is True and parsed["count"] == 4
    restored = dict(parsed["entries"])
    assert restored == {k: v for k, v in items.items() if k.startswith("selfhelp-course:")}
    assert restored["selfhelp-course:reflection:welcome-reflection"].encode("utf-8") == reflection.encode("utf-8")


def test_an_empty_backup_is_still_a_backup():
    parsed = run(["roundTrip", {}])
    assert parsed == {"ok": True, "entries": [], "exported": "2025-01-01T00:00:00.000Z", "count": 0}


GOOD = {"format": "selfhelp-course-backup", "version": 1, "exported": "2025-04-01T12:00:00.000Z", "count": 1,
        "items": {"selfhelp-course:check:a": '{"v":1}'}}


@pytest.mark.parametrize(("text", "reason", "words"), [
    ("", "empty", "empty"),
    ("   \n", "empty", "empty"),
    ("this is not json", "not-json", "not readable as JSON"),
    ('{"format": "selfhelp-course-backup", "version": 1, "items": {', "not-json", "not readable as JSON"),
    ("[1, 2, 3]", "foreign", "not a backup from this course"),
    ("null", "foreign", "not a backup from this course"),
    ('"selfhelp-course-backup"', "foreign", "not a backup from this course"),
    (json.dumps({"settings": {"theme": "dark"}, "version": 1}), "foreign", "not a backup from this course"),
    (json.dumps({**GOOD, "format": "another-app-backup"}), "foreign", "another app"),
    (json.dumps({**GOOD, "version": 2}), "version", "newer version of the course (backup version 2)"),
    (json.dumps({**GOOD, "version": "1"}), "version", 'does not recognise ("1")'),
    (json.dumps({k: v for k, v in GOOD.items() if k != "version"}), "version", "does not recognise (null)"),
    (json.dumps({**GOOD, "items": None}), "malformed", "list of saved items is missing"),
    (json.dumps({**GOOD, "items": [["selfhelp-course:a", "1"]]}), "malformed", "list of saved items is missing"),
    (json.dumps({**GOOD, "items": {"other:key": "1"}}), "malformed", "does not belong to the course"),
    (json.dumps({**GOOD, "items": {"selfhelp-course:": "1"}}), "malformed", "does not belong to the course"),
    (json.dumps({**GOOD, "items": {"selfhelp-course:a": {"v": 1}}}), "malformed", "not in the right form"),
    (json.dumps({**GOOD, "items": {"selfhelp-course:a": None}}), "malformed", "not in the right form"),
    (json.dumps({**GOOD, "count": 3}), "malformed", "fewer or more items"),
    (json.dumps({**GOOD, "exported": 5}), "malformed", "date is not in the right form"),
])
def test_import_refuses_malformed_foreign_and_wrong_version_files(text, reason, words):
    parsed = run(["parseBackup", text])
    assert parsed["ok"] is False and parsed["reason"] == reason
    assert words in parsed["message"]
    assert parsed["message"].endswith("Nothing on this device has been changed.")
    assert "entries" not in parsed


def test_a_good_backup_with_a_byte_order_mark_is_accepted():
    parsed = run(["parseBackup", "\ufeff" + json.dumps(GOOD)])
    assert parsed["ok"] is True and parsed["entries"] == [["selfhelp-course:check:a", '{"v":1}']]


def test_backup_texts_for_the_privacy_check():
    items = {
        "selfhelp-course:reflection:welcome-reflection": json.dumps({
            "v": 1, "updated": "2025-03-01T12:00:00.000Z", "framework": "gibbs",
            "texts": {"gibbs": {"description": "Near NG7 2UH", "feelings": ""}}}),
        "selfhelp-course:portfolio": json.dumps({"details": {"name": "Dr Jane Smith", "summary": "Ward 5"},
                                                 "log": {"book/welcome": {"link": "L"}}}),
        "selfhelp-course:check:a": json.dumps({"v": 1, "updated": "2025-03-01T12:00:00.000Z", "selected": [1]}),
        "selfhelp-course:reflection:x:unreadable:1": "raw 943 476 5919",
    }
    found = run(["backupTexts", items, {"welcome-reflection": "Why?"}, FRAMEWORK_LIST])
    assert found == [
        {"where": "Portfolio: summary of practice", "text": "Ward 5"},
        {"where": "Portfolio, CPD log (book/welcome): link to practice", "text": "L"},
        {"where": "Reflection \"Why?\": Description", "text": "Near NG7 2UH"},
        {"where": "An unreadable saved entry kept aside", "text": "raw 943 476 5919"},
    ]
