"""Open a rendered report in headless Chromium: count rendered charts, catch errors, screenshot.

Used by the browser test and by ``make screenshot`` (the README's picture). Needs the
``playwright`` package and a Chromium binary (Debian's ``chromium``); no browser is
downloaded. The page gets no network: every request other than ``file:`` is blocked and
recorded.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Path of a Chromium binary: $CHROMIUM, then the usual Debian names."""
    for cand in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if cand and (path := shutil.which(cand)):
            return path
    return None


def inspect_report(html_path: str | Path, screenshot: str | Path | None = None,
                   timeout_ms: int = 30_000, width: int = 1200,
                   scroll_to: str | None = None) -> dict[str, Any]:
    """Load the page offline and report charts, rendered Vega views, errors and blocked requests."""
    from playwright.sync_api import sync_playwright

    exe = find_chromium()
    if exe is None:
        raise RuntimeError("no Chromium found: install Debian's 'chromium' package or set $CHROMIUM")
    url = Path(html_path).resolve().as_uri()
    errors: list[str] = []
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})

            def route(r: Any) -> None:
                if r.request.url.startswith(("file:", "data:", "blob:")):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}")
                    if m.type in ("error", "assert") else None)
            page.goto(url, wait_until="load", timeout=timeout_ms)
            charts = page.locator("script.tk-spec").count()
            if charts:
                page.wait_for_function(
                    "n => document.querySelectorAll('.tk-chart[data-rendered], .tk-chart[data-failed]')"
                    ".length >= n", arg=charts, timeout=timeout_ms)
            views = page.evaluate(
                "() => document.querySelectorAll('.tk-chart[data-rendered] svg.marks').length")
            text = page.inner_text("body")
            injected = page.evaluate("() => window.__xss || null")
            if screenshot:
                if scroll_to:  # a CSS selector: put that element at the top of the picture
                    page.evaluate("s => { const e = document.querySelector(s); "
                                  "if (e) e.scrollIntoView({block: 'start'}); }", scroll_to)
                page.screenshot(path=str(screenshot), full_page=False)
        finally:
            browser.close()
    return {"charts": charts, "views": views, "errors": errors, "blocked": blocked,
            "text": text, "injected": injected}
