"""The offline kit: the pack a trainer carries to a room (both sites, handouts as PDF, the trainer's
guide, slide decks, charts, the calendar and a README). It sits above ``engine`` because it uses a
finished build; ``engine`` holds the build alone. It may import ``engine`` and every layer below it.
"""
