"""The docs site, built once per session from the committed docs, in headless Chromium.

Chromium comes from the system packages (`.ci/run` installs Debian's `chromium` when missing);
without it these tests fail, they are not skipped. Playwright drives it.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.docsite import build
from tests.support.paths import GENERATED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
METHOD_PAGE = "ai_studio/native/foundation_models/text_generation.html"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs-site")
    build(GENERATED / "docs", folder / "site", folder / "mkdocs.yml")
    return folder / "site"


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1, as `python -m http.server -d site` serves it."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# module scope: Playwright's sync API runs an event loop in this thread while it is open, which
# would break the asyncio tests that run after this module
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (`apt-get install -y chromium`; "
            ".ci/run does it) to run the docs browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            value = values.get(name)
            if value and tag in ("a", "link", "script", "img"):
                self.targets.append(value)


def test_every_internal_link_of_the_site_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    parsed = {}
    for page in pages:
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        parsed[page] = links
    broken = []
    checked = 0
    for page, links in parsed.items():
        for target in links.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "javascript:")):
                continue
            # root-relative links (only the 404 page has them) are served from the site's root
            base = site if parts.path.startswith("/") else page.parent
            destination = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if destination.is_dir():
                destination = destination / "index.html"
            checked += 1
            if not destination.is_file():
                broken.append(f"{page.relative_to(site)}: {target}")
            elif parts.fragment and destination in parsed and parts.fragment not in parsed[destination].ids:
                broken.append(f"{page.relative_to(site)}: {target} (no such anchor)")
    assert len(pages) > 30
    assert checked > 2000
    assert not broken, "\n".join(broken[:40])


def test_landing_page_loads_without_console_errors(browser: object, server: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/index.html", wait_until="networkidle")
    assert "Generated clients" in page.title() or "Generated" in page.inner_text("h1")
    for api in ("Chat Completions", "Text Generation", "MCP Gateway"):
        assert api in page.inner_text("article")
    assert errors == []
    page.close()


def test_search_finds_a_method_by_name(browser: object, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{server}/index.html", wait_until="networkidle")
    page.click("input[data-md-component=search-query]")
    page.keyboard.type("tokenize")  # keystrokes, as a reader types: the search listens to them
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert re.search(r"tokeni[sz]e", page.inner_text(".md-search-result"), re.I)
    assert "tokenizer" in str(result.locator("a").first.get_attribute("href"))
    page.close()


def test_screenshot_of_a_method_page(browser: object, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1400})  # type: ignore[attr-defined]
    page.goto(f"{server}/{METHOD_PAGE}", wait_until="networkidle")
    assert "completion" in page.inner_text("article")
    assert page.locator("a[href*='messages.html#completionoptions']").count() > 0
    assert page.locator("article table").count() >= 2  # request and response fields as tables
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "docs-method-page.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    page.close()


def test_messages_page_shows_completion_options_field_by_field(site: Path) -> None:
    text = (site / "ai_studio/native/messages.html").read_text(encoding="utf-8")
    section = text[text.index('id="completionoptions-yandexcloudaifoundation_modelsv1"') :][:6000]
    for field in ("temperature", "max_tokens", "stream", "reasoning_options"):
        assert f"<code>{field}</code>" in section
