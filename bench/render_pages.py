"""Render saved HTML pages to the text a person's copy gives: ``document.body.innerText``.

The page-text corpora in ``../shared/corpora/page-text`` were rendered this way (headless
Chromium, JavaScript disabled, every request other than the page itself aborted, viewport
1280x1024, then ``document.body.innerText``); this script renders other saved pages, such as
``../shared/corpora/newspaper-pages/html``, the same way so that a text cleaner can be scored
on them next to an HTML extractor reading the same pages' HTML.

Run: ``nice .venv/bin/python bench/render_pages.py HTML_DIR OUT.jsonl.gz`` (one JSON line per
page: ``{"id": stem, "text": innerText}``). ``bench/clean.py`` calls it and keeps the result
under ``data/processed/bench/`` (git-ignored: the texts are the publishers').
"""
from __future__ import annotations

import argparse
import base64
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_tools.reports.pdf import CHROMIUM_FLAGS, find_chromium  # noqa: E402

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_META_REFRESH = re.compile(r"""<meta[^>]+http-equiv\s*=\s*["']?refresh[^>]*>""", re.I)
#: Where the page is served from: any address works, since every other request is aborted.
_ORIGIN = "http://page.test/"


def decode_page(data: bytes) -> str:
    """Bytes of a saved page as text, as the shared page-text corpus decoded them.

    A BOM first; bytes that are valid UTF-8 are UTF-8 whatever the page declares; else
    the declared charset (ISO-8859-1 and US-ASCII read as windows-1252, the WHATWG way);
    else UTF-8 with invalid bytes read as windows-1252.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="surrogateescape").encode(
        "utf-8", errors="surrogateescape").decode("cp1252", errors="replace")


class Renderer:
    """One headless Chromium with scripts off; pages served from memory, nothing else loads."""

    def __init__(self, chromium: str):
        import requests
        import websocket

        self._profile = tempfile.TemporaryDirectory(prefix="corpus_tools_render_")
        self.process = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile.name}",
             "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
             "--window-size=1280,1024", "about:blank"],
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
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60,
                                              suppress_origin=True)
        self._id = 0
        self._html = b""
        self._loaded = False
        self.call("Page.enable")
        self.call("Emulation.setScriptExecutionDisabled", value=True)
        self.call("Emulation.setDeviceMetricsOverride", width=1280, height=1024,
                  deviceScaleFactor=1, mobile=False)
        self.call("Fetch.enable", patterns=[{"urlPattern": "*"}])

    def _send(self, method: str, **params) -> int:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        return self._id

    def _handle(self, message: dict) -> None:
        method = message.get("method")
        if method == "Fetch.requestPaused":
            params = message["params"]
            if params["request"]["url"].split("#")[0] == _ORIGIN and params.get("resourceType") == "Document":
                self._send("Fetch.fulfillRequest", requestId=params["requestId"], responseCode=200,
                           responseHeaders=[{"name": "Content-Type",
                                             "value": "text/html; charset=utf-8"}],
                           body=base64.b64encode(self._html).decode("ascii"))
            else:
                self._send("Fetch.failRequest", requestId=params["requestId"],
                           errorReason="BlockedByClient")
        elif method == "Page.loadEventFired":
            self._loaded = True

    def call(self, method: str, **params) -> dict:
        wanted = self._send(method, **params)
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self._handle(message)

    def render(self, html: str) -> str:
        """``document.body.innerText`` of one page (meta refreshes removed first)."""
        self._html = _META_REFRESH.sub("", html).replace("\x00", "").encode("utf-8")
        self._navigate(_ORIGIN)
        reply = self.call("Runtime.evaluate", returnByValue=True,
                          expression="document.body ? document.body.innerText : ''")
        # Back to a blank page, waiting for its load event so that it cannot be taken
        # for the next page's.
        self._navigate("about:blank")
        return reply["result"].get("value") or ""

    def _navigate(self, url: str) -> None:
        self._loaded = False
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 60
        while not self._loaded:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            self._handle(json.loads(self.ws.recv()))

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - closing a dead socket
            pass
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._profile.cleanup()


def render_folder(html_dir: Path, out: Path) -> int:
    """Render every ``*.html`` of ``html_dir`` into ``out`` (JSON lines, gzip); pages written."""
    chromium = find_chromium()
    if not chromium:
        raise RuntimeError("no Chromium found (set CORPUS_TOOLS_CHROMIUM or install chromium)")
    renderer = Renderer(chromium)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    n = 0
    try:
        with gzip.open(partial, "wt", encoding="utf-8") as sink:
            for path in sorted(html_dir.glob("*.html")):
                text = renderer.render(decode_page(path.read_bytes()))
                sink.write(json.dumps({"id": path.stem, "text": text}, ensure_ascii=False) + "\n")
                n += 1
    finally:
        renderer.close()
    partial.replace(out)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    start = time.perf_counter()
    n = render_folder(args.html_dir, args.out)
    print(f"rendered {n} pages in {time.perf_counter() - start:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
