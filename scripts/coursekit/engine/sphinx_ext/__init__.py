"""Sphinx extensions the build copies into a stage (they run inside jupyter-book, without coursekit)."""
