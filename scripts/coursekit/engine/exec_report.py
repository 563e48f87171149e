"""The execution report: for each unit of each edition, seconds, cache hit or miss, and status.

Written as JSON to ``_build/reports/execution.json`` after every build (failed ones too, which is
when it helps most) and, for the trainer edition, as a page generated into the staged book: it is
never a committed file, so it always describes the build that made the site.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import yaml

from ..model import atomic
from .execute import ExecResult

PAGE = "build-report"  # staged as build-report.md at the top of the trainer edition
PAGE_CAPTION = "Build report"


def _rounded(phases: dict) -> dict:
    return {k: _rounded(v) if isinstance(v, dict) else round(v, 2) for k, v in phases.items()}


def as_json(results: list[ExecResult], workers: int, seconds: float, phases: dict | None = None) -> str:
    executed = [r for r in results if r.cache == "miss"]
    doc = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "workers": workers,
        "seconds": round(seconds, 2),
        "phases": _rounded(phases or {}),  # seconds per step (per edition: stage, execute, render, check)
        "units": len(results),
        "executed": len(executed),
        "from_cache": len(results) - len(executed),
        "failed": sum(not r.ok for r in results),
        "results": [{**asdict(r), "seconds": round(r.seconds, 2)} for r in results],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_json(root: Path, results: list[ExecResult], workers: int, seconds: float, phases: dict | None = None) -> Path:
    path = root / "_build" / "reports" / "execution.json"
    atomic.write_text(path, as_json(results, workers, seconds, phases), overwrite=True)
    return path


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def page(results: list[ExecResult], workers: int) -> str:
    """The trainer edition's page: a table a trainer can read without opening the JSON."""
    executed = [r for r in results if r.cache == "miss"]
    busy = sum(r.seconds for r in executed)
    lines = [
        "# Build report",
        "",
        f"How the notebooks of this build ran ({time.strftime('%Y-%m-%d %H:%M')}): {len(results)} units in "
        f"all editions, {len(executed)} executed ({busy:.1f} s of kernel time on {workers} parallel workers), "
        f"{len(results) - len(executed)} taken from the cache because nothing they depend on had changed "
        "(their code, the course library they use, and every data file they read).",
        "",
        "| Edition | Unit | Seconds | Cache | Status |",
        "|---|---|---:|---|---|",
    ]
    for r in results:
        status = r.status if r.ok else f"{r.status}: {_cell(r.message)}"
        seconds = f"{r.seconds:.1f}" if r.cache == "miss" else "-"
        lines.append(f"| {r.edition} | {_cell(r.unit)} | {seconds} | {r.cache} | {status} |")
    lines += ["", "The same report is written to `_build/reports/execution.json` by every build.", ""]
    return "\n".join(lines)


def add_page(stage_dir: Path, text: str) -> None:
    """Write the page into a staged book and list it in the staged table of contents: in the part
    holding the trainer's guide if there is one, else in a part of its own at the end."""
    (stage_dir / f"{PAGE}.md").write_text(text, encoding="utf-8")
    toc_path = stage_dir / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8")) or {}
    if "chapters" in toc and "parts" not in toc:  # a book without parts
        toc["chapters"].append({"file": PAGE})
        toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return
    parts = toc.setdefault("parts", [])
    for part in parts:
        if any(str(ch.get("file", "")).startswith("trainer/") for ch in part.get("chapters", []) or []):
            part["chapters"].append({"file": PAGE})
            break
    else:
        parts.append({"caption": PAGE_CAPTION, "chapters": [{"file": PAGE}]})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
