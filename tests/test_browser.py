"""A real browser on the SQLite export: Datasette serves it on 127.0.0.1 and headless
Chromium opens the membership table, which must show the rows and the column
descriptions from the schema; a screenshot is taken (kept where
``NEC_REPORTS_SCREENSHOTS`` names a folder).  Skips where Datasette or Chromium is
missing (``.ci/run`` installs both where it can)."""

from __future__ import annotations

import html
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from nec_reports.build import build_tables
from nec_reports.export import metadata_path, to_sqlite
from nec_reports.tables import TABLES

pytestmark = [pytest.mark.network, pytest.mark.slow, pytest.mark.allow_hosts(["127.0.0.1"])]

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-default-browser-check",
    "--window-size=1280,900",
]
TIMEOUT_S = 60


def _browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium found (apt-get install chromium); the browser check needs one")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"datasette exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"datasette did not answer {url} within {TIMEOUT_S} s")


@pytest.fixture(scope="module")
def datasette(tmp_path_factory) -> Iterator[str]:
    """The bundled corpus exported and served; yields the database's base URL."""
    if importlib.util.find_spec("datasette") is None:
        pytest.skip("datasette is not installed (pip install 'nec-reports[datasette]')")
    folder = tmp_path_factory.mktemp("db")
    db, meta = to_sqlite(build_tables().tables, folder / "nec.sqlite")
    assert meta == metadata_path(db)
    port, log = _free_port(), folder / "datasette.log"
    cmd = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(meta)]
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [*cmd, "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/-/versions.json", proc, log)
            yield f"http://127.0.0.1:{port}/nec"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    return subprocess.run(
        [_browser(), *CHROME_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )


def test_membership_table_renders_with_column_descriptions(datasette, tmp_path):
    url = f"{datasette}/membership"
    dom = _chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert "<h1" in page and "membership" in page
    assert 'class="column-descriptions"' in page
    for c, col in TABLES["membership"].columns.items():  # every column, with its meaning
        assert f"<dt>{c}</dt>" in page, c
        assert html.escape(col.doc, quote=False) in page, c
    assert "The number of members stated." in page
    assert "CC BY 4.0" in page  # the licence from the metadata
    assert page.count('<td class="col-value type-int">') >= 10  # the rows themselves


def test_membership_table_screenshot(datasette, tmp_path):
    shot = tmp_path / "membership.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", f"{datasette}/membership")
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000  # not a blank page
    keep = os.environ.get("NEC_REPORTS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def test_full_text_search_box(datasette, tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", f"{datasette}/sentences?_search=antisemitism")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'name="_search"' in dom.stdout  # Datasette found the FTS index
    assert dom.stdout.lower().count("antisemitism") >= 10
