"""Corpus text is data, never markup: reports built from a corpus with planted
markup are opened in a real headless Chromium (Debian's package, driven over the
Chrome DevTools Protocol), which must run no planted script, log no console error
and send no request off the page, while the planted text reads as text."""
from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import build_reports
from corpus_tools.reports import ReportError, notebook_sources
from corpus_tools.reports.pdf import CHROMIUM_FLAGS, find_chromium
from tests.conftest import FIXTURES

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
MATH = "$x^2$"
MARKDOWN = "**bold** [link](http://example.com)"
COMMENT = "<!-- x -->"
PLANTED = (SCRIPT, IMG, MATH, MARKDOWN, COMMENT)
SEED = "000_1381af74c306a4a1.txt"


def plant_corpus(folder: Path) -> Path:
    """The small corpus with markup planted in real articles' titles and bodies.

    The Straits Times seed gets every planted string in its title (notebook 01 shows
    it); its body is left alone so that it stays an abridged copy of the Daily8 seed
    (titles are not compared), whose body gets them instead.
    """
    small = FIXTURES / "small_corpus"
    folder.mkdir(parents=True, exist_ok=True)
    page = (small / SEED).read_text(encoding="utf-8")
    title = "Xi Says China, Russia Should Strengthen Mutual Support"
    assert title in page
    (folder / SEED).write_text(page.replace(title, f"{title} {' '.join(PLANTED)}", 1), encoding="utf-8")
    other = small / "001_5ad7bd5af2df5076.txt"
    page = other.read_text(encoding="utf-8")
    sentence = "Beijing, a diplomatic and economic ally of Moscow,"
    assert sentence in page
    page = page.replace(sentence, f"Beijing, {IMG} a diplomatic {MARKDOWN} and economic {COMMENT} "
                                  f"ally of Moscow, {SCRIPT} {MATH}", 1)
    (folder / other.name).write_text(page, encoding="utf-8")
    table = pd.read_csv(small / "newsarticles_sample.csv", dtype=str, keep_default_na=False)
    every_tenth = table.index % 10 == 0
    table.loc[every_tenth, "title"] += f" {SCRIPT} {MATH} {COMMENT}"
    table.loc[every_tenth, "text"] = (f"{IMG} {MARKDOWN} {COMMENT} " + table.loc[every_tenth, "text"]
                                      + f" {SCRIPT} It cost $5 and then $10.")
    table.to_csv(folder / "planted.csv", index=False)
    return folder


class Browser:
    """A headless Chromium and one page, spoken to over the DevTools websocket."""

    def __init__(self, chromium: str):
        import requests
        import websocket

        # Chromium's helper processes (crashpad, GPU, zygote) may still write into the
        # profile for a moment after the browser is gone; removing it must not fail the
        # test then (it did, as a teardown error, on a busy machine).
        self._profile = tempfile.TemporaryDirectory(prefix="corpus_tools_cdp_",
                                                    ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile.name}",
             "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages = [t for t in requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
                 if t["type"] == "page"]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30,
                                              suppress_origin=True)
        self._id = 0
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params) -> dict:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def pump(self, seconds: float) -> None:
        """Collect events for a while (late image errors, timers)."""
        self.ws.settimeout(0.2)
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                try:
                    self.events.append(json.loads(self.ws.recv()))
                except Exception:  # websocket timeout: nothing arrived in 0.2 s
                    pass
        finally:
            self.ws.settimeout(30)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            self.pump(0.2)
        self.pump(1.0)

    def evaluate(self, expression: str):
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply["result"].get("value")

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self._profile.cleanup()


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()
    if not chromium:
        pytest.skip("No Chromium binary (chromium, chromium-browser or google-chrome) on the PATH; "
                    "`make install` installs Debian's chromium package")
    opened = Browser(chromium)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def planted_reports(tmp_path_factory):
    work = tmp_path_factory.mktemp("planted")
    corpus = plant_corpus(work / "corpus")
    try:
        written = build_reports(corpus=corpus, out=work / "reports", formats="html",
                                notebooks=notebook_sources(), progress=False)
        failures = {}
    except ReportError as exc:  # reported below; the pages that were built are still checked
        written, failures = exc.written, exc.failures
    return [p for p in written if p.suffix == ".html"], failures


def test_every_notebook_builds_on_the_planted_corpus(planted_reports):
    """Planted text must not break a notebook (e.g. "$" taken for maths by matplotlib)."""
    _, failures = planted_reports
    assert not failures, "\n".join(failures.values())


def _problems(events: list[dict], url: str) -> list[str]:
    """Console errors, exceptions and requests that left the page, from CDP events."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Network.requestWillBeSent":
            request = params["request"]["url"]
            if request != url and not request.startswith("data:"):
                found.append(f"request: {request}")
    return found


def test_planted_markup_runs_nothing_logs_nothing_and_fetches_nothing(browser, planted_reports):
    pages, _ = planted_reports
    assert len(pages) >= 2, "no report was built"  # the index and at least one notebook
    for page in pages:
        url = page.resolve().as_uri()
        browser.open(url)
        assert browser.evaluate("typeof window.__pwned") == "undefined", page.name
        assert browser.evaluate("document.scripts.length") == 0, page.name
        assert browser.evaluate(
            "document.querySelectorAll('img[src=\"x\"], a[href^=\"http://example.com\"]').length") == 0
        assert _problems(browser.events, url) == [], page.name


def test_planted_markup_reads_as_text(browser, planted_reports):
    overview = next(p for p in planted_reports[0] if p.name.startswith("01_"))
    browser.open(overview.resolve().as_uri())
    text = browser.evaluate("document.body.innerText")
    for planted in PLANTED:
        assert planted in text, f"{planted!r} is not shown as text in {overview.name}"
    # No maths typesetting, no Markdown rendering: nothing turned into elements.
    assert browser.evaluate("[...document.querySelectorAll('strong, b, em')]"
                            ".filter(e => e.textContent === 'bold').length") == 0
    assert browser.evaluate("document.querySelectorAll('mjx-container, .MathJax, math').length") == 0


def test_the_browser_check_can_fail(browser, tmp_path):
    """The same checks catch a page that does run a script and fetch an image."""
    page = tmp_path / "bad.html"
    page.write_text(f"<html><body>{SCRIPT}<img src='http://127.0.0.1:9/x.png'></body></html>",
                    encoding="utf-8")
    url = page.resolve().as_uri()
    browser.open(url)
    assert browser.evaluate("window.__pwned") == 1
    assert any(p.startswith("request: http://127.0.0.1:9/") for p in _problems(browser.events, url))
