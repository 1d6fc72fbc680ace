"""Prose: the figures of a release's sentences as claims, tied to its tables.

    paragraphs  running text of a plain-text document (HTML readers give their own)
    sentences   where a sentence ends (abbreviations, initials and decimals aside)
    numbers     amounts, per-share amounts, percents, share counts in a sentence
    periods     "the first quarter of 2004", "six months", "a year ago"
    subjects    metrics and segments as the prose and the tables name them
    claims      each figure with its subject, segment, period, kind and wording
    tie         each claim tied to its cell (or two cells) under the rounding rule

Each stage is a pure function of the records before it: paragraphs -> claims ->
tied claims (tie runs inside the checks, once the readings of ambiguous figures are
known).
"""
