"""The preview's leak check: each file of the site searched once for as long as the trainer-only text stays
the same, not on every save.

A save changes a page or two of a site of hundreds of files, yet the leak check searched every file again
(most of a preview's check step). What ``leakcheck.scan`` finds in a file depends only on the file's name,
its bytes, the trainer-only text and the frame lines, so the hits are kept in a file beside the kept render
(``serve`` only), under a digest of the trainer-only text and the frame: when either changes, every file is
searched again. The trainer-only text is collected again whenever a file of the course changed (kept in this
process only), and every file of the site is still listed, checked for trainer pages and reported under its
own name.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..model import atomic
from ..model.findings import Finding
from .cache import course_digest
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


_COLLECTED: dict[Path, tuple[str, TrainerText]] = {}  # course folder -> (digest of the course, its trainer-only text)


def collected(root: Path) -> TrainerText:
    """``trainer_text(root)``, collected again only when a file of the course (or of the course library, or the
    date) changed since the last time in this process (``cache.course_digest``, which ``validate`` trusts too):
    half a second or more, twice per save when ``serve`` publishes the open page first."""
    digest = course_digest(root)
    kept = _COLLECTED.get(root)
    if kept is None or kept[0] != digest:
        kept = _COLLECTED[root] = (digest, trainer_text(root))
    return kept[1]


def check_site(root: Path, site: Path, memo: Path) -> list[Finding]:
    """``leakcheck.check_site``, with the hits of files searched before kept in ``memo``."""
    secret = collected(root)
    digest = secret_digest(secret, frame_lines(site))
    searched = _load(memo, digest)
    findings = scan(site, secret, searched=searched)
    memo.parent.mkdir(parents=True, exist_ok=True)
    files = [[name, sha, hits] for (name, sha), hits in sorted(searched.items())]
    atomic.write_text(memo, json.dumps({"digest": digest, "files": files}), overwrite=True)
    return findings
