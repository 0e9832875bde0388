"""The landing page in headless Chromium: click a worked example, see its results rendered, and see
markup from the data shown as text. Chromium is driven over the DevTools protocol on a pipe (no
library needed); the test is skipped where /usr/bin/chromium is absent."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from test_server_support import build_data_dir, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="headless Chromium (/usr/bin/chromium) is not installed"
    ),
]


class Browser:
    """One headless Chromium with one page, spoken to with the DevTools protocol over fds 3 and 4."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]  # fmt: skip
        actions = [(os.POSIX_SPAWN_DUP2, to_chrome_r, 3), (os.POSIX_SPAWN_DUP2, from_chrome_w, 4)]
        devnull = os.open(os.devnull, os.O_WRONLY)
        actions += [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        self.pid = os.posix_spawn(CHROMIUM, args, os.environ, file_actions=actions)
        for fd in (to_chrome_r, from_chrome_w, devnull):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(f"never true: {expression}")

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)
        self.wait_for(f"document.readyState === 'complete' && location.href.startsWith({json.dumps(url)})")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            for _ in range(50):
                if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                    break
                time.sleep(0.1)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        for fd in (self._to_chrome, self._from_chrome):
            os.close(fd)


ROWS = "Array.from(document.querySelectorAll('#results tbody tr')).map(tr => Array.from(tr.cells).map(c => c.textContent))"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    data = build_data_dir(tmp_path_factory.mktemp("data"))
    with running_server(data, "--workers", "2") as url:
        yield url


@pytest.fixture()
def browser(tmp_path: Path):
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def test_an_example_query_runs_and_its_results_show(site: str, browser: Browser) -> None:
    browser.open(site + "/")
    assert browser.evaluate("document.querySelectorAll('button.example').length") >= 4
    browser.evaluate("document.querySelector('button.example[data-example=\"meetings\"]').click()")
    rows = browser.wait_for(f"{ROWS}.length > 0 && {ROWS}")
    header = browser.evaluate(
        "Array.from(document.querySelectorAll('#results th')).map(th => th.textContent)"
    )
    assert header[:4] == ["body", "ordinal", "date", "chairs"]
    assert [r[1:4] for r in rows] == [["3", "2024-03-15", "Chan Ka-wai"], ["4", "2024-04-02", "Lee Mei-ling"]]
    assert browser.evaluate("document.querySelector('#results p.status').textContent").startswith("2 rows")
    link = browser.evaluate("document.querySelector('#results tbody a').href")
    assert link == site + "/id/meeting/task-force-on-northern-metropolis-development/3"
    assert "query=" in browser.evaluate("location.search")  # the page's URL now shares the query


def test_markup_in_results_shows_as_text(site: str, browser: Browser) -> None:
    browser.open(site + "/")
    query = "SELECT ?t WHERE { ?r <http://purl.org/dc/terms/title> ?t FILTER(CONTAINS(?t, 'script')) }"
    browser.evaluate(f"document.getElementById('query-text').value = {json.dumps(query)}")
    browser.evaluate("document.getElementById('run').click()")
    rows = browser.wait_for(f"{ROWS}.length > 0 && {ROWS}")
    assert rows == [["<script>alert(1)</script> Task Force meets & plans <b>ahead</b>"]]
    assert browser.evaluate("document.querySelectorAll('#results script, #results b').length") == 0
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]


def test_an_error_is_shown_with_the_parsers_message(site: str, browser: Browser) -> None:
    browser.open(site + "/sparql?query=" + "SELECT%20*%20WHERE%20%7B%20%3Fs%20%7D")
    message = browser.wait_for("(document.querySelector('#results .error') || {}).textContent")
    assert message.startswith("400: malformed query: error at 1:")
