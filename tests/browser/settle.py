"""Waiting for a page of the built site to be ready: a condition, not a quiet network (which
costs half a second a page)."""

from __future__ import annotations

# Every widget marker has been replaced by the host, and every host holds something: the
# activity itself, or the message that it could not start.
WIDGETS_SETTLED = """() => !document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]') &&
  [...document.querySelectorAll(".course-widget-host")].every((host) => host.children.length > 0)"""


def settled(page, timeout: float = 10_000):
    page.wait_for_function(WIDGETS_SETTLED, timeout=timeout)
    return page


def open_settled(page, url: str):
    page.goto(url, wait_until="load")
    return settled(page)
