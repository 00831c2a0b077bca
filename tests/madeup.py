"""Made-up observation rows for tests that need a few numbers of their own, not today's data."""

from __future__ import annotations

from zhuzhou_innovation.load import columns

COLUMNS = tuple(columns("observations"))


def observation(id_: str, **fields) -> dict:
    """One row with every column of observations.csv: the given fields, the source read from the id,
    an actual count of 1 in Zhuzhou in 2021 unless told otherwise, and empty text elsewhere."""
    row = dict.fromkeys(COLUMNS, "") | {
        "id": id_,
        "source": id_.split("-")[0],
        "region": "zhuzhou",
        "period": "2021",
        "kind": "actual",
        "value": 1.0,
        "unit": "count",
    }
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise KeyError(f"not columns of observations.csv: {sorted(unknown)}")
    return row | fields
