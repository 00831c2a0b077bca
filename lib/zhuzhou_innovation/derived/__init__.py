"""The book's derived numbers, one definition each (see `zhuzhou_innovation.quantities`).

`common` holds the quantities several chapters use (the GDP and R&D spending the sources imply);
each chapter's own arithmetic sits in a module named after it. Importing this package registers
them all; a name defined twice is an error at import.
"""

from . import (
    across_reports,  # noqa: F401
    common,  # noqa: F401
    findings,  # noqa: F401
    reports_2021_2022q1,  # noqa: F401
    reports_2022_2025,  # noqa: F401
    source_checks,  # noqa: F401
    sources,  # noqa: F401
    yanfeng,  # noqa: F401
)
