"""A live preview for authors: build one edition, serve it on 127.0.0.1, rebuild on every save.

``serve`` builds the edition as ``build`` does (validate, cache, warm kernels, render, publish to
``_build/<edition>/html``) and serves the published site. It then watches ``book/``, ``data/``,
``_toc.yml`` and ``_config.yml`` (watchfiles) and builds again after each change: the cache re-runs
only the units whose code or data changed, the kernels stay warm between builds, Sphinx reads and
writes again only the pages whose staged source changed (``kept_render``), and the leak check searches
again only the files that changed (``leak_memo``). A clean ``build`` renders from scratch. Every HTML page
it serves carries a small script that asks ``/__preview__/status`` about once a second (naming the page it
shows), says "Updating" in a corner while a build runs, and reloads the page when a new build is published.
The unit of the page named last runs first, alone, and its page is published as soon as it is done, checked
as every build is (``open_page``); then the other units run and the whole site follows. When a build stops
(a finding from ``validate``, a failing cell), nothing more is published, so the last good page stays
served, and the script shows the problems as a banner at the top of the page (as text, never as markup).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from watchfiles import Change, watch

from ..model.findings import InputError, Report
from ..model.interrupts import stop_if_asked
from .build import BuildResult, build
from .execute import Cancelled, Executor
from .open_page import OpenPage, site_path

STATUS_PATH = "/__preview__/status"
SCRIPT_PATH = "/__preview__/preview.js"
WATCHED = ("book", "data")  # folders, watched
SETTINGS = ("_toc.yml", "_config.yml")  # files, polled
IGNORED_DIRS = {"_figures", ".ipynb_checkpoints", "__pycache__", "_build"}  # written by runs, not by authors
POLL_MS = 700  # how often an open page asks whether a new build is out

PREVIEW_JS = """\
(() => {
  const status = "%(status)s";
  let shown = null;
  const banner = () => {
    let el = document.getElementById("course-preview-banner");
    if (!el) {
      el = document.createElement("div");
      el.id = "course-preview-banner";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;max-height:40vh;overflow:auto;" +
        "background:#fff3cd;color:#000;border-bottom:3px solid #D55E00;padding:.6em 1em;font:15px/1.4 sans-serif;" +
        "white-space:pre-wrap";
      document.body.prepend(el);
    }
    return el;
  };
  const updating = (s) => {  // says "updating" while a build runs: the page will reload by itself
    let el = document.getElementById("course-preview-updating");
    if (!s.building) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("div");
      el.id = "course-preview-updating";
      el.setAttribute("role", "status");
      el.style.cssText = "position:fixed;bottom:0;right:0;z-index:10000;background:#0072B2;color:#fff;" +
        "padding:.3em .8em;font:15px/1.4 sans-serif";
      document.body.append(el);
    }
    el.textContent = "Updating after your change" + (s.running.length ? " (running " + s.running.join(", ") + ")" : "") +
      "; this page reloads when it is ready.";
  };
  const check = async () => {
    try {
      const r = await fetch(status + "?page=" + encodeURIComponent(location.pathname), {cache: "no-store"});
      const s = await r.json();
      if (shown === null) shown = s.version;
      if (s.version !== shown) { location.reload(); return; }
      updating(s);
      const old = document.getElementById("course-preview-banner");
      if (s.problems.length) {
        banner().textContent = "The last change was not published; this page shows the last good build.\\n" +
          s.problems.join("\\n");
      } else if (old) {
        old.remove();
      }
    } catch (e) { /* the preview server stopped or is restarting: try again */ }
    setTimeout(check, %(poll)d);
  };
  check();
})();
"""


@dataclass
class PreviewState:
    """What the open pages are told: the published build's number and what stopped the last one."""

    version: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    building: bool = False
    running: Callable[[], list[str]] = list  # the units executing now (the executor's)
    page: str | None = None  # the page open in the browser, as its status poll names it (``countries/th.html``)

    def published(self) -> None:
        with self.lock:
            self.version += 1
            self.problems = []

    def seen(self, query: str) -> None:
        """Note the page an open page's status poll names (``page=/countries/th.html``): its unit runs first."""
        page = parse_qs(query).get("page")
        if page and page[0].startswith("/"):
            with self.lock:
                self.page = site_path(page[0])

    def stopped(self, problems: list[str]) -> None:
        with self.lock:
            self.problems = list(problems)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "problems": self.problems, "building": self.building,
                               "running": self.running() if self.building else []}).encode()


LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def local_host(header: str | None, port: int) -> bool:
    """Whether a request's ``Host`` names this computer and the preview's port. A web page elsewhere
    can make its own name resolve to 127.0.0.1 (DNS rebinding) and then read the preview, trainer
    edition included, as its own origin; its requests still carry its own name, so they are refused."""
    return header is not None and header.strip().lower() in {f"{h}:{port}" for h in LOCAL_HOSTS}


def inject(page: bytes) -> bytes:
    """The page with the preview script before ``</head>`` (or at the end if it has none)."""
    tag = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
    at = page.rfind(b"</head>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


NOT_BUILT = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head>
<body><h1>No page built yet</h1><p>The preview shows the book once a build succeeds.</p></body></html>"""


def handler_for(site: Path, state: PreviewState) -> type[SimpleHTTPRequestHandler]:
    """A request handler serving the site ``site`` points to now (a symbolic link the build replaces
    in one step), with the preview script added to every page."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=os.path.realpath(site), **kwargs)

        def parse_request(self) -> bool:
            if not super().parse_request():
                return False
            if not local_host(self.headers.get("Host"), self.server.server_address[1]):
                self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "The preview answers only to localhost")
                return False
            return True

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path, _, query = self.path.split("#", 1)[0].partition("?")
            if path == STATUS_PATH:
                state.seen(query)
                return self._send(state.as_json(), "application/json")
            if path == SCRIPT_PATH:
                js = PREVIEW_JS % {"status": STATUS_PATH, "poll": POLL_MS}
                return self._send(js.encode(), "text/javascript; charset=utf-8")
            if not os.path.isdir(self.directory):
                return self._send(inject(NOT_BUILT), "text/html; charset=utf-8")
            local = Path(self.translate_path(path))
            if local.is_dir():
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                return self._send(inject(local.read_bytes()), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")  # a reload must show the new build
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
            pass  # the terminal shows builds, not every request

    return Handler


def relevant(change: Change, path: str) -> bool:
    """A change an author made: not a chart a local run wrote, an editor's backup or a lock file."""
    parts = Path(path).parts
    name = parts[-1] if parts else ""
    return not (IGNORED_DIRS.intersection(parts) or name.startswith((".#", "~$")) or name.endswith(("~", ".swp", ".tmp")))


def course_filter(root: Path) -> Callable[[Change, str], bool]:
    """``relevant``, and only where the file really is inside the course: a change seen through a
    symbolic link that leads out of it (or into ``_build``, which every build rewrites, so each build
    would start the next) starts no build."""
    real_root = Path(os.path.realpath(root))

    def wanted(change: Change, path: str) -> bool:
        if not relevant(change, path):
            return False
        real = Path(os.path.realpath(path))
        return real.is_relative_to(real_root) and relevant(change, str(real.relative_to(real_root)))

    return wanted


def settings_version(root: Path) -> tuple[tuple[int, int] | None, ...]:
    """Size and time of _toc.yml and _config.yml. They are polled, not watched: an editor that saves by
    writing a new file and renaming it over the old one would end a watch on the file itself."""
    out = []
    for name in SETTINGS:
        try:
            st = (root / name).stat()
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


@dataclass
class Preview:
    """One edition built, served and rebuilt on change; ``on_build`` hears of every build."""

    root: Path
    edition: str
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int | None = None
    on_build: Callable[[BuildResult, float], None] = lambda result, seconds: None
    on_page: Callable[[str, float, dict[str, float]], None] = lambda page, seconds, phases: None  # published first
    languages: list[str] | None = field(default_factory=lambda: ["en"])  # English only: a quick preview
    state: PreviewState = field(default_factory=PreviewState)

    @property
    def site(self) -> Path:
        return self.root / "_build" / self.edition / "html"

    @property
    def kept(self) -> Path:
        """Where Sphinx's work is kept between this session's builds (``kept_render``); each session starts
        it afresh, so its first render is full."""
        return self.root / "_build" / "preview"

    def start(self) -> str:
        """Start the server (the first build is left to ``run``); return its address."""
        self.server = ThreadingHTTPServer((self.host, self.port), handler_for(self.site, self.state))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="course-preview", daemon=True)
        self.thread.start()
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def rebuild(self, executor: Executor) -> BuildResult | None:
        """Build once; publish for the open pages, or tell them what stopped the build. None when a
        newer save cancelled it (``executor.cancel``)."""
        start = time.perf_counter()
        with self.state.lock:
            self.state.building, self.state.running = True, lambda: list(executor.running)
        def ahead(page: str, phases: dict[str, float]) -> None:
            self.state.published()
            self.on_page(page, time.perf_counter() - start, phases)

        try:
            wanted = OpenPage(self.state.page, ahead) if self.state.page else None
            result = build(self.root, [self.edition], workers=self.workers, executor=executor,
                           languages=self.languages, kept=self.kept, wanted=wanted)
        except InputError as exc:  # a file that broke while being read: a finding like any other
            result = BuildResult(Report(list(exc.findings)))
        except Cancelled:  # a newer save arrived: the next build starts at once, nothing was published
            return None
        finally:
            with self.state.lock:
                self.state.building = False
        if result.ok:
            self.state.published()
        else:
            self.state.stopped([f.format() for f in result.report.errors]
                               + [p for e in result.editions for p in e.problems])
        self.on_build(result, time.perf_counter() - start)
        return result

    def changes(self, stop: threading.Event) -> Iterator[None]:
        """Once per batch of an author's changes, 0.2 s after the last save of the batch."""
        folders = [self.root / name for name in WATCHED if (self.root / name).is_dir()]
        settings = settings_version(self.root)
        for batch in watch(*folders, watch_filter=course_filter(self.root), debounce=200, step=50, rust_timeout=300,
                           yield_on_timeout=True, stop_event=stop, raise_interrupt=False):
            now = settings_version(self.root)
            if batch or now != settings:
                settings = now
                yield None

    def run(self, stop: threading.Event | None = None) -> None:
        """Build, then rebuild after every change until ``stop`` is set (or Ctrl-C)."""
        stop = stop or threading.Event()
        saved = threading.Event()  # set by the watcher on every save, also while a build runs

        def watcher() -> None:
            for _ in self.changes(stop):
                saved.set()

        shutil.rmtree(self.kept, ignore_errors=True)  # another session's (or a build's since): not trusted
        try:
            with Executor(self.root, self.workers) as executor:
                executor.cancel = saved  # a save while units run stops them: a stale build never holds the preview
                threading.Thread(target=watcher, name="course-preview-watch", daemon=True).start()
                self.rebuild(executor)
                while not stop.is_set():
                    stop_if_asked()  # a Ctrl-C that a finalizer swallowed during a build still stops the preview
                    if saved.wait(0.5):
                        saved.clear()
                        self.rebuild(executor)
        finally:
            self.server.shutdown()
            self.server.server_close()
