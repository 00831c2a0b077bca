"""The appendices are generated from the data and its schema: glossary themes and index entries,
the data dictionary's words for constraints and keys, references and the book's citation."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from zhuzhou_innovation import glossary, references, schema, tables
from zhuzhou_innovation.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_every_indicator_sits_under_a_theme_the_schema_lists(ds):
    assert set(ds.indicators.theme) <= set(glossary.themes(ds))


def test_a_new_theme_value_is_refused_by_the_loader(data_copy):
    from datacopy import edit_row
    from zhuzhou_innovation.load import DataError

    line = edit_row(data_copy / "indicators.csv", "rd_intensity", theme="miscellany")
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert err.value.file == "data/indicators.csv" and err.value.row == line and err.value.field == "theme"


def test_index_entries_name_each_indicator_of_a_theme_in_the_edition_language(ds):
    indicators = pd.DataFrame(
        [
            {"id": "x", "name_en": "Widgets", "name_zh": "小部件", "theme": "rd"},
            {"id": "y", "name_en": "Gadgets", "name_zh": "装置", "theme": "rd"},
            {"id": "z", "name_en": "Loans", "name_zh": "贷款", "theme": "finance"},
        ]
    )
    small = replace(ds, indicators=indicators)
    assert glossary.index_entries(small, "rd", "en") == (
        "```{index} single: Gadgets (装置)\n```\n```{index} single: Widgets (小部件)\n```\n"
    )
    assert "single: 贷款（Loans）" in glossary.index_entries(small, "finance", "zh")
    assert glossary.index_entries(small, "policy", "en") == ""


def test_places_are_index_entries_too(ds):
    entries = glossary.index_entries(ds, "places", "en")
    assert all(f"single: {name} (" in entries for name in ds.regions.name_en)


def test_the_terms_a_source_prints_are_listed_once_per_indicator(ds):
    obs = pd.DataFrame({"indicator": ["a", "a", "a", "b"], "label_zh": ["高企", "高企", "有效高企数", ""]})
    small = replace(ds, observations=obs, indicators=pd.DataFrame({"id": ["a", "b"]}))
    assert glossary.printed_variants(small).to_dict() == {"a": "高企、有效高企数", "b": ""}


def test_constraints_and_keys_are_said_in_words_in_both_languages():
    field = {"name": "kind", "constraints": {"required": True, "enum": ["actual", ""], "pattern": "^[a-z]+$"}}
    assert schema.constraints(field) == "one of: actual, (empty); matches ^[a-z]+$"
    assert schema.constraints({"name": "x"}) == "–"
    assert schema.constraints(field, "zh").startswith("取值之一")
    res = {
        "name": "regions",
        "schema": {
            "primaryKey": ["id"],
            "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}],
        },
    }
    assert schema.keys(res) == {"id": "primary key", "parent": "refers to regions.id"}


def test_the_data_dictionary_lists_every_field_of_the_schema_including_new_columns(ds):
    for res in schema.package(ds)["resources"]:
        shown = tables.data_fields(ds, res["name"]).frame
        assert list(shown["Field"]) == [f["name"] for f in res["schema"]["fields"]]
    assert "label_zh" in list(tables.data_fields(ds, "observations").frame["Field"])
    assert {"style", "scale_en", "suffix_en", "suffix_zh"} <= set(
        tables.data_fields(ds, "units").frame["Field"]
    )


def test_a_reference_escapes_markdown_in_titles():
    assert references.escape("a*b_[c]") == r"a\*b\_\[c\]"


def test_the_book_is_cited_with_the_version_of_citation_cff(ds):
    cff = references.citation_file()
    text = references.book_citation(ds).data
    assert f"version {cff['version']}" in text and f"version = {{{cff['version']}}}" in text


def test_a_chinese_reference_names_the_publisher_in_chinese_and_the_book_by_its_chinese_title(ds):
    assert references.publisher_zh("Zhuzhou Daily (株洲日报)") == "株洲日报"
    assert references.publisher_zh("Rednet (红网), credited on the page (来源:红网); article by X") == "红网"
    assert references.publisher_zh("A publisher with no Chinese") == "A publisher with no Chinese"
    title, authors = references.book_names_zh()
    text = references.book_citation(ds, "zh").data.split("```")[0]
    assert f"{authors}（" in text and f"《{title}》" in text and "contributors" not in text
    listing = references.reference_list(ds, "zh").data
    assert "Zhuzhou Daily" not in listing and "株洲日报。" in listing
