"""One line of a fixed-width table read: label, figures with the span of their digits,
rules, EDGAR's inline tags and dot leaders."""

from __future__ import annotations

from decimal import Decimal

from tieout.model import Rule
from tieout.readers.text.lines import read_line


def test_a_figure_keeps_the_span_of_its_digits_without_dollar_and_padding() -> None:
    line = read_line("Net income (loss)        $  (1,234)      567 (a)")
    assert line.label == "Net income (loss)"
    first, second = line.figures
    assert first.raw == "$  (1,234)" and first.figure.value == Decimal(-1234)
    assert line.text[first.num_start : first.num_end] == "(1,234"
    assert line.text[second.num_start : second.num_end] == "567"


def test_dot_leaders_of_any_spacing_part_label_and_figure() -> None:
    for leader in ("......", ". . . .", ".. .", ". .."):
        line = read_line(f"Revenues {leader}  1,000")
        assert line.label == "Revenues", leader
        assert [f.figure.value for f in line.figures] == [Decimal(1000)], leader
    # two dots are part of the label's words
    assert read_line("Inc..  12").label == "Inc.."


def test_inline_tags_and_tabs_are_blanked_in_place() -> None:
    line = read_line("<S>Cost of sales\t<C>   9,876")
    assert line.label == "Cost of sales"
    (figure,) = line.figures
    assert line.text[figure.num_start : figure.num_end] == "9,876"
    assert read_line("<TABLE> <CAPTION>").markup
    assert not read_line("Sales <strong> 5").markup


def test_rule_lines_single_and_double() -> None:
    single = read_line("              --------     ---------")
    assert single.rule is Rule.SINGLE and len(single.rule_spans) == 2
    assert read_line("   ========  =========").rule is Rule.DOUBLE
    # a line of rule characters and a word is not a rule
    assert read_line("  ---- Total ----").rule is Rule.NONE
    assert read_line("   ").blank
