"""The build: stage each edition through its transforms, execute on warm kernels with a data-aware
cache, render with Jupyter Book, check for leaks, publish atomically; and the benchmark of all that.
It may import every layer below it (``checks``, ``delivery``, ``authoring``, ``book``, ``model``).
"""
