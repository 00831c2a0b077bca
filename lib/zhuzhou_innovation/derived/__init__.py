"""The book's derived numbers, one definition each (see `zhuzhou_innovation.quantities`).

`common` holds the quantities several chapters use (the GDP and R&D spending the sources imply);
each chapter's own arithmetic sits in a module named after it. Importing this package registers
them all; a name defined twice is an error at import.
"""

from . import common  # noqa: F401
from . import reports_2021_2022q1  # noqa: F401
from . import source_checks  # noqa: F401
from . import reports_2022_2025  # noqa: F401
from . import findings  # noqa: F401
from . import sources  # noqa: F401
from . import yanfeng  # noqa: F401
from . import across_reports  # noqa: F401
