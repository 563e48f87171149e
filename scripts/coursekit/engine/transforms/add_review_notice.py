"""AddReviewNotice: a dated notice at the top of a page whose review date has passed.

Law and treaty status change; a page past its ``review_by`` date still builds, but says so at the
top, in both editions, with the dates, so no reader takes an old statement of the law as current.
``python3 scripts/course.py review`` lists the same pages for the trainer.
"""

from __future__ import annotations

import datetime as dt

import nbformat

from ...model.dates import format_date
from . import insert_after_title, markdown_cell

NOTICE_ID = "review-overdue-notice"


def notice_text(law_as_of: str | None, review_by: str) -> str:
    """The notice's words, with every date in the book's one format."""
    checked = f"The law on this page was last checked on {format_date(law_as_of)}, and the page" if law_as_of \
        else "This page"
    return (f":::{{warning}}\n**Due for review.** {checked} was due for review by {format_date(review_by)}. "
            "Laws and treaty status may have changed since then: check the sources before relying on it.\n:::")


def add_review_notice(nb: nbformat.NotebookNode, today: dt.date | None = None) -> nbformat.NotebookNode:
    course = nb.metadata.get("course") or {}
    review_by = course.get("review_by")
    today = today or dt.date.today()
    try:
        due = dt.date.fromisoformat(str(review_by)) if review_by else None
    except ValueError:
        return nb  # validate reports a malformed date
    if due is None or due >= today:
        return nb
    law = course.get("law_as_of")
    return insert_after_title(nb, [markdown_cell(notice_text(str(law) if law else None, str(review_by)),
                                                 NOTICE_ID)])
