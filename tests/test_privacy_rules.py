"""The reflection box's privacy guard (static/privacy.js), rule by rule, run in node.

Every case states the exact findings expected: each finding's kind and the text it matched, in
order. Near misses expect no findings at all. All cases run in one node process.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from paths import ROOT

PRIVACY_JS = ROOT / "src" / "selfhelp_course" / "static" / "privacy.js"

RUNNER = r"""
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const api = new Function(input.src + "; return {findIdentifiers, nhsNumberIsValid, summariseFindings};")();
const out = {
  found: input.texts.map((text) => api.findIdentifiers(text)),
  valid: input.digits.map((digits) => api.nhsNumberIsValid(digits)),
  summaries: input.summaries.map((text) => api.summariseFindings(api.findIdentifiers(text))),
};
process.stdout.write(JSON.stringify(out));
"""

NHS = "nhs-number"
LONG = "long-number"
REC = "record-number"

# (text, [(kind, matched text), ...])
CASES = [
    # NHS numbers: valid check digit, three layouts, and in a sentence.
    ("943 476 5919", [(NHS, "943 476 5919")]),
    ("9434765919", [(NHS, "9434765919")]),
    ("943-476-5919", [(NHS, "943-476-5919")]),
    ("Her NHS number is 943 476 5919, she said.", [(NHS, "943 476 5919")]),
    ("401 023 2137 was on the letter", [(NHS, "401 023 2137")]),
    # Ten digits that fail the check: a long number, never an NHS number.
    ("9434765918", [(LONG, "9434765918")]),
    ("943 476 5918", [(LONG, "943 476 5918")]),
    ("NHS number 123 456 7890", [(LONG, "123 456 7890")]),
    ("a hospital number of 12345678", [(REC, "12345678")]),
    ("it was 20240312 on the form", [(LONG, "20240312")]),
    # Postcodes: every outward form, with and without the space, any case.
    ("lives near M1 1AE", [("postcode", "M1 1AE")]),
    ("B33 8TH", [("postcode", "B33 8TH")]),
    ("CR2 6XH", [("postcode", "CR2 6XH")]),
    ("DN55 1PT", [("postcode", "DN55 1PT")]),
    ("W1A 0AX", [("postcode", "W1A 0AX")]),
    ("EC1A 1BB", [("postcode", "EC1A 1BB")]),
    ("near NG72UH today", [("postcode", "NG72UH")]),
    ("sw1a1aa", [("postcode", "sw1a1aa")]),
    ("ng7 2uh", [("postcode", "ng7 2uh")]),
    # Dates that could be birth or event dates.
    ("on 12/03/2024", [("date", "12/03/2024")]),
    ("on 12-03-24", [("date", "12-03-24")]),
    ("on 12.3.2024", [("date", "12.3.2024")]),
    ("on 2024-03-12", [("date", "2024-03-12")]),
    ("on 12 March 2024", [("date", "12 March 2024")]),
    ("on the 12th March", [("date", "12th March")]),
    ("on March 12th 2024", [("date", "March 12th 2024")]),
    ("the 3rd of May", [("date", "3rd of May")]),
    ("on 1 Feb 2023", [("date", "1 Feb 2023")]),
    ("seen on 2 May.", [("date", "2 May")]),
    ("born 5 sept", [("date", "5 sept")]),
    # Exact ages.
    ("aged 47", [("age", "aged 47")]),
    ("a 47-year-old man", [("age", "47-year-old")]),
    ("she is 47 years old", [("age", "47 years old")]),
    ("at the age of 63", [("age", "age of 63")]),
    # UK phone numbers.
    ("ring 07700 900123", [("phone", "07700 900123")]),
    ("ring 07700900123", [("phone", "07700900123")]),
    ("ring +44 7700 900123", [("phone", "+44 7700 900123")]),
    ("ring 01632 960001", [("phone", "01632 960001")]),
    ("ring 020 7946 0018", [("phone", "020 7946 0018")]),
    ("ring (0115) 123 4567", [("phone", "(0115) 123 4567")]),
    ("ring 0115 123 4567", [("phone", "0115 123 4567")]),
    # Email addresses.
    ("write to jo.bloggs@nhs.net.", [("email", "jo.bloggs@nhs.net")]),
    ("k_smith+group@example.co.uk", [("email", "k_smith+group@example.co.uk")]),
    # A title and a capitalised name.
    ("I asked Dr Patel", [("title-name", "Dr Patel")]),
    ("Mrs. O'Neill came", [("title-name", "Mrs. O'Neill")]),
    ("Mr Smith-Jones came", [("title-name", "Mr Smith-Jones")]),
    ("Miss Jones and Mx Rowe", [("title-name", "Miss Jones"), ("title-name", "Mx Rowe")]),
    ("Prof. Ng said so", [("title-name", "Prof. Ng")]),
    ("Ms Ömer", [("title-name", "Ms Ömer")]),
    # Hospital, record and reference numbers.
    ("hospital number RX123456", [(REC, "RX123456")]),
    ("MRN 12345678", [(REC, "12345678")]),
    ("ref: AB12345", [(REC, "AB12345")]),
    ("Ref. no. 12-3456", [(REC, "12-3456")]),
    ("case number 2024/117", [(REC, "2024/117")]),
    ("patient ID 55512", [(REC, "55512")]),
    ("the code RX123456 was on it", [(REC, "RX123456")]),
    # Overlaps: the stronger kind wins and nothing is reported twice.
    ("MRN 943 476 5919", [(NHS, "943 476 5919")]),
    ("hospital no 9434765918", [(REC, "9434765918")]),
    ("Mrs Patel, aged 47, NG7 2UH, 07700 900123, 12/03/2024",
     [("title-name", "Mrs Patel"), ("age", "aged 47"), ("postcode", "NG7 2UH"),
      ("phone", "07700 900123"), ("date", "12/03/2024")]),
    # Near misses: none of these identify anyone.
    ("in 2019", []),
    ("for 10 minutes", []),
    ("Dr", []),
    ("the doctor said", []),
    ("Dr The", []),
    ("NHS", []),
    ("a 3 point change", []),
    ("scored on a 0-10 scale", []),
    ("Section 2", []),
    ("SW1 alone", []),
    ("see page 12", []),
    ("35 hours of CPD", []),
    ("20 participatory hours", []),
    ("in May 2019", []),
    ("12 may be enough", []),
    ("the 12th", []),
    ("in her 40s", []),
    ("ONS4 and WEMWBS 14 items", []),
    ("COVID-19", []),
    ("at 10am", []),
    ("case number 4", []),
    ("I miss Mum", []),
    ("12:30", []),
    ("", []),
]

DIGITS = [
    ("9434765919", True),
    ("943 476 5919", True),
    ("9434765918", False),
    # Remainder 0: check digit 11, which becomes 0.
    ("4890682880", True),
    ("4890682881", False),
    # 1..9 leave remainder 1: the check digit would be 10, so no last digit is valid.
    ("1234567890", False),
    ("1234567891", False),
    ("4010232137", True),
    ("123456789", False),
    ("94347659190", False),
    ("abcdefghij", False),
]


@pytest.fixture(scope="module")
def results():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed to run privacy.js")
    payload = {
        "src": PRIVACY_JS.read_text(encoding="utf-8"),
        "texts": [text for text, _ in CASES],
        "digits": [digits for digits, _ in DIGITS],
        "summaries": ["943 476 5919 and NG7 2UH and SW1A 1AA", ""],
    }
    done = subprocess.run([node, "-e", RUNNER], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(("index", "text", "expected"),
                         [(i, text, expected) for i, (text, expected) in enumerate(CASES)],
                         ids=[text[:40] or "empty" for text, _ in CASES])
def test_findings(results, index, text, expected):
    found = results["found"][index]
    assert [(f["kind"], f["text"]) for f in found] == expected
    for finding in found:
        assert text[finding["start"]:finding["end"]] == finding["text"]
        assert finding["label"] and finding["why"].endswith(".")


def test_cases_cover_every_kind_and_enough_ground():
    kinds = {kind for _, expected in CASES for kind, _ in expected}
    assert kinds == {NHS, LONG, REC, "postcode", "date", "age", "phone", "email", "title-name"}
    assert len(CASES) >= 60


@pytest.mark.parametrize(("index", "digits", "valid"),
                         [(i, digits, valid) for i, (digits, valid) in enumerate(DIGITS)],
                         ids=[digits for digits, _ in DIGITS])
def test_nhs_check_digit(results, index, digits, valid):
    assert results["valid"][index] is valid


def test_the_nhs_finding_explains_itself_in_plain_english(results):
    why = results["found"][0][0]["why"]
    assert "check digit" in why and "anonymised" in why


def test_findings_never_overlap_and_come_in_order(results):
    for found in results["found"]:
        for before, after in zip(found, found[1:]):
            assert before["end"] <= after["start"]


def test_summary_counts_by_label(results):
    summary, empty = results["summaries"]
    assert summary["total"] == 3
    assert summary["text"] == "1 NHS number and 2 postcodes"
    assert [(k["label"], k["count"]) for k in summary["byKind"]] == [("NHS number", 1), ("postcode", 2)]
    assert empty == {"total": 0, "byKind": [], "text": ""}
