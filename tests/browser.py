"""Open a local HTML file in real headless Chromium and report what a user's browser would see.

Speaks the Chrome DevTools Protocol over ``--remote-debugging-pipe`` (fds 3 and 4 of the
browser, NUL-terminated JSON messages), so no websocket library or driver is needed. Collects
console errors, uncaught exceptions, log errors and every network request the page makes,
evaluates an expression once the page has loaded, and saves a full-page screenshot.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--remote-debugging-pipe"]


def find_chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)


@dataclass
class PageResult:
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, log entries at error level
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    value: Any = None  # the evaluated expression


class _Pipe:
    def __init__(self, write_fd: int, read_fd: int):
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 30) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive(timeout)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.read_fd], [], [], left)[0]:
                raise TimeoutError("no message from chromium")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def wait_for(self, method: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self.receive(max(0.01, deadline - time.monotonic())))


def open_page(html: Path, screenshot: Path, expression: str, chromium: str, width: int = 1200, timeout: float = 60) -> PageResult:
    """Load ``html`` in headless Chromium, evaluate ``expression``, save a full-page PNG to ``screenshot``."""
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()

    def child_fds() -> None:  # the browser reads commands on fd 3 and writes replies on fd 4
        high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
        os.dup2(high_r, 3)
        os.dup2(high_w, 4)

    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"], pass_fds=(3, 4),
                                   preexec_fn=child_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        pipe = _Pipe(to_browser_w, from_browser_r)
        try:
            target = pipe.send("Target.createTarget", {"url": "about:blank"}, timeout=timeout)["targetId"]
            session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Runtime", "Log", "Page", "Network"):
                pipe.send(f"{domain}.enable", session=session)
            pipe.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
            pipe.send("Page.navigate", {"url": html.resolve().as_uri()}, session)
            pipe.wait_for("Page.loadEventFired", timeout)
            value = pipe.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)["result"].get("value")
            height = pipe.send("Runtime.evaluate", {"expression": "document.documentElement.scrollHeight", "returnByValue": True},
                               session)["result"]["value"]
            pipe.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": min(int(height), 16000), "deviceScaleFactor": 1,
                                                             "mobile": False}, session)
            shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session, timeout=timeout)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            try:
                pipe.send("Browser.close", timeout=5)
            except (RuntimeError, TimeoutError):
                pass  # it may close the pipe before answering
        finally:
            if not _closed(process):
                process.kill()
                process.wait()
            os.close(to_browser_w)
            os.close(from_browser_r)
    result = PageResult(value=value)
    for event in pipe.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            result.errors.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            result.errors.append("exception: " + (details.get("exception", {}).get("description") or details.get("text", "")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            result.errors.append("log: " + params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            result.requests.append(params.get("request", {}).get("url", ""))
    return result


def _closed(process: subprocess.Popen[bytes]) -> bool:
    """Give the browser a moment to exit on its own after Browser.close."""
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return False
    return True
