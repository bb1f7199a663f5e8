"""Open graph.html in headless Chromium with the network cut (for tests, benchmarks, screenshots).

Uses Playwright for Python with the system Chromium (Debian's ``chromium``);
nothing is downloaded. Playwright is imported by the caller, so importing this
module needs neither.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "block_network", "launch_chromium"]

CHROMIUM = "/usr/bin/chromium"
#: Headless flags that keep Chromium from reaching out on start (this machine has no network).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright: Any) -> Any:
    """Launch the system Chromium headless through a running ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def block_network(page: Any) -> list[str]:
    """Abort every request of ``page`` that is not ``file:`` or ``data:``; return the list they are logged in."""
    blocked: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(("file:", "data:")):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return blocked
