"""Made-up observation rows for tests that need a few numbers of their own, not today's data."""

from __future__ import annotations

import json
from pathlib import Path


def _observation_columns() -> tuple[str, ...]:
    """The columns of observations.csv, as the schema (data/datapackage.json) names them."""
    package = json.loads(
        (Path(__file__).resolve().parents[1] / "data" / "datapackage.json").read_text("utf-8")
    )
    table = next(r for r in package["resources"] if r["name"] == "observations")
    return tuple(f["name"] for f in table["schema"]["fields"])


COLUMNS = _observation_columns()


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
