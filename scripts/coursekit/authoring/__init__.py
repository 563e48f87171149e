"""Writing into the course for a trainer: scaffolds of new units and their templates, and the import of
survey exports. It may import ``book`` and ``model``.
"""
