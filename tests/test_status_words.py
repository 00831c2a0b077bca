"""A target's status and a promise's best reading have one name each per language, wherever shown.

The book used to name the same status four ways ("cannot be judged" on the landing page and in
chapter 05, "not comparable" in the scorecard; 无法判断 beside 不可比, 尚无结果 beside 尚未报告
and 尚无报告): a reader could not tell they were one status. Every table, verdict, legend and
slide now reads `words.STATUS` and `words.READING`; these tests look at what each one prints.
"""

import pytest
from zhuzhou_innovation import figures, findings, slides, tables
from zhuzhou_innovation.load import load_dataset
from zhuzhou_innovation.scorecard import READINGS, STATUSES
from zhuzhou_innovation.words import READING, STATUS, label

LANGS = ("en", "zh")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def names(vocabulary, lang, capital=False):
    return {label(vocabulary, key, lang, capital) for key in vocabulary}


def test_the_vocabulary_names_every_status_and_reading_the_scorecard_gives_and_no_name_twice():
    assert set(STATUS) == set(STATUSES)
    assert set(READING) == set(READINGS)
    for lang in LANGS:
        assert len(names(STATUS, lang)) == len(STATUS), lang
        assert len(names(READING, lang)) == len(READING), lang


@pytest.mark.parametrize("lang", LANGS)
def test_tables_name_statuses_and_readings_from_the_vocabulary(ds, lang):
    shown = {
        "chapter 03's outcomes": (
            set(tables.zz2021_targets(ds, lang).frame.iloc[:, -1]),
            names(STATUS, lang),
        ),
        "chapter 05's answers": (
            set(tables.zz2022_answers(ds, lang).frame.iloc[:, 0]),
            names(STATUS, lang, capital=True),
        ),
        "chapter 08's counts": (
            set(tables.promise_counts(ds, lang).frame.iloc[:-1, 0]),
            names(STATUS, lang),
        ),
        "chapter 08's readings": (
            set(tables.promise_counts(ds, lang).frame.iloc[:-1, 1]),
            names(READING, lang),
        ),
    }
    for where, (printed, vocabulary) in shown.items():
        assert printed and printed <= vocabulary, (where, printed - vocabulary)


@pytest.mark.parametrize("lang", LANGS)
def test_verdicts_legends_and_slides_name_each_status_as_the_tables_do(lang):
    for status in STATUS:
        word = label(STATUS, status, lang)
        assert findings.verdict({"status": status, "period": "2099", "due": False}, lang).startswith(
            label(STATUS, status, lang, capital=True)
        )
        assert figures.WORDS[lang][status] == word
        assert slides.STATUS_WORDS[lang][status][0] == label(STATUS, status, lang, capital=True)
    for reading in READING:
        assert figures.WORDS[lang][reading] == label(READING, reading, lang)
