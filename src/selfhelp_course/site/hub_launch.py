"""Launch buttons for a class's own hub, set when the site is built.

The course has no public hub or repository, so _config.yml names none. Whoever builds the site
for a class sets them in the environment, and the Sphinx extension reads them at config-inited:

- ``COURSE_REPOSITORY_URL``: the git repository learners' servers pull the course from;
- ``COURSE_JUPYTERHUB_URL``: a JupyterHub with nbgitpuller (a "JupyterHub" launch link);
- ``COURSE_BINDERHUB_URL``: a BinderHub (a "Binder" launch link);
- ``COURSE_REPOSITORY_BRANCH`` (default ``main``) and ``COURSE_REPOSITORY_PROVIDER`` (github,
  gitlab or bitbucket; guessed from the address, else gitlab, which only names it).

With none set the site has no launch button and no link to a repository. A hub named without a
repository cannot make a working link, so that is a warning (an error under ``-W``). Launch
buttons are plain links: the page still loads nothing from outside.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

HUBS = {"COURSE_JUPYTERHUB_URL": "jupyterhub_url", "COURSE_BINDERHUB_URL": "binderhub_url"}
PROVIDERS = ("github", "gitlab", "bitbucket")


class LaunchConfigError(ValueError):
    """A launch variable that cannot make a working link."""


def _address(name: str, value: str) -> str:
    value = value.strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LaunchConfigError(f"{name} must be a full http(s) address, not {value!r}")
    return value


def launch_options(environ: Mapping[str, str] | None = None) -> dict:
    """The html_theme_options entries the environment asks for ({} when it asks for none)."""
    environ = os.environ if environ is None else environ
    hubs = {key: _address(name, environ[name]) for name, key in HUBS.items() if environ.get(name, "").strip()}
    repository = environ.get("COURSE_REPOSITORY_URL", "").strip()
    if not repository:
        if hubs:
            raise LaunchConfigError(
                f"{', '.join(n for n in HUBS if environ.get(n, '').strip())} is set but "
                "COURSE_REPOSITORY_URL is not: a launch link needs the repository to pull"
            )
        return {}
    repository = _address("COURSE_REPOSITORY_URL", repository)
    if len(urlsplit(repository).path.strip("/").split("/")) < 2:
        raise LaunchConfigError(f"COURSE_REPOSITORY_URL must end in owner/name, not {repository!r}")
    provider = environ.get("COURSE_REPOSITORY_PROVIDER", "").strip().lower()
    if provider and provider not in PROVIDERS:
        raise LaunchConfigError(f"COURSE_REPOSITORY_PROVIDER must be one of {', '.join(PROVIDERS)}")
    host = urlsplit(repository).netloc.lower()
    provider = provider or next((p for p in PROVIDERS if p in host), "gitlab")
    return {
        "repository_url": repository,
        "repository_branch": environ.get("COURSE_REPOSITORY_BRANCH", "").strip() or "main",
        "repository_provider": provider,
        "path_to_docs": "",
        "launch_buttons": hubs,
    }


def apply_launch_options(theme_options: dict, environ: Mapping[str, str] | None = None) -> dict:
    """Merge the environment's launch settings into html_theme_options (in place)."""
    options = launch_options(environ)
    hubs = options.pop("launch_buttons", {})
    # Jupyter Book drops _config.yml's launch_buttons when sphinx.config sets
    # html_theme_options, so the course's choice of interface is made here too: links open
    # the page in JupyterLab (where the course's widgets run).
    buttons = {"notebook_interface": "jupyterlab", **(theme_options.get("launch_buttons") or {}), **hubs}
    theme_options.update(options)
    theme_options["launch_buttons"] = buttons
    return theme_options
