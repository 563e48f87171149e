"""coursekit: the library behind ``scripts/course.py`` and the notebooks of the training book.

Notebooks import its ``book`` subpackage (``from coursekit.book import charts``) so that loading, tables and charts
live in tested code, not in cells.
"""

__version__ = "0.1.0"
