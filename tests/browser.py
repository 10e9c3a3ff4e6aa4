"""A headless Chromium for the page tests, driven by selenium through Debian's ``chromedriver``
(``make system-deps`` installs ``chromium`` and ``chromium-driver``; the ``test`` extra brings
selenium). Both are given by path, so selenium never looks for, or downloads, a driver."""
from __future__ import annotations

import base64
import http.server
import shutil
import tempfile
import threading
from functools import partial

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--hide-scrollbars"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def chromedriver_path() -> str | None:
    return shutil.which("chromedriver")


class Served:
    """Serve a folder on localhost (a random free port) for the length of a with-block."""

    def __init__(self, folder):
        handler = partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Chromium:
    """One headless browser, one page."""

    def __init__(self, width=1280, height=900, network=False):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        exe, driver = chromium_path(), chromedriver_path()
        if exe is None or driver is None:
            raise RuntimeError("chromium or chromedriver is missing (make system-deps installs Debian's chromium "
                               "and chromium-driver)")
        self.profile = tempfile.mkdtemp(prefix="gdanim-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = exe
        for flag in FLAGS + [f"--window-size={width},{height}", f"--user-data-dir={self.profile}"]:
            options.add_argument(flag)
        # network: keep the DevTools network events, so requested() can list every request made
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", **({"performance": "ALL"} if network else {})})
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=driver))
        self.driver.set_page_load_timeout(30)

    def open(self, url):
        self.driver.get(url)            # returns once the page has loaded

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (JSON-like values come back as Python ones)."""
        return self.driver.execute_script(f"return ({expression});")

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(data))

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and failed requests since the last call (Chromium
        logs each as a SEVERE entry of the browser log)."""
        return [f"{e.get('source')}: {e['message']}" for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def requested(self) -> list[str]:
        """Every URL the page asked for since the last call (needs ``network=True``)."""
        import json
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
