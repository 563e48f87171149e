"""The preview's leak check: each file of the site searched once for as long as the trainer-only text stays
the same, not on every save.

A save changes a page or two of a site of hundreds of files, yet the leak check searched every file again
(most of a preview's check step). What ``leakcheck.scan`` finds in a file depends only on the file's name,
its bytes, the trainer-only text and the frame lines, so the hits are kept in a file beside the kept render
(``serve`` only), under a digest of the trainer-only text and the frame: when either changes, every file is
searched again. Every build still collects the trainer-only text from the course, and every file of the
site is still listed, checked for trainer pages and reported under its own name.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..model import atomic
from ..model.findings import Finding
from .leakcheck import TrainerText, frame_lines, scan, trainer_text


def secret_digest(secret: TrainerText, frame: set[tuple[str, ...]]) -> str:
    """A digest of everything a file's hits depend on besides the file itself."""
    parts = (sorted(secret.phrases.phrases().items()), sorted(secret.words.items()), sorted(secret.pages.items()),
             sorted(secret.lines.items()), sorted(frame))
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _load(memo: Path, digest: str) -> dict[tuple[str, str], dict[str, list[str]]]:
    try:
        kept = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict) or kept.get("digest") != digest:
        return {}
    return {(name, sha): hits for name, sha, hits in kept.get("files", [])}


def check_site(root: Path, site: Path, memo: Path) -> list[Finding]:
    """``leakcheck.check_site``, with the hits of files searched before kept in ``memo``."""
    secret = trainer_text(root)
    digest = secret_digest(secret, frame_lines(site))
    searched = _load(memo, digest)
    findings = scan(site, secret, searched=searched)
    memo.parent.mkdir(parents=True, exist_ok=True)
    files = [[name, sha, hits] for (name, sha), hits in sorted(searched.items())]
    atomic.write_text(memo, json.dumps({"digest": digest, "files": files}), overwrite=True)
    return findings
