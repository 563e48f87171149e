"""Output limits per unit, enforced while the unit runs, and stream outputs merged in linear time.

A unit that prints without end (a loop's log, a 50 MB line, a progress bar redrawn with carriage
returns) would otherwise fill memory, the cache and the page, and nbclient's own merging of stream
outputs uses a regular expression that is quadratic on carriage returns: on one long line it ran
for most of an hour, holding the interpreter so that neither the time limit nor Ctrl-C could act.
So the build merges streams itself (``coalesce``, one pass), and counts every output as it arrives
(``LimitedClient``): past the unit's limit on total output or on the length of one printed line,
further output is dropped, the kernel is interrupted, and the unit fails naming the cell.

Limits come from ``_config.yml`` (``execute.max_output_bytes``, ``execute.max_output_line``).
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from typing import Any

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the course's largest unit writes well under 2 MB (charts included)
DEFAULT_MAX_LINE = 100_000  # characters of one printed line; a wide table row is a few hundred


@dataclass(frozen=True)
class OutputLimits:
    max_bytes: int = DEFAULT_MAX_BYTES  # all outputs of a unit together (text, images as stored)
    max_line: int = DEFAULT_MAX_LINE  # one line of printed text (stdout, stderr)


def _amount(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _size(content: dict[str, Any]) -> int:
    parts = [content.get("text")] + list((content.get("data") or {}).values()) + list(content.get("traceback") or [])
    return sum(len(p) if isinstance(p, str) else len(str(p)) for p in parts if p is not None)


@functools.cache
def limited_client() -> type:
    """nbclient's client class, counting each output as it arrives (imported only when a unit runs:
    a build served by the cache never needs nbclient)."""
    from nbclient import NotebookClient

    class LimitedClient(NotebookClient):
        """nbclient's client, counting each output as it arrives; ``over`` says which limit was passed."""

        def __init__(self, *args: Any, limits: OutputLimits | None = None, **kwargs: Any):
            super().__init__(*args, coalesce_streams=False, **kwargs)
            self.limits = limits or OutputLimits()
            self.over: tuple[int, str] | None = None  # (1-based cell, what was exceeded)
            self._bytes = 0
            self._line: dict[str, int] = {}  # stream name -> length of its current line

        def output(self, outs: list, msg: dict[str, Any], display_id: str | None, cell_index: int) -> Any:
            if self.over is not None:
                return None  # past a limit: nothing more is kept while the interrupt takes effect
            content = msg.get("content") or {}
            self._bytes += _size(content)
            problem = None
            if self._bytes > self.limits.max_bytes:
                problem = (f"its output passed the limit of {_amount(self.limits.max_bytes)} per unit "
                           "(print less, or raise execute.max_output_bytes in _config.yml)")
            text = content.get("text") if msg.get("msg_type") == "stream" else None
            if isinstance(text, str) and problem is None:
                name = str(content.get("name"))
                pieces = text.replace("\r", "\n").split("\n")
                first = self._line.get(name, 0) + len(pieces[0])  # the line the previous print left open
                longest = max([first, *(len(s) for s in pieces[1:])])
                self._line[name] = len(pieces[-1]) if len(pieces) > 1 else first
                if longest > self.limits.max_line:
                    problem = (f"it printed a line longer than {self.limits.max_line} characters "
                               "(print less, or raise execute.max_output_line in _config.yml)")
            if problem is not None:
                self.over = (cell_index + 1, problem)
                if self.km is not None:
                    asyncio.ensure_future(self.km.interrupt_kernel())
                return None
            return super().output(outs, msg, display_id, cell_index)

    return LimitedClient


def coalesce(outputs: list) -> list:
    """Consecutive prints of one stream as one output, as nbclient's ``coalesce_streams`` does
    (carriage returns and backspaces applied, stderr after stdout), in one linear pass."""
    merged: list = []
    parts: dict[str, list[str]] = {}
    first: dict[str, Any] = {}
    for out in outputs:
        if out.get("output_type") == "stream":
            name = out.get("name")
            if name in first:
                parts[name].append(out.get("text", ""))
                continue
            first[name], parts[name] = out, [out.get("text", "")]
        merged.append(out)
    for name, out in first.items():
        out["text"] = terminal_text("".join(parts[name]))
    for i, out in enumerate(merged):
        if (out.get("output_type") == "stream" and out.get("name") == "stderr" and i + 1 < len(merged)
                and merged[i + 1].get("output_type") == "stream" and merged[i + 1].get("name") == "stdout"):
            merged.insert(i, merged.pop(i + 1))
    return merged


def terminal_text(text: str) -> str:
    """Text as a terminal would leave it: a carriage return within a line starts the line again,
    a backspace removes the character before it."""
    if "\r" not in text and "\b" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        if "\b" in line:
            kept: list[str] = []
            for ch in line:
                if ch == "\b" and kept and kept[-1] != "\b":
                    kept.pop()
                else:
                    kept.append(ch)
            line = "".join(kept)
        cut = line.rstrip("\r").rfind("\r")
        lines.append(line[cut + 1:] if cut >= 0 else line)
    return "\n".join(lines)
