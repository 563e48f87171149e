"""The course as data: toc and units, the notebook metadata schema, the typed records of every data file,
data access that records what a unit read, sources, findings, time zones, dates and safe text.

The bottom layer: it imports nothing else of coursekit.
"""
