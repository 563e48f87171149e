"""validate: check the course's data, notebooks and table of contents."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..checks.validate import validate
from .ui import show_report

NAME = "validate"
SUMMARY = "check all data files, notebooks and the table of contents"
DESCRIPTION = """\
Checks everything the book is made from and lists every problem at once, one per line:

    path:line: CODE what is wrong (fix: how to put it right)

Nothing is changed. Exit code 0 means the course is valid, 1 means problems were found.
Run it after every edit; 'build' runs it first anyway."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace, root: Path) -> int:
    return show_report(validate(root))
