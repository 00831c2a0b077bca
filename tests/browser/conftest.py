"""Shared fixtures for the checks on the built HTML book: the site, a local server, one browser.

Every test here is marked `browser` (select with `-m browser`, leave out with `-m "not browser"`).
The pages come from `_toc.yml`, so a new chapter is checked as soon as it is in the table of contents,
in both editions: a test taking `docname` runs on `book/07-trends` and on the Chinese edition's
`zh/book/07-trends` (the site serves the Chinese edition under `zh/`).
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
HTML = REPO / "_build" / "html"
SCREENSHOTS = REPO / "_build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ZH = "zh"  # the Chinese edition's folder on the site (zhuzhou_book.editions)
# What the HTML is built from; a newer file in any of these means the site is stale.
_SOURCES = ("book", "data", "lib", "locales", "_config.yml", "_toc.yml", "requirements.txt")
_BUILT_MARK = REPO / "_build" / ".browser-tests-built"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: checks on the built HTML book (pages in Chromium, search, links, axe)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def _toc_files(entry: object) -> list[str]:
    """The `file` entries of a _toc.yml node, depth first, in reading order."""
    if isinstance(entry, list):
        return [f for e in entry for f in _toc_files(e)]
    if not isinstance(entry, dict):
        return []
    files = [str(entry.get("root") or entry["file"])] if ("root" in entry or "file" in entry) else []
    for key in ("parts", "chapters", "sections", "subtrees", "entries"):
        files += _toc_files(entry.get(key, []))
    return files


def toc_pages(repo: Path = REPO) -> list[str]:
    """The book's pages (docnames such as `book/intro`) in the order of `_toc.yml`."""
    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    pages = [
        Path(f).with_suffix("").as_posix() if Path(f).suffix in (".md", ".ipynb") else f
        for f in _toc_files(toc)
    ]
    return list(dict.fromkeys(pages))


def edition_pages(repo: Path = REPO) -> list[str]:
    """The pages of both editions as the site serves them: `book/intro` ... then `zh/book/intro` ..."""
    pages = toc_pages(repo)
    return pages + [f"{ZH}/{page}" for page in pages]


def _newest_mtime(paths: list[Path], skip: tuple[str, ...] = ()) -> float:
    newest = 0.0
    for top in paths:
        files = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in files:
            if path.is_file() and path.suffix != ".mo" and not any(part in skip for part in path.parts):
                newest = max(newest, path.stat().st_mtime)
    return newest


def site_is_fresh(repo: Path = REPO) -> bool:
    """True when _build/html exists and nothing it is built from changed since it was written."""
    html = repo / "_build" / "html"
    if not (html / "index.html").is_file():
        return False
    built = max(
        _newest_mtime([html], skip=("_static",)),
        _BUILT_MARK.stat().st_mtime if _BUILT_MARK.is_file() else 0.0,
    )
    sources = _newest_mtime(
        [repo / s for s in _SOURCES], skip=("__pycache__", ".ipynb_checkpoints", "generated", "staging")
    )
    return built >= sources


@pytest.fixture(scope="session")
def site() -> Path:
    """The built HTML book, rebuilt with `make book` only when a source is newer than it."""
    (REPO / "_build").mkdir(exist_ok=True)
    # One build at a time: pytest-xdist workers share the folder.
    with open(REPO / "_build" / ".browser-tests.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not site_is_fresh():
            done = subprocess.run(["make", "book"], cwd=REPO, capture_output=True, text=True)
            if done.returncode != 0:
                pytest.fail(
                    "`make book` failed; the browser checks need the built book:\n"
                    + (done.stdout + done.stderr)[-4000:],
                    pytrace=False,
                )
            _BUILT_MARK.touch()
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> str:
    """The base URL of a local HTTP server on 127.0.0.1 serving the built book (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session, driven by Playwright."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.skip(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium` "
            "(Debian's Chromium; Playwright's own browser downloads are not used)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script installed from package-lock.json by `npm ci`."""
    if not AXE.is_file():
        pytest.skip(f"{AXE.relative_to(REPO)} is missing: run `npm ci` in the repository root")
    return AXE.read_text(encoding="utf-8")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test taking a `docname` argument runs once per page of `_toc.yml` in each edition."""
    if "docname" in metafunc.fixturenames:
        metafunc.parametrize("docname", edition_pages())
