"""The SCORM packages `make scorm` builds: schema-valid manifests that say what the course is,
and every file of the site inside. (tests/browser/test_scorm_runtime.py runs them in a SCORM runtime.)"""
from __future__ import annotations

import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from selfhelp_course._content import ContentError
from selfhelp_course._manifest import course_manifest
from selfhelp_course._scorm import (EDITIONS, LAUNCH, NS_12, NS_2004, SCHEMA_FOLDERS, SCHEMA_ROOT,
                                    SCHEMAS_12, SCHEMAS_2004, CourseInfo, course_info, iso_duration,
                                    launch_files, launch_page, lms_settings, manifest_xml, package_name,
                                    site_files)
from paths import BUILD, ROOT, SITE

PACKAGES = BUILD / "scorm"
SCHEMAS = ROOT / SCHEMA_ROOT
NAMESPACES = {"2004": NS_2004, "1.2": NS_12}
SCHEMA_FILES = {"2004": SCHEMAS_2004, "1.2": SCHEMAS_12}
INFO = CourseInfo(title="A <course> & more", description="What it is.", version="1.2.3",
                  minutes=210, pass_mark=0.75, start="book/welcome.html",
                  rights="Course content \u00a9 2026 <Team> & co, licensed under CC BY-SA 4.0")


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
            metadata.write_text(metadata.read_text(encoding="utf-8").replace(
                'namespace="##any"', 'namespace="##other"'), encoding="utf-8")
        imports = "".join(f'<xs:import namespace="{NAMESPACES[edition][prefix]}" schemaLocation="{file}"/>'
                          for prefix, file in SCHEMA_FILES[edition].items())
        driver = etree.fromstring(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}'
                                  "</xs:schema>", base_url=(folder / "all.xsd").as_uri())
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
        restricted = text(root, RIGHTS[edition] + "imsmd:copyrightandotherrestrictions/imsmd:value/"
                          "imsmd:langstring", edition)
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
        assert text(root, lom + "imsmd:general/imsmd:description/imsmd:langstring",
                    edition) == info.description
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


@pytest.mark.parametrize("minutes, duration", [(210, "PT3H30M"), (60, "PT1H"), (45, "PT45M"),
                                               (0, "PT0M"), (575, "PT9H35M")])
def test_iso_duration(minutes, duration):
    assert iso_duration(minutes) == duration


def test_launch_page_escapes_the_title_and_carries_its_settings():
    page = launch_page(INFO, "1.2")
    assert "<title>A &lt;course&gt; &amp; more</title>" in page
    assert 'href="../book/welcome.html"' in page and "&quot;start&quot;: &quot;../book/welcome.html&quot;" in page
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


@pytest.mark.parametrize("lms, message", [
    ("lms:\n  description: A course.\n  pass_mark: 80", "pass_mark: is 80; it must be more than 0 and at most 1"),
    ("lms:\n  description: A course.\n  pass_mark: high", "pass_mark: must be a number"),
    ("lms:\n  pass_mark: 0.5", "lms.description: is missing"),
    ("lms:\n  description: A course.\n  passmark: 0.5", "lms.passmark: is not a known field"),
    ("lmx:\n  description: A course.", "lms: is missing"),
])
def test_a_bad_lms_setting_names_the_file_line_and_field(tmp_path, lms, message):
    root = config_with(tmp_path, lms)
    with pytest.raises(ContentError) as caught:
        lms_settings(root)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(root / "_config.yml"))
