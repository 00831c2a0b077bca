"""The data package's schema (`data/datapackage.json`) in words, for the data dictionary.

The dictionary page is generated from the same schema the loader validates against, so a new
field, constraint or table appears on the page without anyone retyping it.
"""

from __future__ import annotations

import json

from .load import Dataset


def package(ds: Dataset) -> dict:
    """The parsed datapackage.json of the dataset's folder."""
    return json.loads((ds.data_dir / "datapackage.json").read_text(encoding="utf-8"))


def resource(ds: Dataset, name: str) -> dict:
    """One table's resource entry (path, description, schema)."""
    return next(r for r in package(ds)["resources"] if r["name"] == name)


def constraints(field: dict, lang: str = "en") -> str:
    """A field's constraints in words ('required' has its own column): patterns, allowed values, limits."""
    words = {
        "en": ("matches", "one of", "(empty)", "at least", "unique"),
        "zh": ("须匹配", "取值之一", "（空）", "不小于", "不得重复"),
    }[lang]
    out = []
    for key, value in field.get("constraints", {}).items():
        if key == "pattern":
            out.append(f"{words[0]} {value}")
        elif key == "enum":
            out.append(f"{words[1]}: " + ", ".join(v if v else words[2] for v in value))
        elif key == "minimum":
            out.append(f"{words[3]} {value}")
        elif key == "unique":
            out.append(words[4])
        elif key != "required":
            out.append(f"{key}: {value}")
    return "; ".join(out) or "–"


def keys(res: dict, lang: str = "en") -> dict[str, str]:
    """For each key field of a table: 'primary key', or the table.field it refers to."""
    words = {"en": ("primary key", "refers to"), "zh": ("主键", "引用")}[lang]
    schema = res["schema"]
    out = dict.fromkeys(schema.get("primaryKey", []), words[0])
    for fk in schema.get("foreignKeys", []):
        table = fk["reference"]["resource"] or res["name"]  # "" refers to the table itself
        for field, target in zip(fk["fields"], fk["reference"]["fields"], strict=False):
            out[field] = f"{words[1]} {table}.{target}"
    return out
