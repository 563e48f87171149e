"""Many word sequences found in a long list of words in one pass: the leak check's search."""

from __future__ import annotations

from collections.abc import Iterable


class PhraseIndex:
    """Find many short word sequences in a long word list in one pass."""

    def __init__(self) -> None:
        self._by_len: dict[int, dict[tuple[str, ...], str]] = {}
        self._starts: dict[str, tuple[int, ...]] | None = None  # first word -> lengths of its phrases

    def add(self, run: tuple[str, ...], origin: str) -> None:
        self._by_len.setdefault(len(run), {}).setdefault(run, origin)
        self._starts = None

    @classmethod
    def of(cls, runs: Iterable[tuple[str, ...]]) -> PhraseIndex:
        index = cls()
        for run in runs:
            index.add(run, "")
        return index

    def discard(self, phrases: Iterable[tuple[str, ...]]) -> None:
        for p in phrases:
            self._by_len.get(len(p), {}).pop(p, None)
        self._starts = None

    def phrases(self) -> dict[tuple[str, ...], str]:
        return {p: o for group in self._by_len.values() for p, o in group.items()}

    def _lengths(self) -> dict[str, tuple[int, ...]]:
        """For each first word, the lengths of the phrases it starts: a word of a page is tried only
        at those lengths (answer-key entries make many lengths, each starting with few words)."""
        if self._starts is None:
            starts: dict[str, set[int]] = {}
            for length, group in self._by_len.items():
                for p in group:
                    starts.setdefault(p[0], set()).add(length)
            self._starts = {w: tuple(sorted(ls)) for w, ls in starts.items()}
        return self._starts

    def find(self, ws: list[str]) -> dict[tuple[str, ...], str]:
        """The indexed word runs that occur in ``ws``, with their origins."""
        found: dict[tuple[str, ...], str] = {}
        starts = self._lengths()
        for i, w in enumerate(ws):
            lengths = starts.get(w)
            if lengths is None:
                continue
            for length in lengths:
                run = tuple(ws[i:i + length])
                group = self._by_len[length]
                if run in group:
                    found[run] = group[run]
        return found
