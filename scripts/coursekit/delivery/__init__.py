"""Running the course with people: deliveries and their agendas, schedule pages and calendars, and the
scoring of knowledge checks before and after. It may import ``authoring``, ``book`` and ``model``.
"""
