"""The review site: every extracted value tied to its place on the page, with charts.

``build_review(OUT)`` writes ``OUT/review/``: ``index.html`` (every report, sortable and
filterable, and the files that failed), ``reports/<report_id>.html`` (the verdict and every
check, the profile chart, and each table of values, every value a link to an image of its page
with its box highlighted) and ``pages/`` (the page images). The site is static and
self-contained: opened from disk, it loads nothing from the network.

Modules: ``places`` (where a value was printed), ``flags`` (which values to mark), ``profiles``
and ``charts`` (the area profile), ``sources`` (the PDF again), ``views`` and ``html``,
``report_page``, ``index_page`` (the pages), ``site`` and ``build`` (writing it).
"""

from __future__ import annotations

from kompass_extract.review.build import build_review
from kompass_extract.review.site import REVIEW_FOLDER, ReviewResult

__all__ = ["REVIEW_FOLDER", "ReviewResult", "build_review"]
