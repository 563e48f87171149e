"""serve: a live preview of one edition that rebuilds and reloads itself as you edit."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from ..engine.editions import EDITIONS
from .ui import console, show_findings

NAME = "serve"
SUMMARY = "preview the book in your browser while you edit; it updates itself on every save"
DESCRIPTION = """\
Builds one edition (as 'build' does), shows it at http://127.0.0.1:8000/ on this computer only,
and keeps watching book/, data/, _toc.yml and _config.yml. Each time you save a file it builds
again, running only the notebooks your change affects; the page open in your browser says
"Updating" in its lower corner meanwhile, and reloads by itself, usually within a few seconds.

If a change has a problem (a finding of 'validate', or a notebook that fails), the problems are
printed here and shown in a yellow banner at the top of the page, and the page keeps showing the
last good build until you fix them. Saving again while a notebook still runs (one stuck in a loop,
say) stops that build and starts the new one. Open it as http://localhost:PORT/ or
http://127.0.0.1:PORT/: other names are refused, so no other web page can read the preview.
Stop with Ctrl-C.

    python3 scripts/course.py serve                      the participant edition
    python3 scripts/course.py serve --edition trainer    the trainer edition (do not share it)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edition", choices=sorted(EDITIONS), default="participant",
                        help="the edition to preview (default: participant)")
    parser.add_argument("--port", type=int, default=8000,
                        help="the port on 127.0.0.1 (default 8000; 0 picks a free one)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="notebooks run at the same time (default: one per core)")
    parser.add_argument("--languages", default="en", metavar="en,id",
                        help="the participant edition's languages to preview (default: en, the quickest; "
                             "a translator previews theirs with en,id)")


def _show(result, seconds: float) -> None:  # noqa: ANN001 - a BuildResult; imported lazily
    if not result.report.ok:
        show_findings(result.report.findings)
        console.print("[red]Not updated: fix the problems above (also shown on the page). "
                      "The preview keeps the last good build.[/]")
        return
    show_findings(result.report.findings)
    for ed in result.editions:
        for problem in ed.problems:
            console.print(f"[red]{ed.edition} edition: {escape(problem)}[/]")
    if result.ok:
        ran = sum(r.cache == "miss" for r in result.executed)
        console.print(f"[green]Preview updated[/] in {seconds:.1f} s ({ran} notebooks run).")
    else:
        console.print("[red]Not updated[/]: the preview keeps the last good build.")


def _page(page: str, seconds: float, phases: dict[str, float]) -> None:
    steps = ", ".join(f"{name} {s:.1f} s" for name, s in phases.items())
    console.print(f"[green]Page updated[/]: {escape(page)} in {seconds:.1f} s ({steps}); the other pages follow.",
                  highlight=False)


def run(args: argparse.Namespace, root: Path) -> int:
    if not 0 <= args.port <= 65535 or (args.workers is not None and args.workers < 1):
        console.print("[red]--port takes a number from 0 to 65535, --workers a whole number of at least 1.[/]")
        return 1
    from ..engine.serve import Preview  # imported here: the other commands start faster without it

    preview = Preview(root, args.edition, port=args.port, workers=args.workers, on_build=_show, on_page=_page,
                      languages=[c.strip() for c in args.languages.split(",") if c.strip()])
    try:
        url = preview.start()
    except OSError as exc:
        console.print(f"[red]Cannot listen on 127.0.0.1:{args.port} ({escape(exc.strerror or str(exc))}). "
                      "Another preview may be running: stop it, or choose another port with --port.[/]")
        return 1
    console.print(f"Preview of the {args.edition} edition: {url}  (building first; Ctrl-C stops)")
    try:
        preview.run()
    except KeyboardInterrupt:
        pass
    console.print("Preview stopped.")
    return 0
