"""YAML documents parsed by ``model.data.parsed_yaml``, kept by path and file version.

Why a module of its own: between units the build kernel drops every ``coursekit`` module
(``engine.kernel_state.reset``) so that no unit sees what the last one made, and this store is the one
thing meant to outlive that (parsing YAML was most of a unit's time). ``kernel_state.KEPT`` names this
module, so the reset leaves it alone; it is an ordinary module, found by an ordinary import.

It must stay that simple: no import of ``coursekit`` (a kept module holding a dropped module's objects
would leak them into the next unit), and it holds only third-party objects (ruamel documents), keyed by
each file's size, modification time and SHA-256, never a record a unit made of them.
"""

from __future__ import annotations

from typing import Any

FileVersion = tuple[int, int, str]

documents: dict[str, tuple[FileVersion, Any]] = {}
