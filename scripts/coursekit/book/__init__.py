"""What the book's notebooks import to draw their tables and charts, and nothing else.

Notebooks (``book/**/*.ipynb``) import only from here; a build kernel is warmed with exactly this
package and what it imports (``engine.kernel_state``). It may import only ``coursekit.model``.
"""
