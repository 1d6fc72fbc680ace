"""Figures printed twice whose rows name no concept: paired by a specific label, in
columns matched by period or, where a period is partly read, by the figures agreeing."""

from __future__ import annotations

from pathlib import Path

from golden import manifest
from textdoc import line_of, release_of_tables
from tieout.model import RelationSource, Release, Severity
from tieout.pipeline import read

QUARTERS = """
                                 Three Months Ended
                                    December 31,
                                 2021         2020
Net interest income            $ 9,262      $ 9,355
Noninterest income              11,594        9,134
Noninterest expense             13,198       14,802
Provision for credit losses       (452)        (179)
Other                              120          130
"""

# the same quarters under a spanner over both columns
SUMMARY = """
                                           Quarter Ended
                              Dec. 31,       Dec. 31,
                                2021           2020
Net interest income            $ 9,262        $ 9,355
Noninterest income              11,594          9,134
Noninterest expense             {expense}         14,802
Provision for credit losses       (452)          (179)
Other                              125            130
"""

# the quarters again, each column with its end date and no duration
DATES = """
                              Dec. 31,     Dec. 31,
                                2021         2020
Net interest income            $ {nii}      $ 9,355
Noninterest income              11,594        9,134
Noninterest expense             {expense}       14,802
Provision for credit losses       (452)        (179)
"""

# the years ended on the same dates, printed with no duration either
YEARS = """
                              Dec. 31,     Dec. 31,
                                2021         2020
Net interest income           $ 35,779     $ 39,956
Noninterest income              42,713       34,308
Noninterest expense             13,198       57,630
Provision for credit losses     (4,155)      14,129
"""


def _repeats(rel: Release) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {
        r.name.split(" = ")[0]: (r.holds_in, r.fails_in)
        for r in rel.relations
        if r.source is RelationSource.REPEAT
    }


def _errors(rel: Release) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in rel.findings if f.severity is Severity.ERROR]


def test_rows_with_no_concept_pair_by_a_specific_label() -> None:
    rel = release_of_tables(QUARTERS, SUMMARY.format(expense="13,198"))
    repeats = _repeats(rel)
    assert set(repeats) == {
        "Net interest income", "Noninterest income", "Noninterest expense",
        "Provision for credit losses",
    }  # fmt: skip
    assert all(not fails and len(holds) == 2 for holds, fails in repeats.values())
    assert not _errors(rel)


def test_a_label_printed_with_another_value_is_an_error_at_the_figure() -> None:
    tables = (QUARTERS, SUMMARY.format(expense="13,168"))
    rel = release_of_tables(*tables)
    holds, fails = _repeats(rel)["Noninterest expense"]
    assert holds == ("Quarter Ended Dec. 31, 2020",)
    assert fails == ("Quarter Ended Dec. 31, 2021",)
    assert _errors(rel) == [("repeat-mismatch", line_of("13,168", *tables))]


def test_a_generic_label_pairs_with_nothing() -> None:
    # "Other" prints 120 and 125 in the same quarter: no repeat, no finding
    tables = (QUARTERS, SUMMARY.format(expense="13,198"))
    rel = release_of_tables(*tables)
    assert "Other" not in _repeats(rel)
    assert not [f for f in rel.findings if f.line == line_of("125", *tables)]


def test_a_column_with_no_duration_pairs_where_the_shared_rows_agree() -> None:
    rel = release_of_tables(QUARTERS, DATES.format(nii="9,262", expense="13,198"))
    repeats = _repeats(rel)
    assert repeats["Noninterest expense"] == (("Dec. 31, 2021", "Dec. 31, 2020"), ())
    assert not _errors(rel)


def test_one_changed_figure_does_not_unpair_the_columns_that_prove_it_wrong() -> None:
    # 13,168 is one of the rows whose agreement pairs the columns: all but it agree
    tables = (QUARTERS, DATES.format(nii="9,262", expense="13,168"))
    rel = release_of_tables(*tables)
    holds, fails = _repeats(rel)["Noninterest expense"]
    assert (holds, fails) == (("Dec. 31, 2020",), ("Dec. 31, 2021",))
    assert _errors(rel) == [("repeat-mismatch", line_of("13,168", *tables))]


def test_two_changed_figures_leave_the_columns_unpaired() -> None:
    # two of four rows differ in 2021: no evidence that the columns are one period, so
    # the repeats are tested in 2020 alone (where they agree) and nothing is reported
    rel = release_of_tables(QUARTERS, DATES.format(nii="9,226", expense="13,168"))
    repeats = _repeats(rel)
    assert len(repeats) == 4
    assert set(repeats.values()) == {(("Dec. 31, 2020",), ())}
    assert not _errors(rel)


def test_a_column_of_the_same_end_date_that_disagrees_pairs_with_nothing() -> None:
    # a year also ends on Dec 31: its 13,198 agrees by chance, its other rows do not
    rel = release_of_tables(QUARTERS, YEARS)
    assert _repeats(rel) == {}
    assert not rel.findings


# another business's page: the same rows, its own figures
OTHER_PAGE = """
                                           Quarter Ended
                              Dec. 31,       Dec. 31,
                                2021           2020
Net interest income            $ 1,393        $ 1,547
Noninterest income               2,898          2,770
Noninterest expense              1,016          2,246
Provision for credit losses       (452)           (63)
"""


def test_labels_pair_only_between_tables_that_print_the_same_figures() -> None:
    # one provision agrees by chance; the pages share no other figure: not one statement
    rel = release_of_tables(QUARTERS, OTHER_PAGE)
    assert _repeats(rel) == {}
    assert not rel.findings


def test_a_labels_words_are_remembered_by_its_text_within_a_bound() -> None:
    """The repeats' row keys ask ``_label`` of texts they have seen before: the function
    of its text alone, remembered in a bounded cache; ``_wordy`` (asked once per label of
    a release, few of them met before) is the label's word count, not remembered."""
    from tieout.checks import repeats
    from tieout.prose.labels import clean_label, words

    for text in ("Noninterest expense", "Other", "Total revenues (1)", "Net income - GAAP", ""):
        label = repeats._label(text)
        assert label == clean_label(text).lower() == repeats._label(text)
        assert repeats._wordy(label) == (len(words(label)) >= repeats.MIN_LABEL_WORDS)
    assert repeats._specific("noninterest expense", set())
    assert not repeats._specific("noninterest expense", {"noninterest expense"})
    assert not repeats._specific("other", set())
    assert repeats._label.cache_info().maxsize == repeats._LABELS
    assert not hasattr(repeats._wordy, "cache_info")


def test_the_tables_sharing_a_row_are_those_paired_rows_can_pair(corpus_dir: Path) -> None:
    """``sharing`` (an index of every table's rows by key, built once per release) names
    exactly the other tables with which ``_Keys.shared`` finds a row, on every corpus
    release; a table outside it pairs no row (``paired_rows``), so a finder that asks it
    first (``quarters_across``) leaves out only pairs with nothing to pair. Two pages of
    the same rows share them, whether or not their figures agree; a table of other rows
    shares none."""
    from tieout.checks import repeats

    met = 0
    for name in manifest(corpus_dir):
        tables = read((corpus_dir / name).read_bytes(), name=name).tables
        keys = repeats._keys_of(tables)
        for a in tables:
            others = repeats.sharing(tables, a)
            brute = {b.index for b in tables if b.index != a.index and keys.shared(a, b)}
            assert others == brute, (name, a.index)
            met += len(others)
            for b in tables:
                if b.index not in others:
                    assert repeats.paired_rows(tables, a, b) == [], (name, a.index, b.index)
    assert met > 100
    rel = release_of_tables(QUARTERS, OTHER_PAGE, UNRELATED)
    assert len(rel.tables) == 3
    assert repeats.sharing(rel.tables, rel.tables[0]) == {1}
    assert repeats.sharing(rel.tables, rel.tables[1]) == {0}
    assert repeats.sharing(rel.tables, rel.tables[2]) == set()
    assert repeats.paired_rows(rel.tables, rel.tables[0], rel.tables[1]) == []  # (figures)


# a page of rows no other table prints
UNRELATED = """
                                           Quarter Ended
                              Dec. 31,       Dec. 31,
                                2021           2020
Mortgage banking revenue       $   393        $   547
Equipment lease income             898            770
Occupancy and equipment costs      616            246
"""
