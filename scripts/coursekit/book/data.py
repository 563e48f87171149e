"""The course's data as notebooks read it: the same typed tables and recorded reads as ``model.data``.

Notebooks import only ``coursekit.book`` (a layering contract checks it); this module is their door to
``data/`` for the rare cell that needs a table no page function draws yet. Every read still goes
through ``model.data.path``, so the build cache knows which files the unit read.
"""

from __future__ import annotations

from ..model.data import citations, countries, country_names, frame, path, source_titles, sources, table, yaml_list

__all__ = ["citations", "countries", "country_names", "frame", "path", "source_titles", "sources", "table",
           "yaml_list"]
