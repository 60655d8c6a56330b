"""The SCORM packages `make scorm` builds: schema-valid manifests that say what the course is,
and every file of the site inside. (tests/browser/test_scorm_runtime.py runs them in a SCORM runtime.)"""

from __future__ import annotations

import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from paths import BUILD, ROOT, SITE
from selfhelp_course.course.manifest import course_manifest
from selfhelp_course.errors import ContentError
from selfhelp_course.lms.scorm import (
    EDITIONS,
    LAUNCH,
    NS_12,
    NS_2004,
    SCHEMA_FOLDERS,
    SCHEMA_ROOT,
    SCHEMAS_12,
    SCHEMAS_2004,
    CourseInfo,
    course_info,
    iso_duration,
    launch_files,
    launch_page,
    lms_settings,
    manifest_xml,
    package_name,
    site_files,
)

PACKAGES = BUILD / "scorm"
SCHEMAS = ROOT / SCHEMA_ROOT
NAMESPACES = {"2004": NS_2004, "1.2": NS_12}
SCHEMA_FILES = {"2004": SCHEMAS_2004, "1.2": SCHEMAS_12}
INFO = CourseInfo(
    title="A <course> & more",
    description="What it is.",
    version="1.2.3",
    minutes=210,
    pass_mark=0.75,
    start="book/welcome.html",
    rights="Course content \u00a9 2026 <Team> & co, licensed under CC BY-SA 4.0",
)


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    """Each edition's ADL/IMS schemas from node_modules, compiled by lxml (no network).

    Two published SCORM 1.2 files need help, because libxml2 is stricter than the tools they
    were written for: ims_xml.xsd binds the xml namespace as the default one (libxml2 refuses),
    so W3C's xml.xsd from the same npm package stands in for it (it declares the same xml:lang);
    and imsmd_rootv1p2p1.xsd follows optional elements with ##any wildcards, which breaks XSD
    1.0's unambiguous-content rule, so those wildcards are narrowed to ##other. Narrowing only
    rejects more, so a manifest valid here is valid under the published schema too.
    """
    if not (SCHEMAS / SCHEMA_FOLDERS["2004"]).is_dir():
        pytest.fail("the SCORM schema files are missing: `make test` installs them with npm ci")
    compiled = {}
    for edition in EDITIONS:
        folder = tmp_path_factory.mktemp(f"schemas-{edition}")
        for path in (SCHEMAS / SCHEMA_FOLDERS[edition]).glob("*.xsd"):
            shutil.copy(path, folder)
        if edition == "1.2":
            shutil.copy(SCHEMAS / SCHEMA_FOLDERS["2004"] / "xml.xsd", folder / "ims_xml.xsd")
            metadata = folder / "imsmd_rootv1p2p1.xsd"
            metadata.write_text(
                metadata.read_text(encoding="utf-8").replace('namespace="##any"', 'namespace="##other"'),
                encoding="utf-8",
            )
        imports = "".join(
            f'<xs:import namespace="{NAMESPACES[edition][prefix]}" schemaLocation="{file}"/>'
            for prefix, file in SCHEMA_FILES[edition].items()
        )
        driver = etree.fromstring(
            f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>',
            base_url=(folder / "all.xsd").as_uri(),
        )
        compiled[edition] = etree.XMLSchema(driver)
    return compiled


@pytest.fixture(scope="module")
def packages():
    info = course_info(ROOT)
    found = {edition: PACKAGES / package_name(info, edition) for edition in EDITIONS}
    missing = [str(path) for path in found.values() if not path.is_file()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not built: run `make scorm` first")
    return found


def manifest(package: Path) -> etree._Element:
    with zipfile.ZipFile(package) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def text(root, path: str, edition: str) -> str:
    return root.findtext(path, namespaces={**NAMESPACES[edition], "cp": NAMESPACES[edition][""]})


# ---------------------------------------------------------------- schema validity
@pytest.mark.parametrize("edition", EDITIONS)
def test_each_built_manifest_is_valid_against_the_adl_ims_schemas(schema, packages, edition):
    document = manifest(packages[edition])
    assert schema[edition].validate(document), str(schema[edition].error_log)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_schemas_do_reject_a_broken_manifest(schema, edition):
    good = manifest_xml(edition, INFO, ["index.html", LAUNCH])
    assert schema[edition].validate(etree.fromstring(good.encode()))
    broken = good.replace('identifierref="course-sco"', 'identifierref="course-sco" sequence="9"')
    assert not schema[edition].validate(etree.fromstring(broken.encode()))


# ---------------------------------------------------------------- what the manifests say
RIGHTS = {"2004": "cp:metadata/lom:lom/lom:rights/", "1.2": "cp:metadata/imsmd:lom/imsmd:rights/"}


@pytest.mark.parametrize("edition", EDITIONS)
def test_manifest_carries_the_content_licence_and_attribution(schema, packages, edition):
    """The LMS's catalogue shows who holds the copyright and the open licence (_config.yml)."""
    root = manifest(packages[edition])
    if edition == "2004":
        restricted = text(root, RIGHTS[edition] + "lom:copyrightAndOtherRestrictions/lom:value", edition)
        description = text(root, RIGHTS[edition] + "lom:description/lom:string", edition)
    else:
        restricted = text(
            root,
            RIGHTS[edition] + "imsmd:copyrightandotherrestrictions/imsmd:value/imsmd:langstring",
            edition,
        )
        description = text(root, RIGHTS[edition] + "imsmd:description/imsmd:langstring", edition)
    assert restricted == "yes"
    assert "CC BY-SA 4.0" in description and "https://creativecommons.org/licenses/by-sa/4.0/" in description
    assert "The Supporting Self-Help Groups course team" in description and "MIT" in description
    # Escaped like any other text, and still schema-valid with markup-like characters in it.
    made = manifest_xml(edition, INFO, ["index.html", LAUNCH])
    assert "&lt;Team&gt; &amp; co" in made and schema[edition].validate(etree.fromstring(made.encode()))


def test_course_info_comes_from_config_pyproject_and_the_course_manifest():
    info = course_info(ROOT)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pages = course_manifest(ROOT)["pages"]
    assert info.title == "Supporting Self-Help Groups"
    assert info.version == pyproject["project"]["version"]
    assert info.minutes == sum(p["teaching_minutes"] + p["activity_minutes"] for p in pages) > 0
    assert info.pass_mark == 0.8
    assert info.start == f"{pages[0]['docname']}.html"
    assert "self-help" in info.description


@pytest.mark.parametrize("edition", EDITIONS)
def test_manifest_carries_title_description_cpd_minutes_version_and_pass_mark(packages, edition):
    info = course_info(ROOT)
    root = manifest(packages[edition])
    assert root.get("version") == info.version
    assert text(root, "cp:organizations/cp:organization/cp:title", edition) == info.title
    if edition == "2004":
        lom = "cp:metadata/lom:lom/"
        assert text(root, lom + "lom:general/lom:title/lom:string", edition) == info.title
        assert text(root, lom + "lom:general/lom:description/lom:string", edition) == info.description
        assert text(root, lom + "lom:lifeCycle/lom:version/lom:string", edition) == info.version
        time = lom + "lom:educational/lom:typicalLearningTime/"
        assert text(root, time + "lom:duration", edition) == iso_duration(info.minutes)
        assert f"{info.minutes} minutes" in text(root, time + "lom:description/lom:string", edition)
        measure = ".//imsss:primaryObjective[@satisfiedByMeasure='true']/imsss:minNormalizedMeasure"
        assert float(text(root, measure, edition)) == info.pass_mark
    else:
        lom = "cp:metadata/imsmd:lom/"
        assert text(root, lom + "imsmd:general/imsmd:title/imsmd:langstring", edition) == info.title
        assert (
            text(root, lom + "imsmd:general/imsmd:description/imsmd:langstring", edition) == info.description
        )
        assert text(root, lom + "imsmd:lifecycle/imsmd:version/imsmd:langstring", edition) == info.version
        time = lom + "imsmd:educational/imsmd:typicallearningtime/"
        assert text(root, time + "imsmd:datetime", edition) == iso_duration(info.minutes)
        assert root.find(".//adlcp:masteryscore", NS_12) is None  # the launch page judges


@pytest.mark.parametrize("edition", EDITIONS)
def test_one_sco_launched_by_the_launch_page_lists_every_file_it_needs(packages, edition):
    root = manifest(packages[edition])
    ns = {**NAMESPACES[edition], "cp": NAMESPACES[edition][""]}
    items = root.findall(".//cp:item", ns)
    resources = root.findall("cp:resources/cp:resource", ns)
    assert len(items) == 1 and len(resources) == 1
    resource = resources[0]
    assert items[0].get("identifierref") == resource.get("identifier")
    scorm_type = "scormType" if edition == "2004" else "scormtype"
    assert resource.get(f"{{{ns['adlcp']}}}{scorm_type}") == "sco"
    assert resource.get("href") == LAUNCH
    listed = [file.get("href") for file in resource.findall("cp:file", ns)]
    with zipfile.ZipFile(packages[edition]) as archive:
        names = set(archive.namelist())
    assert len(listed) == len(set(listed))
    assert set(listed) == set(site_files(SITE)) | {LAUNCH, *launch_files()}
    assert "scorm/launch.js" in listed
    assert set(listed) <= names
    assert "imsmanifest.xml" in names
    assert {Path(location).name for location in SCHEMA_FILES[edition].values()} <= names


def test_site_files_skip_sphinx_hidden_files(tmp_path):
    for name in ("index.html", ".buildinfo", "_static/a.js", ".doctrees/x", "book/p.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert site_files(tmp_path) == ["_static/a.js", "book/p.html", "index.html"]


@pytest.mark.parametrize(
    "minutes, duration", [(210, "PT3H30M"), (60, "PT1H"), (45, "PT45M"), (0, "PT0M"), (575, "PT9H35M")]
)
def test_iso_duration(minutes, duration):
    assert iso_duration(minutes) == duration


def test_launch_page_escapes_the_title_and_carries_its_settings():
    page = launch_page(INFO, "1.2")
    assert "<title>A &lt;course&gt; &amp; more</title>" in page
    assert (
        'href="../book/welcome.html"' in page
        and "&quot;start&quot;: &quot;../book/welcome.html&quot;" in page
    )
    assert "&quot;edition&quot;: &quot;1.2&quot;" in page
    assert "&quot;passMark&quot;: 0.75" in page
    assert "$" not in page.replace("$title", "")  # every placeholder filled


# ---------------------------------------------------------------- the lms: settings
def config_with(tmp_path, lms: str) -> Path:
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    start = text.index("\nlms:\n")
    end = text.index("\n\n", start + 1)
    (tmp_path / "_config.yml").write_text(text[:start] + "\n" + lms + text[end:], encoding="utf-8")
    return tmp_path


def test_pass_mark_defaults_to_80_percent(tmp_path):
    root = config_with(tmp_path, "lms:\n  description: A course.")
    assert lms_settings(root) == {"description": "A course.", "pass_mark": 0.8}


@pytest.mark.parametrize(
    "lms, message",
    [
        (
            "lms:\n  description: A course.\n  pass_mark: 80",
            "pass_mark: is 80; it must be more than 0 and at most 1",
        ),
        ("lms:\n  description: A course.\n  pass_mark: high", "pass_mark: must be a number"),
        ("lms:\n  pass_mark: 0.5", "lms.description: is missing"),
        ("lms:\n  description: A course.\n  passmark: 0.5", "lms.passmark: is not a known field"),
        ("lmx:\n  description: A course.", "lms: is missing"),
    ],
)
def test_a_bad_lms_setting_names_the_file_line_and_field(tmp_path, lms, message):
    root = config_with(tmp_path, lms)
    with pytest.raises(ContentError) as caught:
        lms_settings(root)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(root / "_config.yml"))


# ------------------------------------------------ SCORM 1.2's 4,096 characters (issue 19)
import json  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402

from selfhelp_course.activities.banks import CHECKS, OUTCOMES, OUTCOMES_FILE, SCENARIOS, SORTING, load_config  # noqa: E402
from selfhelp_course.course.facts import LEARNER_KEY, READ_KEY_PREFIX  # noqa: E402

BRIDGE = ROOT / "src" / "selfhelp_course" / "js" / "lms" / "bridge"
SCORM_12_LIMIT = 4096


def _times(rng: random.Random):
    """Times spread over a year, to the millisecond: nothing for the compression to share."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    while True:
        moment = start + timedelta(milliseconds=rng.randrange(365 * 24 * 3600 * 1000))
        yield moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _slug(rng: random.Random, length: int) -> str:
    words = ["group", "member", "listen", "share", "meeting", "trust", "consent", "notes", "voice", "room"]
    text = "-".join(rng.choice(words) for _ in range(8))
    return text[:length].strip("-")


def worst_case_state(root: Path) -> dict:
    """Every activity of the real course at its largest: every check answered with every option
    ticked after many tries, every scenario step visited and every ending reached, every page
    marked read, every reflection finished (its key listed as done; its text stays on the device,
    as sharing is off), the learner entry, and the summative assessment (contracts.md) with 15
    questions: a best submitted attempt and a second attempt in progress, every question answered;
    and every rating of the course evaluation sent as an interaction (its entry never goes, only
    the one record of what was sent, lms/bridge/evaluation.js SENT_KEY)."""
    rng = random.Random(19)
    when = _times(rng)
    manifest = course_manifest(root)
    checks, scenarios, sorting = (bank.load(bank.paths(root)) for bank in (CHECKS, SCENARIOS, SORTING))
    entries, done, sent = {}, [], {}

    def lineage():
        return {
            "rev": f"{rng.getrandbits(40):x}-{rng.getrandbits(32):x}",
            "parent": f"{rng.getrandbits(40):x}-x",
        }

    for page in manifest["pages"]:
        entries[READ_KEY_PREFIX + page["docname"]] = {
            "v": 2,
            "page": page["docname"],
            "complete": True,
            "attempted": True,
            "updated": next(when),
            **lineage(),
        }
        for activity in page["activities"]:
            kind, ident, doc = activity["kind"], activity["id"], page["docname"]
            key = f"{kind}:{ident}"
            if kind == "check":
                options = [option["id"] for option in checks[ident]["options"]]  # entry v3: option ids
                entries[key] = {
                    "v": 3,
                    "page": doc,
                    "selected": options,
                    "checked": True,
                    "tries": 99,
                    "complete": True,
                    "attempted": True,
                    "updated": next(when),
                    **lineage(),
                }
                sent[ident] = (
                    ",".join("abcdefghijklmnopqrstuvwxyz"[: len(options)]) + "=right"
                )  # as 1.2 sends it
            elif kind == "scenario":
                steps = scenarios[ident]["steps"]
                entries[key] = {
                    "v": 2,
                    "page": doc,
                    "phase": "consequence",
                    "path": [
                        {"step": s["id"], "choice": max(0, len(s.get("choices") or []) - 1)} for s in steps
                    ],
                    "endings": {s["id"]: True for s in steps if not s.get("choices")},
                    "complete": True,
                    "attempted": True,
                    "updated": next(when),
                    **lineage(),
                }
            elif kind == "sorting":
                exercise = sorting[ident]
                longest = max((c["id"] for c in exercise["categories"]), key=len)
                entries[key] = {
                    "v": 2,
                    "page": doc,
                    "placements": {str(i): longest for i in range(len(exercise["items"]))},
                    "checked": True,
                    "tries": 99,
                    "complete": True,
                    "attempted": True,
                    "updated": next(when),
                    **lineage(),
                }
            elif kind == "explorer":
                entries[key] = {
                    "v": 2,
                    "page": doc,
                    "question": "life_satisfaction",
                    "view": "bands",
                    "band": "very-high",
                    "seen": dict.fromkeys(("life_satisfaction", "worthwhile", "happiness", "anxiety"), True),
                    "complete": True,
                    "attempted": True,
                    "updated": next(when),
                    **lineage(),
                }
            elif kind == "assessment":
                continue  # below: a best attempt and one in progress
            else:
                done.append(key)  # the learner's own writing: not shared, only its key goes
    entries[LEARNER_KEY] = {
        "v": 1,
        "seed": "k3v9q2m7x1c8p4z6",
        "nation": "northern-ireland",
        "profession": "occupational-therapist",
        "updated": next(when),
        **lineage(),
    }
    # The real assessment as the course manifest lists it: its bank's question and option ids,
    # which the compact form numbers rather than spells. A draw of 15, with the longest ids.
    bank = next(a for p in manifest["pages"] for a in p["activities"] if a["kind"] == "assessment")["options"]
    longest = sorted(bank, key=lambda q: (-len(q) - sum(map(len, bank[q])), q))[:15]
    questions = [{"id": q, "options": bank[q]} for q in longest]

    def attempt(submitted: bool) -> dict:
        shown = [{"id": q["id"], "options": rng.sample(q["options"], len(q["options"]))} for q in questions]
        value = {
            "started": next(when),
            "questions": shown,
            "answers": {q["id"]: rng.sample(q["options"], rng.randint(1, 3)) for q in shown},
        }
        if submitted:
            value.update(submitted=next(when), right=13, total=15)
        return value

    best, current = attempt(True), attempt(False)
    entries["assessment:final"] = {
        "v": 1,
        "page": "book/assessment",
        "attempts": {"a8k2m4q9": best, "z7c3x5v1": current},
        "complete": True,
        "attempted": True,
        "best": {
            "attempt": "a8k2m4q9",
            "right": 13,
            "total": 15,
            "scaled": 13 / 15,
            "submitted": best["submitted"],
        },
        "updated": next(when),
        **lineage(),
    }
    outcomes = [o["id"] for o in load_config(OUTCOMES_FILE, OUTCOMES, root)["outcomes"]]
    sent["evaluation:course"] = (
        "k9z:" + "5" * (2 * len(outcomes)) + "55mm"
    )  # code of the item list: one mark each
    return {"entries": entries, "share": False, "carried": done, "sent": sent, "manifest": manifest}


PACK = """
import { pack, encode, decode, encodeCompact } from %s;
let text = ''; process.stdin.on('data', (c) => { text += c; }).on('end', async () => {
  const { manifest, ...state } = JSON.parse(text);
  const compact = await pack(state, %d, (p) => encodeCompact(p, manifest));
  const plain = await pack(state, 1e9, encode);
  const back = await decode(compact.text, manifest);
  process.stdout.write(JSON.stringify({ compact, plain: plain.text.length, back: back.value, status: back.status }));
});
"""


def packed(state: dict) -> dict:
    script = PACK % (json.dumps((BRIDGE / "suspend.js").as_uri()), SCORM_12_LIMIT)
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(state),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_scorm_12_worst_case_fits_with_half_of_its_4096_characters_spare():
    state = worst_case_state(ROOT)
    result = packed(state)
    text = result["compact"]["text"]
    assert text.startswith("c1:")
    assert result["compact"]["left"] == []  # everything went
    print(f"worst case: {len(text)} of {SCORM_12_LIMIT} characters (the whole JSON form: {result['plain']})")
    assert len(text) <= SCORM_12_LIMIT // 2, (len(text), result["plain"])
    # Nothing is lost: every entry comes back as it was, bar the store's lineage fields (rev,
    # parent), with times as the same instants; the done list and the answers sent too.
    back = result["back"]
    assert result["status"] == "ok"
    for key, entry in state["entries"].items():
        expected = {k: v for k, v in entry.items() if k not in ("rev", "parent")}
        assert _instants(back["entries"][key]) == _instants(expected), key
    assert sorted(back["done"]) == sorted(state["carried"])
    assert back["sent"] == state["sent"]


def test_scorm_12_worst_case_still_fits_while_the_manifest_lacks_the_assessment_bank():
    """Until the manifest lists the assessment's bank, its ids are spelt out once: it still fits."""
    state = worst_case_state(ROOT)
    for page in state["manifest"]["pages"]:
        for activity in page["activities"]:
            if activity["kind"] == "assessment":
                activity.pop("options", None)
    result = packed(state)
    print(
        f"without the bank in the manifest: {len(result['compact']['text'])} of {SCORM_12_LIMIT} characters"
    )
    assert result["compact"]["left"] == []
    assert len(result["compact"]["text"]) <= SCORM_12_LIMIT
    assert _instants(result["back"]["entries"]["assessment:final"]) == _instants(
        {k: v for k, v in state["entries"]["assessment:final"].items() if k not in ("rev", "parent")}
    )


def _instants(value):
    """Times as the minute they fall in (the compact form keeps times to the minute)."""
    if isinstance(value, dict):
        return {k: _instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_instants(v) for v in value]
    if isinstance(value, str) and len(value) > 19 and value[4] == "-" and value[10] == "T":
        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() // 60)
    return value
