"""Headless Chromium against `newsloom serve` on 127.0.0.1: the pages as an analyst sees them.

Needs Debian's chromium and chromium-driver (`.ci/run` installs them); skipped with
a message without them. Screenshots go to test-artifacts/browser/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import ROOT
from tests.integration.conftest import XSS_IMAGE, XSS_MARKUP

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000", "--lang=en-US")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus_db):
    """`newsloom serve` on a free port of 127.0.0.1; its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-m", "newsloom.cli.main", "--db", str(corpus_db), "serve",
                                    "--host", "127.0.0.1", "--port", str(port)],
                                   cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NEWSLOOM_API_TOKEN": ""})
        try:
            for _ in range(150):
                try:
                    if httpx.get(f"{base}/api/stories?limit=1", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("newsloom serve did not answer in 15 s")
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"newsloom serve exited: {log.read().decode(errors='replace')}")
            yield base
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(f"{CHROMIUM} or {CHROMEDRIVER} is missing: install Debian's chromium and chromium-driver "
                    "(apt-get install -y chromium chromium-driver) to run the browser test")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsloom-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def shoot(driver, name: str) -> None:
    """A full-height screenshot of the page into test-artifacts/browser/NAME.png."""
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
    driver.set_window_size(1400, max(1000, height))
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    driver.set_window_size(1400, 1000)


def problems(driver) -> list[str]:
    """Console errors of the page (a CSP violation or a failed resource shows here)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for_url(driver, part: str) -> None:
    """Wait until a navigation started by a click or a form reaches an address containing ``part``."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(driver, 15).until(expected_conditions.url_contains(part))
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def by_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def test_story_list(browser, server):
    browser.get(f"{server}/stories")
    assert browser.title.startswith("Stories")
    rows = by_css(browser, "#stories tbody tr")
    assert len(rows) >= 9
    assert all(row.is_displayed() for row in rows)
    assert by_css(browser, "#stories .lang")[0].text
    shoot(browser, "01-stories")
    assert problems(browser) == []


def test_cross_lingual_story(browser, server):
    story = httpx.get(f"{server}/api/stories", params={"q": "Samsung", "language": "fr"}).json()["items"][0]
    browser.get(f"{server}/stories/{story['id']}")
    columns = by_css(browser, ".side-by-side .column")
    assert len(columns) == story["article_count"] >= 3
    assert {c.get_attribute("lang") for c in columns} >= {"vi", "en", "fr"}
    aligned = by_css(browser, "#comparison table.aligned tbody tr")
    assert aligned and aligned[0].is_displayed()
    assert "Claims only some sources carry" in by_css(browser, "#comparison")[0].text
    dot = by_css(browser, "#events .dot")[0]
    target = dot.get_attribute("href").split("#", 1)[1]
    dot.click()
    wait_for_url(browser, f"#{target}")
    assert by_css(browser, f"[id='{target}'] + mark")[0].is_displayed()
    assert len(by_css(browser, "mark.evidence")) >= 3
    shoot(browser, "02-story-cross-lingual")
    assert problems(browser) == []


def test_event_evidence(browser, server):
    browser.get(f"{server}/events?min_sources=2")
    links = by_css(browser, "#events-table a.evidence-link")
    assert links, "no event carried by two articles"
    assert int(by_css(browser, "#event-total")[0].text) >= len(links)
    links[0].click()
    wait_for_url(browser, "/events/ev-")
    items = by_css(browser, ".evidence-item")
    assert len(items) >= 2
    assert all(item.is_displayed() and item.text for item in items)
    assert by_css(browser, ".evidence-item .trigger")
    shoot(browser, "03-event-evidence")
    assert problems(browser) == []


def test_entity_page(browser, server):
    browser.get(f"{server}/entities?q={quote('pham minh')}")
    by_css(browser, "a[href='/entities/per:pham-minh-chinh']")[0].click()
    wait_for_url(browser, "/entities/per:pham-minh-chinh")
    assert browser.find_element("tag name", "h1").text == "Phạm Minh Chính"
    assert "VI" in by_css(browser, "#names")[0].text.upper()
    nodes = by_css(browser, "svg.network circle.node")
    assert nodes and nodes[0].is_displayed()
    assert by_css(browser, "svg.timeline rect.bar")
    shoot(browser, "04-entity")
    assert problems(browser) == []


def test_search_box(browser, server):
    browser.get(f"{server}/stories")
    box = by_css(browser, "header form.search input[name=q]")[0]
    box.send_keys("Samsung\n")
    wait_for_url(browser, "/search?q=Samsung")
    assert by_css(browser, "#found-articles .hits li")
    assert by_css(browser, "#found-stories li")
    shoot(browser, "05-search")


def test_script_and_image_payloads_render_as_text(browser, server):
    [hit] = httpx.get(f"{server}/api/search", params={"q": "cranes idle"}).json()["items"]
    for path in (f"/articles/{hit['id']}", f"/stories/{hit['story_id']}", f"/search?q={quote('cranes idle')}"):
        browser.get(server + path)
        text = browser.find_element("tag name", "body").text
        assert "<script>" in text, path
        assert browser.execute_script("return window.__xss === undefined"), path
        assert not by_css(browser, "img[onerror], b[onmouseover]"), path
        assert not by_css(browser, "main script"), path
    browser.get(f"{server}/articles/{hit['id']}")
    text = browser.find_element("tag name", "body").text
    assert XSS_MARKUP in text and XSS_IMAGE in text
    shoot(browser, "06-payload-as-text")
    assert problems(browser) == []
