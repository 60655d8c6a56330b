"""Launch buttons for a class's hub come from the build's environment, never from _config.yml."""

from __future__ import annotations

import re

import pytest

from paths import SITE
from selfhelp_course.site.hub_launch import LaunchConfigError, apply_launch_options, launch_options

HUB = "https://hub.example.org"
REPO = "https://git.example.org/training/selfhelp-course"


def test_nothing_set_means_no_launch_settings():
    assert launch_options({}) == {}
    options = {"launch_buttons": {"jupyterhub_url": "", "notebook_interface": "jupyterlab"}}
    apply_launch_options(options, {})
    assert options == {"launch_buttons": {"jupyterhub_url": "", "notebook_interface": "jupyterlab"}}
    bare: dict = {}
    apply_launch_options(bare, {})
    assert not any(bare["launch_buttons"].get(key) for key in ("jupyterhub_url", "binderhub_url"))
    assert "repository_url" not in bare


def test_hub_and_repository_become_theme_options():
    options = {"launch_buttons": {"jupyterhub_url": "", "notebook_interface": "jupyterlab"}}
    apply_launch_options(options, {"COURSE_JUPYTERHUB_URL": HUB + "/", "COURSE_REPOSITORY_URL": REPO})
    assert options["launch_buttons"] == {"jupyterhub_url": HUB, "notebook_interface": "jupyterlab"}
    assert options["repository_url"] == REPO and options["repository_branch"] == "main"
    assert options["repository_provider"] == "gitlab"  # an unknown host: any known name will do
    github = launch_options(
        {
            "COURSE_BINDERHUB_URL": HUB,
            "COURSE_REPOSITORY_URL": "https://github.com/a/b",
            "COURSE_REPOSITORY_BRANCH": "spring",
        }
    )
    assert github["repository_provider"] == "github" and github["repository_branch"] == "spring"
    assert github["launch_buttons"] == {"binderhub_url": HUB}


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"COURSE_JUPYTERHUB_URL": HUB}, "COURSE_REPOSITORY_URL is not"),
        ({"COURSE_JUPYTERHUB_URL": "hub.example.org", "COURSE_REPOSITORY_URL": REPO}, "full http(s) address"),
        ({"COURSE_REPOSITORY_URL": "https://git.example.org/"}, "owner/name"),
        ({"COURSE_REPOSITORY_URL": REPO, "COURSE_REPOSITORY_PROVIDER": "svn"}, "one of"),
    ],
)
def test_settings_that_cannot_make_a_working_link_are_refused(environ, message):
    with pytest.raises(LaunchConfigError, match=re.escape(message)):
        launch_options(environ)


def test_a_build_with_the_variables_set_links_the_notebook_page_to_the_hub(scratch_book):
    result = scratch_book(
        "print(6 * 7)", activities=True, env={"COURSE_JUPYTERHUB_URL": HUB, "COURSE_REPOSITORY_URL": REPO}
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (scratch_book.book / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*/hub/user-redirect/git-pull[^"]*)"', html)
    assert len(links) == 1, "one JupyterHub launch link on the notebook page"
    assert "dropdown-launch-buttons" in html
    link = links[0].replace("&amp;", "&")
    assert link.startswith(HUB + "/hub/user-redirect/git-pull?")
    assert "repo=https%3A//git.example.org/training/selfhelp-course" in link
    # The page's own source (a MyST notebook), opened in JupyterLab.
    assert "urlpath=lab/tree/selfhelp-course/index.md" in link
    assert "branch=main" in link
    # A link, not a request: nothing on the page loads from the hub or the repository host.
    assert not re.search(r'(?:src|data)="https?://', html)
    assert not re.search(r'<link[^>]+href="https?://', html)


def test_a_hub_without_a_repository_fails_the_build_with_a_reason(scratch_book):
    result = scratch_book("print(6 * 7)", activities=True, env={"COURSE_JUPYTERHUB_URL": HUB})
    assert result.returncode != 0
    assert (
        "launch buttons: COURSE_JUPYTERHUB_URL is set but COURSE_REPOSITORY_URL is not"
        in result.stdout + result.stderr
    )


def test_the_default_site_has_no_launch_button_and_no_repository_link():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.skip(f"no built site at {SITE}: run make book")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "user-redirect/git-pull" not in html and "dropdown-launch-buttons" not in html, page
        assert "Launch on" not in html and "repository-button" not in html, page
